import { useId, useState, type FormEvent } from 'react';
import {
  QUESTION_BANK,
  QUESTION_KIND_LABELS,
  QUESTION_KINDS,
  isQuestionKind,
} from '../../../../shared/questions/bank.ts';
import { questionMarks } from '../../../../shared/report/progress.ts';
import { formatClock, formatWhen } from '../../lib/format.ts';
import { useActions, useApp } from '../../store/index.ts';
import { ModelStatus } from '../engine/ModelStatus.tsx';
import { CarriedFocus } from '../progress/CarriedFocus.tsx';

function InterruptedRecordings() {
  const interrupted = useApp((s) => s.session.interrupted);
  const actions = useActions();
  if (interrupted.length === 0) return null;
  return (
    <section className="panel panel--notice" aria-labelledby="interrupted-title">
      <h2 id="interrupted-title" className="panel__title">
        {interrupted.length === 1
          ? 'A recording was interrupted'
          : `${interrupted.length} recordings were interrupted`}
      </h2>
      <p className="muted">
        Rehearse closed before these answers were analysed. The audio was saved as you spoke.
      </p>
      <ul className="plain-list">
        {interrupted.map((attempt) => (
          <li key={attempt.id} className="interrupted-row">
            <span>
              <strong>{attempt.question.prompt}</strong>
              <span className="muted">
                {' '}
                · {formatWhen(attempt.createdAt)} · {formatClock(attempt.durationSec)}
              </span>
            </span>
            <button
              type="button"
              className="button"
              onClick={() => void actions.analyzeInterrupted(attempt.id)}
            >
              Analyse it
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CustomQuestionForm() {
  const actions = useActions();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      actions.chooseCustomQuestion(text);
      setError(null);
      setText('');
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    }
  };
  return (
    <form className="custom-question" onSubmit={submit}>
      <label htmlFor={inputId} className="field-label">
        Or type your own question
      </label>
      <div className="custom-question__row">
        <input
          id={inputId}
          className="input"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="e.g. Tell me about a data model you redesigned."
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <button type="submit" className="button">
          Use this question
        </button>
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/**
 * The kind of the user's own question: guessed from its words, shown, and changeable. The analysis
 * judges the answer as this kind (incident questions also look for an on-call moment and a
 * post-incident change; cost questions for the numbers behind the trade-off).
 */
function CustomQuestionKind() {
  const question = useApp((s) => s.session.question);
  const actions = useActions();
  const selectId = useId();
  const hintId = useId();
  return (
    <div className="custom-kind">
      <label htmlFor={selectId} className="field-label">
        Kind of story
      </label>
      <select
        id={selectId}
        className="input"
        value={question.kind}
        aria-describedby={hintId}
        onChange={(event) => {
          const kind = event.target.value;
          if (isQuestionKind(kind)) actions.setCustomQuestionKind(kind);
        }}
      >
        {QUESTION_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {QUESTION_KIND_LABELS[kind]}
          </option>
        ))}
      </select>
      <p id={hintId} className="muted small">
        Guessed from your words; change it if it is wrong. The answer is judged as this kind of
        story.
      </p>
    </div>
  );
}

/** Not practised yet, or how many attempts with the last and best score. */
function QuestionMark({
  mark,
}: {
  mark: ReturnType<typeof questionMarks> extends Map<string, infer V> ? V | undefined : never;
}) {
  if (!mark) return <span className="question-option__mark">Not practised yet</span>;
  return (
    <span className="question-option__mark question-option__mark--done">
      {mark.attempts} attempt{mark.attempts === 1 ? '' : 's'} · last {mark.last.score} · best{' '}
      {mark.best}
    </span>
  );
}

export function HomeScreen() {
  const question = useApp((s) => s.session.question);
  const points = useApp((s) => s.progress.points);
  const actions = useActions();
  const marks = questionMarks(points);

  return (
    <div className="home">
      <ModelStatus offerSettings />
      <InterruptedRecordings />
      <div className="home__columns">
        <section className="home__bank" aria-labelledby="bank-title">
          <h1 id="bank-title" className="screen-title">
            Pick a question
          </h1>
          <fieldset className="question-list">
            <legend className="visually-hidden">
              Questions from the data-engineering interview guide
            </legend>
            {QUESTION_BANK.map((q) => (
              <label key={q.id} className="question-option" data-question-id={q.id}>
                <input
                  type="radio"
                  name="question"
                  value={q.id}
                  checked={question.id === q.id}
                  onChange={() => actions.chooseQuestion(q.id)}
                />
                <span className="question-option__text">{q.prompt}</span>
                <span className="question-option__kind">{QUESTION_KIND_LABELS[q.kind]}</span>
                <QuestionMark mark={marks.get(q.id)} />
              </label>
            ))}
          </fieldset>
        </section>

        <aside className="home__chosen panel" aria-labelledby="chosen-title">
          <p className="eyebrow">
            {question.custom ? 'Your question' : QUESTION_KIND_LABELS[question.kind]}
          </p>
          <h2 id="chosen-title" className="chosen-prompt">
            {question.prompt}
          </h2>
          {question.listeningFor ? (
            <div className="listening-for">
              <h3 className="listening-for__title">What the interviewer is listening for</h3>
              <p>{question.listeningFor}</p>
            </div>
          ) : (
            <p className="muted">
              {question.kind === 'general'
                ? 'Your own question is scored against the general guide: a clear situation, your actions, and a measurable result.'
                : `Your own question is scored against the guide as ${/^[AEIOU]/u.test(QUESTION_KIND_LABELS[question.kind]) ? 'an' : 'a'} “${QUESTION_KIND_LABELS[question.kind]}” story: a clear situation, your actions, a measurable result, and what panels expect of that kind of story.`}
            </p>
          )}
          {question.custom && <CustomQuestionKind />}
          <CarriedFocus questionId={question.id} />
          <p className="muted small">
            Aim for two to three minutes. Situation, task, action, result, with numbers.
          </p>
          <button
            type="button"
            className="button button--primary button--large"
            onClick={() => void actions.prepareRecording()}
          >
            Start answering
          </button>
          <CustomQuestionForm />
        </aside>
      </div>
    </div>
  );
}
