/**
 * Acoustic detection of filled pauses ("uh", "um") that Whisper leaves out even with a filler prompt.
 *
 * A filled pause is a stretch of voicing with a steady pitch and a steady spectrum, roughly 200-1000 ms
 * long, where no word is being said. Frames of 30 ms every 10 ms are analysed on a 8 kHz copy:
 * normalised autocorrelation gives voicing and pitch (70-400 Hz); the first autocorrelation
 * coefficients describe the spectral envelope, whose frame-to-frame change measures steadiness.
 * A detection becomes a word "uh" or "um" (nasal ending: energy moves to low frequencies) marked
 * `detected: true`, placed in a gap between words or in the stretched tail of the word before.
 */
import type { Word } from '../../shared/transcript/types.ts';
import { FRAME_SEC } from './audio/activity.ts';

const RATE = 8000;
const HOP = 80; // 10 ms
const WINDOW = 240; // 30 ms
const MIN_LAG = Math.floor(RATE / 400);
const MAX_LAG = Math.ceil(RATE / 70);
const ENVELOPE_LAGS = 8;
const VOICED = 0.6;
const MIN_SEC = 0.25;
const MAX_SEC = 1.0;
const FILLER_WORDS = /^(uh+|um+|uhm+|hmm+|mm+|er+|erm+|ah+)$/;

export function isFillerWord(text: string): boolean {
  return FILLER_WORDS.test(text.toLowerCase().replace(/[^a-z]/g, ''));
}

export interface Frame {
  voiced: boolean;
  pitch: number;
  envelope: Float32Array;
  /** Autocorrelation at lag 1: near 1 when energy sits at low frequencies (a nasal murmur). */
  lowness: number;
}

export function decimate(pcm16k: Float32Array): Float32Array {
  // Half-band average then drop every other sample: enough for pitch and a coarse envelope below 2 kHz.
  const out = new Float32Array(Math.floor(pcm16k.length / 2));
  for (let i = 0; i < out.length; i++) {
    const a = pcm16k[2 * i - 1] ?? 0;
    const b = pcm16k[2 * i]!;
    const c = pcm16k[2 * i + 1] ?? 0;
    out[i] = 0.25 * a + 0.5 * b + 0.25 * c;
  }
  return out;
}

export function analyseFrame(signal: Float32Array, at: number): Frame {
  const x = signal.subarray(at, at + WINDOW);
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  const centred = Float32Array.from(x, (v) => v - mean);
  const auto = (lag: number): number => {
    let sum = 0;
    for (let i = 0; i + lag < centred.length; i++) sum += centred[i]! * centred[i + lag]!;
    return sum;
  };
  const r0 = auto(0) + 1e-9;
  const envelope = new Float32Array(ENVELOPE_LAGS);
  for (let lag = 1; lag <= ENVELOPE_LAGS; lag++) envelope[lag - 1] = auto(lag) / r0;
  let best = 0;
  let bestLag = 0;
  for (let lag = MIN_LAG; lag <= MAX_LAG; lag++) {
    let cross = 0;
    let energyA = 0;
    let energyB = 0;
    for (let i = 0; i + lag < centred.length; i++) {
      const a = centred[i]!;
      const b = centred[i + lag]!;
      cross += a * b;
      energyA += a * a;
      energyB += b * b;
    }
    const nacf = cross / Math.sqrt(energyA * energyB + 1e-12);
    if (nacf > best) {
      best = nacf;
      bestLag = lag;
    }
  }
  return {
    voiced: best > VOICED,
    pitch: bestLag > 0 ? RATE / bestLag : 0,
    envelope,
    lowness: envelope[0] ?? 0,
  };
}

export interface FilledPause {
  start: number;
  end: number;
  kind: 'uh' | 'um';
}

/**
 * Finds filled pauses in `pcm16k` (16 kHz mono) whose first sample is at `offsetSec` of the recording.
 * Only frames flagged as speech are considered.
 */
export function findFilledPauses(
  pcm16k: Float32Array,
  offsetSec: number,
  speech: readonly boolean[],
): FilledPause[] {
  const signal = decimate(pcm16k);
  const frameCount = Math.floor((signal.length - WINDOW) / HOP) + 1;
  const offsetFrame = Math.round(offsetSec / FRAME_SEC);
  const steady: boolean[] = [];
  const frames: (Frame | null)[] = [];
  for (let f = 0; f < frameCount; f++) {
    // The analysis window is centred 10 ms after the frame start; use the activity flag of that frame.
    if (!speech[offsetFrame + f + 1]) {
      frames.push(null);
      continue;
    }
    frames.push(analyseFrame(signal, f * HOP));
  }
  for (let f = 0; f < frameCount; f++) {
    const frame = frames[f];
    const previous = frames[f - 1];
    if (!frame || !frame.voiced || !previous || !previous.voiced) {
      steady.push(false);
      continue;
    }
    let change = 0;
    for (let k = 0; k < ENVELOPE_LAGS; k++)
      change += (frame.envelope[k]! - previous.envelope[k]!) ** 2;
    const pitchJump = Math.abs(Math.log(frame.pitch / previous.pitch));
    steady[f] = Math.sqrt(change) < 0.12 && pitchJump < 0.06;
  }
  const pauses: FilledPause[] = [];
  let runStart = -1;
  for (let f = 0; f <= frameCount; f++) {
    if (f < frameCount && steady[f]) {
      if (runStart < 0) runStart = f;
      continue;
    }
    if (runStart >= 0) {
      const seconds = (f - runStart) * FRAME_SEC;
      if (
        seconds >= MIN_SEC &&
        seconds <= MAX_SEC &&
        steadyPitch(frames, runStart, f) &&
        !consonantBefore(frames, runStart)
      ) {
        pauses.push({
          start: offsetSec + runStart * FRAME_SEC,
          end: offsetSec + f * FRAME_SEC + WINDOW / RATE / 2,
          kind: nasalEnding(frames, runStart, f) ? 'um' : 'uh',
        });
      }
      runStart = -1;
    }
  }
  return pauses;
}

/**
 * A word's held vowel ("so—", "we—") follows its consonant; a filled pause starts from silence or from
 * voicing. Speech that is unvoiced (a fricative or a burst) just before the stretch means it is a word.
 */
function consonantBefore(frames: (Frame | null)[], start: number): boolean {
  for (let f = Math.max(0, start - 8); f < start; f++) {
    const frame = frames[f];
    if (frame && !frame.voiced) return true;
  }
  return false;
}

/** Over the whole stretch the pitch stays within about ±10 % of its median: a held hesitation sound. */
function steadyPitch(frames: (Frame | null)[], from: number, to: number): boolean {
  const pitches = frames
    .slice(from, to)
    .map((f) => f?.pitch ?? 0)
    .sort((a, b) => a - b);
  const median = pitches[Math.floor(pitches.length / 2)] ?? 0;
  if (median <= 0) return false;
  const outliers = pitches.filter((p) => Math.abs(Math.log(p / median)) > 0.1).length;
  return outliers <= pitches.length * 0.2;
}

function nasalEnding(frames: (Frame | null)[], from: number, to: number): boolean {
  const third = Math.max(1, Math.floor((to - from) / 3));
  const mean = (a: number, b: number): number => {
    let sum = 0;
    for (let f = a; f < b; f++) sum += frames[f]?.lowness ?? 0;
    return sum / (b - a);
  };
  return mean(to - third, to) - mean(from, from + third) > 0.01;
}

/** Rough spoken length of a word, to tell a word's own sound from a filler stretched into its tail. */
function expectedWordSec(text: string): number {
  return 0.12 + 0.07 * text.replace(/[^\p{L}\p{N}]/gu, '').length;
}

/**
 * Inserts detected filled pauses as words. A detection that overlaps a recognised filler is dropped;
 * one inside the stretched tail of a word trims that word; one over a word's own sound is dropped.
 */
export function insertFilledPauses(words: Word[], pauses: FilledPause[]): Word[] {
  const out = words.map((w) => ({ ...w }));
  for (const pause of pauses) {
    const overlapping = out.filter((w) => w.end > pause.start && w.start < pause.end);
    if (overlapping.some((w) => isFillerWord(w.text))) continue;
    let accepted = true;
    for (const word of overlapping) {
      const core = word.start + expectedWordSec(word.text);
      if (pause.start >= core) word.end = pause.start;
      else if (
        pause.end <= word.end &&
        pause.start <= word.start + 0.05 &&
        word.end - pause.end >= expectedWordSec(word.text)
      ) {
        word.start = pause.end;
      } else accepted = false;
    }
    if (!accepted) continue;
    const index = out.findIndex((w) => w.start >= pause.start);
    const filler: Word = { text: pause.kind, start: pause.start, end: pause.end, detected: true };
    if (index < 0) out.push(filler);
    else out.splice(index, 0, filler);
  }
  return out;
}
