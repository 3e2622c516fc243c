/**
 * Which role cue phrases (`shared/analysis/cues-en.ts`) the labelled dev set leans on: for every
 * phrase of the role lists, the dev-set answers it matches in (`../shared/answers`, read at run
 * time) and in how many of the project's own example answers. A phrase that matches in exactly one
 * dev-set answer and no example is a candidate for a rule written for that answer: replace it with
 * a general wording class or drop it, and check the figures after.
 *   npx tsx scripts/audit-cues.ts [--all]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareAnswer } from '../shared/analysis/analyze.ts';
import {
  CUE_GROUPS,
  LESSON_CUES,
  OTHER_CUES,
  RESULT_CUES,
  SITUATION_CUES,
  TASK_CUES,
  TIME_ANCHORS,
} from '../shared/analysis/cues-en.ts';
import { ROLE_LABELLED_FIXTURES } from '../shared/analysis/fixtures/role-labels.ts';
import { compilePhrases, hasPhrase } from '../shared/analysis/phrases.ts';
import { findQuestion } from '../shared/questions/bank.ts';
import { answersDir, type LabelledAnswer } from './dev-set.ts';

const dir = answersDir();
const script = (await import(pathToFileURL(join(dir, 'score-dev-set.mjs')).href)) as {
  parseAnswerFile(text: string, name: string): LabelledAnswer;
};
const question = findQuestion('pipeline-broke');
if (question === undefined) throw new Error('The question bank has no "pipeline-broke".');
const termsOf = (text: string): string[] =>
  prepareAnswer({ text, words: [] }, question).answer.terms;
const folder = join(dir, 'real');
const answers = readdirSync(folder)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((file) => {
    const labelled = script.parseAnswerFile(readFileSync(join(folder, file), 'utf8'), file);
    return { file, terms: termsOf(labelled.sentences.map((sentence) => sentence.text).join(' ')) };
  });
const examples = ROLE_LABELLED_FIXTURES.map((fixture) => termsOf(fixture.text));

const lists: [string, readonly string[]][] = [
  ['TASK_CUES', TASK_CUES],
  ['RESULT_CUES', RESULT_CUES],
  ['SITUATION_CUES', SITUATION_CUES],
  ['OTHER_CUES', OTHER_CUES],
  ['LESSON_CUES', LESSON_CUES],
  ['TIME_ANCHORS', TIME_ANCHORS],
  ...Object.entries(CUE_GROUPS).map(([name, phrases]): [string, readonly string[]] => [
    `CUE_GROUPS.${name}`,
    phrases,
  ]),
];
const all = process.argv.includes('--all');
for (const [name, phrases] of lists) {
  for (const phrase of phrases) {
    const set = compilePhrases([phrase]);
    const files = answers.filter((answer) => hasPhrase(answer.terms, set)).map((a) => a.file);
    const inExamples = examples.filter((terms) => hasPhrase(terms, set)).length;
    if (all || (files.length === 1 && inExamples === 0))
      console.log(
        `${name.padEnd(24)} ${JSON.stringify(phrase).padEnd(24)} dev ${files.length} (${files.map((file) => file.slice(0, 2)).join(' ')}) examples ${inExamples}`,
      );
  }
}
