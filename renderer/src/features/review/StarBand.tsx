import type { AnswerReport, StarPart } from '../../../../shared/analysis/types.ts';
import { formatPercent } from '../../lib/format.ts';
import { useActions } from '../../store/index.ts';
import { STAR_LABELS } from './transcript-marks.ts';

const PARTS: StarPart[] = ['situation', 'task', 'action', 'result'];

/** The answer's STAR structure as one band: each section's width is its share of the time. */
export function StarBand({ report }: { report: AnswerReport }) {
  const actions = useActions();
  const present = new Set(report.sections.map((s) => s.part));
  const missing = PARTS.filter((part) => !present.has(part));
  return (
    <div className="star">
      <div className="star__band" role="list" aria-label="STAR structure by time">
        {report.sections.map((section) => (
          <button
            key={`${section.part}-${section.startWord}`}
            type="button"
            role="listitem"
            className={`star__segment star__segment--${section.part}`}
            style={{ flexGrow: Math.max(section.timeShare, 0.02) }}
            onClick={() => actions.seekToWord(section.startWord)}
            title={`${STAR_LABELS[section.part]}: ${formatPercent(section.timeShare)} of the time`}
          >
            <span className="star__name">{STAR_LABELS[section.part]}</span>
            <span className="star__share">{formatPercent(section.timeShare)}</span>
          </button>
        ))}
      </div>
      {missing.length > 0 && (
        <p className="star__missing small">
          Not heard: {missing.map((part) => STAR_LABELS[part]).join(', ')}
        </p>
      )}
    </div>
  );
}
