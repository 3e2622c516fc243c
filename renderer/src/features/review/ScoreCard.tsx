import type { ScoreReport } from '../../../../shared/analysis/types.ts';
import { scoreBand } from './score-band.ts';

export function ScoreCard({ score }: { score: ScoreReport }) {
  return (
    <div className="score">
      <div className={`score__overall score--${scoreBand(score.overall)}`}>
        <span className="score__number">{Math.round(score.overall)}</span>
        <span className="score__of">/ 100</span>
      </div>
      <ul className="score__dimensions">
        {score.dimensions.map((dimension) => (
          <li key={dimension.id} className="dimension">
            <div className="dimension__head">
              <span className="dimension__label">{dimension.label}</span>
              <span className="dimension__score">{Math.round(dimension.score)}</span>
            </div>
            <div
              className="dimension__bar"
              role="meter"
              aria-label={dimension.label}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(dimension.score)}
            >
              <div
                className={`dimension__fill score--${scoreBand(dimension.score)}`}
                style={{ width: `${dimension.score}%` }}
              />
            </div>
            {dimension.reasons.length > 0 && (
              <ul className="dimension__reasons">
                {dimension.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
