import { describe, expect, it } from 'vitest';
import { compilePhrases, countQuantities, findPhrases, isNumberTerm } from './phrases.ts';

describe('phrase matching', () => {
  const set = compilePhrases([
    'on call',
    'escalat*',
    'i owned',
    'i owned the response',
    '# am',
    '#am',
  ]);

  it('matches literal, prefix and number patterns, longest first', () => {
    const terms = ['the', 'cfo', 'escalated', 'and', 'i', 'owned', 'the', 'response', 'at', '2am'];
    expect(findPhrases(terms, set).map((match) => match.phrase)).toEqual([
      'escalat*',
      'i owned the response',
      '#am',
    ]);
  });

  it('matches hyphenated phrases against split terms', () => {
    expect(findPhrases(['i', 'was', 'on', 'call'], compilePhrases(['on-call']))).toEqual([
      { start: 2, end: 4, phrase: 'on-call' },
    ]);
  });

  it('respects the search range', () => {
    expect(findPhrases(['on', 'call', 'x', 'on', 'call'], set, 1)).toEqual([
      { start: 3, end: 5, phrase: 'on call' },
    ]);
  });

  it('rejects an empty phrase', () => {
    expect(() => compilePhrases(['  '])).toThrow(/empty/);
  });

  it('recognises quantities', () => {
    expect(isNumberTerm('14')).toBe(true);
    expect(isNumberTerm('$11k')).toBe(true);
    expect(isNumberTerm('three')).toBe(true);
    expect(isNumberTerm('one')).toBe(false);
    expect(isNumberTerm('s3')).toBe(false);
    expect(countQuantities(['about', 'a', 'quarter', 'and', 'two', 'weeks'])).toBe(2);
  });
});
