import type { ProgressPoint } from '../../../../shared/ipc/contract.ts';
import {
  compareAttempts,
  comparisonTargets,
  type Change,
  type Comparison as ComparisonData,
} from '../../../../shared/report/progress.ts';
import { formatPerMinute } from '../../lib/format.ts';
import { useApp } from '../../store/index.ts';

/** The current attempt among its question's analysed attempts, with the previous and best before it. */
export function useComparison(): {
  current: ProgressPoint | null;
  previous: ComparisonData | null;
  best: ComparisonData | null;
} {
  const siblings = useApp((s) => s.review.siblings);
  const attemptId = useApp((s) => s.review.attemptId);
  const current = siblings?.find((p) => p.attemptId === attemptId) ?? null;
  if (!siblings || !current) return { current, previous: null, best: null };
  const targets = comparisonTargets(siblings, current);
  return {
    current,
    previous: targets.previous ? compareAttempts(targets.previous, current) : null,
    best:
      targets.best && targets.best.attemptId !== targets.previous?.attemptId
        ? compareAttempts(targets.best, current)
        : null,
  };
}

const format = (change: Change, value: number) =>
  change.label === 'Fillers per minute' ? formatPerMinute(value) : String(value);

/** "+7 (better)", "−1.2 (better)", "±0": the sign and the word, not only a colour. */
export function describeDelta(change: Change): { text: string; tone: 'better' | 'worse' | 'same' } {
  if (change.delta === 0) return { text: 'no change', tone: 'same' };
  const sign = change.delta > 0 ? '+' : '−';
  const magnitude = format(change, Math.abs(change.delta));
  const tone =
    change.better === null
      ? 'same'
      : change.delta > 0 === (change.better === 'up')
        ? 'better'
        : 'worse';
  return {
    text: `${sign}${magnitude}${change.unit}${tone === 'same' ? '' : ` ${tone === 'better' ? '▲ better' : '▼ worse'}`}`,
    tone,
  };
}

function ChangeTable({ comparison, caption }: { comparison: ComparisonData; caption: string }) {
  return (
    <div className="comparison__block">
      <table className="comparison__table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Then</th>
            <th scope="col">Now</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {comparison.changes.map((change) => {
            const delta = describeDelta(change);
            return (
              <tr key={change.label}>
                <th scope="row">{change.label}</th>
                <td>{format(change, change.before)}</td>
                <td>{format(change, change.after)}</td>
                <td className={`delta delta--${delta.tone}`}>{delta.text}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {(comparison.fixed.length > 0 || comparison.added.length > 0) && (
        <ul className="comparison__findings small">
          {comparison.fixed.map((title) => (
            <li key={`f${title}`}>
              <span className="delta delta--better">Fixed</span> {title}
            </li>
          ))}
          {comparison.added.map((title) => (
            <li key={`n${title}`}>
              <span className="delta delta--worse">New</span> {title}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What changed against the previous attempt at this question and the best one before it. */
export function Comparison() {
  const { current, previous, best } = useComparison();
  if (!current || !previous) return null;
  return (
    <section className="panel comparison" aria-labelledby="comparison-title">
      <h2 id="comparison-title" className="panel__title">
        Attempt {current.attemptNumber}: what changed
      </h2>
      <ChangeTable
        comparison={previous}
        caption={`Against the last attempt (attempt ${previous.against.attemptNumber})`}
      />
      {best && (
        <ChangeTable
          comparison={best}
          caption={`Against your best (attempt ${best.against.attemptNumber}, score ${best.against.score})`}
        />
      )}
    </section>
  );
}
