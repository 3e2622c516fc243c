/**
 * Scoring: every dimension starts at 100 and loses its findings' penalties (by severity, from the
 * rubric); the overall score is the weighted mean, capped by the number of 'problem' findings (so a
 * pitfall that tanks an answer shows in the headline number). Each dimension lists its reasons: one line per
 * penalty, or what went well when nothing was taken off. Deterministic by construction.
 */
import type { CompiledRubric } from '../rubric/compile.ts';
import type { DimensionScore, Finding, ScoreReport, StarSection, TimingReport } from './types.ts';

const clamp = (value: number): number => Math.max(0, Math.min(100, Math.round(value)));
const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** First sentence of a message's detail, for a compact reason line. */
function reasonText(finding: Finding): string {
  const colon = finding.message.indexOf(': ');
  const detail = colon >= 0 ? finding.message.slice(colon + 2) : finding.message;
  const text = detail.replace(/\.$/u, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function strengths(id: string, sections: readonly StarSection[], timing: TimingReport): string {
  switch (id) {
    case 'structure': {
      const action = sections.find((section) => section.part === 'action');
      return `All four STAR parts are there${action ? `; action is ${percent(action.wordShare)} of the answer` : ''}.`;
    }
    case 'delivery':
      return timing.estimated
        ? `Fillers are fine; pace not judged: times are estimated at ${timing.estimatedWordsPerMinute ?? '?'} words per minute (text only).`
        : `Few fillers and a steady pace (${Math.round(timing.wordsPerMinute)} words per minute).`;
    default:
      return 'Nothing to fix here.';
  }
}

export function scoreAnswer(
  findings: readonly Finding[],
  sections: readonly StarSection[],
  timing: TimingReport,
  rubric: CompiledRubric,
): ScoreReport {
  const dimensions: DimensionScore[] = rubric.rubric.dimensions.map((dimension) => {
    const reasons: string[] = [];
    let score = 100;
    for (const finding of findings) {
      const rule = rubric.rules.get(finding.code);
      if (rule === undefined || rule.dimension !== dimension.id) continue;
      const penalty = rule.penalty[finding.severity];
      score -= penalty;
      reasons.push(`−${penalty} ${reasonText(finding)} (${finding.code}).`);
    }
    if (reasons.length === 0) reasons.push(strengths(dimension.id, sections, timing));
    else if (dimension.id === 'delivery' && timing.estimated) {
      reasons.push(`Pace not judged: times are estimated at ${timing.estimatedWordsPerMinute ?? '?'} words per minute (text only).`);
    }
    return { id: dimension.id, label: dimension.label, score: clamp(score), weight: dimension.weight, reasons };
  });
  const totalWeight = dimensions.reduce((total, dimension) => total + dimension.weight, 0);
  const mean = clamp(dimensions.reduce((total, dimension) => total + dimension.score * dimension.weight, 0) / totalWeight);
  const problems = findings.filter((finding) => finding.severity === 'problem').length;
  const caps = rubric.rubric.thresholds.overallCapByProblems;
  const cap = caps.length === 0 ? 100 : (caps[Math.min(problems, caps.length - 1)] ?? 100);
  const report: ScoreReport = { overall: Math.min(mean, cap), dimensions };
  if (mean > cap) {
    report.reasons = [
      `Capped at ${cap} (weighted mean ${mean}): ${problems} problem${problems === 1 ? '' : 's'} that can sink the answer on ${problems === 1 ? 'its' : 'their'} own.`,
    ];
  }
  return report;
}
