/**
 * Where the audio was too unclear to transcribe (`Transcript.unclear`): the spans in one tidy form,
 * how much time they cover, where they fall between the words, and the words the screens and the
 * exports use for them ("unclear 0:41–0:47"), written once here.
 */
import type { UnclearSpan, Word } from './types.ts';
import { formatClock } from './words.ts';

/**
 * The spans as the analysis and the screens use them: within [0, `durationSec`] (when known), in
 * time order, overlapping or touching spans merged, empty ones dropped. The input is not changed.
 */
export function normalizeUnclear(
  spans: readonly UnclearSpan[] | undefined,
  durationSec?: number,
): UnclearSpan[] {
  if (!spans) return [];
  const limit = durationSec !== undefined && durationSec > 0 ? durationSec : Infinity;
  const clipped = spans
    .map((span) => ({ start: Math.max(0, span.start), end: Math.min(limit, span.end) }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: UnclearSpan[] = [];
  for (const span of clipped) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push(span);
  }
  return merged;
}

/** Seconds of [from, to] that the (normalised) spans cover. */
export function unclearOverlap(spans: readonly UnclearSpan[], from: number, to: number): number {
  let total = 0;
  for (const span of spans)
    total += Math.max(0, Math.min(to, span.end) - Math.max(from, span.start));
  return total;
}

/** Seconds of unclear audio in all the (normalised) spans. */
export function unclearSeconds(spans: readonly UnclearSpan[]): number {
  return unclearOverlap(spans, 0, Infinity);
}

/** True when `seconds` lies inside one of the spans (start included, end excluded). */
export function isUnclearAt(spans: readonly UnclearSpan[], seconds: number): boolean {
  return spans.some((span) => seconds >= span.start && seconds < span.end);
}

/**
 * Where each span goes between the words: the index of the word it is shown before (the number of
 * words that start before the span does; `words.length` places it after the last word). Words
 * must be in spoken order, as they are in a transcript.
 */
export function unclearPlacement(
  words: readonly Pick<Word, 'start'>[],
  spans: readonly UnclearSpan[],
): number[] {
  return spans.map((span) => {
    let low = 0;
    let high = words.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((words[middle]?.start ?? Infinity) < span.start) low = middle + 1;
      else high = middle;
    }
    return low;
  });
}

/**
 * The spans to show before each word: entry i holds those placed before word i (see
 * `unclearPlacement`), entry `words.length` those after the last word. Every transcript view walks
 * the words with this.
 */
export function unclearBeforeWords(
  words: readonly Pick<Word, 'start'>[],
  spans: readonly UnclearSpan[],
): UnclearSpan[][] {
  const before: UnclearSpan[][] = Array.from({ length: words.length + 1 }, () => []);
  unclearPlacement(words, spans).forEach((index, i) => before[index]!.push(spans[i]!));
  return before;
}

/** "0:41–0:47" ("0:41" when both ends round to the same second). */
export function formatUnclearSpan(span: UnclearSpan): string {
  const from = formatClock(span.start);
  const to = formatClock(span.end);
  return from === to ? from : `${from}–${to}`;
}

/** The marker in a transcript: "[unclear 0:41–0:47]". */
export function unclearMarker(span: UnclearSpan): string {
  return `[unclear ${formatUnclearSpan(span)}]`;
}

/** What the marker says in words: "Audio too unclear to transcribe from 0:41 to 0:47". */
export function describeUnclearSpan(span: UnclearSpan): string {
  const from = formatClock(span.start);
  const to = formatClock(span.end);
  return from === to
    ? `Audio too unclear to transcribe at ${from}`
    : `Audio too unclear to transcribe from ${from} to ${to}`;
}

/** "6 s" under a minute, "1:05" from a minute up; never "0 s" for some unclear audio. */
function amount(seconds: number): string {
  return seconds < 59.5 ? `${Math.max(1, Math.round(seconds))} s` : formatClock(seconds);
}

/**
 * How much audio could not be transcribed, or null when all of it could: "6 s of audio was too
 * unclear to transcribe", "1:05 of audio in 2 places was too unclear to transcribe".
 */
export function describeUnclearTotal(spans: readonly UnclearSpan[]): string | null {
  if (spans.length === 0) return null;
  const places = spans.length === 1 ? '' : ` in ${spans.length} places`;
  return `${amount(unclearSeconds(spans))} of audio${places} was too unclear to transcribe`;
}
