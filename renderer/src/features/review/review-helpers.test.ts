import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../testing/sample-report.ts';
import { layoutPaceChart } from './pace-chart.ts';
import { groupRuns, markWords } from './transcript-marks.ts';
import { wordAtTime } from '../../../../shared/transcript/words.ts';

describe('wordAtTime', () => {
  const words = [{ start: 0.5 }, { start: 1 }, { start: 1 }, { start: 2 }];
  it('returns the last word that has started', () => {
    expect(wordAtTime(words, 0)).toBe(-1);
    expect(wordAtTime(words, 0.5)).toBe(0);
    expect(wordAtTime(words, 1.5)).toBe(2);
    expect(wordAtTime(words, 99)).toBe(3);
    expect(wordAtTime([], 3)).toBe(-1);
  });
});

describe('markWords', () => {
  it('marks fillers, rambling sections and STAR parts per word', () => {
    const marks = markWords(sampleReport());
    expect(marks.map((m) => m.filler)).toEqual([
      false,
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(marks.map((m) => m.rambling)).toEqual([-1, -1, -1, -1, 0, 0, 0, -1, -1, -1, -1, -1]);
    expect(marks.map((m) => m.star?.[0])).toEqual([
      's',
      's',
      's',
      's',
      'a',
      'a',
      'a',
      'a',
      'a',
      'r',
      'r',
      'r',
    ]);
  });

  it('ignores ranges outside the words instead of crashing', () => {
    const report = sampleReport();
    report.fillers.occurrences.push({ filler: 'uh', startWord: 11, endWord: 40 });
    expect(markWords(report)[11]!.filler).toBe(true);
    expect(markWords(report)).toHaveLength(12);
  });

  it('groups consecutive words by rambling section', () => {
    expect(groupRuns(markWords(sampleReport()))).toEqual([
      { startWord: 0, endWord: 4, rambling: -1 },
      { startWord: 4, endWord: 7, rambling: 0 },
      { startWord: 7, endWord: 12, rambling: -1 },
    ]);
  });
});

describe('layoutPaceChart', () => {
  it('places samples by time and pace, with the comfortable band', () => {
    const chart = layoutPaceChart(
      [
        { start: 0, end: 15, wordsPerMinute: 210 },
        { start: 15, end: 30, wordsPerMinute: 105 },
      ],
      300,
      100,
    );
    expect(chart.maxWpm).toBeCloseTo(220.5);
    expect(chart.points.map((p) => Math.round(p.x))).toEqual([75, 225]);
    expect(chart.points[0]!.y).toBeLessThan(chart.points[1]!.y);
    expect(chart.line.startsWith('M75.0,')).toBe(true);
    expect(chart.band.top).toBeLessThan(chart.band.bottom);
  });
});
