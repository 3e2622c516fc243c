/**
 * Timing: duration, word count, speaking time, pace overall and over time, and pauses.
 *
 * Pace is measured over the speech span (first word start to last word end), so silence before
 * the first word or after the last one does not make a speaker look slow. Speaking time is that
 * span minus the pauses. For a text-only transcript the times are estimated, so there are no
 * pauses and the pace is the stated rate; `estimated` says so.
 *
 * Audio too unclear to transcribe (`answer.unclear`) is speech the recogniser could not write down:
 * it is never a pause, and pace is measured over the rest (its time and any words heard in it are
 * left out), so an unclear stretch does not make the speaker look slow.
 */
import type { RubricThresholds } from '../rubric/types.ts';
import { isUnclearAt, unclearOverlap } from '../transcript/unclear.ts';
import type { AnswerText } from './answer-text.ts';
import type { PaceSample, Pause, TimingReport } from './types.ts';

const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export function findPauses(answer: AnswerText, minPauseSec: number): Pause[] {
  if (answer.estimated) return [];
  const pauses: Pause[] = [];
  const { words, unclear } = answer;
  const add = (afterWord: number, start: number, end: number) => {
    if (end - start >= minPauseSec - 1e-9)
      pauses.push({ afterWord, start, end, durationSec: round(end - start) });
  };
  for (let index = 0; index + 1 < words.length; index += 1) {
    const before = words[index];
    const after = words[index + 1];
    if (before === undefined || after === undefined) continue;
    // The silence between the words is the gap minus any unclear speech in it.
    let from = before.end;
    for (const span of unclear) {
      if (span.end <= from || span.start >= after.start) continue;
      add(index, from, span.start);
      from = Math.max(from, span.end);
    }
    add(index, from, after.start);
  }
  return pauses;
}

/** Counted words (words with a term) heard in clear audio: the words pace is measured by. */
function clearWord(answer: AnswerText, index: number): boolean {
  const word = answer.words[index];
  if (word === undefined) return false;
  if ((answer.firstTerm[index + 1] ?? 0) === (answer.firstTerm[index] ?? 0)) return false;
  return !isUnclearAt(answer.unclear, (word.start + word.end) / 2);
}

/** Seconds of [from, to] whose audio was clear enough to transcribe. */
export function clearSeconds(answer: AnswerText, from: number, to: number): number {
  return Math.max(0, to - from - unclearOverlap(answer.unclear, from, to));
}

/** A window with less clear audio than this share of it has no pace sample: too little to measure. */
const MIN_CLEAR_WINDOW_SHARE = 0.25;

/**
 * Words per minute in consecutive windows; a last window shorter than half is merged into the one
 * before. A window mostly too unclear to transcribe has no sample (the windows around it keep theirs).
 */
export function paceOverTime(answer: AnswerText, windowSec: number): PaceSample[] {
  const { words, durationSec } = answer;
  if (durationSec <= 0 || windowSec <= 0) return [];
  const bounds: number[] = [];
  for (let start = 0; start < durationSec; start += windowSec) bounds.push(start);
  if (bounds.length > 1 && durationSec - (bounds[bounds.length - 1] ?? 0) < windowSec / 2)
    bounds.pop();
  const counts = new Array<number>(bounds.length).fill(0);
  words.forEach((word, index) => {
    if (!clearWord(answer, index)) return;
    const middle = (word.start + word.end) / 2;
    const slot = Math.min(bounds.length - 1, Math.max(0, Math.floor(middle / windowSec)));
    counts[slot] = (counts[slot] ?? 0) + 1;
  });
  const samples: PaceSample[] = [];
  bounds.forEach((start, slot) => {
    const end = slot === bounds.length - 1 ? durationSec : start + windowSec;
    const length = clearSeconds(answer, start, end);
    if (length <= 0 || length < (end - start) * MIN_CLEAR_WINDOW_SHARE) return;
    samples.push({
      start: round(start),
      end: round(end),
      wordsPerMinute: round(((counts[slot] ?? 0) / length) * 60, 1),
    });
  });
  return samples;
}

export function measureTiming(answer: AnswerText, thresholds: RubricThresholds): TimingReport {
  const { words } = answer;
  const first = words[0];
  const last = words[words.length - 1];
  const span = first !== undefined && last !== undefined ? Math.max(0, last.end - first.start) : 0;
  const pauses = findPauses(answer, thresholds.pauseSeconds);
  const pausedSec = pauses.reduce((total, pause) => total + pause.durationSec, 0);
  // Pace over the clear part of the speech span (all of it when nothing was unclear).
  const clearSpan =
    first !== undefined && last !== undefined ? clearSeconds(answer, first.start, last.end) : 0;
  let clearWords = 0;
  for (let index = 0; index < words.length; index += 1)
    if (clearWord(answer, index)) clearWords += 1;
  const report: TimingReport = {
    durationSec: round(answer.durationSec),
    wordCount: answer.wordCount,
    // Unclear speech is speech: only the pauses are taken off.
    speakingSec: round(Math.max(0, span - pausedSec)),
    wordsPerMinute: clearSpan > 0 ? round((clearWords / clearSpan) * 60, 1) : 0,
    paceOverTime: paceOverTime(answer, thresholds.paceWindowSeconds),
    pauses,
    estimated: answer.estimated,
  };
  if (answer.estimatedWordsPerMinute !== undefined) {
    report.estimatedWordsPerMinute = round(answer.estimatedWordsPerMinute, 1);
  }
  return report;
}
