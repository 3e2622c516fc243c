/**
 * `relevance.off-question` on the dev set of real answers (`../shared/answers/`, read at run time):
 * every answer with the question it is labelled as answering (the finding must not fire), and with
 * every other question of the bank (it may; how often is printed, as many neighbouring questions
 * can take the same story). Used by `npm run eval:rubric` and `test/unit/off-question.test.ts`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeAnswer } from '../shared/analysis/index.ts';
import type { Finding } from '../shared/analysis/types.ts';
import { QUESTION_BANK, findQuestion, type Question } from '../shared/questions/bank.ts';
import { answersDir, type LabelledAnswer } from './dev-set.ts';

interface DevSetScript {
  parseAnswerFile(text: string, name: string): LabelledAnswer;
}

export interface OffQuestionRun {
  file: string;
  question: Question;
  labelled: boolean;
  finding: Finding | undefined;
}

/** The dev-set answer texts by file name, with the question each is labelled as answering. */
export async function devSetAnswers(
  dir = answersDir(),
): Promise<{ file: string; question: Question; text: string }[]> {
  const script = (await import(pathToFileURL(join(dir, 'score-dev-set.mjs')).href)) as DevSetScript;
  const folder = join(dir, 'real');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((file) => {
      const answer = script.parseAnswerFile(readFileSync(join(folder, file), 'utf8'), file);
      const question = findQuestion(answer.question);
      if (question === undefined)
        throw new Error(`${file}: unknown question "${answer.question}".`);
      return { file, question, text: answer.sentences.map((sentence) => sentence.text).join(' ') };
    });
}

/** The off-question finding of one answer for one question. */
export function offQuestion(text: string, question: Question): Finding | undefined {
  return analyzeAnswer({ text, words: [] }, question).findings.find(
    (finding) => finding.code === 'relevance.off-question',
  );
}

/** Every answer against every question of the bank. */
export async function runOffQuestion(dir = answersDir()): Promise<OffQuestionRun[]> {
  const runs: OffQuestionRun[] = [];
  for (const answer of await devSetAnswers(dir)) {
    for (const question of QUESTION_BANK) {
      runs.push({
        file: answer.file,
        question,
        labelled: question.id === answer.question.id,
        finding: offQuestion(answer.text, question),
      });
    }
  }
  return runs;
}
