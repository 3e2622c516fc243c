import { describe, expect, it } from 'vitest';
import { buildAnswerText } from './answer-text.ts';
import { findFillers } from './fillers.ts';
import { ANALYSIS_LIMITS, analyzeAnswer } from './index.ts';
import { findQuestion, type Question } from '../questions/bank.ts';

/** The fillers found in a text, as "form@word" (word = the first word of the filler, as written). */
function fillers(text: string): string[] {
  const answer = buildAnswerText({ text, words: [] }, { estimatedWordsPerMinute: 150 });
  return findFillers(answer).map(
    (found) => `${found.filler}@${answer.words[found.startWord]?.text ?? '?'}`,
  );
}

describe('fillers', () => {
  it('always counts um, uh, er, ah, hmm', () => {
    expect(fillers('Um, the job, uh, failed. Er, hmm, ah well.')).toEqual([
      'um@Um,',
      'uh@uh,',
      'er@Er,',
      'hmm@hmm,',
      'ah@ah',
    ]);
  });

  it('counts basically, actually, literally', () => {
    expect(fillers('It basically actually literally broke.')).toEqual([
      'basically@basically',
      'actually@actually',
      'literally@literally',
    ]);
  });

  it('does not count "actual"', () => {
    expect(fillers('The actual problem was two dbt models.')).toEqual([]);
  });

  describe('"like"', () => {
    it('is not a filler as a verb', () => {
      expect(fillers('I like SQL. We would like a contract. They did not like it.')).toEqual([]);
    });
    it('is not a filler as a preposition or comparison', () => {
      expect(
        fillers(
          'It looks like a schema change. We lost something like 40 rows. It felt like a week.',
        ),
      ).toEqual([]);
    });
    it('is a filler when set off by commas or next to another filler', () => {
      expect(fillers('It was, like, broken.')).toEqual(['like@like,']);
      expect(fillers('The job was like, totally stuck.')).toEqual(['like@like,']);
      expect(fillers('And like um the logs were empty.')).toEqual(['like@like', 'um@um']);
    });
  });

  describe('"so"', () => {
    it('is a conjunction in "so that" and mid-sentence', () => {
      expect(
        fillers('I paused the refresh so that finance would not pull a wrong number.'),
      ).toEqual([]);
      expect(fillers('The dedup used one key, so the duplicates collapsed into one row.')).toEqual(
        [],
      );
      expect(fillers('It was green, so the dashboards kept refreshing.')).toEqual([]);
    });
    it('is a filler as an opener', () => {
      expect(fillers('So, um, basically the pipeline broke.')).toEqual([
        'so@So,',
        'um@um,',
        'basically@basically',
      ]);
      expect(fillers('So I was on call that week.')).toEqual(['so@So']);
      expect(fillers('It broke. So, we rolled back.')).toEqual(['so@So,']);
    });
  });

  describe('"right"', () => {
    it('is not a filler as an adjective or adverb', () => {
      expect(fillers('We picked the right key. I fixed it right away. Is that right?')).toEqual([]);
    });
    it('is a filler as a tag or an opener', () => {
      expect(fillers('You check the plan first, right? Right, so the index came later.')).toEqual([
        'right@right?',
        'right@Right,',
      ]);
    });
  });

  it('"you know" is a filler unless it has an object', () => {
    expect(fillers('It was, you know, a bad week.')).toEqual(['you know@you']);
    expect(fillers('And you know the job just died.')).toEqual([]);
    expect(fillers('Do you know the schema? You know what I mean.')).toEqual([]);
    expect(fillers('You know, the table was empty.')).toEqual(['you know@You']);
  });

  it('"I mean" is a filler as an aside, not in "what I mean"', () => {
    expect(fillers('I mean, the table was empty.')).toEqual(['I mean@I']);
    expect(fillers('That is what I mean by blast radius.')).toEqual([]);
  });

  it('"kind of" and "sort of" are fillers unless they follow a determiner', () => {
    expect(fillers('It was kind of broken and sort of slow.')).toEqual([
      'kind of@kind',
      'sort of@sort',
    ]);
    expect(fillers('That kind of failure is a different sort of problem.')).toEqual([]);
  });

  it('marks the words of a timed transcript at the same indexes', () => {
    const words = ['Um,', 'it', 'was,', 'like,', 'broken.'].map((text, index) => ({
      text,
      start: index,
      end: index + 0.5,
    }));
    const answer = buildAnswerText({ text: '', words }, { estimatedWordsPerMinute: 150 });
    expect(findFillers(answer).map((found) => [found.startWord, found.endWord])).toEqual([
      [0, 1],
      [3, 4],
    ]);
  });
});

describe('fillers next to detected filled pauses', () => {
  const timed = (texts: string[]) => {
    const words = texts.map((text, index) => ({
      text,
      start: index,
      end: index + 0.5,
      ...(text === 'um' ? { detected: true } : {}),
    }));
    const answer = buildAnswerText({ text: '', words }, { estimatedWordsPerMinute: 150 });
    return findFillers(answer).map((found) => found.filler);
  };

  it('keeps the verb "like" after an inserted um', () => {
    expect(timed(['I', 'um', 'like', 'SQL.'])).toEqual(['um']);
  });

  it('treats "so" after an opening um as the opener', () => {
    expect(timed(['um', 'so,', 'the', 'job', 'failed.'])).toEqual(['um', 'so']);
    expect(timed(['It', 'broke.', 'um', 'So,', 'we', 'rolled', 'back.'])).toEqual(['um', 'so']);
  });

  it('finds every filler in the longest accepted run of fillers (the scan is linear)', () => {
    const report = analyzeAnswer(
      { text: 'um, '.repeat(ANALYSIS_LIMITS.maxWords), words: [] },
      findQuestion('pipeline-broke') as Question,
    );
    expect(report.fillers.count).toBe(ANALYSIS_LIMITS.maxWords);
  });
});
