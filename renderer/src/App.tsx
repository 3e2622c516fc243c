import { useEffect } from 'react';
import { HistoryScreen } from './features/history/HistoryScreen.tsx';
import { HomeScreen } from './features/home/HomeScreen.tsx';
import { RecordScreen } from './features/record/RecordScreen.tsx';
import { ReviewScreen } from './features/review/ReviewScreen.tsx';
import { EngineBadge } from './EngineBadge.tsx';
import { useActions, useApp, useStoreApi } from './store/index.ts';

/** Keys the app handles itself unless focus is in a control that needs them. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(target.tagName) || target.closest('dialog') !== null;
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
      if (event.altKey || event.ctrlKey || event.metaKey || isTypingTarget(event.target)) return;
      const current = store.getState().session.screen.name;
      if (current === 'record' && event.code === 'Space') {
        event.preventDefault();
        if (!event.repeat) actions.toggleAnswer();
      } else if (current === 'review') {
        if (event.code === 'Space') {
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
        <button type="button" className="brand" onClick={() => actions.goHome()} disabled={busy} aria-label="Rehearse, go to Home">
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
            aria-current={screen === 'history' ? 'page' : undefined}
            onClick={() => void actions.openHistory()}
            disabled={busy}
          >
            History
          </button>
        </nav>
        <EngineBadge />
      </header>
      {error && (
        <div className="banner banner--problem" role="alert">
          <span>{error}</span>
          <button type="button" className="button button--quiet" onClick={() => actions.dismissError()}>
            Dismiss
          </button>
        </div>
      )}
      <main className="screen" id="main">
        {screen === 'home' && <HomeScreen />}
        {screen === 'record' && <RecordScreen />}
        {screen === 'review' && <ReviewScreen />}
        {screen === 'history' && <HistoryScreen />}
      </main>
    </div>
  );
}
