/**
 * The answer as the analysis sees it: the analysed words (timed or with estimated times), their
 * matching terms, and the sentences and clauses they form. Every later step works on this.
 */
import type { Transcript, UnclearSpan } from '../transcript/types.ts';
import { normalizeUnclear } from '../transcript/unclear.ts';
import { endsClause, endsSentence, splitWords, wordTerms } from '../transcript/words.ts';
import type { AnalyzedWord, WordRange } from './types.ts';

/** Thrown for input the analysis cannot work with; the message says what is wrong. */
export class AnalysisInputError extends Error {
  override name = 'AnalysisInputError';
}

/** A run of words [startWord, endWord) and the matching terms [startTerm, endTerm). */
export interface Span {
  startWord: number;
  endWord: number;
  startTerm: number;
  endTerm: number;
}

export interface AnswerText {
  words: AnalyzedWord[];
  /** Matching terms of all words in order (see `wordTerms`), and the word each belongs to. */
  terms: string[];
  termWord: number[];
  /** Index of each word's first term; `firstTerm[words.length]` is `terms.length`. */
  firstTerm: number[];
  /** Number of words that carry at least one term (punctuation-only tokens do not count). */
  wordCount: number;
  sentences: Span[];
  /** Sentences cut at commas, semicolons and "and/but/so/then" + a new subject. */
  clauses: Span[];
  /** Recording length in seconds (timed) or the estimated length (text only). */
  durationSec: number;
  estimated: boolean;
  /** Speaking rate used to estimate times, when `estimated`. */
  estimatedWordsPerMinute?: number;
  /**
   * Where the audio was too unclear to transcribe (see `normalizeUnclear`): in time order, within
   * the recording, never overlapping. Empty for a text-only transcript (its times are estimates).
   */
  unclear: UnclearSpan[];
}

export interface WordSource {
  durationSec?: number;
  estimatedWordsPerMinute: number;
  /**
   * For timed transcripts with little punctuation (fewer than one sentence end per
   * `SPARSE_PUNCTUATION_WORDS` words), a silence this long also ends a sentence.
   */
  pauseSeconds?: number;
}

/**
 * Bounds on what one answer may be. A behavioral answer is two to three minutes (about 500 words);
 * these leave room for long practice runs while keeping every pass fast and memory small.
 */
export const ANALYSIS_LIMITS = {
  /** Words in one answer. */
  maxWords: 10_000,
  /** Characters of text in one answer. */
  maxTextChars: 200_000,
  /** Seconds: the latest word end and the recording length. */
  maxSeconds: 3 * 3600,
} as const;

/** Fewer sentence ends than one per this many words counts as unpunctuated. */
const SPARSE_PUNCTUATION_WORDS = 40;
/** A pause only ends a sentence that has at least this many words. */
const MIN_PAUSED_SENTENCE_WORDS = 4;

function checkFinite(value: number, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new AnalysisInputError(`${what} must be a number of seconds ≥ 0 (got ${String(value)}).`);
  }
  if (value > ANALYSIS_LIMITS.maxSeconds) {
    throw new AnalysisInputError(
      `${what} is ${String(value)} s, beyond the ${ANALYSIS_LIMITS.maxSeconds / 3600} hours an answer can last.`,
    );
  }
}

function checkWordCount(count: number): void {
  if (count > ANALYSIS_LIMITS.maxWords) {
    throw new AnalysisInputError(
      `The answer has ${count} words; at most ${ANALYSIS_LIMITS.maxWords} can be analysed (a behavioral answer is about 250–500).`,
    );
  }
}

function timedWords(transcript: Transcript): AnalyzedWord[] {
  checkWordCount(transcript.words.length);
  let chars = 0;
  return transcript.words.map((word, index) => {
    if (typeof word.text !== 'string') {
      throw new AnalysisInputError(`Word ${index} has no text.`);
    }
    chars += word.text.length;
    if (chars > ANALYSIS_LIMITS.maxTextChars) {
      throw new AnalysisInputError(
        `The words hold more than ${ANALYSIS_LIMITS.maxTextChars} characters; that is not one answer.`,
      );
    }
    checkFinite(word.start, `Word ${index} ("${word.text.trim()}") start`);
    checkFinite(word.end, `Word ${index} ("${word.text.trim()}") end`);
    if (word.end < word.start) {
      throw new AnalysisInputError(
        `Word ${index} ("${word.text.trim()}") ends at ${word.end}s, before it starts at ${word.start}s.`,
      );
    }
    return { text: word.text.trim(), start: word.start, end: word.end };
  });
}

/** The transcript's unclear spans, checked like the words' times, in the form of `normalizeUnclear`. */
function unclearSpans(transcript: Transcript, durationSec: number): UnclearSpan[] {
  const spans: unknown = transcript.unclear;
  if (spans === undefined) return [];
  if (!Array.isArray(spans)) {
    throw new AnalysisInputError(
      '"unclear" must be a list of { start, end } spans in seconds (or left out).',
    );
  }
  if (spans.length > ANALYSIS_LIMITS.maxWords) {
    throw new AnalysisInputError(
      `The transcript has ${spans.length} unclear spans; at most ${ANALYSIS_LIMITS.maxWords} can be analysed.`,
    );
  }
  spans.forEach((span: unknown, index) => {
    const { start, end } = (span ?? {}) as Partial<UnclearSpan>;
    checkFinite(start as number, `Unclear span ${index} start`);
    checkFinite(end as number, `Unclear span ${index} end`);
    if ((end as number) < (start as number)) {
      throw new AnalysisInputError(
        `Unclear span ${index} ends at ${String(end)}s, before it starts at ${String(start)}s.`,
      );
    }
  });
  return normalizeUnclear(spans as UnclearSpan[], durationSec);
}

/**
 * Words of a text-only transcript. Punctuation standing on its own (" - ", "—") joins the word before
 * it, so quotes read as written and the dash still breaks the clause.
 */
function textWords(text: string): string[] {
  const words: string[] = [];
  for (const token of splitWords(text)) {
    if (wordTerms(token).length > 0 || words.length === 0) words.push(token);
    else words[words.length - 1] = `${words[words.length - 1] ?? ''} ${token}`;
  }
  return words.filter((word) => wordTerms(word).length > 0);
}

function estimatedWords(text: string, secondsPerWord: number): AnalyzedWord[] {
  return textWords(text).map((word, index) => ({
    text: word,
    start: index * secondsPerWord,
    end: (index + 1) * secondsPerWord,
  }));
}

const CLAUSE_JOINERS = new Set(['and', 'but', 'so', 'then', 'while', 'because']);
const SUBJECTS = new Set(['i', 'we', 'they', 'he', 'she', 'my', 'our']);

function spansFrom(
  words: readonly AnalyzedWord[],
  firstTerm: readonly number[],
  breaksAfter: (index: number) => boolean,
): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let index = 0; index < words.length; index += 1) {
    if (index === words.length - 1 || breaksAfter(index)) {
      const startTerm = firstTerm[start] ?? 0;
      const endTerm = firstTerm[index + 1] ?? 0;
      if (endTerm > startTerm)
        spans.push({ startWord: start, endWord: index + 1, startTerm, endTerm });
      start = index + 1;
    }
  }
  return spans;
}

/**
 * Builds the answer from a transcript. A transcript without words is analysed from its text, with
 * times estimated at `estimatedWordsPerMinute` (or spread over `durationSec` when that is known).
 */
export function buildAnswerText(transcript: Transcript, source: WordSource): AnswerText {
  if (transcript === null || typeof transcript !== 'object' || !Array.isArray(transcript.words)) {
    throw new AnalysisInputError(
      'A transcript needs a "words" array (empty for text only) and a "text".',
    );
  }
  if (source.durationSec !== undefined) checkFinite(source.durationSec, 'The duration');
  const estimated = transcript.words.length === 0;
  let words: AnalyzedWord[];
  let estimatedWordsPerMinute: number | undefined;
  let durationSec: number;
  if (estimated) {
    if (typeof transcript.text !== 'string') {
      throw new AnalysisInputError(
        `A transcript without words needs its "text" as a string (got ${typeof transcript.text}).`,
      );
    }
    if (transcript.text.trim().length === 0) {
      throw new AnalysisInputError(
        'The transcript is empty: there is no text and there are no words to analyse.',
      );
    }
    if (transcript.text.length > ANALYSIS_LIMITS.maxTextChars) {
      throw new AnalysisInputError(
        `The transcript is ${transcript.text.length} characters long; at most ${ANALYSIS_LIMITS.maxTextChars} can be analysed.`,
      );
    }
    const count = textWords(transcript.text).length;
    if (count === 0) throw new AnalysisInputError('The transcript has no words, only punctuation.');
    checkWordCount(count);
    if (source.durationSec !== undefined && source.durationSec > 0) {
      durationSec = source.durationSec;
      estimatedWordsPerMinute = (count / durationSec) * 60;
    } else {
      const rate = source.estimatedWordsPerMinute;
      if (!Number.isFinite(rate) || rate <= 0) {
        throw new AnalysisInputError(
          `The estimated speaking rate must be a positive number of words per minute (got ${String(rate)}).`,
        );
      }
      estimatedWordsPerMinute = rate;
      durationSec = (count / rate) * 60;
      checkFinite(durationSec, 'The estimated length (words at the given speaking rate)');
    }
    words = estimatedWords(transcript.text, durationSec / count);
  } else {
    words = timedWords(transcript);
    const lastEnd = words.reduce((latest, word) => Math.max(latest, word.end), 0);
    durationSec = Math.max(source.durationSec ?? 0, lastEnd);
  }

  const terms: string[] = [];
  const termWord: number[] = [];
  const firstTerm: number[] = [];
  let wordCount = 0;
  words.forEach((word, index) => {
    firstTerm.push(terms.length);
    const pieces = wordTerms(word.text);
    if (pieces.length > 0) wordCount += 1;
    for (const piece of pieces) {
      terms.push(piece);
      termWord.push(index);
    }
  });
  firstTerm.push(terms.length);
  if (wordCount === 0)
    throw new AnalysisInputError('The transcript has no words, only punctuation.');

  const punctuated = words.filter((word) => endsSentence(word.text)).length;
  const pauseBreak =
    !estimated &&
    source.pauseSeconds !== undefined &&
    punctuated < wordCount / SPARSE_PUNCTUATION_WORDS
      ? source.pauseSeconds
      : undefined;
  let sentenceLength = 0;
  const sentenceEnds = words.map((word, index) => {
    sentenceLength += 1;
    const next = words[index + 1];
    const paused =
      pauseBreak !== undefined &&
      next !== undefined &&
      next.start - word.end >= pauseBreak &&
      sentenceLength >= MIN_PAUSED_SENTENCE_WORDS;
    // "It understood: Common Table Expressions." A colon before a capitalised word opens a list
    // whose items are sentences of their own.
    const listColon =
      /:["')\]]*$/u.test(word.text) && next !== undefined && /^["'(]?\p{Lu}/u.test(next.text);
    const ends = endsSentence(word.text) || paused || listColon;
    if (ends) sentenceLength = 0;
    return ends;
  });
  const sentenceEnd = (index: number): boolean => sentenceEnds[index] === true;
  const sentences = spansFrom(words, firstTerm, sentenceEnd);
  const clauses = spansFrom(words, firstTerm, (index) => {
    if (sentenceEnd(index) || endsClause(words[index]?.text ?? '')) return true;
    const next = wordTerms(words[index + 1]?.text ?? '');
    const after = wordTerms(words[index + 2]?.text ?? '');
    return next.length === 1 && CLAUSE_JOINERS.has(next[0] ?? '') && SUBJECTS.has(after[0] ?? '');
  });

  const answer: AnswerText = {
    words,
    terms,
    termWord,
    firstTerm,
    wordCount,
    sentences,
    clauses,
    durationSec,
    estimated,
    // A text-only transcript's times are estimates: spans of the recording would not line up.
    unclear: estimated ? [] : unclearSpans(transcript, durationSec),
  };
  if (estimatedWordsPerMinute !== undefined)
    answer.estimatedWordsPerMinute = estimatedWordsPerMinute;
  return answer;
}

/** Number of counted words (words with at least one term) in words [startWord, endWord). */
export function countWords(answer: AnswerText, startWord: number, endWord: number): number {
  let count = 0;
  for (
    let word = Math.max(0, startWord);
    word < Math.min(endWord, answer.words.length);
    word += 1
  ) {
    if ((answer.firstTerm[word + 1] ?? 0) > (answer.firstTerm[word] ?? 0)) count += 1;
  }
  return count;
}

/** The words of a span as written, for quoting. */
export function spanText(answer: AnswerText, startWord: number, endWord: number): string {
  return answer.words
    .slice(startWord, endWord)
    .map((word) => word.text)
    .join(' ');
}

/** Converts terms [startTerm, endTerm) to a word range [startWord, endWord). */
export function termsToWords(
  answer: AnswerText,
  startTerm: number,
  endTerm: number,
): { startWord: number; endWord: number } {
  const startWord = answer.termWord[startTerm] ?? answer.words.length;
  const endWord =
    (answer.termWord[Math.max(startTerm, endTerm - 1)] ?? answer.words.length - 1) + 1;
  return { startWord, endWord };
}

/** Words [startWord, endWord) with their times; without times when either end word is missing. */
export function timedRange(answer: AnswerText, startWord: number, endWord: number): WordRange {
  const range: WordRange = { startWord, endWord };
  const first = answer.words[startWord];
  const last = answer.words[endWord - 1];
  if (first !== undefined && last !== undefined) {
    range.start = first.start;
    range.end = last.end;
  }
  return range;
}
