import { MODEL_NAMES, type EngineStatus } from '../../../../shared/ipc/contract.ts';
import { useActions, useApp } from '../../store/index.ts';
import { DownloadProgress } from './DownloadProgress.tsx';

/** The engine's own message already says what to do; only a missing model needs a pointer to Settings. */
const SETTINGS_HELP: Record<string, string> = {
  MODEL_NOT_FOUND: 'Or choose a folder that holds the model in Settings.',
  MODEL_DOWNLOAD_FAILED: 'Or choose a folder that holds the model in Settings.',
};

interface ModelStatusProps {
  /** Also say so when the model is ready or loading (Settings); Home shows only downloads and problems. */
  always?: boolean;
  /** Offer "Open settings" next to "Retry" (not on the Settings screen itself). */
  offerSettings?: boolean;
}

/** Where the speech model is: downloading (with progress), loading, ready, or failed with a way out. */
export function ModelStatus({ always = false, offerSettings = false }: ModelStatusProps) {
  const engine = useApp((s) => s.session.engine);
  if (!engine) return null;
  if (engine.state === 'downloading') return <Downloading engine={engine} />;
  if (engine.state === 'error')
    return <Unavailable engine={engine} offerSettings={offerSettings} />;
  if (!always) return null;
  const name = MODEL_NAMES[engine.model];
  const text =
    engine.state === 'ready'
      ? `${name} is ready. It runs on this computer; nothing you say leaves it.`
      : engine.state === 'loading'
        ? `Loading ${name}…`
        : `${name} loads when you record your first answer.`;
  return (
    <p className={`model-status model-status--${engine.state}`} role="status">
      <span className="engine-badge__dot" aria-hidden="true" />
      {text}
    </p>
  );
}

function Downloading({ engine }: { engine: EngineStatus }) {
  const name = MODEL_NAMES[engine.model];
  return (
    <section className="panel model-download" aria-labelledby="model-download-title">
      <h2 id="model-download-title" className="panel__title">
        Downloading {name}
      </h2>
      <DownloadProgress
        label={`Downloading ${name}`}
        loadedBytes={engine.download?.loadedBytes ?? 0}
        totalBytes={engine.download?.totalBytes ?? 0}
      />
      <p className="muted small">
        This happens once. The model is kept on this computer, and transcription then works offline.
        You can record meanwhile: answers are saved and analysed when the download is done.
      </p>
    </section>
  );
}

function Unavailable({ engine, offerSettings }: { engine: EngineStatus; offerSettings: boolean }) {
  const actions = useActions();
  const help = offerSettings ? SETTINGS_HELP[engine.error?.code ?? ''] : undefined;
  return (
    <div className="banner banner--problem model-problem" role="alert">
      <div>
        <p>
          <strong>Transcription is unavailable.</strong>{' '}
          {engine.error?.message ?? 'The speech model could not be loaded.'}
          {help && ` ${help}`}
        </p>
        <p className="small">
          Recordings are still saved and can be analysed from History once the model works.
        </p>
      </div>
      <div className="model-problem__actions">
        <button type="button" className="button" onClick={() => void actions.reloadModel()}>
          Retry
        </button>
        {offerSettings && (
          <button type="button" className="button" onClick={() => void actions.openSettings()}>
            Open settings
          </button>
        )}
      </div>
    </div>
  );
}
