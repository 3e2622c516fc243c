import { describe, expect, it } from 'vitest';
import { DATA_ENGINEER_RUBRIC } from '../rubric/data-engineer.ts';
import { DATA_ENGINEER_VOCABULARY } from './data-engineer.ts';
import { checkSpeechHints, speechHintsFor } from './hints.ts';

describe('speech hints', () => {
  it('carry the question, the story draft when there is one, and the role vocabulary', () => {
    const question = { prompt: ' Walk me through a late-arriving data problem you solved. ' };
    expect(speechHintsFor(question, { draft: ' We backfilled 3 days. ' })).toEqual({
      question: 'Walk me through a late-arriving data problem you solved.',
      draft: 'We backfilled 3 days.',
      terms: expect.arrayContaining([
        ...DATA_ENGINEER_VOCABULARY.tools,
        ...DATA_ENGINEER_VOCABULARY.terms,
      ]) as unknown,
    });
    // Tools and terms alternate, so a prompt's budget takes the most common of both.
    expect(speechHintsFor(question).terms!.slice(0, 4)).toEqual([
      'dbt',
      'backfill',
      'Airflow',
      'SLA',
    ]);
    expect(speechHintsFor(question, { draft: '  ' })).not.toHaveProperty('draft');
    expect(speechHintsFor(question, null)).not.toHaveProperty('draft');
  });

  it("are the rubric's tool lexicon too (one copy)", () => {
    for (const tool of DATA_ENGINEER_VOCABULARY.tools)
      expect(DATA_ENGINEER_RUBRIC.lexicon.tools).toContain(tool.toLowerCase());
  });

  it('are checked when they cross a process boundary', () => {
    const hints = { question: 'q', draft: 'd', terms: ['dbt'] };
    expect(checkSpeechHints(hints)).toEqual(hints);
    expect(() => checkSpeechHints('dbt')).toThrow(/must be an object/);
    expect(() => checkSpeechHints({ question: 3 })).toThrow(/question must be a string/);
    expect(() => checkSpeechHints({ draft: 'x'.repeat(20_001) })).toThrow(/longer than/);
    expect(() => checkSpeechHints({ terms: 'dbt' })).toThrow(/list of strings/);
    expect(() => checkSpeechHints({ terms: Array(501).fill('a') })).toThrow(/at most 500/);
    expect(() => checkSpeechHints({ story: 'x' })).toThrow(/unknown field\(s\): story/);
  });
});
