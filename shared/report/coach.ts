/**
 * The report as a coach reads it, for every screen and export: findings in the user's words,
 * ranked by what fixing each is worth, and the answer's figures with one rounding each. The review,
 * the comparison, Progress and the Markdown/PDF export all take their numbers from here, so the
 * same figure never reads differently in two places.
 */
import type { AnswerReport, Finding, FindingCode, Severity } from '../analysis/types.ts';
import { findRubric } from '../rubric/catalog.ts';
import { formatClock } from '../transcript/words.ts';

export { formatClock };

/** 0.237 → "24%": every share on every screen. */
export function formatShare(fraction: number): string {
  const safe = Number.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
  return `${Math.round(safe * 100)}%`;
}

/** Fillers per minute as shown everywhere: one decimal. */
export function formatPerMinute(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

/** A short headline per finding, in the user's words (the codes stay in JSON and the CLI). */
export const FINDING_TITLES: Readonly<Record<FindingCode, string>> = {
  'length.short': 'The answer is too short',
  'length.long': 'The answer runs long',
  'star.missing-situation': 'No situation to set the scene',
  'star.missing-task': 'Your task is never named',
  'star.missing-action': 'What you did is missing',
  'star.missing-result': 'No result at the end',
  'star.long-situation': 'Too long on the background',
  'star.thin-action': 'Too little on what you did',
  'result.no-metric': 'No number in the result',
  'result.technical-only': 'The result stays technical',
  'pitfall.vague-we': '"We" hides what you did',
  'pitfall.blames-upstream': 'It sounds like blaming another team',
  'pitfall.no-post-incident-change': 'Nothing changed after the incident',
  'pitfall.tool-heavy': 'Too much about tools',
  'pitfall.no-on-call': 'No on-call moment',
  'tradeoff.no-numbers': 'The trade-off has no numbers',
  'relevance.off-question': 'The story may not answer the question',
  'delivery.fillers': 'Many filler words',
  'delivery.rambling': 'Rambling passages',
  'delivery.pace-fast': 'Speaking too fast',
  'delivery.pace-slow': 'Speaking slowly',
  'delivery.recited': 'It sounds recited from your draft',
};

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  problem: 'Fix',
  warning: 'Improve',
  info: 'Note',
};

const SEVERITY_ORDER: Record<Severity, number> = { problem: 0, warning: 1, info: 2 };

export interface CoachFinding {
  finding: Finding;
  title: string;
  /** The dimension it counts against, when the rubric is known. */
  dimension: string | null;
  /** Points of the overall score this finding costs (rubric penalty × dimension weight). */
  points: number;
  /** Points it takes off its dimension (the rubric's penalty). */
  dimensionPoints: number;
  /** Seconds of its first evidence, when timed. */
  at: number | null;
}

/** Where a finding's first evidence starts, in seconds; null when it has none. */
export function evidenceStart(finding: Finding, report: AnswerReport): number | null {
  const first = finding.evidence[0];
  if (!first) return null;
  return first.start ?? report.words[first.startWord]?.start ?? null;
}

/** Each finding once, most worth fixing first (points, then severity, then order of appearance). */
export function rankFindings(report: AnswerReport): CoachFinding[] {
  const rubric = findRubric(report.rubricId) ?? null;
  const totalWeight = rubric ? rubric.dimensions.reduce((sum, d) => sum + d.weight, 0) : 0;
  const seen = new Set<string>();
  const ranked: CoachFinding[] = [];
  for (const finding of report.findings) {
    const key = `${finding.code}|${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rule = rubric?.findings.find((r) => r.code === finding.code);
    const dimension = rule ? rubric?.dimensions.find((d) => d.id === rule.dimension) : undefined;
    const points =
      rule && dimension && totalWeight > 0
        ? (rule.penalty[finding.severity] * dimension.weight) / totalWeight
        : 0;
    ranked.push({
      finding,
      title: FINDING_TITLES[finding.code] ?? finding.code,
      dimension: dimension?.label ?? null,
      points,
      dimensionPoints: rule ? rule.penalty[finding.severity] : 0,
      at: evidenceStart(finding, report),
    });
  }
  return ranked
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        b.item.points - a.item.points ||
        SEVERITY_ORDER[a.item.finding.severity] - SEVERITY_ORDER[b.item.finding.severity] ||
        a.index - b.index,
    )
    .map(({ item }) => item);
}

/** Where "hear it" starts: a second before the evidence, so the moment is heard in context. */
export const HEAR_IT_LEAD_SEC = 1;
export function hearItFrom(at: number): number {
  return Math.max(0, at - HEAR_IT_LEAD_SEC);
}

/** The answer's figures, each with the rounding every screen and export uses. */
export interface AnswerFigures {
  /** 0..100, whole. */
  score: number;
  recordingSec: number;
  /** First word's start to last word's end: what the length check measures. */
  spokenSec: number;
  words: number;
  fillers: number;
  fillersPerMinute: number;
  /** Whole words per minute. */
  wordsPerMinute: number;
  estimated: boolean;
}

export function answerFigures(report: AnswerReport): AnswerFigures {
  const first = report.words[0];
  const last = report.words[report.words.length - 1];
  return {
    score: Math.round(report.score.overall),
    recordingSec: report.timing.durationSec,
    spokenSec: first && last ? Math.max(0, last.end - first.start) : 0,
    words: report.timing.wordCount,
    fillers: report.fillers.count,
    fillersPerMinute: Math.round(report.fillers.perMinute * 10) / 10,
    wordsPerMinute: Math.round(report.timing.wordsPerMinute),
    estimated: report.timing.estimated,
  };
}

/** "175 words in 1:05 · 122 wpm · 1.5 fillers/min" (the length as the length check counts it). */
export function describeFigures(figures: AnswerFigures): string {
  const length = figures.estimated
    ? `${figures.words} words`
    : `${figures.words} words in ${formatClock(figures.spokenSec)}`;
  return `${length} · ${figures.wordsPerMinute} wpm · ${formatPerMinute(figures.fillersPerMinute)} fillers/min`;
}

/** What the dimension says went well: its reasons without the penalty lines (those are findings). */
export function dimensionStrengths(reasons: readonly string[]): string[] {
  return reasons.filter((reason) => !/^[−-]\d/u.test(reason));
}
