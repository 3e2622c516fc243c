import type { ProgressPoint } from '../../../../shared/ipc/contract.ts';
import {
  compareAttempts,
  comparisonTargets,
  type Change,
  type Comparison as ComparisonData,
} from '../../../../shared/report/progress.ts';
import { formatPerMinute } from '../../lib/format.ts';
import { useApp } from '../../store/index.ts';

/** Previous and best comparisons, the best left out when it is the previous one. */
function againstEarlier(
  siblings: readonly ProgressPoint[],
  current: ProgressPoint,
  by: 'question' | 'story',
): { previous: ComparisonData | null; best: ComparisonData | null } {
  const targets = comparisonTargets(siblings, current, by);
  return {
    previous: targets.previous ? compareAttempts(targets.previous, current) : null,
    best:
      targets.best && targets.best.attemptId !== targets.previous?.attemptId
        ? compareAttempts(targets.best, current)
        : null,
  };
}

/**
 * The current attempt among its question's analysed attempts, with the previous and best before it;
 * for an answer that tells a story, also the story's previous and best tellings (at any question)
 * where they are not already the question's.
 */
export function useComparison(): {
  current: ProgressPoint | null;
  previous: ComparisonData | null;
  best: ComparisonData | null;
  story: { previous: ComparisonData | null; best: ComparisonData | null };
} {
  const siblings = useApp((s) => s.review.siblings);
  const attemptId = useApp((s) => s.review.attemptId);
  const current = siblings?.find((p) => p.attemptId === attemptId) ?? null;
  const none = { previous: null, best: null };
  if (!siblings || !current) return { current, ...none, story: none };
  const question = againstEarlier(siblings, current, 'question');
  const story = current.storyId ? againstEarlier(siblings, current, 'story') : none;
  const shown = new Set([question.previous, question.best].map((c) => c?.against.attemptId));
  return {
    current,
    ...question,
    story: {
      previous:
        story.previous && !shown.has(story.previous.against.attemptId) ? story.previous : null,
      best: story.best && !shown.has(story.best.against.attemptId) ? story.best : null,
    },
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

/** "attempt 2 at “Tell me about a time…”" for a telling of the story at another question. */
function tellingName(point: ProgressPoint, current: ProgressPoint): string {
  return point.question.id === current.question.id
    ? `attempt ${point.attemptNumber}`
    : `attempt ${point.attemptNumber} at “${point.question.prompt}”`;
}

/**
 * What changed against the previous attempt at this question and the best one before it, and, for
 * an answer that tells a story, against the story's last and best tellings at other questions.
 */
export function Comparison() {
  const { current, previous, best, story } = useComparison();
  const storyTitle = useApp(
    (s) => s.stories.list.find((item) => item.id === current?.storyId)?.title ?? 'this story',
  );
  if (!current || (!previous && !story.previous && !story.best)) return null;
  return (
    <section className="panel comparison" aria-labelledby="comparison-title">
      <h2 id="comparison-title" className="panel__title">
        Attempt {current.attemptNumber}: what changed
      </h2>
      {previous && (
        <ChangeTable
          comparison={previous}
          caption={`Against the last attempt (attempt ${previous.against.attemptNumber})`}
        />
      )}
      {best && (
        <ChangeTable
          comparison={best}
          caption={`Against your best (attempt ${best.against.attemptNumber}, score ${best.against.score})`}
        />
      )}
      {story.previous && (
        <ChangeTable
          comparison={story.previous}
          caption={`Against the last telling of “${storyTitle}” (${tellingName(story.previous.against, current)})`}
        />
      )}
      {story.best && (
        <ChangeTable
          comparison={story.best}
          caption={`Against the best telling of “${storyTitle}” (${tellingName(story.best.against, current)}, score ${story.best.against.score})`}
        />
      )}
    </section>
  );
}
