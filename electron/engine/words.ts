/**
 * Turns a window's raw recogniser words into words you can replay against: absolute times, Whisper's
 * failure modes removed (repetition loops, text where there is no speech), word edges pulled in to the
 * speech they cover so a pause is a gap, and times monotonic without overlap.
 */
import type { Word } from '../../shared/transcript/types.ts';
import type { RawWord } from './whisper.ts';
import { FRAME_SEC } from './audio/activity.ts';

/** Per-frame speech flags (10 ms frames) for the whole recording so far. */
export interface SpeechFrames {
  speech: readonly boolean[];
}

const normalise = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');

/**
 * Removes repetition loops: an n-gram (n = 1..8) repeated back to back more often than people do
 * ("no, no, no" is fine; the same phrase five times, or a word eight times, is the decoder looping).
 * The first occurrence is kept.
 */
export function removeRepetitionLoops<T extends { text: string }>(words: T[]): T[] {
  const keys = words.map((w) => normalise(w.text));
  const keep = words.map(() => true);
  let i = 0;
  while (i < words.length) {
    let advanced = false;
    for (let n = 1; n <= 8 && i + 2 * n <= words.length; n++) {
      const limit = n === 1 ? 4 : n === 2 ? 3 : 2;
      let repeats = 1;
      while (i + (repeats + 1) * n <= words.length) {
        let same = true;
        for (let k = 0; k < n && same; k++)
          same = keys[i + k] === keys[i + repeats * n + k] && keys[i + k] !== '';
        if (!same) break;
        repeats++;
      }
      if (repeats > limit) {
        for (let j = i + n; j < i + repeats * n; j++) keep[j] = false;
        i += repeats * n;
        advanced = true;
        break;
      }
    }
    if (!advanced) i++;
  }
  return words.filter((_, index) => keep[index]);
}

function speechAt(frames: SpeechFrames, frame: number): boolean {
  return frames.speech[frame] === true;
}

/**
 * Pulls a word's edges in to the speech frames inside it (DTW alignment tends to stretch words across
 * the pause that follows them). Returns null when the word covers no speech at all: that is text the
 * recogniser invented over silence or noise.
 */
export function fitToSpeech(word: Word, frames: SpeechFrames): Word | null {
  // Allow 60 ms of slack each side: alignment is on a 20 ms grid and word onsets can be soft.
  const slack = 6;
  const first = Math.max(0, Math.floor(word.start / FRAME_SEC) - slack);
  const last = Math.ceil(word.end / FRAME_SEC) + slack;
  let firstSpeech = -1;
  let lastSpeech = -1;
  for (let f = first; f < last; f++) {
    if (!speechAt(frames, f)) continue;
    if (firstSpeech < 0) firstSpeech = f;
    lastSpeech = f;
  }
  if (firstSpeech < 0) return null;
  const start = Math.max(word.start, firstSpeech * FRAME_SEC);
  const end = Math.min(word.end, (lastSpeech + 1) * FRAME_SEC);
  if (end <= start) {
    // The word sits in the slack around speech: keep it, but on the speech it touches.
    return {
      ...word,
      start: firstSpeech * FRAME_SEC,
      end: Math.max((lastSpeech + 1) * FRAME_SEC, firstSpeech * FRAME_SEC + FRAME_SEC),
    };
  }
  return { ...word, start, end };
}

/** Makes times monotonic and non-overlapping, rounded to milliseconds. */
export function orderWords(words: Word[]): Word[] {
  const out: Word[] = [];
  let previousEnd = 0;
  for (const word of words) {
    const start = Math.max(round(word.start), previousEnd);
    const end = Math.max(round(word.end), start);
    out.push({ ...word, start, end });
    previousEnd = end;
  }
  return out;
}

const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/** The whole clean-up for one window's words; `offsetSec` is the window's start in the recording. */
export function settleWindowWords(raw: RawWord[], offsetSec: number, frames: SpeechFrames): Word[] {
  const absolute = removeRepetitionLoops(raw).map((w) => ({
    text: w.text,
    start: w.start + offsetSec,
    end: w.end + offsetSec,
  }));
  const fitted: Word[] = [];
  for (const word of absolute) {
    const fit = fitToSpeech(word, frames);
    if (fit) fitted.push(fit);
  }
  return orderWords(fitted);
}

export function transcriptText(words: readonly Word[]): string {
  return words.map((w) => w.text).join(' ');
}
