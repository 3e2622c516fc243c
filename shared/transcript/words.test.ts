import { describe, expect, it } from 'vitest';
import {
  endsClause,
  endsQuestion,
  endsSentence,
  formatClock,
  normalizeWord,
  splitWords,
  wordAtTime,
  wordTerms,
} from './words.ts';

describe('word helpers', () => {
  it('splits on any whitespace and keeps attached punctuation', () => {
    expect(splitWords('  I was on call.\nThen  I paged\tthem ')).toEqual([
      'I',
      'was',
      'on',
      'call.',
      'Then',
      'I',
      'paged',
      'them',
    ]);
  });

  it('normalises words for matching', () => {
    expect(normalizeWord('Production.')).toBe('production');
    expect(normalizeWord('“We')).toBe('we');
    expect(normalizeWord('team’s')).toBe("team's");
    expect(normalizeWord('$4.8K,')).toBe('$4.8k');
    expect(normalizeWord('60%')).toBe('60%');
    expect(normalizeWord('—')).toBe('');
  });

  it('splits hyphenated and slashed words into terms', () => {
    expect(wordTerms('on-call')).toEqual(['on', 'call']);
    expect(wordTerms('S3/Segment,')).toEqual(['s3', 'segment']);
    expect(wordTerms('-')).toEqual([]);
  });

  it('knows sentence, clause and question ends', () => {
    expect(endsSentence('production.')).toBe(true);
    expect(endsSentence('right?')).toBe(true);
    expect(endsSentence('e.g.')).toBe(false);
    expect(endsSentence('4.8K')).toBe(false);
    expect(endsClause('green,')).toBe(true);
    expect(endsClause('hours;')).toBe(true);
    expect(endsClause('green')).toBe(false);
    expect(endsQuestion('right?')).toBe(true);
    expect(endsQuestion('right.')).toBe(false);
  });

  it('finds the word spoken at a time', () => {
    const words = [{ start: 0.5 }, { start: 1.0 }, { start: 1.6 }];
    expect(wordAtTime(words, 0.2)).toBe(-1);
    expect(wordAtTime(words, 0.5)).toBe(0);
    expect(wordAtTime(words, 1.59)).toBe(1);
    expect(wordAtTime(words, 9)).toBe(2);
    expect(wordAtTime([], 1)).toBe(-1);
  });

  it('formats clock times', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(42.4)).toBe('0:42');
    expect(formatClock(125)).toBe('2:05');
  });
});

describe('dashes', () => {
  it('a spaced or standalone dash breaks the clause', () => {
    expect(endsClause('first -')).toBe(true);
    expect(endsClause('-')).toBe(true);
    expect(endsClause('row-count')).toBe(false);
  });
});
