/**
 * Attempts over time: each analysed attempt's figures (from the same `answerFigures` the review
 * shows), attempt numbers per question, and what changed between two attempts.
 */
import type { AnswerReport, FindingCode } from '../analysis/types.ts';
import type { AttemptSummary, ProgressPoint } from '../ipc/contract.ts';
import { answerFigures, FINDING_TITLES, formatPerMinute, rankFindings } from './coach.ts';

/** 1, 2, 3 … per question, oldest first; every attempt counts (analysed or not). */
export function attemptNumbers(
  attempts: readonly Pick<AttemptSummary, 'id' | 'question' | 'createdAt'>[],
): Map<string, number> {
  const sorted = [...attempts].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const perQuestion = new Map<string, number>();
  const numbers = new Map<string, number>();
  for (const attempt of sorted) {
    const n = (perQuestion.get(attempt.question.id) ?? 0) + 1;
    perQuestion.set(attempt.question.id, n);
    numbers.set(attempt.id, n);
  }
  return numbers;
}

export function progressPoint(
  attempt: AttemptSummary,
  report: AnswerReport,
  attemptNumber: number,
): ProgressPoint {
  const figures = answerFigures(report);
  return {
    attemptId: attempt.id,
    question: attempt.question,
    createdAt: attempt.createdAt,
    attemptNumber,
    storyId: attempt.storyId ?? null,
    model: attempt.model,
    score: figures.score,
    dimensions: report.score.dimensions.map((d) => ({
      id: d.id,
      label: d.label,
      score: Math.round(d.score),
    })),
    fillersPerMinute: figures.fillersPerMinute,
    wordsPerMinute: figures.wordsPerMinute,
    spokenSec: Math.round(figures.spokenSec),
    words: figures.words,
    // Most worth fixing first: findings[0] is the focus carried to the next attempt.
    findings: [...new Set(rankFindings(report).map((item) => item.finding.code))],
  };
}

/** One figure then and now. `better` says which way is an improvement (null: neither). */
export interface Change {
  label: string;
  before: number;
  after: number;
  delta: number;
  better: 'up' | 'down' | null;
  unit: string;
}

export interface Comparison {
  against: ProgressPoint;
  changes: Change[];
  /** Finding headlines gone since `against`, and new ones. */
  fixed: string[];
  added: string[];
}

const titles = (codes: readonly FindingCode[]) => codes.map((code) => FINDING_TITLES[code] ?? code);

/** What changed from `before` to `after` (score, each dimension, fillers, pace, length, findings). */
export function compareAttempts(before: ProgressPoint, after: ProgressPoint): Comparison {
  const change = (
    label: string,
    a: number,
    b: number,
    better: Change['better'],
    unit = '',
  ): Change => ({ label, before: a, after: b, delta: Math.round((b - a) * 10) / 10, better, unit });
  const changes = [change('Score', before.score, after.score, 'up')];
  for (const dimension of after.dimensions) {
    const then = before.dimensions.find((d) => d.id === dimension.id);
    if (then) changes.push(change(dimension.label, then.score, dimension.score, 'up'));
  }
  changes.push(
    change('Fillers per minute', before.fillersPerMinute, after.fillersPerMinute, 'down'),
    change('Words per minute', before.wordsPerMinute, after.wordsPerMinute, null),
    change('Length (seconds spoken)', before.spokenSec, after.spokenSec, null, ' s'),
  );
  return {
    against: before,
    changes,
    fixed: titles(before.findings.filter((code) => !after.findings.includes(code))),
    added: titles(after.findings.filter((code) => !before.findings.includes(code))),
  };
}

/**
 * The attempts to compare `current` with: the one before it and the best before it, at the same
 * question or (`by: 'story'`) telling the same story, whatever the question.
 */
export function comparisonTargets(
  points: readonly ProgressPoint[],
  current: ProgressPoint,
  by: 'question' | 'story' = 'question',
): { previous: ProgressPoint | null; best: ProgressPoint | null } {
  const same = (p: ProgressPoint) =>
    by === 'question'
      ? p.question.id === current.question.id
      : current.storyId !== null && p.storyId === current.storyId;
  const earlier = points
    .filter((p) => same(p) && p.createdAt < current.createdAt)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const previous = earlier.at(-1) ?? null;
  const best = earlier.reduce<ProgressPoint | null>(
    (top, p) => (top === null || p.score > top.score ? p : top),
    null,
  );
  return { previous, best };
}

/** "Last time (attempt 2): No number in the result; 3.2 fillers a minute." */
export function carriedFocus(last: ProgressPoint): string {
  const focus = last.findings[0];
  const parts = [focus ? (FINDING_TITLES[focus] ?? focus) : 'nothing flagged'];
  parts.push(`${formatPerMinute(last.fillersPerMinute)} fillers a minute`);
  return `Last time (attempt ${last.attemptNumber}, score ${last.score}): ${parts.join('; ')}.`;
}

/** Per question: how many analysed attempts, the last and the best score. */
export function questionMarks(
  points: readonly ProgressPoint[],
): Map<string, { attempts: number; last: ProgressPoint; best: number }> {
  const marks = new Map<string, { attempts: number; last: ProgressPoint; best: number }>();
  for (const point of [...points].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const mark = marks.get(point.question.id);
    marks.set(point.question.id, {
      attempts: (mark?.attempts ?? 0) + 1,
      last: point,
      best: Math.max(mark?.best ?? 0, point.score),
    });
  }
  return marks;
}
