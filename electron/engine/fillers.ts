/**
 * Acoustic detection of filled pauses ("uh", "um") that Whisper leaves out even with a filler prompt,
 * and the decision that combines them with the decoder's words.
 *
 * A filled pause is a held vowel: voiced, with a spectrum that stays put for 180 ms or more, where
 * fluent speech moves its formants every 50-100 ms. Frames every 10 ms (filled-pause-features.ts)
 * give voicing and a band spectrum; a stretch of voiced frames each within STEADY_DB of the stretch's
 * mean spectrum (spectra smoothed over 30 ms and level-normalised) is a candidate. "um" is the vowel
 * closing into a nasal murmur: the band where the vowel's first formant sits (400-600 Hz) falls
 * against the nasal's low resonance (250-400 Hz); "uh" just stops or fades.
 *
 * The decision (insertFilledPauses): a filler the decoder wrote keeps its kind and takes the time of
 * the detection beside it; a detection in a gap between words is a filler; one that overlaps a word
 * is a filler only when the word keeps enough time outside it to be said (the aligner stretches the
 * words beside an unwritten filler over its sound), otherwise it is the word's own vowel; and none is
 * added inside a word the aligner stretched over other speech (words the decoder skipped: crosstalk
 * in a meeting, a mumbled aside), where a held vowel says nothing about what was said.
 *
 * Limits, measured: what the detector cannot tell apart is a filled pause from a word's own vowel
 * drawn out ("so...", "will...", phrase-final "week."), which spontaneous speech does as often; on the
 * shared real conversational clips most of its false fillers are such words. The decoder's own
 * probability of a filler token at the word boundaries was tried as a second signal and did not
 * separate the two (spliced fillers it missed had log-odds as low as -15, like lengthened words).
 *
 * Designed on the train part of the filler dev set (testing/filler-devset.ts, DEV_SPLITS) and checked
 * on its test part and on the fluent clips (scripts/fillers-offline.ts, npm run eval:asr).
 */
import type { Word } from '../../shared/transcript/types.ts';
import { FRAME_SEC } from './audio/activity.ts';
import { BANDS, frameFeatures, type FrameFeatures } from './filled-pause-features.ts';

/** Each frame of a held sound is within this of the stretch's mean spectrum (RMS over bands, dB). */
const STEADY_DB = 4;
/** Voiced: the normalised autocorrelation peaks above this in the pitch range. */
const VOICED = 0.4;
/** Unsteady or unvoiced frames a stretch may bridge (a creak, a glottal pulse). */
const BRIDGE_FRAMES = 2;
const SMOOTH_FRAMES = 3;
/** A held sound's length: shorter is a long vowel of a word, longer is singing or a hum. */
const MIN_SEC = 0.18;
/** Held sounds this close are one: the breaks between fillers in a run ("uh, uh") are longer. */
const JOIN_SEC = 0.1;
const MAX_SEC = 1.5;
/** The F1 band (400-600 Hz) against the nasal band (250-400 Hz) falls this much into an "um"'s murmur. */
const NASAL_DROP_DB = 6;
/** A held sound whose F1 band is this far below its nasal band throughout is a murmur ("mm"). */
const NASAL_OPENNESS_DB = 3;
/** A murmur is at least this long, and is looked for this far past the vowel. */
const MURMUR_MIN_FRAMES = 5;
const MURMUR_REACH_FRAMES = 40;
/** Frames of closing (the vowel's formants moving down) allowed between the vowel and its murmur. */
const MURMUR_GAP_FRAMES = 15;
/** A murmur is voiced at least this much (nasals are less periodic than vowels in a recording)... */
const MURMUR_VOICED = 0.3;
/** ...and at most this much softer than the vowel (dB). */
const MURMUR_SOFTER_DB = 20;
const FILLER_WORDS = /^(uh+|um+|uhm+|hmm+|mm+|er+|erm+|ah+)$/;

export function isFillerWord(text: string): boolean {
  return FILLER_WORDS.test(text.toLowerCase().replace(/[^a-z]/g, ''));
}

export interface FilledPause {
  start: number;
  end: number;
  kind: 'uh' | 'um';
}

/** Level-normalised band spectra, each averaged over SMOOTH_FRAMES frames. */
function smoothedSpectra(frames: readonly FrameFeatures[]): Float32Array[] {
  const half = SMOOTH_FRAMES >> 1;
  return frames.map((_, i) => {
    const out = new Float32Array(BANDS);
    let n = 0;
    for (let k = Math.max(0, i - half); k <= Math.min(frames.length - 1, i + half); k++) {
      n++;
      for (let b = 0; b < BANDS; b++) out[b] = out[b]! + frames[k]!.bands[b]!;
    }
    let mean = 0;
    for (let b = 0; b < BANDS; b++) {
      out[b] = out[b]! / n;
      mean += out[b]!;
    }
    mean /= BANDS;
    for (let b = 0; b < BANDS; b++) out[b] = out[b]! - mean;
    return out;
  });
}

function distance(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < BANDS; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum / BANDS);
}

/** F1 band minus nasal band, dB: high in an open vowel, low in a nasal murmur. */
const openness = (frame: FrameFeatures): number => frame.bands[2]! - frame.bands[1]!;

/**
 * Finds filled pauses in `pcm16k` (16 kHz mono) whose first sample is at `offsetSec` of the recording.
 * Only frames the activity detector flags as speech (`speech`, recording frames) are considered.
 */
export function findFilledPauses(
  pcm16k: Float32Array,
  offsetSec: number,
  speech: readonly boolean[],
): FilledPause[] {
  const frames = frameFeatures(pcm16k);
  const spectra = smoothedSpectra(frames);
  const offsetFrame = Math.round(offsetSec / FRAME_SEC);
  const isSpeech = (f: number): boolean => speech[offsetFrame + f] === true;
  const voiced = (f: number): boolean => isSpeech(f) && frames[f]!.periodicity > VOICED;
  const pauses: FilledPause[] = [];
  let f = 0;
  while (f < frames.length) {
    if (!voiced(f)) {
      f++;
      continue;
    }
    // Grow a steady stretch from f: each frame near the stretch's running mean spectrum.
    const mean = Float32Array.from(spectra[f]!);
    let count = 1;
    let misses = 0;
    let g = f + 1;
    for (; g < frames.length && isSpeech(g); g++) {
      if (voiced(g) && distance(spectra[g]!, mean) < STEADY_DB) {
        for (let b = 0; b < BANDS; b++)
          mean[b] = (mean[b]! * count + spectra[g]![b]!) / (count + 1);
        count++;
        misses = 0;
      } else if (++misses > BRIDGE_FRAMES) break;
    }
    const end = g - misses;
    const seconds = (end - f) * FRAME_SEC;
    if (seconds >= MIN_SEC && seconds <= MAX_SEC) {
      const murmurEnd = nasalMurmur(frames, f, end);
      const pause: FilledPause = {
        start: offsetSec + f * FRAME_SEC,
        end: offsetSec + (murmurEnd ?? end) * FRAME_SEC,
        kind: murmurEnd === null ? 'uh' : 'um',
      };
      // One long filler whose vowel drifts is found in pieces; a piece this close joins the last.
      const last = pauses.at(-1);
      if (last && pause.start - last.end <= JOIN_SEC) {
        last.end = pause.end;
        if (pause.kind === 'um') last.kind = 'um';
      } else pauses.push(pause);
      f = murmurEnd ?? end;
    } else f = Math.max(f + 1, end);
  }
  return pauses;
}

/**
 * "um": after (or in the last third of) the steady vowel, voicing goes on with the F1 band fallen
 * NASAL_DROP_DB below the vowel's, for MURMUR_MIN_FRAMES or more. Returns where the murmur ends, or
 * null for "uh".
 */
function nasalMurmur(frames: readonly FrameFeatures[], from: number, to: number): number | null {
  // Lips closed from the start ("mm", or an "um" whose vowel is too short to hold).
  let held = 0;
  for (let f = from; f < to; f++) held += openness(frames[f]!);
  if (held / (to - from) <= -NASAL_OPENNESS_DB) return to;
  const third = Math.max(1, Math.floor((to - from) / 3));
  let vowel = 0;
  let level = 0;
  for (let f = from; f < from + third; f++) {
    vowel += openness(frames[f]!);
    level += frames[f]!.level;
  }
  vowel /= third;
  level /= third;
  let murmur = 0;
  let end = to;
  let gap = 0;
  for (let f = to - third; f < Math.min(frames.length, to + MURMUR_REACH_FRAMES); f++) {
    const frame = frames[f]!;
    // The murmur is softer than the vowel (often below the activity threshold) but still voiced.
    if (frame.level < level - MURMUR_SOFTER_DB) break;
    const closed = frame.periodicity > MURMUR_VOICED && openness(frame) <= vowel - NASAL_DROP_DB;
    if (closed) {
      murmur++;
      end = Math.max(end, f + 1);
      gap = 0;
    } else if (f >= to && ++gap > MURMUR_GAP_FRAMES) break;
  }
  return murmur >= MURMUR_MIN_FRAMES ? end : null;
}

/** The shortest a word can be said (fast speech: about 25 letters a second, plus its onset). */
function minimumWordSec(text: string): number {
  return 0.03 + 0.04 * text.replace(/[^\p{L}\p{N}]/gu, '').length;
}

/** Seconds between two time spans (0 when they overlap). */
const gapBetween = (a: { start: number; end: number }, b: { start: number; end: number }): number =>
  Math.max(0, a.start - b.end, b.start - a.end);

/** A written filler claims a detection this close (the aligner's times are rough)... */
const SNAP_SEC = 0.3;
/**
 * ...or, failing that, an unclaimed one this close: a small model's aligner can put the fillers it
 * wrote a second away from their sound (and several at one instant), and the detection there is the
 * same filler, not another one.
 */
const LOOSE_SNAP_SEC = 1.5;

/**
 * Pairs each filler the decoder wrote with the detection nearest to it (within SNAP_SEC first, then
 * LOOSE_SNAP_SEC): the detection's edges are where the sound is. Returns the pairs and the
 * detections no written filler claimed.
 */
function pairWrittenFillers(
  words: readonly Word[],
  pauses: readonly FilledPause[],
): { pairs: { word: Word; pause: FilledPause }[]; free: FilledPause[] } {
  const free = [...pauses];
  const pairs: { word: Word; pause: FilledPause }[] = [];
  const paired = new Set<Word>();
  // Nearest first; among overlapping ones, the one it overlaps most. Only a detection the filler
  // can move to (the words there leave room) is a candidate.
  const cost = (pause: FilledPause, span: { start: number; end: number }): number =>
    gapBetween(pause, span) -
    Math.max(0, Math.min(pause.end, span.end) - Math.max(pause.start, span.start));
  const nearest = (span: { start: number; end: number }, reach: number, word: Word): number => {
    let best = -1;
    for (let i = 0; i < free.length; i++) {
      if (gapBetween(free[i]!, span) > reach || !fit(words, free[i]!, word)) continue;
      if (best < 0 || cost(free[i]!, span) < cost(free[best]!, span)) best = i;
    }
    return best;
  };
  const claim = (word: Word, index: number): FilledPause => {
    const pause = free.splice(index, 1)[0]!;
    pairs.push({ word, pause });
    paired.add(word);
    return pause;
  };
  for (const word of words) {
    if (!isFillerWord(word.text)) continue;
    const best = nearest(word, SNAP_SEC, word);
    if (best >= 0) claim(word, best);
  }
  // Runs of written fillers ("um, um, um") are placed together: each takes the detection nearest to
  // the run and the detections its fillers already took.
  for (let i = 0; i < words.length; i++) {
    if (!isFillerWord(words[i]!.text)) continue;
    let j = i;
    while (j < words.length && isFillerWord(words[j]!.text)) j++;
    const run = words.slice(i, j);
    const span = { start: run[0]!.start, end: run.at(-1)!.end };
    for (const word of run) {
      if (!paired.has(word)) continue;
      const pause = pairs.find((p) => p.word === word)!.pause;
      span.start = Math.min(span.start, pause.start);
      span.end = Math.max(span.end, pause.end);
    }
    for (const word of run) {
      if (paired.has(word)) continue;
      const best = nearest(span, LOOSE_SNAP_SEC, word);
      if (best < 0) continue;
      const pause = claim(word, best);
      span.start = Math.min(span.start, pause.start);
      span.end = Math.max(span.end, pause.end);
    }
    i = j - 1;
  }
  return { pairs, free };
}

/**
 * Puts `filler` into the time-ordered `words` at its time. Each word it overlaps keeps the part
 * outside it when that part is still long enough to say the word (the part before it when both are:
 * the aligner stretches a word's end over the sound after it, its start is the better time); when a
 * word cannot, nothing is changed and false returned (the sound is the word's own vowel).
 */
function place(words: Word[], filler: Word): boolean {
  const edits = fit(words, filler);
  if (!edits) return false;
  for (const edit of edits) {
    edit.word.start = edit.start;
    edit.word.end = edit.end;
  }
  const index = words.findIndex((w) => w.start >= filler.start);
  if (index < 0) words.push(filler);
  else words.splice(index, 0, filler);
  return true;
}

/** How the words `filler` overlaps would be trimmed to make room for it, or null if they cannot. */
function fit(
  words: readonly Word[],
  filler: { start: number; end: number },
  moving?: Word,
): { word: Word; start: number; end: number }[] | null {
  const overlapping = words.filter(
    (w) => w !== moving && w.end > filler.start && w.start < filler.end,
  );
  if (overlapping.some((w) => isFillerWord(w.text))) return null;
  const edits: { word: Word; start: number; end: number }[] = [];
  for (const word of overlapping) {
    const need = minimumWordSec(word.text);
    const before = filler.start - word.start;
    const after = word.end - filler.end;
    if (before >= need) edits.push({ word, start: word.start, end: filler.start });
    else if (after >= need) edits.push({ word, start: filler.end, end: word.end });
    else return null;
  }
  return edits;
}

/**
 * A word the aligner stretched over more speech than this (besides the held vowel) covers words the
 * decoder skipped: what is said there is unknown, and a held vowel in it is no evidence of a filler.
 */
const STRETCHED_WORD_SPEECH_SEC = 1.2;

/** Whether an unclaimed detection can be a filler of its own (see STRETCHED_WORD_SPEECH_SEC). */
function standsAlone(
  pause: FilledPause,
  words: readonly Word[],
  pauses: readonly FilledPause[],
  speech: readonly boolean[] | undefined,
): boolean {
  if (!speech) return true;
  return !words.some(
    (word) =>
      word.end > pause.start &&
      word.start < pause.end &&
      speechSecondsOutside(word, pauses, speech) > STRETCHED_WORD_SPEECH_SEC,
  );
}

/** Seconds of speech (activity frames) in `span` outside every held sound in `holes`. */
function speechSecondsOutside(
  span: { start: number; end: number },
  holes: readonly FilledPause[],
  speech: readonly boolean[],
): number {
  let frames = 0;
  const last = Math.min(speech.length, Math.round(span.end / FRAME_SEC));
  for (let f = Math.max(0, Math.round(span.start / FRAME_SEC)); f < last; f++) {
    const t = (f + 0.5) * FRAME_SEC;
    if (speech[f] && !holes.some((h) => t >= h.start && t < h.end)) frames++;
  }
  return frames * FRAME_SEC;
}

/**
 * Combines the decoder's words with the detected filled pauses (see the decision at the top): a
 * written filler moves to the time of its detection (keeping its kind; where it cannot, it stays as
 * written), and every unclaimed detection that fits is added as a detected filler.
 */
export function insertFilledPauses(
  words: Word[],
  pauses: FilledPause[],
  speech?: readonly boolean[],
): Word[] {
  const out = words.map((w) => ({ ...w }));
  const { pairs, free: unclaimed } = pairWrittenFillers(out, pauses);
  const free = unclaimed.filter((pause) => standsAlone(pause, out, pauses, speech));
  pairs.sort((a, b) => a.pause.start - b.pause.start);
  for (const { word, pause } of pairs) {
    const at = out.indexOf(word);
    out.splice(at, 1);
    if (!place(out, { ...word, start: pause.start, end: pause.end })) out.splice(at, 0, word);
  }
  for (const pause of free)
    place(out, { text: pause.kind, start: pause.start, end: pause.end, detected: true });
  return out;
}
