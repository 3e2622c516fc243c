import { describe, expect, it } from 'vitest';
import { BAND_EDGES, frameFeatures } from './filled-pause-features.ts';

const RATE = 16_000;

describe('frameFeatures', () => {
  it('reads voicing and the band of a harmonic sound, one frame per 10 ms', () => {
    const pcm = Float32Array.from({ length: RATE / 2 }, (_, i) => {
      const t = i / RATE;
      return 0.2 * Math.sin(2 * Math.PI * 150 * t) + 0.3 * Math.sin(2 * Math.PI * 900 * t);
    });
    const frames = frameFeatures(pcm);
    expect(frames).toHaveLength(50);
    const middle = frames[25]!;
    expect(middle.periodicity).toBeGreaterThan(0.9);
    const loudest = middle.bands.indexOf(Math.max(...middle.bands));
    expect([BAND_EDGES[loudest], BAND_EDGES[loudest + 1]]).toEqual([800, 1000]);
    expect(middle.level).toBeGreaterThan(-20);
  });

  it('finds no voicing in noise', () => {
    let seed = 11;
    const pcm = Float32Array.from({ length: RATE / 4 }, () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return 0.1 * (seed / 2_147_483_647 - 0.5);
    });
    for (const frame of frameFeatures(pcm).slice(3, -3))
      expect(frame.periodicity).toBeLessThan(0.4);
  });
});
