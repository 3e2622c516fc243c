/** `length.short`: under the target window, by words and (timed answers) by time. */
import { formatClock } from '../../transcript/words.ts';
import { gradeSeverity } from '../detection.ts';
import type { Severity } from '../types.ts';
import type { CheckContext } from './context.ts';
import type { Check } from './types.ts';

const RANK: Record<Severity, number> = { info: 1, warning: 2, problem: 3 };
/** The more severe of two gradings. */
export const worst = (a: Severity | undefined, b: Severity | undefined): Severity | undefined =>
  a === undefined ? b : b === undefined ? a : RANK[a] >= RANK[b] ? a : b;

/** Seconds from the first word's start to the last word's end (0 without words). */
export function speechSeconds(context: CheckContext): number {
  const { answer } = context;
  const first = answer.words[0];
  const last = answer.words[answer.words.length - 1];
  return first !== undefined && last !== undefined ? last.end - first.start : 0;
}

/** The target window as the messages quote it. */
export function lengthTarget(context: CheckContext): string {
  const { answer, thresholds } = context;
  return !answer.estimated
    ? `target of ${thresholds.targetWords.min}–${thresholds.targetWords.max} words in ${formatClock(thresholds.targetSeconds.min)}–${formatClock(thresholds.targetSeconds.max)}`
    : `${thresholds.targetWords.min}–${thresholds.targetWords.max} word target`;
}

/** How short the answer is, if it is (the long check stays quiet then). */
export function shortSeverity(context: CheckContext): Severity | undefined {
  const { answer, thresholds, timing } = context;
  const timed = !answer.estimated;
  return worst(
    gradeSeverity(timing.wordCount, thresholds.shortWords, 'below'),
    timed ? gradeSeverity(speechSeconds(context), thresholds.shortSeconds, 'below') : undefined,
  );
}

export const lengthShort: Check = {
  code: 'length.short',
  kinds: 'all',
  detect(context) {
    const short = shortSeverity(context);
    if (!short) return undefined;
    const { answer, timing } = context;
    const timed = !answer.estimated;
    return {
      code: 'length.short',
      detail: `${timing.wordCount} words${timed ? ` in ${formatClock(speechSeconds(context))}` : ''}, against the ${lengthTarget(context)}`,
      evidence: [{ startWord: 0, endWord: answer.words.length }],
      severity: short,
    };
  },
  praise({ timing, thresholds }, fired) {
    if (fired.has('length.long')) return undefined;
    const { targetWords } = thresholds;
    const inside = timing.wordCount >= targetWords.min && timing.wordCount <= targetWords.max;
    return `${timing.wordCount} words, ${inside ? 'inside' : 'close to'} the ${targetWords.min}–${targetWords.max} word target.`;
  },
};
