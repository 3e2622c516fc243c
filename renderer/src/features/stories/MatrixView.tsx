import { useMemo } from 'react';
import { formatWhen } from '../../lib/format.ts';
import { useActions, useApp } from '../../store/index.ts';
import { matrixQuestions, storyMatrix } from '../../store/stories.ts';
import { FLEX_QUESTIONS, matrixCell } from '../../../../shared/stories/matrix.ts';

/** Stories across, questions down: each cell is one story told to one question. */
export function MatrixView() {
  const state = useApp((s) => s.stories);
  const actions = useActions();
  const matrix = useMemo(() => storyMatrix(state), [state]);
  const questions = useMemo(() => matrixQuestions(state.attempts), [state.attempts]);
  if (state.list.length === 0) {
    return (
      <p className="empty">
        Write a story first; the matrix shows each story against each question.
      </p>
    );
  }
  const overloaded = matrix.stories.filter((row) => row.overloaded);
  const covered = matrix.questions.filter((column) => column.covered).length;
  return (
    <div className="matrix">
      <p className="small">
        {covered} of {questions.length} questions covered by a story that flexes (good on{' '}
        {FLEX_QUESTIONS} different questions). Suggested cells fit the story's kind.
      </p>
      {overloaded.map((row) => (
        <p key={row.storyId} className="banner banner--warning" role="status">
          “{state.list.find((story) => story.id === row.storyId)?.title}” is carrying{' '}
          {row.questionsTold} questions. One story cannot carry a whole panel: give some of them
          another story.
        </p>
      ))}
      <div
        className="matrix__scroll"
        tabIndex={0}
        role="region"
        aria-label="Story by question matrix"
      >
        <table className="matrix__table">
          <thead>
            <tr>
              <th scope="col">Question</th>
              {state.list.map((story) => {
                const row = matrix.stories.find((item) => item.storyId === story.id);
                return (
                  <th scope="col" key={story.id}>
                    {story.title}
                    <span className="matrix__sub">
                      {row?.flexes ? 'flexes' : `${row?.goodQuestions ?? 0}/${FLEX_QUESTIONS} good`}
                    </span>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {questions.map((question) => {
              const column = matrix.questions.find((item) => item.questionId === question.id);
              return (
                <tr key={question.id}>
                  <th scope="row">
                    {question.prompt}
                    {column?.covered && <span className="matrix__covered"> ✓ covered</span>}
                  </th>
                  {state.list.map((story) => {
                    const cell = matrixCell(matrix, story.id, question.id);
                    const label =
                      cell && cell.attempts > 0
                        ? `${cell.attempts}× · best ${cell.best ?? '–'} · last ${cell.latest ?? '–'}`
                        : cell?.suggested
                          ? 'fits · not told yet'
                          : '';
                    return (
                      <td
                        key={story.id}
                        className={`matrix__cell${cell?.suggested ? ' matrix__cell--fits' : ''}${cell?.good ? ' matrix__cell--good' : ''}`}
                      >
                        <button
                          type="button"
                          className="matrix__button"
                          aria-label={`Tell “${story.title}” to “${question.prompt}”${label ? `: ${label}` : ''}`}
                          onClick={() => void actions.practiceCell(story.id, question.id)}
                        >
                          <span>{label || '—'}</span>
                          {cell?.latestAt && (
                            <span className="matrix__when">{formatWhen(cell.latestAt)}</span>
                          )}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
