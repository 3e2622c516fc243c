/**
 * How a report is kept on disk: without its words. The words are the transcript's, stored once in
 * `transcript.json`, and which of them are fillers is stored once, as the report's filler
 * occurrences; `withWords` puts the two back together when the report is read.
 */
import type { Transcript } from '../transcript/types.ts';
import { DEFAULT_ESTIMATED_WORDS_PER_MINUTE } from './analyze.ts';
import { buildAnswerText } from './answer-text.ts';
import { markFillers } from './fillers.ts';
import type { AnalyzedWord, AnswerReport } from './types.ts';

/** A report as stored: everything but the words (older files may still carry them). */
export type StoredReport = Omit<AnswerReport, 'words'> & { words?: AnalyzedWord[] };

/** The report to store: the words are left out (they are the transcript's, with filler marks). */
export function toStoredReport(report: AnswerReport): StoredReport {
  const { words: _words, ...stored } = report;
  return stored;
}

/**
 * The report as the app shows it: its words rebuilt from the transcript it was made from, the way
 * the analysis built them, and marked from the filler occurrences. A report stored with its words
 * (before they were left out) keeps them; without either, there is no report to show (null).
 */
export function withWords(
  stored: StoredReport,
  transcript: Transcript | null,
): AnswerReport | null {
  if (stored.words) return { ...stored, words: stored.words };
  if (!transcript) return null;
  const { words } = buildAnswerText(transcript, {
    estimatedWordsPerMinute: DEFAULT_ESTIMATED_WORDS_PER_MINUTE,
    ...(transcript.durationSec === undefined ? {} : { durationSec: transcript.durationSec }),
  });
  markFillers(words, stored.fillers.occurrences);
  return { ...stored, words };
}
