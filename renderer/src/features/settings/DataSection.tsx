import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { useModalDialog } from '../../lib/use-modal-dialog.ts';
import { saveFile } from '../../lib/save-file.ts';
import { useActions, useApp } from '../../store/index.ts';
import { messageOf } from '../../store/types.ts';

/** Where the data and the models really are (the models folder as the engine searches it). */
export function DataFolders() {
  const locations = useApp((s) => s.settings.locations);
  const model = useApp((s) => s.settings.saved?.model);
  const modelsDir = useApp((s) => s.settings.saved?.modelsDir);
  const actions = useActions();
  useEffect(() => void actions.loadLocations(), [actions, model, modelsDir]);
  return (
    <section className="panel settings__section" aria-labelledby="settings-folders-title">
      <h2 id="settings-folders-title" className="panel__title">
        Where things are
      </h2>
      {locations ? (
        <dl className="locations">
          <dt>Your attempts (recordings, transcripts, reports)</dt>
          <dd>
            <code data-testid="data-dir">{locations.dataDir}</code>
          </dd>
          <dt>Speech models in use</dt>
          <dd>
            <code data-testid="models-dir">{locations.modelsDir}</code>
            <span className="small muted">
              {' '}
              from {locations.modelsOrigin}
              {locations.modelFound ? '' : ' (the chosen model is not there)'}
            </span>
          </dd>
        </dl>
      ) : (
        <p className="muted">Looking up the folders…</p>
      )}
    </section>
  );
}

/** Export everything as one archive, import one back, or delete every attempt. */
export function Backup() {
  const actions = useActions();
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const dialog = useModalDialog(confirming);
  const inputId = useId();
  const titleId = useId();

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (error) {
      setStatus(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const onImport = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void run(async () => actions.importData(new Uint8Array(await file.arrayBuffer())));
  };

  return (
    <section className="panel settings__section" aria-labelledby="settings-backup-title">
      <h2 id="settings-backup-title" className="panel__title">
        Backup
      </h2>
      <p className="muted small">
        One archive with every attempt: recordings, transcripts and reports. Importing adds the
        attempts that are not here yet.
      </p>
      <div className="backup__actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const file = await actions.exportAllData();
              saveFile(file);
              return `Saved ${file.fileName}.`;
            })
          }
        >
          Export all data
        </button>
        <label htmlFor={inputId} className="button">
          Import an archive…
        </label>
        <input
          id={inputId}
          type="file"
          accept=".zip,application/zip"
          className="visually-hidden"
          disabled={busy}
          onChange={onImport}
        />
        <button
          type="button"
          className="button button--danger"
          disabled={busy}
          onClick={() => setConfirming(true)}
        >
          Delete all attempts…
        </button>
      </div>
      <p className="small" role="status" data-testid="backup-status">
        {busy ? 'Working…' : status}
      </p>
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby={titleId}
        onClose={() => setConfirming(false)}
      >
        <h2 id={titleId} className="panel__title">
          Delete every attempt?
        </h2>
        <p>
          All recordings, transcripts and reports are removed for good. Export the data first if you
          may want them back.
        </p>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
            Keep them
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              setConfirming(false);
              void run(() => actions.deleteAllData());
            }}
          >
            Delete all
          </button>
        </div>
      </dialog>
    </section>
  );
}
