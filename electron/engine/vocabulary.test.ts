import { describe, expect, it } from 'vitest';
import { speechHintsFor } from '../../shared/vocabulary/hints.ts';
import { DATA_ENGINEER_VOCABULARY } from '../../shared/vocabulary/data-engineer.ts';
import { vocabularyPrompt } from './vocabulary.ts';

/** A stand-in tokenizer: one token per 4 letters of each word (rare long words cost more). */
const count = (text: string): number =>
  text
    .trim()
    .split(/\s+/)
    .reduce(
      (sum, word) => sum + Math.max(1, Math.ceil(word.replace(/[^a-z0-9]/gi, '').length / 4)),
      0,
    );

describe('vocabularyPrompt', () => {
  it('puts the question first, then the role terms the question mentions, within the budget', () => {
    const prompt = vocabularyPrompt(
      {
        question: 'Tell me about a time a backfill broke an SLA',
        terms: ['dbt', 'SLA', 'Airflow', 'backfill'],
      },
      count,
    );
    expect(prompt).toBe('Tell me about a time a backfill broke an SLA. dbt, Airflow.');
  });

  it("lists the draft's rare words, names and numbers before the other role terms", () => {
    const prompt = vocabularyPrompt(
      {
        draft:
          'Our nightly Fivetran sync into Snowflake failed. Priya and I rebuilt 14 models the same day.',
        terms: ['Snowflake', 'Kafka'],
      },
      count,
    );
    expect(prompt).toBe('nightly, Fivetran, Snowflake, failed, Priya, rebuilt, 14, models, Kafka.');
  });

  it('stops adding words at the token budget and leaves out an over-long question', () => {
    const hints = { question: 'word '.repeat(80), terms: ['alpha', 'beta', 'gamma', 'delta'] };
    const prompt = vocabularyPrompt(hints, count, 6);
    expect(prompt).not.toContain('word');
    expect(count(prompt)).toBeLessThanOrEqual(6);
    expect(prompt).toBe('alpha, beta, gamma.');
  });

  it('is empty without hints', () => {
    expect(vocabularyPrompt({}, count)).toBe('');
  });

  it('fits the real role vocabulary into the default budget', () => {
    const prompt = vocabularyPrompt(
      speechHintsFor({ prompt: 'Tell me about a dbt migration or large refactor you led.' }),
      count,
    );
    expect(prompt.startsWith('Tell me about a dbt migration')).toBe(true);
    expect(prompt).toContain('Fivetran');
    expect(count(prompt)).toBeLessThanOrEqual(96);
    expect(DATA_ENGINEER_VOCABULARY.tools).toContain('Snowflake');
  });
});
