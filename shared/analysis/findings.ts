/**
 * Turns detections into findings through the rubric: drops codes the rubric does not list or that
 * do not apply to the story's kind, fills in the message and severity, and adds times to the
 * evidence.
 */
import type { CompiledRubric } from '../rubric/compile.ts';
import type { QuestionKind } from '../questions/bank.ts';
import type { AnswerText } from './answer-text.ts';
import { timedRange } from './answer-text.ts';
import { checkFor } from './checks/index.ts';
import type { Detection } from './detection.ts';
import { FINDING_CODES, type Finding, type FindingCode, type Severity } from './types.ts';

const SEVERITY_ORDER: Record<Severity, number> = { problem: 0, warning: 1, info: 2 };

/**
 * True when the rubric lists the code and it applies to this kind of story (or to one of these
 * kinds): the rule's `appliesTo` when the rubric narrows it, else the kinds the check is meant for.
 */
export function appliesTo(
  rubric: CompiledRubric,
  code: FindingCode,
  kind: QuestionKind | readonly QuestionKind[],
): boolean {
  const rule = rubric.rules.get(code);
  if (rule === undefined) return false;
  const kinds = rule.appliesTo ?? checkFor(code)?.kinds ?? 'all';
  if (kinds === 'all') return true;
  return typeof kind === 'string'
    ? kinds.includes(kind)
    : kind.some((item) => kinds.includes(item));
}

export function toFindings(
  answer: AnswerText,
  detections: readonly Detection[],
  rubric: CompiledRubric,
  kind: QuestionKind | readonly QuestionKind[],
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
  // Most severe first, then in order of appearance, then in the order of the codes; stable.
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] ||
        (a.finding.evidence[0]?.startWord ?? Infinity) -
          (b.finding.evidence[0]?.startWord ?? Infinity) ||
        FINDING_CODES.indexOf(a.finding.code) - FINDING_CODES.indexOf(b.finding.code) ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}
