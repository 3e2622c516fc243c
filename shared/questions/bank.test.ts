import { describe, expect, it } from 'vitest';
import { QUESTION_BANK, customQuestion, findQuestion, inferQuestionKind } from './bank.ts';

describe('question bank', () => {
  it('has unique ids, including the three the guide answers', () => {
    const ids = QUESTION_BANK.map((question) => question.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['pipeline-broke', 'bad-data-downstream', 'dbt-migration'])
      expect(findQuestion(id)?.id).toBe(id);
  });

  it('infers the kind the bank gives each of its own questions', () => {
    for (const question of QUESTION_BANK)
      expect(inferQuestionKind(question.prompt), question.prompt).toBe(question.kind);
  });

  it('infers kinds for typed-in questions', () => {
    expect(inferQuestionKind('Tell me about an outage you handled')).toBe('incident');
    expect(inferQuestionKind('How did you cut our Snowflake bill?')).toBe('cost-tradeoff');
    expect(inferQuestionKind('Describe a migration from Redshift')).toBe('migration');
    expect(inferQuestionKind('Tell me about a conflict with a stakeholder')).toBe('collaboration');
    expect(inferQuestionKind('What is your favourite colour?')).toBe('general');
  });

  it('makes custom questions with an inferred or given kind', () => {
    expect(customQuestion('  Tell me about an outage you handled ')).toMatchObject({
      id: 'custom-tell-me-about-an-outage-you-handled',
      kind: 'incident',
      custom: true,
    });
    expect(customQuestion('Tell me about an outage', 'general').kind).toBe('general');
    expect(() => customQuestion('   ')).toThrow(/needs some text/u);
  });
});
