import { useId, useMemo } from 'react';
import { draftLengthLabel, draftWordCount } from '../../../../shared/stories/inventory.ts';
import { STORY_KIND_LABELS, STORY_KINDS } from '../../../../shared/stories/kinds.ts';
import { DRAFT_TARGET_WORDS } from '../../../../shared/stories/types.ts';
import { useActions, useApp } from '../../store/index.ts';
import { analyzeDraft, draftQuestion } from '../../store/stories.ts';
import { scoreBand } from '../review/score-band.ts';

/** The draft read as an answer, by the same scorer: fix the story on paper before telling it. */
function DraftCheck({
  draft,
  kinds,
}: {
  draft: string;
  kinds: readonly (typeof STORY_KINDS)[number][];
}) {
  const question = draftQuestion(kinds);
  const report = useMemo(() => analyzeDraft(draft, question), [draft, question]);
  if (!report) {
    return <p className="muted small">Write the draft to see how it reads against the rubric.</p>;
  }
  const band = scoreBand(report.score.overall);
  const findings = report.findings.filter((finding) => finding.severity !== 'info').slice(0, 5);
  return (
    <section className="draft-check" aria-labelledby="draft-check-title">
      <h3 id="draft-check-title" className="draft-check__title">
        On paper: <span className={`score-chip score-chip--${band}`}>{report.score.overall}</span>{' '}
        <span className="muted small">read as an answer to “{question.prompt}”</span>
      </h3>
      {findings.length === 0 ? (
        <p className="small">Nothing to fix on paper. Now tell it out loud without notes.</p>
      ) : (
        <ul className="draft-check__list">
          {findings.map((finding) => (
            <li key={finding.code} className="small">
              {finding.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function StoryEditor() {
  const editor = useApp((s) => s.stories.editor);
  const saving = useApp((s) => s.stories.saving);
  const error = useApp((s) => s.stories.error);
  const actions = useActions();
  const titleId = useId();
  const draftId = useId();
  const countId = useId();
  if (!editor) return null;
  const words = draftWordCount(editor.draft);
  const toggleKind = (kind: (typeof STORY_KINDS)[number]) =>
    actions.updateEditor({
      kinds: editor.kinds.includes(kind)
        ? editor.kinds.filter((item) => item !== kind)
        : [...editor.kinds, kind],
    });
  return (
    <form
      className="panel story-editor"
      aria-label={editor.id ? `Edit story ${editor.title}` : 'New story'}
      onSubmit={(event) => {
        event.preventDefault();
        void actions.saveEditor();
      }}
    >
      <h2 className="panel__title">{editor.id ? 'Edit story' : 'New story'}</h2>
      <label htmlFor={titleId} className="field-label">
        Title
      </label>
      <input
        id={titleId}
        className="input"
        value={editor.title}
        maxLength={200}
        placeholder="e.g. The orders pipeline outage"
        onChange={(event) => actions.updateEditor({ title: event.target.value })}
      />
      <fieldset className="story-kinds">
        <legend className="field-label">What it covers</legend>
        {STORY_KINDS.map((kind) => (
          <label key={kind} className="story-kind">
            <input
              type="checkbox"
              checked={editor.kinds.includes(kind)}
              onChange={() => toggleKind(kind)}
            />
            {STORY_KIND_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <label htmlFor={draftId} className="field-label">
        Draft (prose, about {DRAFT_TARGET_WORDS} words)
      </label>
      <textarea
        id={draftId}
        className="input story-draft"
        value={editor.draft}
        rows={12}
        aria-describedby={countId}
        onChange={(event) => actions.updateEditor({ draft: event.target.value })}
      />
      <p
        id={countId}
        className={`small ${words > 320 || (words > 0 && words < 200) ? 'story-count--off' : 'muted'}`}
        aria-live="polite"
      >
        {draftLengthLabel(editor.draft)}
      </p>
      <DraftCheck draft={editor.draft} kinds={editor.kinds} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="story-editor__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save story'}
        </button>
        <button type="button" className="button" onClick={() => actions.closeEditor()}>
          Close
        </button>
        {editor.id && (
          <button
            type="button"
            className="button button--danger"
            onClick={() => editor.id && actions.askToDeleteStory(editor.id)}
          >
            Delete
          </button>
        )}
      </div>
    </form>
  );
}
