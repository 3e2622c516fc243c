import { describe, expect, it } from 'vitest';
import { VoiceActivity } from './audio/activity.ts';
import { findFilledPauses, insertFilledPauses, isFillerWord } from './fillers.ts';
import { loadFillerTokens } from './testing/filler-devset.ts';

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

/**
 * A voiced sound at 110 Hz shaped by resonances: an open vowel ("uh": energy around 500 Hz and
 * 1200 Hz) or a nasal murmur ("m": energy near 250 Hz only).
 */
function voiced(seconds: number, shape: 'vowel' | 'nasal'): Float32Array {
  const gains = (hz: number): number =>
    shape === 'vowel'
      ? Math.exp(-(((hz - 500) / 150) ** 2)) + 0.5 * Math.exp(-(((hz - 1200) / 200) ** 2)) + 0.05
      : Math.exp(-(((hz - 250) / 80) ** 2)) + 0.002;
  return Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => {
    let v = 0;
    for (let k = 1; k * 110 < 4000; k++)
      v += gains(k * 110) * Math.sin(2 * Math.PI * k * 110 * (i / RATE));
    return 0.05 * v;
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

  it('tells "um" (the vowel closing into a nasal murmur) from "uh" (the vowel alone)', () => {
    const audio = new Float32Array(RATE * 3);
    audio.set(voiced(0.4, 'vowel'), Math.round(0.3 * RATE));
    audio.set(voiced(0.35, 'vowel'), Math.round(1.5 * RATE));
    audio.set(voiced(0.25, 'nasal'), Math.round(1.85 * RATE));
    const found = findFilledPauses(audio, 0, allSpeech(3));
    expect(found.map((p) => p.kind)).toEqual(['uh', 'um']);
    expect(found[0]!.start).toBeCloseTo(0.3, 1);
    expect(found[0]!.end).toBeCloseTo(0.7, 1);
    // The murmur belongs to the "um".
    expect(found[1]!.start).toBeCloseTo(1.5, 1);
    expect(found[1]!.end).toBeCloseTo(2.1, 1);
  });

  it('reads times relative to the recording and only where the activity detector heard speech', () => {
    const audio = voiced(0.5, 'vowel');
    expect(findFilledPauses(audio, 10, [])).toEqual([]);
    const speech = Array.from({ length: 1100 }, (_, f) => f >= 1000);
    const [found] = findFilledPauses(audio, 10, speech);
    expect(found!.start).toBeCloseTo(10, 1);
  });

  it('finds one filler, not pieces, when a long held sound drifts for a moment', () => {
    const gap = changingSound(0.05);
    const audio = new Float32Array(Math.round(1.45 * RATE));
    audio.set(heldVowel(0.6), 0);
    audio.set(gap, Math.round(0.6 * RATE));
    audio.set(heldVowel(0.6), Math.round(0.65 * RATE));
    const pauses = findFilledPauses(audio, 0, allSpeech(1.45));
    expect(pauses).toHaveLength(1);
    expect(pauses[0]!.end - pauses[0]!.start).toBeGreaterThan(1);
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

  it('moves a filler the decoder wrote to the detection beside it, keeping the written kind', () => {
    const out = insertFilledPauses(
      [
        { text: 'and', start: 1.0, end: 1.3 },
        { text: 'um,', start: 1.3, end: 2.6 },
        { text: 'then', start: 2.6, end: 2.9 },
      ],
      [{ start: 1.5, end: 2.0, kind: 'uh' }],
    );
    expect(out.map((w) => [w.text, w.start, w.end])).toEqual([
      ['and', 1.0, 1.3],
      ['um,', 1.5, 2.0],
      ['then', 2.6, 2.9],
    ]);
  });

  it('gives a run of written fillers, aligned to one instant, the run of sounds they stand for', () => {
    const out = insertFilledPauses(
      [
        { text: 'there', start: 7.7, end: 11.0 },
        { text: 'um,', start: 11.06, end: 11.06 },
        { text: 'um,', start: 11.06, end: 11.06 },
        { text: 'um,', start: 11.06, end: 11.06 },
        { text: 'well', start: 11.06, end: 11.4 },
      ],
      [
        { start: 8.25, end: 8.7, kind: 'um' },
        { start: 9.05, end: 9.5, kind: 'um' },
        { start: 10.05, end: 10.65, kind: 'um' },
      ],
    );
    expect(out.map((w) => [w.text, w.start])).toEqual([
      ['there', 7.7],
      ['um,', 8.25],
      ['um,', 9.05],
      ['um,', 10.05],
      ['well', 11.06],
    ]);
    expect(out[0]!.end).toBe(8.25);
    expect(out.some((w) => w.detected)).toBe(false);
  });

  it("keeps a word's own held vowel: a detection that would leave the word too short is dropped", () => {
    const words = [{ text: 'so', start: 2.0, end: 2.45 }];
    expect(insertFilledPauses(words, [{ start: 2.08, end: 2.42, kind: 'uh' }])).toEqual(words);
  });

  it('splits a word stretched over a filler on both sides, keeping the part where it starts', () => {
    const out = insertFilledPauses(
      [{ text: 'the', start: 7.8, end: 10.3 }],
      [{ start: 8.25, end: 8.8, kind: 'um' }],
    );
    expect(out.map((w) => [w.text, w.start, w.end])).toEqual([
      ['the', 7.8, 8.25],
      ['um', 8.25, 8.8],
    ]);
  });

  it('adds no filler inside a word stretched over speech the decoder skipped', () => {
    // "Okay," aligned over 8 s of talk the decoder did not write: a held vowel there says nothing.
    const words = [{ text: 'Okay,', start: 0.2, end: 8.6 }];
    const pause = { start: 4.2, end: 4.5, kind: 'um' as const };
    expect(insertFilledPauses(words, [pause], allSpeech(9))).toEqual(words);
    // The same word over a pause and the filler alone (speech only where it is said): the filler.
    const spoken = Array.from({ length: 900 }, (_, f) => f < 60 || (f >= 420 && f < 450));
    const out = insertFilledPauses(words, [pause], spoken);
    expect(out.map((w) => w.text)).toEqual(['Okay,', 'um']);
  });

  it('recognises filler spellings', () => {
    expect(['uh', 'Um,', 'uhm', 'hmm.', 'Er'].every(isFillerWord)).toBe(true);
    expect(['umbrella', 'her', 'a'].some(isFillerWord)).toBe(false);
  });
});

describe('filled pauses in real speech', () => {
  it('finds each real filler token of the shared clips, set in room noise, with its kind', () => {
    let seed = 3;
    const noise = (): number => {
      seed = (seed * 16_807) % 2_147_483_647;
      return 2e-4 * (seed / 2_147_483_647 - 0.5);
    };
    for (const token of loadFillerTokens()) {
      const peak = token.pcm.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const audio = Float32Array.from({ length: token.pcm.length + RATE }, noise);
      audio.set(
        token.pcm.map((v) => (0.3 * v) / peak),
        RATE / 2,
      );
      const activity = new VoiceActivity();
      activity.push(audio);
      const [first] = findFilledPauses(audio, 0, activity.speech);
      expect(first, token.name).toBeDefined();
      expect([token.name, first!.kind]).toEqual([token.name, token.kind]);
      expect(first!.start).toBeGreaterThanOrEqual(0.45);
      expect(first!.start).toBeLessThan(0.5 + 0.3);
    }
  });
});
