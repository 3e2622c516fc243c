import type { ScoreReport } from '../../../../shared/analysis/types.ts';
import { dimensionStrengths } from '../../../../shared/report/coach.ts';
import { scoreBand, SCORE_BAND_LABELS } from './score-band.ts';

/** The score's dimensions: what went well in each (what cost points is in the findings). */
export function ScoreCard({ score }: { score: ScoreReport }) {
  return (
    <div className="score">
      {score.reasons?.map((reason) => (
        <p key={reason} className="small">
          {reason}
        </p>
      ))}
      <ul className="score__dimensions">
        {score.dimensions.map((dimension) => {
          const strengths = dimensionStrengths(dimension.reasons);
          return (
            <li key={dimension.id} className="dimension">
              <div className="dimension__head">
                <span className="dimension__label">{dimension.label}</span>
                <span className="dimension__score">
                  {Math.round(dimension.score)}
                  <span className="visually-hidden">
                    {' '}
                    of 100, {SCORE_BAND_LABELS[scoreBand(dimension.score)]}
                  </span>
                </span>
              </div>
              <div className="dimension__bar" aria-hidden="true">
                <div
                  className={`dimension__fill score--${scoreBand(dimension.score)}`}
                  style={{ width: `${Math.round(dimension.score)}%` }}
                />
              </div>
              {strengths.length > 0 && (
                <ul className="dimension__reasons">
                  {strengths.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
