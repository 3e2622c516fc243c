import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createBrowserAudioInput } from './features/record/microphone.ts';
import workletUrl from './features/record/pcm-capture.worklet.js?url';
import { connectApi } from './lib/api.ts';
import { reportRendererErrors } from './lib/error-reporting.ts';
import { createAppStore, StoreProvider } from './store/index.ts';
import './styles/app.css';

const root = createRoot(document.getElementById('root')!);

try {
  const api = connectApi();
  reportRendererErrors(api);
  const store = createAppStore({
    api,
    audioInput: createBrowserAudioInput(workletUrl),
    now: () => performance.now(),
  });
  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <main className="fatal" role="alert">
      <h1>Rehearse could not start</h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </main>,
  );
}
