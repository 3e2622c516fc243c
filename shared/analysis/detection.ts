import type { FindingCode, Severity } from './types.ts';

/** A word range [startWord, endWord) of the analysed words. */
export interface WordSpan {
  startWord: number;
  endWord: number;
}

/**
 * What a check found, before the rubric turns it into a Finding: the rubric decides whether the
 * code applies to the question's kind, supplies the message and (unless the check graded it) the
 * severity.
 */
export interface Detection {
  code: FindingCode;
  /** What was found, in the candidate's terms; fills the rubric message's {detail}. */
  detail: string;
  evidence: WordSpan[];
  /** Set by checks graded against thresholds; otherwise the rubric's severity applies. */
  severity?: Severity;
}

/**
 * The most severe level whose limit `value` is beyond: strictly below (`'below'`), strictly above
 * (`'above'`), or at or above (`'atLeast'`, for counts).
 */
export function gradeSeverity(
  value: number,
  limits: { info?: number; warning?: number; problem?: number },
  direction: 'below' | 'above' | 'atLeast',
): Severity | undefined {
  const beyond = (limit: number | undefined): boolean =>
    limit !== undefined &&
    (direction === 'below'
      ? value < limit
      : direction === 'above'
        ? value > limit
        : value >= limit);
  if (beyond(limits.problem)) return 'problem';
  if (beyond(limits.warning)) return 'warning';
  if (beyond(limits.info)) return 'info';
  return undefined;
}
