import { useId, useMemo } from 'react';
import { GOOD_SCORE } from '../../../../shared/stories/matrix.ts';
import { planWeek } from '../../../../shared/stories/plan.ts';
import { useActions, useApp } from '../../store/index.ts';
import { matrixQuestions, storyMatrix } from '../../store/stories.ts';

const REASONS = {
  weak: `best score below ${GOOD_SCORE} so far`,
  new: 'not told yet',
  refresh: 'keep it fresh',
};

function today(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** The week before an onsite: each day's story × question cells, until every story flexes. */
export function PlanView() {
  const state = useApp((s) => s.stories);
  const actions = useActions();
  const dateId = useId();
  const questions = useMemo(() => matrixQuestions(state.attempts), [state.attempts]);
  const plan = useMemo(() => {
    if (!state.onsiteDate) return { days: null, error: null };
    try {
      return {
        days: planWeek(today(), state.onsiteDate, state.list, questions, storyMatrix(state)),
        error: null,
      };
    } catch (error) {
      return { days: null, error: error instanceof Error ? error.message : String(error) };
    }
  }, [state, questions]);
  const title = (id: string) => state.list.find((story) => story.id === id)?.title ?? id;
  const prompt = (id: string) => questions.find((question) => question.id === id)?.prompt ?? id;
  return (
    <div className="plan">
      <label htmlFor={dateId} className="field-label">
        Onsite date (optional)
      </label>
      <input
        id={dateId}
        type="date"
        className="input plan__date"
        value={state.onsiteDate ?? ''}
        min={today()}
        onChange={(event) => actions.setOnsiteDate(event.target.value || null)}
      />
      {plan.error && (
        <p className="field-error" role="alert">
          {plan.error}
        </p>
      )}
      {!state.onsiteDate && (
        <p className="muted small">
          Set the date and Rehearse plans each day so every story has flexed to three questions by
          then, weak cells first.
        </p>
      )}
      {plan.days && plan.days.every((day) => day.cells.length === 0) && (
        <p className="small">Every story already flexes. Keep telling them out loud.</p>
      )}
      {plan.days && (
        <ol className="plan__days">
          {plan.days.map((day) => (
            <li key={day.date} className="panel plan__day">
              <h2 className="plan__date-title">{day.date}</h2>
              {day.cells.length === 0 ? (
                <p className="muted small">Rest day.</p>
              ) : (
                <ul className="plain-list">
                  {day.cells.map((cell) => (
                    <li key={`${cell.storyId}-${cell.questionId}`} className="plan__cell">
                      <span>
                        <strong>{title(cell.storyId)}</strong> → {prompt(cell.questionId)}{' '}
                        <span className="muted small">({REASONS[cell.reason]})</span>
                      </span>
                      <button
                        type="button"
                        className="button"
                        onClick={() => void actions.practiceCell(cell.storyId, cell.questionId)}
                      >
                        Practise
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
