/**
 * Whisper's standard guards against invented text (as in OpenAI's `transcribe`): a decoding whose
 * text compresses too well (a loop) or whose tokens were chosen with low confidence is decoded again
 * at a higher temperature; a window the model itself calls "no speech" with low confidence yields no
 * words. When no temperature gives a decoding to trust, the window's audio is marked as too unclear.
 */
import { deflateSync } from 'node:zlib';
import { seededRandom } from '../../shared/random/seeded.ts';

/** Temperatures tried in order (OpenAI uses steps of 0.2; two re-decodes at most bound the cost). */
export const TEMPERATURES = [0, 0.4, 0.8] as const;
export const COMPRESSION_RATIO_LIMIT = 2.4;
export const LOG_PROB_LIMIT = -1;
export const NO_SPEECH_LIMIT = 0.6;

export interface DecodingQuality {
  /** Mean log-probability of the chosen tokens (end of text included). */
  avgLogProb: number;
  /** UTF-8 length of the text over its zlib-compressed length. */
  compressionRatio: number;
  /** Probability the model gives "no speech" right after the start of transcript. */
  noSpeechProb: number;
}

export function compressionRatio(text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return 0;
  return bytes.length / deflateSync(bytes).length;
}

/** The model says no speech and is unsure of what it wrote: no words (OpenAI's no-speech skip). */
export function isSilence(q: DecodingQuality): boolean {
  return q.noSpeechProb > NO_SPEECH_LIMIT && q.avgLogProb < LOG_PROB_LIMIT;
}

/** A loop or a low-confidence decoding, unless it is silence: try the next temperature. */
export function needsFallback(q: DecodingQuality): boolean {
  if (isSilence(q)) return false;
  return q.compressionRatio > COMPRESSION_RATIO_LIMIT || q.avgLogProb < LOG_PROB_LIMIT;
}

/** Seeded, so the same window gives the same samples, batch or stream. */
export { seededRandom };

/**
 * Chooses the next token from one row of logits: the most likely at temperature 0, else a sample
 * from softmax(logits / temperature). Returns it with its log-probability at temperature 1.
 */
export function chooseToken(
  logits: ArrayLike<number>,
  temperature: number,
  random: () => number,
): { token: number; logProb: number } {
  let max = Number.NEGATIVE_INFINITY;
  let best = 0;
  for (let i = 0; i < logits.length; i++) {
    if (logits[i]! > max) {
      max = logits[i]!;
      best = i;
    }
  }
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  const logZ = max + Math.log(sum);
  let token = best;
  if (temperature > 0) {
    let total = 0;
    for (let i = 0; i < logits.length; i++) total += Math.exp((logits[i]! - max) / temperature);
    let target = random() * total;
    for (let i = 0; i < logits.length; i++) {
      target -= Math.exp((logits[i]! - max) / temperature);
      if (target <= 0) {
        token = i;
        break;
      }
    }
  }
  return { token, logProb: logits[token]! - logZ };
}

/** Probability of `token` under softmax of `logits`. */
export function probability(logits: ArrayLike<number>, token: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  return Math.exp(logits[token]! - max) / sum;
}
