/**
 * Accuracy measures for the evaluation script and tests: word error rate after a light normalisation,
 * and filler precision/recall by time overlap (or, without reference times, by count).
 */
import type { Word } from '../../shared/transcript/types.ts';
import { isFillerWord } from './fillers.ts';

const NUMBER_WORDS: Record<string, string> = {
  '1': 'one',
  '2': 'two',
  '3': 'three',
  '4': 'four',
  '5': 'five',
  '6': 'six',
  '7': 'seven',
  '8': 'eight',
  '9': 'nine',
  '10': 'ten',
};

/** Lower case, no punctuation, fillers and bracketed tags removed, hyphens split, small numbers spelled. */
export function normaliseForWer(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/[-–—]/g, ' ')
    .replace(/[^\p{L}\p{N}' ]/gu, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .map((w) => NUMBER_WORDS[w] ?? w)
    .filter((w) => w !== '' && !isFillerWord(w));
}

export interface WerResult {
  errors: number;
  referenceWords: number;
  wer: number;
}

/** Levenshtein distance over words, divided by the reference length. */
export function wordErrorRate(reference: string, hypothesis: string): WerResult {
  const ref = normaliseForWer(reference);
  const hyp = normaliseForWer(hypothesis);
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const current = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const substitution = previous[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1));
    }
    previous = current;
  }
  const errors = previous[hyp.length]!;
  return {
    errors,
    referenceWords: ref.length,
    wer: ref.length === 0 ? (hyp.length === 0 ? 0 : 1) : errors / ref.length,
  };
}

export interface FillerScore {
  truePositives: number;
  found: number;
  expected: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 from counts (nothing found of nothing expected scores 1). */
export function score(truePositives: number, found: number, expected: number): FillerScore {
  const precision = found === 0 ? (expected === 0 ? 1 : 0) : truePositives / found;
  const recall = expected === 0 ? 1 : truePositives / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, found, expected, precision, recall, f1 };
}

/** The two kinds of filled pause scored; "er" is a spelling of "uh", "erm"/"uhm" of "um". */
export type FillerKind = 'uh' | 'um';

export interface FillerEvent {
  kind: FillerKind;
  start: number;
  end: number;
}

/** Filled pauses ("uh", "um", "er" and their spellings); backchannels like "mm", "hmm" are not. */
const FILLED_PAUSE = /^(uh+|um+|uhm+|er+|erm+)$/;

const letters = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '');

/** The kind of a filled pause written as `text`, or null when it is not one. */
export function fillerKind(text: string): FillerKind | null {
  const word = letters(text);
  if (!FILLED_PAUSE.test(word)) return null;
  return /m$/.test(word) ? 'um' : 'uh';
}

/** Fillers ("uh", "um") counted in a reference text. */
export function countReferenceFillers(reference: string): number {
  return reference
    .toLowerCase()
    .replace(/[^a-z\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => FILLED_PAUSE.test(w)).length;
}

export function fillerWords(words: readonly Word[]): Word[] {
  return words.filter((w) => fillerKind(w.text) !== null);
}

/** A found filler matches a reference one this close in time (or overlapping). */
export const FILLER_MATCH_SEC = 0.3;

/**
 * Matches found fillers to reference fillers by time: a pair matches when they overlap or are at most
 * FILLER_MATCH_SEC apart and, with `sameKind` (the default), are the same kind ("uh" vs "um"). Each
 * reference filler is used once; found fillers are taken in time order, each matching the nearest
 * unused reference filler. Returns the indices of the matched reference fillers.
 */
export function matchFillers(
  found: readonly Word[],
  expected: readonly FillerEvent[],
  sameKind = true,
): Set<number> {
  const used = new Set<number>();
  const foundEvents = found
    .map((w) => ({ kind: fillerKind(w.text), start: w.start, end: w.end }))
    .sort((a, b) => a.start - b.start);
  for (const word of foundEvents) {
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    expected.forEach((e, i) => {
      if (used.has(i) || (sameKind && e.kind !== word.kind)) return;
      const distance = Math.max(0, e.start - word.end, word.start - e.end);
      if (distance <= FILLER_MATCH_SEC && distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    });
    if (best >= 0) used.add(best);
  }
  return used;
}

/** Filler precision/recall/F1 with matchFillers. */
export function scoreFillersByTime(
  found: readonly Word[],
  expected: readonly FillerEvent[],
  sameKind = true,
): FillerScore {
  return score(matchFillers(found, expected, sameKind).size, found.length, expected.length);
}

/** Without reference times: true positives are min(found, expected) (an optimistic upper bound). */
export function scoreFillersByCount(found: number, expected: number): FillerScore {
  return score(Math.min(found, expected), found, expected);
}

/** Filler times from a WebVTT file whose cues read [UH] / [UM]. */
export function fillerCuesFromVtt(vtt: string): FillerEvent[] {
  const cues: FillerEvent[] = [];
  const blocks = vtt.split(/\r?\n\r?\n/);
  const toSec = (t: string): number =>
    t.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  for (const block of blocks) {
    const match = /([\d:.]+)\s+-->\s+([\d:.]+)\s*\r?\n(.*)/s.exec(block);
    const tag = /\[(UH|UM)\]/i.exec(match?.[3] ?? '');
    if (match && tag)
      cues.push({
        kind: tag[1]!.toLowerCase() as FillerKind,
        start: toSec(match[1]!),
        end: toSec(match[2]!),
      });
  }
  return cues;
}
