import { describe, expect, it } from 'vitest';
import {
  chooseToken,
  compressionRatio,
  isSilence,
  needsFallback,
  probability,
  seededRandom,
} from './guard.ts';

describe('hallucination guard', () => {
  it('measures a repetition loop as highly compressible and normal speech as not', () => {
    const loop = 'I think that we should go. '.repeat(12);
    const speech =
      'So the nightly orders pipeline failed on Monday, and the finance team noticed it before we did.';
    expect(compressionRatio(loop)).toBeGreaterThan(2.4);
    expect(compressionRatio(speech)).toBeLessThan(2.4);
  });

  it('falls back on a loop or low confidence, but not on silence the model recognises', () => {
    expect(needsFallback({ avgLogProb: -0.3, compressionRatio: 1.4, noSpeechProb: 0.1 })).toBe(
      false,
    );
    expect(needsFallback({ avgLogProb: -0.3, compressionRatio: 3.1, noSpeechProb: 0.1 })).toBe(
      true,
    );
    expect(needsFallback({ avgLogProb: -1.4, compressionRatio: 1.4, noSpeechProb: 0.1 })).toBe(
      true,
    );
    const silence = { avgLogProb: -1.4, compressionRatio: 1.4, noSpeechProb: 0.8 };
    expect(needsFallback(silence)).toBe(false);
    expect(isSilence(silence)).toBe(true);
    expect(isSilence({ ...silence, avgLogProb: -0.2 })).toBe(false);
  });

  it('chooses the most likely token at temperature 0 and samples reproducibly above it', () => {
    const logits = [1, 3, 2, -1];
    const greedy = chooseToken(logits, 0, seededRandom(1));
    expect(greedy.token).toBe(1);
    expect(greedy.logProb).toBeCloseTo(Math.log(probability(logits, 1)), 6);
    const draw = (seed: number): number[] => {
      const random = seededRandom(seed);
      return Array.from({ length: 200 }, () => chooseToken(logits, 1, random).token);
    };
    expect(draw(7)).toEqual(draw(7));
    const counts = [0, 1, 2, 3].map((t) => draw(7).filter((x) => x === t).length);
    // At temperature 1 the samples follow the softmax: token 1 most often, but not always.
    expect(counts[1]!).toBeGreaterThan(counts[2]!);
    expect(counts[1]!).toBeLessThan(200);
  });
});
