import { describe, expect, it } from 'vitest';
import {
  fillerCuesFromVtt,
  fillerKind,
  matchFillers,
  scoreFillersByTime,
  type FillerEvent,
} from './metrics.ts';

const word = (text: string, start: number, end = start + 0.3) => ({ text, start, end });

describe('fillerKind', () => {
  it('tells "uh" spellings from "um" spellings and rejects other words', () => {
    expect(['uh', 'Uh,', 'uhh', 'er', 'Er.'].map(fillerKind)).toEqual(Array(5).fill('uh'));
    expect(['um', 'Um,', 'umm', 'uhm', 'erm'].map(fillerKind)).toEqual(Array(5).fill('um'));
    expect(['hmm', 'mm', 'umbrella', 'her', 'a'].map(fillerKind)).toEqual(Array(5).fill(null));
  });
});

describe('scoreFillersByTime', () => {
  const expected: FillerEvent[] = [
    { kind: 'uh', start: 1.0, end: 1.3 },
    { kind: 'um', start: 3.0, end: 3.5 },
  ];

  it('matches within 0.3 s and only with the same kind', () => {
    const found = [word('uh', 1.5), word('uh', 3.1)];
    const typed = scoreFillersByTime(found, expected);
    expect([typed.truePositives, typed.found, typed.expected]).toEqual([1, 2, 2]);
    expect(scoreFillersByTime(found, expected, false).truePositives).toBe(2);
  });

  it('does not match a filler more than 0.3 s away', () => {
    expect(scoreFillersByTime([word('uh', 1.65)], expected).truePositives).toBe(0);
  });

  it('uses each reference filler once, so a run needs one found filler per token', () => {
    const run: FillerEvent[] = [
      { kind: 'uh', start: 1.0, end: 1.3 },
      { kind: 'uh', start: 1.5, end: 1.8 },
      { kind: 'uh', start: 2.0, end: 2.3 },
    ];
    expect([...matchFillers([word('uh', 1.4)], run)]).toHaveLength(1);
    const all = matchFillers([word('uh', 1.0), word('uh', 1.5), word('uh', 2.0)], run);
    expect([...all].sort()).toEqual([0, 1, 2]);
    // The nearest unused label is taken, not merely the first one in range.
    expect([...matchFillers([word('uh', 1.55)], run)]).toEqual([1]);
  });
});

describe('fillerCuesFromVtt', () => {
  it('reads the kind and time of [UH] and [UM] cues only', () => {
    const vtt = `WEBVTT\n\n0:00:00.020 --> 0:00:01.880\nYeah.\n\n0:00:02.540 --> 0:00:02.920\n[UH]\n\n0:00:10.600 --> 0:00:11.240\n[UM]\n`;
    expect(fillerCuesFromVtt(vtt)).toEqual([
      { kind: 'uh', start: 2.54, end: 2.92 },
      { kind: 'um', start: 10.6, end: 11.24 },
    ]);
  });
});
