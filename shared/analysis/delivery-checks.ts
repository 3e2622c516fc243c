/**
 * Length and delivery checks: length against the target window, pace (timed answers only),
 * fillers and rambling.
 */
import { formatClock } from '../transcript/words.ts';
import type { RubricThresholds } from '../rubric/types.ts';
import type { AnswerText } from './answer-text.ts';
import { gradeSeverity, type Detection, type WordSpan } from './detection.ts';
import type { FillerReport, PaceSample, RamblingSection, Severity, TimingReport } from './types.ts';

const RANK: Record<Severity, number> = { info: 1, warning: 2, problem: 3 };
const worst = (a: Severity | undefined, b: Severity | undefined): Severity | undefined =>
  a === undefined ? b : b === undefined ? a : RANK[a] >= RANK[b] ? a : b;

/** Index of the first word whose start is at or after `seconds`. */
function wordAt(answer: AnswerText, seconds: number): number {
  const index = answer.words.findIndex((word) => word.start >= seconds);
  return index < 0 ? answer.words.length : index;
}

/** The word index after which the answer passes `wordCount` counted words. */
function afterCountedWords(answer: AnswerText, wordCount: number): number {
  let counted = 0;
  for (let word = 0; word < answer.words.length; word += 1) {
    if ((answer.firstTerm[word + 1] ?? 0) > (answer.firstTerm[word] ?? 0)) counted += 1;
    if (counted > wordCount) return word;
  }
  return answer.words.length;
}

export function checkLength(
  answer: AnswerText,
  timing: TimingReport,
  thresholds: RubricThresholds,
): Detection[] {
  const words = timing.wordCount;
  const first = answer.words[0];
  const last = answer.words[answer.words.length - 1];
  const seconds = first !== undefined && last !== undefined ? last.end - first.start : 0;
  const timed = !answer.estimated;
  const target = timed
    ? `target of ${thresholds.targetWords.min}–${thresholds.targetWords.max} words in ${formatClock(thresholds.targetSeconds.min)}–${formatClock(thresholds.targetSeconds.max)}`
    : `${thresholds.targetWords.min}–${thresholds.targetWords.max} word target`;
  const all: WordSpan = { startWord: 0, endWord: answer.words.length };

  const short = worst(
    gradeSeverity(words, thresholds.shortWords, 'below'),
    timed ? gradeSeverity(seconds, thresholds.shortSeconds, 'below') : undefined,
  );
  if (short) {
    return [
      {
        code: 'length.short',
        detail: `${words} words${timed ? ` in ${formatClock(seconds)}` : ''}, against the ${target}`,
        evidence: [all],
        severity: short,
      },
    ];
  }
  const long = worst(
    gradeSeverity(words, thresholds.longWords, 'above'),
    timed ? gradeSeverity(seconds, thresholds.longSeconds, 'above') : undefined,
  );
  if (long) {
    const overWords = afterCountedWords(answer, thresholds.targetWords.max);
    const overTime = timed
      ? wordAt(answer, (first?.start ?? 0) + thresholds.targetSeconds.max)
      : answer.words.length;
    const from = Math.min(overWords, overTime);
    return [
      {
        code: 'length.long',
        detail: `${words} words${timed ? ` in ${formatClock(seconds)}` : ''}, against the ${target}; the part after word ${thresholds.targetWords.max} runs over`,
        evidence: [
          { startWord: Math.min(from, answer.words.length - 1), endWord: answer.words.length },
        ],
        severity: long,
      },
    ];
  }
  return [];
}

/** Runs of at least `count` consecutive windows whose pace is outside a limit. */
function sustainedRuns(
  timing: TimingReport,
  outside: (wpm: number) => boolean,
  count: number,
): PaceSample[][] {
  const runs: PaceSample[][] = [];
  let run: PaceSample[] = [];
  for (const sample of timing.paceOverTime) {
    if (outside(sample.wordsPerMinute) && sample.wordsPerMinute > 0) run.push(sample);
    else {
      if (run.length >= count) runs.push(run);
      run = [];
    }
  }
  if (run.length >= count) runs.push(run);
  return runs;
}

/**
 * Pace is only judged on timed answers with enough speech; text-only times are estimates.
 * The overall rate grades the finding; when it is fine, a sustained stretch of fast or slow
 * windows (rushing through the action, stalling before the result) is still noted as info.
 */
export function checkPace(
  answer: AnswerText,
  timing: TimingReport,
  thresholds: RubricThresholds,
): Detection[] {
  if (timing.estimated) return [];
  const first = answer.words[0];
  const last = answer.words[answer.words.length - 1];
  if (
    first === undefined ||
    last === undefined ||
    last.end - first.start < thresholds.minSecondsForPace
  )
    return [];
  const rate = timing.wordsPerMinute;
  const toWords = (samples: readonly PaceSample[]): WordSpan[] =>
    samples
      .map((sample) => ({
        startWord: wordAt(answer, sample.start),
        endWord: wordAt(answer, sample.end),
      }))
      .filter((span) => span.endWord > span.startWord)
      // Consecutive windows make one stretch of evidence.
      .reduce<WordSpan[]>((merged, span) => {
        const previous = merged[merged.length - 1];
        if (previous !== undefined && span.startWord <= previous.endWord)
          previous.endWord = Math.max(previous.endWord, span.endWord);
        else merged.push({ ...span });
        return merged;
      }, []);
  // Every window outside the limit: runs of length 1 or more, flattened back into order.
  const windows = (outside: (wpm: number) => boolean): WordSpan[] =>
    toWords(sustainedRuns(timing, outside, 1).flat());
  const all: WordSpan[] = [{ startWord: 0, endWord: answer.words.length }];
  const fastLimit =
    thresholds.fastWordsPerMinute.warning ?? thresholds.fastWordsPerMinute.problem ?? Infinity;
  const slowLimit =
    thresholds.slowWordsPerMinute.warning ?? thresholds.slowWordsPerMinute.problem ?? 0;

  const fast = gradeSeverity(rate, thresholds.fastWordsPerMinute, 'above');
  if (fast) {
    const evidence = windows((wpm) => wpm > fastLimit);
    return [
      {
        code: 'delivery.pace-fast',
        detail: `${Math.round(rate)} words per minute overall, above ${fastLimit}`,
        evidence: evidence.length > 0 ? evidence : all,
        severity: fast,
      },
    ];
  }
  const slow = gradeSeverity(rate, thresholds.slowWordsPerMinute, 'below');
  if (slow) {
    const evidence = windows((wpm) => wpm < slowLimit);
    return [
      {
        code: 'delivery.pace-slow',
        detail: `${Math.round(rate)} words per minute overall, below ${slowLimit}, with ${timing.pauses.length} pauses of ${thresholds.pauseSeconds} s or more`,
        evidence: evidence.length > 0 ? evidence : all,
        severity: slow,
      },
    ];
  }

  const stretch = (
    runs: PaceSample[][],
    code: 'delivery.pace-fast' | 'delivery.pace-slow',
    word: string,
  ): Detection | undefined => {
    if (runs.length === 0) return undefined;
    const samples = runs.flat();
    const extreme =
      code === 'delivery.pace-fast'
        ? Math.max(...samples.map((sample) => sample.wordsPerMinute))
        : Math.min(...samples.map((sample) => sample.wordsPerMinute));
    const spans = runs
      .map(
        (run) => `${formatClock(run[0]?.start ?? 0)}–${formatClock(run[run.length - 1]?.end ?? 0)}`,
      )
      .join(', ');
    return {
      code,
      detail: `${Math.round(rate)} words per minute overall, but you ${word} to ${Math.round(extreme)} from ${spans}`,
      evidence: toWords(samples),
      severity: 'info',
    };
  };
  const count = thresholds.sustainedPaceWindows;
  return [
    stretch(
      sustainedRuns(timing, (wpm) => wpm > thresholds.sustainedFastWordsPerMinute, count),
      'delivery.pace-fast',
      'speed up',
    ),
    stretch(
      sustainedRuns(timing, (wpm) => wpm < thresholds.sustainedSlowWordsPerMinute, count),
      'delivery.pace-slow',
      'slow down',
    ),
  ].filter((detection): detection is Detection => detection !== undefined);
}

export function checkFillers(
  fillers: FillerReport,
  thresholds: RubricThresholds,
): Detection | undefined {
  if (fillers.count < thresholds.minFillerCount) return undefined;
  const severity = gradeSeverity(fillers.perMinute, thresholds.fillersPerMinute, 'above');
  if (!severity) return undefined;
  const forms = Object.entries(fillers.byForm)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([form, count]) => `"${form}" ×${count}`)
    .join(', ');
  return {
    code: 'delivery.fillers',
    detail: `${fillers.count} fillers, ${fillers.perMinute} per minute (${forms})`,
    evidence: fillers.occurrences.map(({ startWord, endWord }) => ({ startWord, endWord })),
    severity,
  };
}

const REASON_LABEL: Record<RamblingSection['reason'], string> = {
  'circling-back': 'circling back',
  'run-on': 'run-on',
  hedging: 'hedging pile-up',
  digression: 'digression',
  'org-chart-preamble': 'org-chart preamble',
};

export function checkRambling(
  answer: AnswerText,
  sections: readonly RamblingSection[],
  thresholds: RubricThresholds,
): Detection | undefined {
  const graded = gradeSeverity(sections.length, thresholds.rambling.sections, 'atLeast');
  if (sections.length === 0 || graded === undefined) return undefined;
  const list = sections
    .map(
      (section) =>
        `${REASON_LABEL[section.reason]}${answer.estimated ? '' : ` at ${formatClock(section.start ?? 0)}`}`,
    )
    .join(', ');
  return {
    code: 'delivery.rambling',
    detail: `${sections.length} rambling section${sections.length === 1 ? '' : 's'}: ${list}`,
    evidence: sections.map(({ startWord, endWord }) => ({ startWord, endWord })),
    severity: graded,
  };
}
