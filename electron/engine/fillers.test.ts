import { describe, expect, it } from 'vitest';
import { findFilledPauses, insertFilledPauses, isFillerWord } from './fillers.ts';

const RATE = 16_000;

/** A held vowel-like sound: steady 120 Hz pitch with formant-ish harmonics. */
function heldVowel(seconds: number): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => {
    const t = i / RATE;
    return (
      0.2 * Math.sin(2 * Math.PI * 120 * t) +
      0.1 * Math.sin(2 * Math.PI * 600 * t) +
      0.05 * Math.sin(2 * Math.PI * 1200 * t)
    );
  });
}

/** Speech-like: pitch and timbre change every 60 ms. */
function changingSound(seconds: number): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => {
    const segment = Math.floor(i / (0.06 * RATE));
    const pitch = 100 + ((segment * 37) % 90);
    const t = i / RATE;
    return (
      0.2 * Math.sin(2 * Math.PI * pitch * t) +
      0.1 * Math.sin(2 * Math.PI * pitch * (3 + (segment % 4)) * t)
    );
  });
}

const allSpeech = (seconds: number): boolean[] =>
  Array.from({ length: Math.ceil(seconds * 100) + 2 }, () => true);

describe('findFilledPauses', () => {
  it('finds a held, steady voiced sound of half a second', () => {
    const audio = new Float32Array(RATE * 2);
    audio.set(changingSound(0.6), 0);
    audio.set(heldVowel(0.5), Math.round(0.8 * RATE));
    const speech = Array.from({ length: 202 }, (_, f) => f < 60 || (f >= 80 && f < 130));
    const found = findFilledPauses(audio, 0, speech);
    expect(found).toHaveLength(1);
    expect(found[0]!.start).toBeGreaterThanOrEqual(0.75);
    expect(found[0]!.end).toBeLessThanOrEqual(1.4);
  });

  it('does not take ordinary, changing speech for a filler', () => {
    expect(findFilledPauses(changingSound(3), 0, allSpeech(3))).toEqual([]);
  });
});

describe('insertFilledPauses', () => {
  it('inserts a detected filler between words, marked as detected', () => {
    const words = [
      { text: 'So', start: 0, end: 0.3 },
      { text: 'tonight', start: 1.2, end: 1.6 },
    ];
    const out = insertFilledPauses(words, [{ start: 0.5, end: 0.9, kind: 'uh' }]);
    expect(out.map((w) => w.text)).toEqual(['So', 'uh', 'tonight']);
    expect(out[1]).toMatchObject({ detected: true, start: 0.5, end: 0.9 });
  });

  it('trims a word whose end was stretched over the filler, and skips one Whisper already wrote', () => {
    const stretched = insertFilledPauses(
      [{ text: 'delicious', start: 9.0, end: 11.8 }],
      [{ start: 10.6, end: 11.2, kind: 'um' }],
    );
    expect(stretched.map((w) => [w.text, w.end])).toEqual([
      ['delicious', 10.6],
      ['um', 11.2],
    ]);
    const written = insertFilledPauses(
      [{ text: 'uh,', start: 2.5, end: 2.9 }],
      [{ start: 2.6, end: 2.9, kind: 'uh' }],
    );
    expect(written).toHaveLength(1);
  });

  it('recognises filler spellings', () => {
    expect(['uh', 'Um,', 'uhm', 'hmm.', 'Er'].every(isFillerWord)).toBe(true);
    expect(['umbrella', 'her', 'a'].some(isFillerWord)).toBe(false);
  });
});
