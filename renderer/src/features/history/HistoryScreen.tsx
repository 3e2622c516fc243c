import { ConfirmDialog } from '../../lib/ConfirmDialog.tsx';
import { FilteredScreenHead } from '../../lib/FilteredScreenHead.tsx';
import { MODEL_NAMES, type AttemptStatus } from '../../../../shared/ipc/contract.ts';
import {
  attemptNumbers,
  compareAttempts,
  comparisonTargets,
} from '../../../../shared/report/progress.ts';
import { QUESTION_BANK } from '../../../../shared/questions/bank.ts';
import { formatClock, formatPerMinute, formatWhen } from '../../lib/format.ts';
import { useActions, useApp } from '../../store/index.ts';
import { describeDelta } from '../review/Comparison.tsx';
import { scoreBand } from '../review/score-band.ts';

const STATUS_LABELS: Record<AttemptStatus, string> = {
  recording: 'Recording',
  interrupted: 'Interrupted',
  processing: 'Analysing',
  ready: 'Ready',
  failed: 'Failed',
};

function DeleteDialog() {
  const attemptId = useApp((s) => s.history.confirmingDelete);
  const attempt = useApp((s) =>
    s.history.attempts.find((a) => a.id === s.history.confirmingDelete),
  );
  const actions = useActions();
  return (
    <ConfirmDialog
      open={attemptId !== null}
      title="Delete this attempt?"
      cancelLabel="Keep it"
      confirmLabel="Delete"
      onCancel={() => actions.cancelDelete()}
      onConfirm={() => void actions.confirmDelete()}
    >
      {attempt && (
        <p>
          “{attempt.question.prompt}” from {formatWhen(attempt.createdAt)}. The recording and its
          analysis are removed for good.
        </p>
      )}
    </ConfirmDialog>
  );
}

export function HistoryScreen() {
  const attempts = useApp((s) => s.history.attempts);
  const filter = useApp((s) => s.history.questionFilter);
  const loading = useApp((s) => s.history.loading);
  const error = useApp((s) => s.history.error);
  const customQuestions = useApp((s) => s.history.customQuestions);
  const points = useApp((s) => s.progress.points);
  const actions = useActions();
  const numbers = attemptNumbers(attempts);

  return (
    <div className="history">
      <FilteredScreenHead
        title="History"
        filter={filter}
        groups={[
          { questions: QUESTION_BANK },
          { label: 'Your questions', questions: customQuestions },
        ]}
        onFilter={(questionId) => void actions.filterHistory(questionId)}
        error={error}
      />
      {!loading && attempts.length === 0 && !error && (
        <p className="empty muted">
          {filter
            ? 'No attempts at this question yet.'
            : 'No attempts yet. Answer a question to see it here.'}
        </p>
      )}
      <ul className="attempts" aria-busy={loading}>
        {attempts.map((attempt) => {
          const point = points.find((p) => p.attemptId === attempt.id);
          const previous = point ? comparisonTargets(points, point).previous : null;
          const change = point && previous ? compareAttempts(previous, point).changes[0] : null;
          const delta = change ? describeDelta(change) : null;
          return (
            <li key={attempt.id} className="attempt panel" data-attempt-id={attempt.id}>
              <div className="attempt__main">
                <p className="attempt__prompt">{attempt.question.prompt}</p>
                <p className="muted small">
                  <strong className="attempt__number">
                    Attempt {numbers.get(attempt.id) ?? 1}
                  </strong>
                  {' · '}
                  {formatWhen(attempt.createdAt)} · {formatClock(attempt.durationSec)}
                  {attempt.wordCount !== null ? ` · ${attempt.wordCount} words` : ''}
                  {point ? ` · ${formatPerMinute(point.fillersPerMinute)} fillers/min` : ''}
                  {attempt.model ? ` · ${MODEL_NAMES[attempt.model]}` : ''}
                </p>
              </div>
              {attempt.status !== 'ready' && (
                <span className={`status status--${attempt.status}`}>
                  {STATUS_LABELS[attempt.status]}
                </span>
              )}
              <span className="attempt__result">
                <span
                  className={`attempt__score${attempt.score !== null ? ` score--${scoreBand(attempt.score)}` : ''}`}
                  aria-label={
                    attempt.score !== null ? `Score ${Math.round(attempt.score)}` : 'No score'
                  }
                >
                  {attempt.score !== null ? Math.round(attempt.score) : '–'}
                </span>
                <span className={`attempt__change small delta delta--${delta?.tone ?? 'same'}`}>
                  {delta ? `${delta.text} since last` : point ? 'first scored' : ''}
                </span>
              </span>
              <div className="attempt__actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => void actions.openReview(attempt.id)}
                >
                  Open
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => actions.askToDelete(attempt.id)}
                  aria-label={`Delete attempt from ${formatWhen(attempt.createdAt)}`}
                >
                  Delete
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <DeleteDialog />
    </div>
  );
}
