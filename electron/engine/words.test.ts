import { describe, expect, it } from 'vitest';
import { fitToSpeech, orderWords, removeRepetitionLoops, settleWindowWords } from './words.ts';

const w = (text: string, start = 0, end = 0) => ({ text, start, end });
const texts = (words: { text: string }[]): string => words.map((x) => x.text).join(' ');

describe('removeRepetitionLoops', () => {
  it('cuts a phrase the decoder repeats over and over, keeping the first time', () => {
    const loop = 'I have never heard of this'.split(' ');
    const words = [...'So'.split(' '), ...loop, ...loop, ...loop, ...loop, ...loop].map((t) =>
      w(t),
    );
    expect(texts(removeRepetitionLoops(words))).toBe('So I have never heard of this');
  });

  it('keeps the repetitions people really make', () => {
    const words = 'no, no, no, I I said it it was was fine'.split(' ').map((t) => w(t));
    expect(removeRepetitionLoops(words)).toHaveLength(words.length);
    const stutter = 'the the the the the the the the end'.split(' ').map((t) => w(t));
    expect(texts(removeRepetitionLoops(stutter))).toBe('the end');
  });
});

describe('fitToSpeech and orderWords', () => {
  const speech = {
    speech: Array.from({ length: 300 }, (_, f) => (f >= 50 && f < 100) || (f >= 200 && f < 250)),
  };

  it('pulls a word stretched over a pause back to its speech, so the pause is a gap', () => {
    expect(fitToSpeech({ text: 'hello', start: 0.5, end: 1.9 }, speech)).toEqual({
      text: 'hello',
      start: 0.5,
      end: 1.0,
    });
  });

  it('drops a word that covers no speech at all (invented over silence)', () => {
    expect(fitToSpeech({ text: 'Thanks', start: 1.3, end: 1.8 }, speech)).toBeNull();
  });

  it('makes times monotonic and non-overlapping', () => {
    const ordered = orderWords([w('a', 0, 1), w('b', 0.8, 1.5), w('c', 1.2, 1.1)]);
    for (let i = 1; i < ordered.length; i++)
      expect(ordered[i]!.start).toBeGreaterThanOrEqual(ordered[i - 1]!.end);
    for (const word of ordered) expect(word.end).toBeGreaterThanOrEqual(word.start);
  });

  it('settles a window: offset, loops removed, fitted, ordered', () => {
    const raw = [w('Hi', 0, 0.6), w('there.', 0.6, 1.2), w('you', 1.2, 1.5)];
    const settled = settleWindowWords(raw, 0, speech);
    expect(texts(settled)).toBe('Hi there.');
    expect(settled[1]!.end).toBeLessThanOrEqual(1.0);
  });
});
