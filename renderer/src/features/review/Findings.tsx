import type { AnswerReport, Finding, Severity } from '../../../../shared/analysis/types.ts';
import { formatClock } from '../../lib/format.ts';
import { useActions } from '../../store/index.ts';

const SEVERITY_ORDER: Record<Severity, number> = { problem: 0, warning: 1, info: 2 };
const SEVERITY_LABELS: Record<Severity, string> = {
  problem: 'Fix',
  warning: 'Improve',
  info: 'Note',
};

function evidenceStart(finding: Finding, report: AnswerReport): number | null {
  const first = finding.evidence[0];
  if (!first) return null;
  return first.start ?? report.words[first.startWord]?.start ?? null;
}

/** What to work on, most important first; each finding with evidence jumps to it. */
export function Findings({ report }: { report: AnswerReport }) {
  const actions = useActions();
  const findings = [...report.findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  if (findings.length === 0) {
    return <p className="muted">Nothing to flag in this answer.</p>;
  }
  return (
    <ol className="findings">
      {findings.map((finding, index) => {
        const start = evidenceStart(finding, report);
        const body = (
          <>
            <span className={`severity severity--${finding.severity}`}>
              {SEVERITY_LABELS[finding.severity]}
            </span>
            <span className="finding__message">{finding.message}</span>
            {start !== null && <span className="finding__jump">at {formatClock(start)}</span>}
          </>
        );
        return (
          <li key={`${finding.code}-${index}`} className="finding" data-code={finding.code}>
            {start !== null ? (
              <button
                type="button"
                className="finding__button"
                onClick={() => actions.showEvidence(finding.evidence[0]!, start)}
                aria-label={`${SEVERITY_LABELS[finding.severity]}: ${finding.message} Play from ${formatClock(start)}.`}
              >
                {body}
              </button>
            ) : (
              <div className="finding__button finding__button--static">{body}</div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
