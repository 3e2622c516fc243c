import { Fragment, useId } from 'react';

export interface QuestionGroup {
  /** Shown as an option group; the first group usually has none. */
  label?: string;
  questions: readonly { id: string; prompt: string }[];
}

/**
 * A list screen's head (History, Progress): its title, the question filter ("All questions" or one
 * of the groups' questions) and, when loading failed, why.
 */
export function FilteredScreenHead({
  title,
  filter,
  groups,
  onFilter,
  error,
}: {
  title: string;
  filter: string | null;
  groups: readonly QuestionGroup[];
  onFilter: (questionId: string | null) => void;
  error: string | null;
}) {
  const filterId = useId();
  const options = (questions: QuestionGroup['questions']) =>
    questions.map((q) => (
      <option key={q.id} value={q.id}>
        {q.prompt}
      </option>
    ));
  return (
    <>
      <div className="history__head">
        <h1 className="screen-title">{title}</h1>
        <div className="history__filter">
          <label htmlFor={filterId} className="field-label">
            Question
          </label>
          <select
            id={filterId}
            className="select"
            value={filter ?? ''}
            onChange={(event) => onFilter(event.target.value || null)}
          >
            <option value="">All questions</option>
            {groups.map((group, index) =>
              group.label === undefined ? (
                <Fragment key={index}>{options(group.questions)}</Fragment>
              ) : group.questions.length > 0 ? (
                <optgroup key={index} label={group.label}>
                  {options(group.questions)}
                </optgroup>
              ) : null,
            )}
          </select>
        </div>
      </div>
      {error && (
        <div className="banner banner--problem" role="alert">
          {error}
        </div>
      )}
    </>
  );
}
