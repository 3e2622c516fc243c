/**
 * Turns detections into findings through the rubric: drops codes the rubric does not list or that
 * do not apply to the question's kind, fills in the message and severity, and adds times to the
 * evidence.
 */
import type { CompiledRubric } from '../rubric/compile.ts';
import type { QuestionKind } from '../questions/bank.ts';
import type { AnswerText } from './answer-text.ts';
import { timedRange } from './answer-text.ts';
import type { Detection } from './detection.ts';
import type { Finding, FindingCode, Severity } from './types.ts';

const SEVERITY_ORDER: Record<Severity, number> = { problem: 0, warning: 1, info: 2 };

export function appliesTo(rubric: CompiledRubric, code: FindingCode, kind: QuestionKind): boolean {
  const rule = rubric.rules.get(code);
  if (rule === undefined) return false;
  return rule.appliesTo === 'all' || rule.appliesTo.includes(kind);
}

export function toFindings(
  answer: AnswerText,
  detections: readonly Detection[],
  rubric: CompiledRubric,
  kind: QuestionKind,
): Finding[] {
  const findings: Finding[] = [];
  for (const detection of detections) {
    const rule = rubric.rules.get(detection.code);
    if (rule === undefined || !appliesTo(rubric, detection.code, kind)) continue;
    findings.push({
      code: detection.code,
      severity: detection.severity ?? rule.severity,
      message: rule.message.replace('{detail}', detection.detail),
      detail: detection.detail,
      evidence: detection.evidence
        .filter((span) => span.endWord > span.startWord)
        .map((span) => timedRange(answer, span.startWord, span.endWord)),
    });
  }
  // Most severe first, then in order of appearance; stable for equal keys.
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] ||
        (a.finding.evidence[0]?.startWord ?? Infinity) -
          (b.finding.evidence[0]?.startWord ?? Infinity) ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}
