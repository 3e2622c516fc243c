import { describe, expect, it } from 'vitest';
import { findQuestion, type Question } from '../questions/bank.ts';
import { GOOD_INCIDENT } from './fixtures/answers.ts';
import { GUIDE_SAMPLES } from './fixtures/guide-samples.ts';
import { covers, locate } from './fixtures/locate.ts';
import { analyzeAnswer } from './index.ts';
import type { AnswerReport, RamblingReason } from './types.ts';

const analyze = (text: string): AnswerReport =>
  analyzeAnswer({ text, words: [] }, findQuestion('pipeline-broke') as Question);

function expectSection(text: string, reason: RamblingReason, offending: string): void {
  const report = analyze(text);
  const sections = report.rambling.filter((section) => section.reason === reason);
  expect(
    sections.length,
    `${reason}: ${JSON.stringify(report.rambling.map((section) => section.reason))}`,
  ).toBeGreaterThan(0);
  expect(covers(sections, locate(report.words, offending))).toBe(true);
  expect(sections[0]?.message.length).toBeGreaterThan(10);
  const finding = report.findings.find((item) => item.code === 'delivery.rambling');
  expect(covers(finding?.evidence ?? [], locate(report.words, offending))).toBe(true);
}

describe('rambling sections', () => {
  it('finds circling back, by phrase and by repetition', () => {
    expectSection(
      `${GOOD_INCIDENT} Like I said, the replica lock was the real problem.`,
      'circling-back',
      'the replica lock was the real problem',
    );
    expectSection(
      GOOD_INCIDENT.replace(
        'I killed the query,',
        'The analytics query on the replica held a lock on the orders table. I killed the query,',
      ),
      'circling-back',
      'The analytics query on the replica held a lock on the orders table.',
    );
  });

  it('finds a run-on sentence without a point', () => {
    const runOn =
      'And then I looked at the logs and then I looked at the other logs and then we talked about it with the people on the other side of the room and then we looked at the code for a while and then we went back to the logs again because nobody was really sure what was going on with the job.';
    expectSection(
      GOOD_INCIDENT.replace(
        'The next day I wrote the post-mortem.',
        `${runOn} The next day I wrote the post-mortem.`,
      ),
      'run-on',
      'nobody was really sure what was going on',
    );
  });

  it('finds a hedging pile-up', () => {
    expectSection(
      GOOD_INCIDENT.replace(
        'The actual problem',
        'I think maybe it was probably kind of a lock issue. The actual problem',
      ),
      'hedging',
      'maybe it was probably',
    );
  });

  it('finds a digression, marked by an aside or by "anyway"', () => {
    expectSection(
      GOOD_INCIDENT.replace(
        'Then I traced',
        'By the way, that replica was also where we kept the old marketing tables. Then I traced',
      ),
      'digression',
      'where we kept the old marketing tables',
    );
    expectSection(
      GOOD_INCIDENT.replace(
        'Then I traced',
        'Our office moved to a new building that month and the wifi was terrible. Anyway, then I traced',
      ),
      'digression',
      'the wifi was terrible',
    );
  });

  it('finds an off-topic sentence with no marker', () => {
    expectSection(
      GOOD_INCIDENT.replace(
        'Then I traced',
        'My neighbour got a very loud puppy that kept barking all night. Then I traced',
      ),
      'digression',
      'My neighbour got a very loud puppy',
    );
  });

  it('finds an org-chart preamble', () => {
    const preamble =
      'I worked at a mid-size fintech company with about four hundred employees. Our data team had six engineers and reported to the director of analytics.';
    expectSection(
      `${preamble} ${GOOD_INCIDENT}`,
      'org-chart-preamble',
      'reported to the director of analytics',
    );
  });

  it('finds nothing in the guide samples or the good answer', () => {
    for (const text of [...GUIDE_SAMPLES.map((sample) => sample.answer), GOOD_INCIDENT]) {
      expect(analyze(text).rambling).toEqual([]);
    }
  });
});
