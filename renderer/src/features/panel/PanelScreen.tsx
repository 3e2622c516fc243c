import { useId } from 'react';
import { formatClock } from '../../lib/format.ts';
import { PANEL_SIZE } from '../../../../shared/stories/panel.ts';
import { useActions, useApp } from '../../store/index.ts';
import { questionFromRef } from '../../store/session.ts';

function Setup() {
  const size = useApp((s) => s.panel.size);
  const openWithPipeline = useApp((s) => s.panel.openWithPipeline);
  const error = useApp((s) => s.panel.error);
  const actions = useActions();
  const sizeId = useId();
  const sizes: number[] = [];
  for (let n = PANEL_SIZE.min; n <= PANEL_SIZE.max; n += 1) sizes.push(n);
  return (
    <section className="panel panel-setup" aria-labelledby="panel-setup-title">
      <h2 id="panel-setup-title" className="panel__title">
        A mock panel
      </h2>
      <p className="small">
        Questions back to back against the clock, no retries, then one report. Questions your
        stories do not cover yet come up more often.
      </p>
      <label htmlFor={sizeId} className="field-label">
        Questions
      </label>
      <select
        id={sizeId}
        className="input panel-setup__size"
        value={size}
        onChange={(event) => actions.configurePanel({ size: Number(event.target.value) })}
      >
        {sizes.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <label className="choice">
        <input
          type="checkbox"
          checked={openWithPipeline}
          onChange={(event) => actions.configurePanel({ openWithPipeline: event.target.checked })}
        />
        Open with the pipeline question (almost every panel does)
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        className="button button--primary"
        onClick={() => void actions.startPanel()}
      >
        Start the panel
      </button>
    </section>
  );
}

function Report() {
  const panel = useApp((s) => s.panel);
  const stories = useApp((s) => s.stories.list);
  const actions = useActions();
  const report = panel.report;
  const title = (id: string | undefined) =>
    id === undefined
      ? 'none detected'
      : (stories.find((story) => story.id === id)?.title ?? 'a deleted story');
  const prompt = (id: string) =>
    panel.questions.find((question) => question.id === id)?.prompt ?? id;
  return (
    <section className="panel panel-report" aria-labelledby="panel-report-title">
      <h2 id="panel-report-title" className="panel__title" tabIndex={-1}>
        Panel report
      </h2>
      {panel.error && (
        <p className="field-error" role="alert">
          {panel.error}
        </p>
      )}
      {panel.notices.map((notice) => (
        <p key={notice} className="banner banner--warning">
          {notice}
        </p>
      ))}
      {report && (
        <>
          <p>
            {report.entries.length} answers in {formatClock(report.totalSec)} · mean score{' '}
            <strong>{report.meanScore}</strong>
          </p>
          <table className="panel-report__table">
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Score</th>
                <th scope="col">Story</th>
                <th scope="col">Time</th>
                <th scope="col">Fix first</th>
              </tr>
            </thead>
            <tbody>
              {report.entries.map((entry, index) => (
                <tr key={`${entry.questionId}-${index}`}>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        const attemptId = panel.attemptIds[index];
                        if (attemptId) void actions.openReview(attemptId);
                      }}
                    >
                      {questionFromRef(panel.questions[index]!).prompt}
                    </button>
                  </th>
                  <td>{entry.score}</td>
                  <td>
                    {title(entry.storyId)}
                    {entry.storyDetected && <span className="muted small"> (detected)</span>}
                  </td>
                  <td>{formatClock(entry.durationSec)}</td>
                  <td className="small">{entry.topFinding?.message ?? 'Nothing to fix.'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.collisions.map((collision) => (
            <p key={collision.storyId} className="banner banner--warning">
              “{title(collision.storyId)}” was told {collision.questionIds.length} times in one
              panel. A real panel notices: give each question its own story.
            </p>
          ))}
          {report.rehearseNext.length > 0 && (
            <>
              <h3 className="panel-report__next">Rehearse next</h3>
              <ul>
                {report.rehearseNext.map((id) => (
                  <li key={id}>{prompt(id)}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <button type="button" className="button" onClick={() => actions.openPanel()}>
        Another panel
      </button>
    </section>
  );
}

export function PanelScreen() {
  const phase = useApp((s) => s.panel.phase);
  const answered = useApp((s) => s.panel.attemptIds.length);
  const total = useApp((s) => s.panel.questions.length);
  return (
    <div className="panel-screen">
      <h1 className="screen-title">Mock panel</h1>
      {phase === 'setup' && <Setup />}
      {phase === 'waiting' && (
        <p className="panel" role="status" aria-live="polite">
          All {total} answers recorded ({answered}). Analysing them for the report…
        </p>
      )}
      {phase === 'report' && <Report />}
    </div>
  );
}
