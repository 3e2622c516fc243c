/**
 * Scoring: every dimension starts at 100 and loses its findings' penalties (by severity, from the
 * rubric); the reasons list the penalties first, then what went well (see strengths.ts). The overall score is the weighted mean, capped by the number of 'problem' findings (so a
 * pitfall that tanks an answer shows in the headline number). Each dimension lists its reasons: one line per
 * penalty, or what went well when nothing was taken off. Deterministic by construction.
 */
import type { CompiledRubric } from '../rubric/compile.ts';
import type { Strength } from './strengths.ts';
import type { DimensionScore, Finding, ScoreReport } from './types.ts';

const clamp = (value: number): number => Math.max(0, Math.min(100, Math.round(value)));

/** The finding's detail (what was found), capitalised, for a compact reason line. */
function reasonText(finding: Finding): string {
  const text = (finding.detail ?? finding.message).replace(/\.$/u, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function scoreAnswer(
  findings: readonly Finding[],
  strengths: readonly Strength[],
  rubric: CompiledRubric,
  wordCount = Number.POSITIVE_INFINITY,
  actionShare = 1,
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
    for (const strength of strengths) {
      if (rubric.rules.get(strength.code)?.dimension === dimension.id) reasons.push(strength.text);
    }
    // Missing evidence is not full marks.
    if (reasons.length === 0) {
      score = rubric.rubric.thresholds.unevidencedScore;
      reasons.push(`Nothing in this answer bears on this dimension, either way (${score}).`);
    }
    return {
      id: dimension.id,
      label: dimension.label,
      score: clamp(score),
      weight: dimension.weight,
      reasons,
    };
  });
  const totalWeight = dimensions.reduce((total, dimension) => total + dimension.weight, 0);
  const mean = clamp(
    dimensions.reduce((total, dimension) => total + dimension.score * dimension.weight, 0) /
      totalWeight,
  );
  const { thresholds } = rubric.rubric;
  const problems = findings.filter((finding) => finding.severity === 'problem').length;
  const byProblems = thresholds.overallCapByProblems;
  const problemCap =
    byProblems.length === 0 ? 100 : (byProblems[Math.min(problems, byProblems.length - 1)] ?? 100);
  const weight = findings.reduce(
    (total, finding) => total + thresholds.findingWeight[finding.severity],
    0,
  );
  const byWeight = thresholds.overallCapByWeight;
  const weightCap =
    byWeight.length === 0 ? 100 : (byWeight[Math.min(weight, byWeight.length - 1)] ?? 100);
  const { belowWords, cap: shortCap } = thresholds.tooShortToTell;
  const lengthCap = wordCount < belowWords ? shortCap : 100;
  const littleAction = thresholds.tooLittleAction;
  const actionCap = actionShare < littleAction.belowShare ? littleAction.cap : 100;
  const gap = findings.find(
    (finding) =>
      finding.severity !== 'info' &&
      thresholds.contentGap.dimensions.includes(rubric.rules.get(finding.code)?.dimension ?? ''),
  );
  const gapCap = gap === undefined ? 100 : thresholds.contentGap.cap;
  const cap = Math.min(problemCap, weightCap, lengthCap, actionCap, gapCap);
  const report: ScoreReport = { overall: Math.min(mean, cap), dimensions };
  if (mean > cap) {
    report.reasons = [
      lengthCap === cap
        ? `Capped at ${cap} (weighted mean ${mean}): ${wordCount} words are too few to tell the situation, what you did and the result.`
        : actionCap === cap
          ? `Capped at ${cap} (weighted mean ${mean}): ${Math.round(actionShare * 100)}% of the answer tells what you did; the action is the meat of the story.`
          : gapCap === cap && problemCap > cap && weightCap > cap
            ? `Capped at ${cap} (weighted mean ${mean}): a strong answer has no gap in what the story says${gap?.detail ? ` (${gap.detail})` : ''}.`
            : problemCap <= weightCap
              ? `Capped at ${cap} (weighted mean ${mean}): ${problems} problem${problems === 1 ? '' : 's'} that can sink the answer on ${problems === 1 ? 'its' : 'their'} own.`
              : `Capped at ${cap} (weighted mean ${mean}): ${findings.filter((finding) => thresholds.findingWeight[finding.severity] > 0).length} problems and warnings together.`,
    ];
  }
  return report;
}
