import { describe, expect, it } from 'vitest';
import {
  describeUnclearSpan,
  describeUnclearTotal,
  isUnclearAt,
  normalizeUnclear,
  unclearMarker,
  unclearOverlap,
  unclearBeforeWords,
  unclearPlacement,
  unclearSeconds,
} from './unclear.ts';

describe('normalizeUnclear', () => {
  it('orders, merges overlapping and touching spans, clips to the recording and drops empty ones', () => {
    const spans = [
      { start: 40, end: 47 },
      { start: 3, end: 5 },
      { start: 4.5, end: 6 },
      { start: 6, end: 7 },
      { start: 10, end: 10 },
      { start: -1, end: 0.5 },
      { start: 58, end: 65 },
    ];
    expect(normalizeUnclear(spans, 60)).toEqual([
      { start: 0, end: 0.5 },
      { start: 3, end: 7 },
      { start: 40, end: 47 },
      { start: 58, end: 60 },
    ]);
    // The input is left as it was.
    expect(spans[1]).toEqual({ start: 3, end: 5 });
  });

  it('has nothing for a transcript without spans, and keeps spans when the length is unknown', () => {
    expect(normalizeUnclear(undefined)).toEqual([]);
    expect(normalizeUnclear([{ start: 70, end: 75 }])).toEqual([{ start: 70, end: 75 }]);
  });
});

describe('unclear time', () => {
  const spans = [
    { start: 2, end: 4 },
    { start: 10, end: 16 },
  ];
  it('sums the spans and the part of them inside a stretch', () => {
    expect(unclearSeconds(spans)).toBe(8);
    expect(unclearOverlap(spans, 3, 12)).toBe(3);
    expect(unclearOverlap(spans, 5, 9)).toBe(0);
  });

  it('tells whether a moment is inside a span', () => {
    expect(isUnclearAt(spans, 2)).toBe(true);
    expect(isUnclearAt(spans, 15.9)).toBe(true);
    expect(isUnclearAt(spans, 16)).toBe(false);
    expect(isUnclearAt(spans, 5)).toBe(false);
  });
});

describe('unclearBeforeWords', () => {
  it('lists the spans shown before each word, and after the last', () => {
    const words = [{ start: 0.5 }, { start: 8 }];
    const early = { start: 0, end: 0.4 };
    const gap = { start: 2, end: 3 };
    const gap2 = { start: 4, end: 7 };
    const late = { start: 12, end: 14 };
    expect(unclearBeforeWords(words, [early, gap, gap2, late])).toEqual([
      [early],
      [gap, gap2],
      [late],
    ]);
    expect(unclearBeforeWords([], [gap])).toEqual([[gap]]);
  });
});

describe('unclearPlacement', () => {
  const words = [{ start: 0.5 }, { start: 1 }, { start: 8 }, { start: 9 }];
  it('puts each span before the first word that starts at or after it', () => {
    expect(
      unclearPlacement(words, [
        { start: 0, end: 0.4 },
        { start: 2, end: 7.5 },
        { start: 8, end: 8.5 },
        { start: 12, end: 14 },
      ]),
    ).toEqual([0, 2, 2, 4]);
    expect(unclearPlacement([], [{ start: 1, end: 2 }])).toEqual([0]);
  });
});

describe('what the transcript says about unclear audio', () => {
  it('marks a span with its times, in the one clock format', () => {
    expect(unclearMarker({ start: 41.2, end: 46.8 })).toBe('[unclear 0:41–0:47]');
    expect(describeUnclearSpan({ start: 41.2, end: 46.8 })).toBe(
      'Audio too unclear to transcribe from 0:41 to 0:47',
    );
    expect(unclearMarker({ start: 61.1, end: 61.3 })).toBe('[unclear 1:01]');
    expect(describeUnclearSpan({ start: 61.1, end: 61.3 })).toBe(
      'Audio too unclear to transcribe at 1:01',
    );
  });

  it('says how much audio could not be transcribed, or nothing when all of it could', () => {
    expect(describeUnclearTotal([])).toBeNull();
    expect(describeUnclearTotal([{ start: 41, end: 47 }])).toBe(
      '6 s of audio was too unclear to transcribe',
    );
    expect(
      describeUnclearTotal([
        { start: 1, end: 1.2 },
        { start: 10, end: 75 },
      ]),
    ).toBe('1:05 of audio in 2 places was too unclear to transcribe');
    expect(describeUnclearTotal([{ start: 1, end: 1.2 }])).toBe(
      '1 s of audio was too unclear to transcribe',
    );
  });
});
