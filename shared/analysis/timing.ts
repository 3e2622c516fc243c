/**
 * Timing: duration, word count, speaking time, pace overall and over time, and pauses.
 *
 * Pace is measured over the speech span (first word start to last word end), so silence before
 * the first word or after the last one does not make a speaker look slow. Speaking time is that
 * span minus the pauses. For a text-only transcript the times are estimated, so there are no
 * pauses and the pace is the stated rate; `estimated` says so.
 */
import type { RubricThresholds } from '../rubric/types.ts';
import type { AnswerText } from './answer-text.ts';
import type { PaceSample, Pause, TimingReport } from './types.ts';

const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export function findPauses(answer: AnswerText, minPauseSec: number): Pause[] {
  if (answer.estimated) return [];
  const pauses: Pause[] = [];
  const { words } = answer;
  for (let index = 0; index + 1 < words.length; index += 1) {
    const before = words[index];
    const after = words[index + 1];
    if (before === undefined || after === undefined) continue;
    const gap = after.start - before.end;
    if (gap >= minPauseSec - 1e-9) {
      pauses.push({
        afterWord: index,
        start: before.end,
        end: after.start,
        durationSec: round(gap),
      });
    }
  }
  return pauses;
}

/** Words per minute in consecutive windows; a last window shorter than half is merged into the one before. */
export function paceOverTime(answer: AnswerText, windowSec: number): PaceSample[] {
  const { words, durationSec } = answer;
  if (durationSec <= 0 || windowSec <= 0) return [];
  const bounds: number[] = [];
  for (let start = 0; start < durationSec; start += windowSec) bounds.push(start);
  if (bounds.length > 1 && durationSec - (bounds[bounds.length - 1] ?? 0) < windowSec / 2)
    bounds.pop();
  const counts = new Array<number>(bounds.length).fill(0);
  words.forEach((word, index) => {
    if ((answer.firstTerm[index + 1] ?? 0) === (answer.firstTerm[index] ?? 0)) return;
    const middle = (word.start + word.end) / 2;
    const slot = Math.min(bounds.length - 1, Math.max(0, Math.floor(middle / windowSec)));
    counts[slot] = (counts[slot] ?? 0) + 1;
  });
  return bounds.map((start, slot) => {
    const end = slot === bounds.length - 1 ? durationSec : start + windowSec;
    const length = end - start;
    return {
      start: round(start),
      end: round(end),
      wordsPerMinute: round(((counts[slot] ?? 0) / length) * 60, 1),
    };
  });
}

export function measureTiming(answer: AnswerText, thresholds: RubricThresholds): TimingReport {
  const { words } = answer;
  const first = words[0];
  const last = words[words.length - 1];
  const span = first !== undefined && last !== undefined ? Math.max(0, last.end - first.start) : 0;
  const pauses = findPauses(answer, thresholds.pauseSeconds);
  const pausedSec = pauses.reduce((total, pause) => total + pause.durationSec, 0);
  const report: TimingReport = {
    durationSec: round(answer.durationSec),
    wordCount: answer.wordCount,
    speakingSec: round(Math.max(0, span - pausedSec)),
    wordsPerMinute: span > 0 ? round((answer.wordCount / span) * 60, 1) : 0,
    paceOverTime: paceOverTime(answer, thresholds.paceWindowSeconds),
    pauses,
    estimated: answer.estimated,
  };
  if (answer.estimatedWordsPerMinute !== undefined) {
    report.estimatedWordsPerMinute = round(answer.estimatedWordsPerMinute, 1);
  }
  return report;
}
