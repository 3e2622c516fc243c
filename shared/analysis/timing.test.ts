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

describe('timing around audio too unclear to transcribe', () => {
  // Speech from 1.0 to 11.3 s; the recogniser heard speech from 3 to 9 s but could not write it.
  const words = [
    { text: 'Our', start: 1.0, end: 1.2 },
    { text: 'pipeline', start: 1.3, end: 1.8 },
    { text: 'broke.', start: 1.9, end: 2.3 },
    { text: 'I', start: 10.0, end: 10.2 },
    { text: 'was', start: 10.3, end: 10.5 },
    { text: 'on', start: 10.6, end: 10.8 },
    { text: 'call.', start: 10.9, end: 11.3 },
  ];
  const unclear = [{ start: 3, end: 9 }];
  const clear = analyzeAnswer({ text: '', words, durationSec: 12 }, question);
  const report = analyzeAnswer({ text: '', words, durationSec: 12, unclear }, question);

  it('keeps the spans in the report, and has none when the audio was clear', () => {
    expect(report.unclear).toEqual(unclear);
    expect(clear).not.toHaveProperty('unclear');
  });

  it('finds no pause inside unclear speech, only the silences around it', () => {
    expect(clear.timing.pauses.map((pause) => pause.durationSec)).toEqual([7.7]);
    expect(report.timing.pauses).toEqual([
      { afterWord: 2, start: 2.3, end: 3, durationSec: 0.7 },
      { afterWord: 2, start: 9, end: 10, durationSec: 1 },
    ]);
    // Unclear speech is still speech: 10.3 s of speech span minus 1.7 s of pauses.
    expect(report.timing.speakingSec).toBeCloseTo(8.6, 5);
  });

  it('measures the pace over the clear audio only', () => {
    expect(clear.timing.wordsPerMinute).toBeCloseTo((7 / 10.3) * 60, 1);
    expect(report.timing.wordsPerMinute).toBeCloseTo((7 / 4.3) * 60, 1);
    expect(report.timing.wordCount).toBe(7);
  });

  it('leaves out words heard inside an unclear span from the pace, not from the answer', () => {
    const withGuess = [
      ...words.slice(0, 3),
      { text: 'mumble', start: 5, end: 5.4 },
      ...words.slice(3),
    ];
    const guessed = analyzeAnswer(
      { text: '', words: withGuess, durationSec: 12, unclear },
      question,
    );
    expect(guessed.timing.wordCount).toBe(8);
    expect(guessed.timing.wordsPerMinute).toBeCloseTo((7 / 4.3) * 60, 1);
    expect(guessed.timing.pauses.map((pause) => [pause.afterWord, pause.durationSec])).toEqual([
      [2, 0.7],
      [3, 1],
    ]);
  });

  it('has no pace sample for a window too unclear to measure, and no slow-pace finding from it', () => {
    // 150 wpm, with a minute after word 60 that the recogniser could not transcribe.
    const transcript = timedTranscript(GOOD_INCIDENT, {
      wordsPerMinute: 150,
      pausesAfter: { 60: 60 },
    });
    const before = transcript.words[60]!;
    const after = transcript.words[61]!;
    const span = { start: before.end + 0.2, end: after.start - 0.2 };
    const heard = analyzeAnswer(transcript, question);
    const unclearAnswer = analyzeAnswer({ ...transcript, unclear: [span] }, question);
    const slowest = (samples: { wordsPerMinute: number }[]) =>
      Math.min(...samples.map((sample) => sample.wordsPerMinute));
    // Taken as silence, the gap is a minute-long pause, windows at 0 wpm and a slow answer.
    expect(heard.timing.pauses.some((pause) => pause.durationSec > 59)).toBe(true);
    expect(slowest(heard.timing.paceOverTime)).toBe(0);
    expect(heard.findings.map((finding) => finding.code)).toContain('delivery.pace-slow');
    // Taken as unclear speech, none of that.
    expect(unclearAnswer.timing.pauses.some((pause) => pause.durationSec > 1)).toBe(false);
    expect(slowest(unclearAnswer.timing.paceOverTime)).toBeGreaterThan(100);
    expect(unclearAnswer.timing.paceOverTime.length).toBeLessThan(heard.timing.paceOverTime.length);
    expect(unclearAnswer.timing.wordsPerMinute).toBeCloseTo(150, -1);
    expect(unclearAnswer.findings.map((finding) => finding.code)).not.toContain(
      'delivery.pace-slow',
    );
  });

  it('does not join the slow windows on either side of an unclear one into a sustained stretch', () => {
    // 30 s at 150 wpm, 15 s at 60, 15 s the recogniser could not transcribe, 15 s at 60, then 150.
    const transcript = timedTranscript(GOOD_INCIDENT, {
      wordsPerMinute: 150,
      leadInSec: 0,
      rateFrom: { 75: 60, 105: 150 },
      pausesAfter: { 89: 15 },
    });
    expect(transcript.words[90]?.start).toBeCloseTo(60, 5);
    const report = analyzeAnswer({ ...transcript, unclear: [{ start: 45, end: 60 }] }, question);
    expect(
      report.timing.paceOverTime.map((sample) => [sample.start, Math.round(sample.wordsPerMinute)]),
    ).toEqual(
      expect.arrayContaining([
        [30, 60],
        [60, 60],
      ]),
    );
    expect(report.timing.paceOverTime.some((sample) => sample.start === 45)).toBe(false);
    expect(report.findings.map((finding) => finding.code)).not.toContain('delivery.pace-slow');
    // Two slow windows next to each other are a sustained stretch.
    const adjacent = timedTranscript(GOOD_INCIDENT, {
      wordsPerMinute: 150,
      leadInSec: 0,
      rateFrom: { 75: 60, 105: 150 },
    });
    expect(
      analyzeAnswer(adjacent, question).findings.find((f) => f.code === 'delivery.pace-slow')
        ?.severity,
    ).toBe('info');
  });

  it('drops the spans of a text-only transcript, whose times are estimates', () => {
    const textOnly = analyzeAnswer({ text: GOOD_INCIDENT, words: [], unclear }, question);
    expect(textOnly).not.toHaveProperty('unclear');
  });

  it('rejects spans that are not spans of the recording', () => {
    const at = (spans: unknown) => () =>
      analyzeAnswer({ text: '', words, unclear: spans as typeof unclear }, question);
    expect(at({ start: 1, end: 2 })).toThrow(/"unclear" must be a list/u);
    expect(at([{ start: Number.NaN, end: 2 }])).toThrow(/Unclear span 0 start must be a number/u);
    expect(at([{ start: 5, end: 4 }])).toThrow(
      /Unclear span 0 ends at 4s, before it starts at 5s/u,
    );
    expect(at([null])).toThrow(/Unclear span 0 start/u);
  });
});
