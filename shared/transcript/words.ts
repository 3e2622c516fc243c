/**
 * Word-level helpers shared by the analysis, the CLI and the review screen: splitting text into
 * words, normalising a spoken word for matching, and finding the word at a playback time.
 */
import type { Word } from './types.ts';

/** Splits text into words on whitespace, keeping attached punctuation ("production."). */
export function splitWords(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word.length > 0);
}

const QUOTES = /[\u2018\u2019\u201B\u2032]/gu;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u2033]/gu;
const DASHES = /[\u2010-\u2015]/gu;

/** Replaces typographic quotes and dashes with their ASCII forms. */
export function asciiPunctuation(text: string): string {
  return text.replace(QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(DASHES, '-');
}

/**
 * A word in the form used for matching: lower case, ASCII quotes, no surrounding punctuation.
 * Inner apostrophes, hyphens, dots and commas survive ("don't", "on-call", "4.8k", "1,200");
 * a leading "$" survives so money stays recognisable ("$11k").
 */
export function normalizeWord(text: string): string {
  return asciiPunctuation(text)
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}$]+/u, '')
    .replace(/[^\p{L}\p{N}%]+$/u, '');
}

/**
 * The pieces of a word used for phrase matching: the normalised word split at hyphens and
 * slashes, so "on-call" matches the phrase "on call" and "S3/Segment" yields two terms.
 */
export function wordTerms(text: string): string[] {
  const normal = normalizeWord(text);
  if (normal.length === 0) return [];
  return normal.split(/[-/]+/u).filter((piece) => piece.length > 0);
}

/** True when the written word ends a sentence (".", "?", "!", possibly followed by a quote). */
export function endsSentence(text: string): boolean {
  const plain = asciiPunctuation(text);
  if (/^(?:e\.g|i\.e|etc|vs|mr|mrs|ms|dr|approx|inc)\.$/iu.test(plain)) return false;
  return /[.?!]["')\]]*$/u.test(plain);
}

/** True when the written word is followed by a clause break (",", ";", ":", " -", or is a dash). */
export function endsClause(text: string): boolean {
  return /(?:[,;:]|\s-+|^-+)["')\]]*$/u.test(asciiPunctuation(text));
}

/** True when the written word ends with a question mark ("right?"). */
export function endsQuestion(text: string): boolean {
  return /\?["')\]]*$/u.test(asciiPunctuation(text));
}

/**
 * Index of the word being spoken at `timeSec`: the last word that started at or before it.
 * Returns -1 before the first word. Words must be in spoken order (start times non-decreasing).
 * Binary search, so it is cheap enough to call on every playback frame.
 */
export function wordAtTime(words: readonly Pick<Word, 'start'>[], timeSec: number): number {
  let low = 0;
  let high = words.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const word = words[middle];
    if (word !== undefined && word.start <= timeSec) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Formats seconds as m:ss for messages and reports ("0:42", "2:05"). */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${minutes}:${rest.toString().padStart(2, '0')}`;
}
