/**
 * `relevance.off-question` on the dev set of real answers (read at run time from
 * `../shared/answers`, never copied): it never fires on an answer with the question it is labelled
 * as answering, never on another question of the same kind, and fires on answers paired with a
 * question they plainly do not answer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findQuestion, type Question } from '../../shared/questions/bank.ts';
import {
  devSetAnswers,
  offQuestion,
  runOffQuestion,
  type OffQuestionRun,
} from '../../scripts/off-question.ts';

let runs: OffQuestionRun[];
let texts: Map<string, string>;
beforeAll(async () => {
  runs = await runOffQuestion();
  texts = new Map((await devSetAnswers()).map((answer) => [answer.file.slice(0, 2), answer.text]));
});

const question = (id: string): Question => findQuestion(id) as Question;

describe('relevance.off-question on the dev set', () => {
  it('never fires on an answer with its own question', () => {
    const own = runs.filter((run) => run.labelled);
    expect(own).toHaveLength(30);
    const fired = own
      .filter((run) => run.finding)
      .map((run) => `${run.file}: ${run.finding?.detail}`);
    expect(fired, fired.join('\n')).toEqual([]);
  });

  it('never fires on another question of the same kind', () => {
    const kindOf = new Map(
      runs.filter((run) => run.labelled).map((run) => [run.file, run.question.kind]),
    );
    const fired = runs.filter(
      (run) => !run.labelled && run.finding && kindOf.get(run.file) === run.question.kind,
    );
    expect(fired.map((run) => `${run.file} ${run.question.id}`)).toEqual([]);
  });

  // Answers paired with a question they do not answer (the story is about something else).
  const OFF: readonly [string, string, RegExp][] = [
    ['25', 'pipeline-broke', /mentoring story/u], // mentoring interns, asked about a broken pipeline
    ['02', 'mentored', /cost-cutting win story/u], // a warehouse cost cut, asked about mentoring
    ['09', 'disagreed-definition', /incident story/u], // a 4 am hotfix, asked about a disagreement
    ['18', 'pipeline-broke', /stakeholder conflict story/u], // a churn-definition dispute
    ['05', 'schema-change', /tight deadline story/u], // a peak-season deadline
    ['04', 'postmortem', /cost-cutting win story/u], // cloud savings, asked about a post-mortem
  ];
  for (const [file, questionId, kind] of OFF) {
    it(`fires on answer ${file} asked "${questionId}", saying what is missing`, () => {
      const text = texts.get(file);
      expect(text).toBeDefined();
      const finding = offQuestion(text ?? '', question(questionId));
      expect(finding?.detail).toMatch(kind);
      expect(finding?.detail).toContain(question(questionId).prompt);
      expect(finding?.evidence.length).toBeGreaterThan(0);
    });
  }

  it('names the listening points the answer never touches', () => {
    const finding = offQuestion(texts.get('25') ?? '', question('pipeline-broke'));
    expect(finding?.detail).toMatch(
      /nothing in it speaks to detection time, communication, the durable fix$/u,
    );
  });
});
