/**
 * Mock panels: "pick four to six" questions, answered back to back with no retries; "almost every
 * panel opens with" the pipeline question. Then one report for the whole panel.
 */
import type { AnalyzedWord, AnswerReport, Finding, Severity } from '../analysis/types.ts';
import type { Question } from '../questions/bank.ts';
import { seededRandom } from '../random/seeded.ts';
import { GOOD_SCORE } from './matrix.ts';
import { contentStems } from './telling.ts';
import type { Story } from './types.ts';

export const PANEL_SIZE = { min: 4, max: 6, default: 5 } as const;
/** The question almost every panel opens with. */
export const PANEL_OPENER_ID = 'pipeline-broke';

export interface PanelOptions {
  size?: number;
  /** Questions already covered by a flexing story: drawn less often. */
  coveredIds?: ReadonlySet<string>;
  /** Open with the pipeline question (default true). */
  openWithPipeline?: boolean;
  /** Seed for the draw, so a panel can be reproduced. */
  seed: number;
}

/** Draws a panel: the opener first (when asked and present), the rest weighted 3:1 toward uncovered questions. */
export function pickPanel(questions: readonly Question[], options: PanelOptions): Question[] {
  const size = options.size ?? PANEL_SIZE.default;
  if (!Number.isInteger(size) || size < PANEL_SIZE.min || size > PANEL_SIZE.max) {
    throw new RangeError(
      `A panel has ${PANEL_SIZE.min} to ${PANEL_SIZE.max} questions, not ${size}.`,
    );
  }
  if (questions.length < size) {
    throw new RangeError(
      `A panel of ${size} needs ${size} questions; only ${questions.length} exist.`,
    );
  }
  const next = seededRandom(options.seed);
  const panel: Question[] = [];
  const pool = [...questions];
  if (options.openWithPipeline !== false) {
    const at = pool.findIndex((question) => question.id === PANEL_OPENER_ID);
    if (at >= 0) panel.push(...pool.splice(at, 1));
  }
  while (panel.length < size) {
    const weights = pool.map((question) => (options.coveredIds?.has(question.id) ? 1 : 3));
    let pick = next() * weights.reduce((sum, weight) => sum + weight, 0);
    let at = 0;
    while (at < pool.length - 1 && pick >= (weights[at] ?? 0)) {
      pick -= weights[at] ?? 0;
      at += 1;
    }
    panel.push(...pool.splice(at, 1));
  }
  return panel;
}

/** Of several stories, the one whose draft a telling follows, when clearly one (else undefined). */
export function detectStory(
  told: readonly AnalyzedWord[],
  stories: readonly { id: string; draftWords: readonly AnalyzedWord[] }[],
): string | undefined {
  const toldStems = new Set(contentStems(told, 0, told.length));
  if (toldStems.size === 0) return undefined;
  const scored = stories
    .map((story) => {
      const draftStems = new Set(contentStems(story.draftWords, 0, story.draftWords.length));
      let shared = 0;
      for (const item of toldStems) if (draftStems.has(item)) shared += 1;
      return { id: story.id, share: draftStems.size === 0 ? 0 : shared / toldStems.size };
    })
    .sort((a, b) => b.share - a.share);
  const [best, second] = scored;
  // A telling shares most of its content words with its own draft; a clear margin over the next.
  if (!best || best.share < 0.35 || (second && best.share - second.share < 0.1)) return undefined;
  return best.id;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { problem: 3, warning: 2, info: 1 };

/** The finding to work on first: the most severe, the earliest listed among equals. */
export function topFinding(report: AnswerReport): Finding | undefined {
  let top: Finding | undefined;
  for (const finding of report.findings) {
    if (!top || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[top.severity]) top = finding;
  }
  return top;
}

export interface PanelAnswer {
  question: Question;
  report: AnswerReport;
  /** The story the user picked for it. */
  storyId?: string;
}

export interface PanelReportEntry {
  questionId: string;
  score: number;
  durationSec: number;
  topFinding?: Finding;
  storyId?: string;
  /** True when the story was detected from the drafts, not picked. */
  storyDetected: boolean;
}

export interface PanelReport {
  entries: PanelReportEntry[];
  totalSec: number;
  /** Mean of the answers' scores, rounded. */
  meanScore: number;
  /** Stories told for more than one answer of the panel. */
  collisions: { storyId: string; questionIds: string[] }[];
  /** Questions to rehearse next: below a good score, weakest first. */
  rehearseNext: string[];
}

export function buildPanelReport(
  answers: readonly PanelAnswer[],
  stories: readonly Story[],
  draftWords: (story: Story) => readonly AnalyzedWord[],
): PanelReport {
  const drafts = stories
    .filter((story) => story.draft.trim().length > 0)
    .map((story) => ({ id: story.id, draftWords: draftWords(story) }));
  const entries = answers.map((answer): PanelReportEntry => {
    const detected =
      answer.storyId === undefined ? detectStory(answer.report.words, drafts) : undefined;
    const entry: PanelReportEntry = {
      questionId: answer.question.id,
      score: answer.report.score.overall,
      durationSec: answer.report.timing.durationSec,
      storyDetected: detected !== undefined,
    };
    const top = topFinding(answer.report);
    if (top) entry.topFinding = top;
    const storyId = answer.storyId ?? detected;
    if (storyId !== undefined) entry.storyId = storyId;
    return entry;
  });
  const byStory = new Map<string, string[]>();
  for (const entry of entries) {
    if (entry.storyId === undefined) continue;
    byStory.set(entry.storyId, [...(byStory.get(entry.storyId) ?? []), entry.questionId]);
  }
  const total = entries.reduce((sum, entry) => sum + entry.durationSec, 0);
  return {
    entries,
    totalSec: total,
    meanScore:
      entries.length === 0
        ? 0
        : Math.round(entries.reduce((sum, entry) => sum + entry.score, 0) / entries.length),
    collisions: [...byStory.entries()]
      .filter(([, ids]) => ids.length > 1)
      .map(([storyId, questionIds]) => ({ storyId, questionIds })),
    rehearseNext: entries
      .filter((entry) => entry.score < GOOD_SCORE)
      .sort((a, b) => a.score - b.score)
      .map((entry) => entry.questionId),
  };
}
