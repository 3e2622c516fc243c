import { describe, expect, it } from 'vitest';
import {
  describeDownload,
  formatClock,
  formatMegabytes,
  formatPosition,
  formatShare,
} from './format.ts';

describe('download figures', () => {
  it('gives megabytes with one decimal and a whole percent', () => {
    expect(describeDownload(34_200_000, 112_000_000)).toEqual({
      percent: 30,
      text: '34.2 MB of 112.0 MB · 30%',
    });
    expect(describeDownload(0, 81_285_000)).toEqual({ percent: 0, text: '0.0 MB of 81.3 MB · 0%' });
    expect(describeDownload(81_285_000, 81_285_000)).toEqual({
      percent: 100,
      text: '81.3 MB of 81.3 MB · 100%',
    });
  });

  it('never says 100% before the last byte, nor more than the total', () => {
    expect(describeDownload(111_999_999, 112_000_000).percent).toBe(99);
    expect(describeDownload(200_000_000, 112_000_000)).toEqual({
      percent: 100,
      text: '112.0 MB of 112.0 MB · 100%',
    });
  });

  it('says how much arrived when the total is unknown', () => {
    expect(describeDownload(5_500_000, 0)).toEqual({ percent: null, text: '5.5 MB so far' });
    expect(formatMegabytes(Number.NaN)).toBe('0.0 MB');
  });
});

describe('clock and shares', () => {
  it('rounds durations and moments the way the analysis texts do, and floors a playback position', () => {
    expect(formatClock(47.6)).toBe('0:48');
    expect(formatClock(59.5)).toBe('1:00');
    expect(formatPosition(59.96)).toBe('0:59.9');
    expect(formatPosition(83.46)).toBe('1:23.4');
    expect(formatShare(0.155)).toBe('16%');
    expect(formatShare(1.4)).toBe('100%');
  });
});
