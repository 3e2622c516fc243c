import { describe, expect, it } from 'vitest';
import { alignTokens, type AttentionTensor } from './alignment.ts';

/** Cross-attention where row r looks at frames around `centres[r]` (one layer, one head). */
function attention(centres: number[], prefixRows: number, frames: number): AttentionTensor[][] {
  const row = (centre: number): number[] =>
    Array.from({ length: frames }, (_, f) => Math.exp(-(((f - centre) / 3) ** 2)));
  const prefix = Array.from({ length: prefixRows }, () => row(0));
  const steps: AttentionTensor[][] = [[{ dims: [1, 1, prefixRows, frames], data: prefix.flat() }]];
  for (const centre of centres) steps.push([{ dims: [1, 1, 1, frames], data: row(centre) }]);
  return steps;
}

describe('alignTokens', () => {
  it('starts each token where the attention path reaches it, on the 20 ms grid', () => {
    const centres = [10, 30, 31, 60, 90];
    const times = alignTokens({
      steps: attention(centres, 4, 120),
      alignmentHeads: [[0, 0]],
      numFrames: 100,
      prefixLength: 4,
      medianWidth: 7,
    });
    // One time per generated token: the rows after the prefix, plus the last token (end of text).
    expect(times).toHaveLength(centres.length + 1);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(times[3]!).toBeGreaterThan(0.9); // the token attending at frame 60 starts well after 0.6 s of the first ones
    expect(times[4]!).toBeLessThanOrEqual(2.0); // cropped to the 100 frames of audio
    for (const t of times) expect(Math.round(t / 0.02) * 0.02).toBeCloseTo(t, 6);
  });

  it('returns nothing when no token was generated and rejects a model without attentions', () => {
    expect(
      alignTokens({
        steps: attention([], 4, 50),
        alignmentHeads: [[0, 0]],
        numFrames: 50,
        prefixLength: 4,
        medianWidth: 7,
      }),
    ).toEqual([]);
    expect(() =>
      alignTokens({
        steps: attention([5, 9], 4, 50),
        alignmentHeads: [[2, 0]],
        numFrames: 50,
        prefixLength: 4,
        medianWidth: 7,
      }),
    ).toThrow(/layer 2/);
  });
});
