import { useEffect } from 'react';
import { HistoryScreen } from './features/history/HistoryScreen.tsx';
import { HomeScreen } from './features/home/HomeScreen.tsx';
import { RecordScreen } from './features/record/RecordScreen.tsx';
import { ReviewScreen } from './features/review/ReviewScreen.tsx';
import { PanelScreen } from './features/panel/PanelScreen.tsx';
import { SettingsScreen } from './features/settings/SettingsScreen.tsx';
import { StoriesScreen } from './features/stories/StoriesScreen.tsx';
import { EngineBadge } from './EngineBadge.tsx';
import { useActions, useApp, useStoreApi } from './store/index.ts';

/** Focus is in a field that uses the arrow keys (and Space) itself. */
function isEditingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('dialog') !== null
  );
}

/** Space on a focused button or link activates it natively; the app must not act twice. */
function isActivationTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && ['BUTTON', 'A', 'SUMMARY'].includes(target.tagName);
}

export function App() {
  const screen = useApp((s) => s.session.screen.name);
  const error = useApp((s) => s.session.error);
  // While an answer is being recorded or saved, leaving the screen would orphan it.
  const busy = useApp((s) => ['countdown', 'recording', 'saving'].includes(s.recording.phase));
  const actions = useActions();
  const store = useStoreApi();

  useEffect(() => actions.initialize(), [actions]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isEditingTarget(event.target)) return;
      const space = event.code === 'Space' && !isActivationTarget(event.target);
      const current = store.getState().session.screen.name;
      if (current === 'record') {
        if (space) {
          event.preventDefault();
          if (!event.repeat) actions.toggleAnswer();
        } else if (event.key === 'Escape' && store.getState().recording.phase === 'countdown') {
          void actions.stopAnswer();
        }
      } else if (current === 'review') {
        if (space) {
          event.preventDefault();
          if (!event.repeat) actions.togglePlay();
        } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
          event.preventDefault();
          const step = event.shiftKey ? 1 : 5;
          actions.seekBy(event.key === 'ArrowLeft' ? -step : step);
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, store]);

  return (
    <div className="app">
      <header className="topbar">
        <button
          type="button"
          className="brand"
          onClick={() => actions.goHome()}
          disabled={busy}
          aria-label="Rehearse, go to Home"
        >
          Rehearse
        </button>
        <nav aria-label="Main">
          <button
            type="button"
            className="nav-link"
            aria-current={screen === 'home' ? 'page' : undefined}
            onClick={() => actions.goHome()}
            disabled={busy}
          >
            Practice
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={screen === 'stories' ? 'page' : undefined}
            onClick={() => void actions.openStories()}
            disabled={busy}
          >
            Stories
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={screen === 'panel' ? 'page' : undefined}
            onClick={() => actions.openPanel()}
            disabled={busy}
          >
            Mock panel
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={screen === 'history' ? 'page' : undefined}
            onClick={() => void actions.openHistory()}
            disabled={busy}
          >
            History
          </button>
          <button
            type="button"
            className="nav-link"
            aria-current={screen === 'settings' ? 'page' : undefined}
            onClick={() => void actions.openSettings()}
            disabled={busy}
          >
            Settings
          </button>
        </nav>
        <EngineBadge />
      </header>
      {error && (
        <div className="banner banner--problem" role="alert">
          <span>{error}</span>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => actions.dismissError()}
          >
            Dismiss
          </button>
        </div>
      )}
      <main className="screen" id="main">
        {screen === 'home' && <HomeScreen />}
        {screen === 'record' && <RecordScreen />}
        {screen === 'review' && <ReviewScreen />}
        {screen === 'history' && <HistoryScreen />}
        {screen === 'settings' && <SettingsScreen />}
        {screen === 'stories' && <StoriesScreen />}
        {screen === 'panel' && <PanelScreen />}
      </main>
    </div>
  );
}
