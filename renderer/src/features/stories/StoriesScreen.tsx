import { useMemo } from 'react';
import { ConfirmDialog } from '../../lib/ConfirmDialog.tsx';
import { draftWordCount, summarizeInventory } from '../../../../shared/stories/inventory.ts';
import { STORY_KIND_LABELS } from '../../../../shared/stories/kinds.ts';
import { FLEX_QUESTIONS } from '../../../../shared/stories/matrix.ts';
import { INVENTORY_TARGET } from '../../../../shared/stories/types.ts';
import { useActions, useApp } from '../../store/index.ts';
import { storyMatrix, type RoutineView } from '../../store/stories.ts';
import { MatrixView } from './MatrixView.tsx';
import { PlanView } from './PlanView.tsx';
import { StoryEditor } from './StoryEditor.tsx';

const VIEWS: readonly [RoutineView, string][] = [
  ['inventory', 'Stories'],
  ['matrix', 'Story × question'],
  ['plan', 'The week before'],
];

function DeleteStoryDialog() {
  const storyId = useApp((s) => s.stories.confirmingDelete);
  const story = useApp((s) =>
    s.stories.list.find((item) => item.id === s.stories.confirmingDelete),
  );
  const actions = useActions();
  return (
    <ConfirmDialog
      open={storyId !== null}
      title="Delete this story?"
      cancelLabel="Keep it"
      confirmLabel="Delete"
      onCancel={() => actions.cancelDeleteStory()}
      onConfirm={() => void actions.confirmDeleteStory()}
    >
      {story && (
        <p>“{story.title}” and its draft are removed. Recordings that told it stay in History.</p>
      )}
    </ConfirmDialog>
  );
}

function Inventory() {
  const stories = useApp((s) => s.stories.list);
  const state = useApp((s) => s.stories);
  const editing = useApp((s) => s.stories.editor?.id ?? (s.stories.editor ? 'new' : null));
  const actions = useActions();
  const summary = summarizeInventory(stories);
  const matrix = useMemo(() => storyMatrix(state), [state]);
  return (
    <div className="inventory">
      <section className="panel inventory__summary" aria-labelledby="inventory-title">
        <h2 id="inventory-title" className="panel__title">
          {summary.count} {summary.count === 1 ? 'story' : 'stories'}{' '}
          <span className="muted small">
            (the guide's inventory: {INVENTORY_TARGET.min} to {INVENTORY_TARGET.max})
          </span>
        </h2>
        {summary.uncoveredKinds.length === 0 ? (
          <p className="small">All six kinds the guide asks for are covered.</p>
        ) : (
          <p className="small">
            Still uncovered:{' '}
            {summary.uncoveredKinds.map((kind) => STORY_KIND_LABELS[kind]).join(', ')}.
          </p>
        )}
        <button
          type="button"
          className="button button--primary"
          onClick={() => actions.editStory(null)}
        >
          New story
        </button>
      </section>
      <div className="inventory__body">
        {stories.length > 0 && (
          <ul className="story-list" aria-label="Your stories">
            {stories.map((story) => {
              const row = matrix.stories.find((item) => item.storyId === story.id);
              return (
                <li
                  key={story.id}
                  className="story-row"
                  aria-current={editing === story.id ? 'true' : undefined}
                >
                  <button
                    type="button"
                    className="story-row__open"
                    onClick={() => actions.editStory(story.id)}
                  >
                    <strong>{story.title}</strong>
                    <span className="muted small">
                      {story.kinds.map((kind) => STORY_KIND_LABELS[kind]).join(' · ') ||
                        'No kind yet'}
                    </span>
                    <span className="small">
                      {draftWordCount(story.draft)} words ·{' '}
                      {row?.flexes
                        ? 'flexes'
                        : `good on ${row?.goodQuestions ?? 0} of ${FLEX_QUESTIONS} questions`}
                      {row?.overloaded ? ' · carrying too many questions' : ''}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {stories.length === 0 && !state.loading && (
          <p className="empty">
            No stories yet. Write six to eight, each a 250-word draft: an incident, a migration, a
            schema change, a stakeholder conflict, a cost-cutting win, a cross-team collaboration.
          </p>
        )}
        <StoryEditor />
      </div>
    </div>
  );
}

export function StoriesScreen() {
  const view = useApp((s) => s.stories.view);
  const loading = useApp((s) => s.stories.loading);
  const error = useApp((s) => s.stories.error);
  const editorOpen = useApp((s) => s.stories.editor !== null);
  const actions = useActions();
  return (
    <div className="stories">
      <div className="stories__head">
        <h1 className="screen-title">Your stories</h1>
        <div className="tabs" role="tablist" aria-label="Routine views">
          {VIEWS.map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={view === id}
              aria-controls={`view-${id}`}
              className="tab"
              onClick={() => actions.showRoutineView(id)}
            >
              {label}
            </button>
          ))}
        </div>
        <button type="button" className="button" onClick={() => actions.openPanel()}>
          Mock panel
        </button>
      </div>
      {error && !editorOpen && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {loading && <p className="muted">Loading…</p>}
      <div role="tabpanel" id={`view-${view}`} aria-labelledby={`tab-${view}`}>
        {view === 'inventory' && <Inventory />}
        {view === 'matrix' && <MatrixView />}
        {view === 'plan' && <PlanView />}
      </div>
      <DeleteStoryDialog />
    </div>
  );
}
