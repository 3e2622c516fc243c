/**
 * What `delivery.pace-fast` and `delivery.pace-slow` share. Pace is only judged on timed answers
 * with enough speech; text-only times are estimates. The overall rate grades the finding; when it
 * is fine, a sustained stretch of fast or slow windows (rushing through the action, stalling
 * before the result) is still noted as info.
 */
import { formatClock } from '../../transcript/words.ts';
import { gradeSeverity, type Detection, type WordSpan } from '../detection.ts';
import { clearSeconds } from '../timing.ts';
import type { PaceSample, Severity, TimingReport } from '../types.ts';
import type { CheckContext } from './context.ts';
import { wordAt } from './length-long.ts';

export type PaceCode = 'delivery.pace-fast' | 'delivery.pace-slow';

/**
 * Runs of at least `count` consecutive windows whose pace is outside a limit. A window without a
 * sample (too unclear to measure) ends a run.
 */
function sustainedRuns(
  timing: TimingReport,
  outside: (wpm: number) => boolean,
  count: number,
): PaceSample[][] {
  const runs: PaceSample[][] = [];
  let run: PaceSample[] = [];
  for (const sample of timing.paceOverTime) {
    const previous = run[run.length - 1];
    if (previous !== undefined && previous.end !== sample.start) {
      if (run.length >= count) runs.push(run);
      run = [];
    }
    if (outside(sample.wordsPerMinute) && sample.wordsPerMinute > 0) run.push(sample);
    else {
      if (run.length >= count) runs.push(run);
      run = [];
    }
  }
  if (run.length >= count) runs.push(run);
  return runs;
}

/** Pace windows as word ranges; consecutive windows make one stretch of evidence. */
function toWords(context: CheckContext, samples: readonly PaceSample[]): WordSpan[] {
  const { answer } = context;
  return samples
    .map((sample) => ({
      startWord: wordAt(answer, sample.start),
      endWord: wordAt(answer, sample.end),
    }))
    .filter((span) => span.endWord > span.startWord)
    .reduce<WordSpan[]>((merged, span) => {
      const previous = merged[merged.length - 1];
      if (previous !== undefined && span.startWord <= previous.endWord)
        previous.endWord = Math.max(previous.endWord, span.endWord);
      else merged.push({ ...span });
      return merged;
    }, []);
}

/** True when the answer is timed and has enough clear speech for pace to be judged. */
function judged(context: CheckContext): boolean {
  const { answer, timing, thresholds } = context;
  if (timing.estimated) return false;
  const first = answer.words[0];
  const last = answer.words[answer.words.length - 1];
  return (
    first !== undefined &&
    last !== undefined &&
    clearSeconds(answer, first.start, last.end) >= thresholds.minSecondsForPace
  );
}

/** The overall pace's grading in each direction. */
function overall(context: CheckContext): { fast?: Severity; slow?: Severity } {
  const { timing, thresholds } = context;
  const rate = timing.wordsPerMinute;
  const fast = gradeSeverity(rate, thresholds.fastWordsPerMinute, 'above');
  if (fast) return { fast };
  const slow = gradeSeverity(rate, thresholds.slowWordsPerMinute, 'below');
  return slow ? { slow } : {};
}

/** The pace finding of one direction: overall too fast/slow, or a sustained stretch. */
export function detectPace(context: CheckContext, code: PaceCode): Detection | undefined {
  if (!judged(context)) return undefined;
  const { answer, timing, thresholds } = context;
  const rate = timing.wordsPerMinute;
  const fastCode = code === 'delivery.pace-fast';
  // Every window outside the limit: runs of length 1 or more, flattened back into order.
  const windows = (outside: (wpm: number) => boolean): WordSpan[] =>
    toWords(context, sustainedRuns(timing, outside, 1).flat());
  const all: WordSpan[] = [{ startWord: 0, endWord: answer.words.length }];
  const grade = overall(context);
  if (grade.fast || grade.slow) {
    if (fastCode && grade.fast) {
      const fastLimit =
        thresholds.fastWordsPerMinute.warning ?? thresholds.fastWordsPerMinute.problem ?? Infinity;
      const evidence = windows((wpm) => wpm > fastLimit);
      return {
        code,
        detail: `${Math.round(rate)} words per minute overall, above ${fastLimit}`,
        evidence: evidence.length > 0 ? evidence : all,
        severity: grade.fast,
      };
    }
    if (!fastCode && grade.slow) {
      const slowLimit =
        thresholds.slowWordsPerMinute.warning ?? thresholds.slowWordsPerMinute.problem ?? 0;
      const evidence = windows((wpm) => wpm < slowLimit);
      return {
        code,
        detail: `${Math.round(rate)} words per minute overall, below ${slowLimit}, with ${timing.pauses.length} pauses of ${thresholds.pauseSeconds} s or more`,
        evidence: evidence.length > 0 ? evidence : all,
        severity: grade.slow,
      };
    }
    return undefined;
  }
  const runs = sustainedRuns(
    timing,
    fastCode
      ? (wpm) => wpm > thresholds.sustainedFastWordsPerMinute
      : (wpm) => wpm < thresholds.sustainedSlowWordsPerMinute,
    thresholds.sustainedPaceWindows,
  );
  if (runs.length === 0) return undefined;
  const samples = runs.flat();
  const extreme = fastCode
    ? Math.max(...samples.map((sample) => sample.wordsPerMinute))
    : Math.min(...samples.map((sample) => sample.wordsPerMinute));
  const spans = runs
    .map(
      (run) => `${formatClock(run[0]?.start ?? 0)}–${formatClock(run[run.length - 1]?.end ?? 0)}`,
    )
    .join(', ');
  return {
    code,
    detail: `${Math.round(rate)} words per minute overall, but you ${fastCode ? 'speed up' : 'slow down'} to ${Math.round(extreme)} from ${spans}`,
    evidence: toWords(context, samples),
    severity: 'info',
  };
}
