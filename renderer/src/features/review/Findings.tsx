import type { AnswerReport } from '../../../../shared/analysis/types.ts';
import {
  rankFindings,
  SEVERITY_LABELS,
  type CoachFinding,
} from '../../../../shared/report/coach.ts';
import { formatClock } from '../../lib/format.ts';
import { useActions } from '../../store/index.ts';

/** "−1 point overall (Focus and length −5)", or nothing when the rubric does not say. */
function costText(item: CoachFinding): string | null {
  if (!item.dimension) return null;
  const points = Math.round(item.points);
  const part = `${item.dimension} −${item.dimensionPoints}`;
  return points > 0 ? `−${points} point${points === 1 ? '' : 's'} overall (${part})` : part;
}

/** One finding: its headline, the advice, what it costs, and (when timed) a press plays it. */
export function FindingBody({ item }: { item: CoachFinding }) {
  const cost = costText(item);
  return (
    <>
      <span className="finding__top">
        <span className={`severity severity--${item.finding.severity}`}>
          {SEVERITY_LABELS[item.finding.severity]}
        </span>
        <span className="finding__title">{item.title}</span>
      </span>
      <span className="finding__message">{item.finding.message}</span>
      <span className="finding__meta small">
        {cost && <span>{cost}</span>}
        {item.at !== null && (
          <span className="finding__jump">▶ Hear it at {formatClock(item.at)}</span>
        )}
      </span>
    </>
  );
}

/** Every finding once, most worth fixing first; pressing one plays it from a second before. */
export function Findings({ report, skip = 0 }: { report: AnswerReport; skip?: number }) {
  const actions = useActions();
  const findings = rankFindings(report).slice(skip);
  if (findings.length === 0) {
    return <p className="muted">Nothing else to flag in this answer.</p>;
  }
  return (
    <ol className="findings">
      {findings.map((item, index) => (
        <li key={`${item.finding.code}-${index}`} className="finding" data-code={item.finding.code}>
          {item.at !== null ? (
            <button
              type="button"
              className="finding__button"
              onClick={() => actions.showEvidence(item.finding.evidence[0]!, item.at!)}
            >
              <FindingBody item={item} />
            </button>
          ) : (
            <div className="finding__button finding__button--static">
              <FindingBody item={item} />
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
