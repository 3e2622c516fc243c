import type { AnswerReport, RamblingReason, StarPart } from '../../../../shared/analysis/types.ts';
import { isUnclearAt } from '../../../../shared/transcript/unclear.ts';

/** What the transcript shows on one word. */
export interface WordMark {
  filler: boolean;
  /** Index into `report.rambling`, or -1. */
  rambling: number;
  star: StarPart | null;
  /** Heard in audio too unclear to transcribe: the word may be wrong. */
  unclear: boolean;
}

/** Per-word marks from the report's fillers, rambling sections, STAR sections and unclear audio. */
export function markWords(report: AnswerReport): WordMark[] {
  const unclear = report.unclear ?? [];
  const marks: WordMark[] = report.words.map((word) => ({
    filler: word.filler === true,
    rambling: -1,
    star: null,
    unclear: isUnclearAt(unclear, (word.start + word.end) / 2),
  }));
  const clamp = (i: number) => Math.max(0, Math.min(marks.length, i));
  for (const occurrence of report.fillers.occurrences) {
    for (let i = clamp(occurrence.startWord); i < clamp(occurrence.endWord); i++)
      marks[i]!.filler = true;
  }
  report.rambling.forEach((section, index) => {
    for (let i = clamp(section.startWord); i < clamp(section.endWord); i++) {
      if (marks[i]!.rambling === -1) marks[i]!.rambling = index;
    }
  });
  for (const section of report.sections) {
    for (let i = clamp(section.startWord); i < clamp(section.endWord); i++)
      marks[i]!.star = section.part;
  }
  return marks;
}

export const STAR_LABELS: Record<StarPart, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
};

export const RAMBLING_LABELS: Record<RamblingReason, string> = {
  'circling-back': 'Circling back',
  'run-on': 'Run-on',
  hedging: 'Hedging',
  digression: 'Digression',
  'org-chart-preamble': 'Org-chart preamble',
};

/** A run of consecutive words sharing the same rambling section, for shading as one block. */
export interface TranscriptRun {
  startWord: number;
  endWord: number;
  rambling: number;
}

export function groupRuns(marks: readonly WordMark[]): TranscriptRun[] {
  const runs: TranscriptRun[] = [];
  marks.forEach((mark, index) => {
    const last = runs[runs.length - 1];
    if (last && last.rambling === mark.rambling) last.endWord = index + 1;
    else runs.push({ startWord: index, endWord: index + 1, rambling: mark.rambling });
  });
  return runs;
}
