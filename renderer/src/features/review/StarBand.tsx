import type { AnswerReport, StarPart } from '../../../../shared/analysis/types.ts';
import { formatClock, formatShare } from '../../lib/format.ts';
import { useActions } from '../../store/index.ts';
import { STAR_LABELS } from './transcript-marks.ts';

const PARTS: StarPart[] = ['situation', 'task', 'action', 'result'];

/**
 * The answer's STAR structure as one band: each section's width and number is its share of the
 * answer's words (the share the analysis texts quote).
 */
export function StarBand({ report }: { report: AnswerReport }) {
  const actions = useActions();
  const present = new Set(report.sections.map((s) => s.part));
  const missing = PARTS.filter((part) => !present.has(part));
  return (
    <div className="star">
      <ul className="star__band" aria-label="STAR structure: share of the answer">
        {report.sections.map((section) => (
          <li
            key={`${section.part}-${section.startWord}`}
            className="star__item"
            style={{ flexGrow: Math.max(section.wordShare, 0.02) }}
          >
            <button
              type="button"
              className={`star__segment star__segment--${section.part}`}
              onClick={() => actions.seekToWord(section.startWord)}
              title={`${STAR_LABELS[section.part]}: ${formatShare(section.wordShare)} of the answer, from ${formatClock(section.start ?? 0)}`}
            >
              <span className="star__name">{STAR_LABELS[section.part]}</span>
              <span className="star__share">{formatShare(section.wordShare)}</span>
            </button>
          </li>
        ))}
      </ul>
      {missing.length > 0 && (
        <p className="star__missing small">
          Not heard: {missing.map((part) => STAR_LABELS[part]).join(', ')}
        </p>
      )}
    </div>
  );
}
