import { describe, expect, it } from 'vitest';
import { analyzeAnswer } from './index.ts';
import { timedTranscript } from './fixtures/timed.ts';
import { GOOD_INCIDENT } from './fixtures/answers.ts';
import { findQuestion } from '../questions/bank.ts';
import type { Question } from '../questions/bank.ts';

const question = findQuestion('pipeline-broke') as Question;

describe('timing of a timed transcript', () => {
  const words = [
    { text: 'Our', start: 1.0, end: 1.2 },
    { text: 'pipeline', start: 1.3, end: 1.8 },
    { text: 'broke.', start: 1.9, end: 2.3 },
    // 0.8 s pause
    { text: 'I', start: 3.1, end: 3.2 },
    { text: 'was', start: 3.3, end: 3.5 },
    // 0.55 s: below the 0.6 s threshold
    { text: 'on', start: 4.05, end: 4.2 },
    { text: 'call.', start: 4.3, end: 4.7 },
  ];
  const report = analyzeAnswer({ text: '', words, durationSec: 6 }, question);

  it('keeps one analysed word per transcript word, same index and times', () => {
    expect(report.words.map((word) => [word.text, word.start, word.end])).toEqual(
      words.map((word) => [word.text, word.start, word.end]),
    );
  });

  it('finds pauses of 0.6 s or more, with their position', () => {
    expect(report.timing.pauses).toEqual([
      { afterWord: 2, start: 2.3, end: 3.1, durationSec: 0.8 },
    ]);
  });

  it('measures duration, speaking time and pace over the speech span', () => {
    expect(report.timing.estimated).toBe(false);
    expect(report.timing.estimatedWordsPerMinute).toBeUndefined();
    expect(report.timing.durationSec).toBe(6);
    expect(report.timing.wordCount).toBe(7);
    // Speech from 1.0 to 4.7 s = 3.7 s, minus the 0.8 s pause.
    expect(report.timing.speakingSec).toBeCloseTo(2.9, 5);
    expect(report.timing.wordsPerMinute).toBeCloseTo((7 / 3.7) * 60, 1);
  });

  it('uses the last word end when no duration is known', () => {
    expect(analyzeAnswer({ text: '', words }, question).timing.durationSec).toBe(4.7);
  });
});

describe('pace over time', () => {
  it('reports words per minute per 15 s window and follows a change of pace', () => {
    // 60 words at 120 wpm (30 s), then 60 words at 240 wpm (15 s).
    const text = Array.from({ length: 120 }, (_, index) => `word${index}`).join(' ');
    const report = analyzeAnswer(
      timedTranscript(text, { wordsPerMinute: 120, leadInSec: 0, rateFrom: { 60: 240 } }),
      question,
    );
    const windows = report.timing.paceOverTime;
    expect(windows.map((window) => window.start)).toEqual([0, 15, 30]);
    expect(windows[0]?.wordsPerMinute).toBeCloseTo(120, -1);
    expect(windows[1]?.wordsPerMinute).toBeCloseTo(120, -1);
    expect(windows[2]?.wordsPerMinute).toBeGreaterThan(200);
  });

  it('merges a last window shorter than half a window into the one before', () => {
    const words = (count: number): string =>
      Array.from({ length: count }, (_, index) => `w${index}`).join(' ');
    const windows = (count: number): number[][] =>
      analyzeAnswer(
        timedTranscript(words(count), { wordsPerMinute: 60, leadInSec: 0 }),
        question,
      ).timing.paceOverTime.map((window) => [window.start, window.end]);
    // 20 words at 1 s each + 0.5 s tail = 20.5 s: the 5.5 s rest joins the first window.
    expect(windows(20)).toEqual([[0, 20.5]]);
    // 25 words: 25.5 s, the 10.5 s rest is its own window.
    expect(windows(25)).toEqual([
      [0, 15],
      [15, 25.5],
    ]);
  });
});

describe('timing of a text-only transcript', () => {
  it('estimates times at 150 words per minute by default and says so', () => {
    const report = analyzeAnswer({ text: GOOD_INCIDENT, words: [] }, question);
    expect(report.timing.estimated).toBe(true);
    expect(report.timing.estimatedWordsPerMinute).toBe(150);
    expect(report.timing.durationSec).toBeCloseTo((report.timing.wordCount / 150) * 60, 1);
    expect(report.timing.pauses).toEqual([]);
    expect(report.words[1]?.start).toBeCloseTo(0.4, 5);
  });

  it('uses a stated speaking rate', () => {
    const report = analyzeAnswer({ text: GOOD_INCIDENT, words: [] }, question, {
      estimatedWordsPerMinute: 120,
    });
    expect(report.timing.estimatedWordsPerMinute).toBe(120);
    expect(report.timing.durationSec).toBeCloseTo((report.timing.wordCount / 120) * 60, 1);
  });

  it('spreads the words over a known duration', () => {
    const report = analyzeAnswer({ text: GOOD_INCIDENT, words: [] }, question, {
      durationSec: 150,
    });
    expect(report.timing.durationSec).toBe(150);
    expect(report.timing.estimatedWordsPerMinute).toBeCloseTo(
      (report.timing.wordCount / 150) * 60,
      1,
    );
  });
});
