import { useId, useState, type FormEvent } from 'react';
import { MODEL_NAMES, type ModelId } from '../../../../shared/ipc/contract.ts';
import { useActions, useApp } from '../../store/index.ts';
import { ModelStatus } from '../engine/ModelStatus.tsx';

const MODEL_CHOICES: { id: ModelId; summary: string }[] = [
  { id: 'whisper-base', summary: 'More accurate. Recommended.' },
  { id: 'whisper-tiny', summary: 'Faster, but misses more words. For a slow computer.' },
];

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}

function ModelChoice() {
  const model = useApp((s) => s.settings.saved?.model ?? null);
  const saving = useApp((s) => s.settings.saving === 'model');
  const error = useApp((s) => s.settings.errors.model);
  const actions = useActions();
  const errorId = useId();
  return (
    <section className="panel settings__section" aria-labelledby="settings-model-title">
      <h2 id="settings-model-title" className="panel__title">
        Speech model
      </h2>
      {/* Not disabled while saving: that would take the focus away from the radio just chosen. */}
      <fieldset
        className="choice-list"
        aria-describedby={error ? errorId : undefined}
        aria-busy={saving || undefined}
        disabled={model === null}
      >
        <legend className="visually-hidden">Speech model</legend>
        {MODEL_CHOICES.map((choice) => (
          <label key={choice.id} className="choice">
            <input
              type="radio"
              name="model"
              value={choice.id}
              checked={model === choice.id}
              onChange={() => void actions.chooseModel(choice.id)}
            />
            <span className="choice__name">{MODEL_NAMES[choice.id]}</span>
            <span className="choice__summary">{choice.summary}</span>
          </label>
        ))}
      </fieldset>
      <FieldError id={errorId} message={error} />
      <ModelStatus always />
    </section>
  );
}

function ModelsFolderForm({ saved }: { saved: string | null }) {
  const saving = useApp((s) => s.settings.saving === 'modelsDir');
  const error = useApp((s) => s.settings.errors.modelsDir);
  const actions = useActions();
  const [draft, setDraft] = useState(saved ?? '');
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void actions.saveModelsFolder(draft);
  };
  return (
    <form className="settings__folder" onSubmit={submit}>
      <label htmlFor={inputId} className="field-label">
        Models folder
      </label>
      <div className="settings__folder-row">
        <input
          id={inputId}
          className="input"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="Empty: the models that come with Rehearse"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        />
        <button
          type="submit"
          className="button"
          disabled={saving || draft.trim() === (saved ?? '')}
        >
          {saving ? 'Checking…' : 'Use this folder'}
        </button>
        {saved !== null && (
          <button
            type="button"
            className="button button--quiet"
            disabled={saving}
            onClick={() => void actions.saveModelsFolder('')}
          >
            Clear
          </button>
        )}
      </div>
      <FieldError id={errorId} message={error} />
      <p id={hintId} className="muted small">
        The full path of a folder holding <code>whisper-base/</code> or <code>whisper-tiny/</code>.
        Leave it empty to use the models that come with Rehearse; if those are missing, the chosen
        model is downloaded once and kept on this computer.
      </p>
    </form>
  );
}

function ModelsFolder() {
  const saved = useApp((s) => (s.settings.saved ? s.settings.saved.modelsDir : undefined));
  return (
    <section className="panel settings__section" aria-labelledby="settings-folder-title">
      <h2 id="settings-folder-title" className="panel__title">
        Where models come from
      </h2>
      {/* Re-created when the saved folder changes, so the field shows what is saved. */}
      {saved !== undefined && <ModelsFolderForm key={saved ?? ''} saved={saved} />}
    </section>
  );
}

function DefaultMicrophone() {
  const microphoneId = useApp((s) =>
    s.settings.saved ? s.settings.saved.microphoneId : undefined,
  );
  const microphones = useApp((s) => s.settings.microphones);
  const saving = useApp((s) => s.settings.saving === 'microphone');
  const error = useApp((s) => s.settings.errors.microphone);
  const actions = useActions();
  const selectId = useId();
  const errorId = useId();
  const hintId = useId();
  // A saved microphone that is not plugged in now stays listed, so the choice is not silently lost.
  const missing = microphoneId && !microphones.some((m) => m.id === microphoneId);
  return (
    <section className="panel settings__section" aria-labelledby="settings-mic-title">
      <h2 id="settings-mic-title" className="panel__title">
        Microphone
      </h2>
      <label htmlFor={selectId} className="field-label">
        Default microphone
      </label>
      <select
        id={selectId}
        className="select settings__select"
        value={microphoneId ?? ''}
        disabled={microphoneId === undefined || saving}
        onChange={(event) =>
          void actions.chooseDefaultMicrophone(
            event.target.value === '' ? null : event.target.value,
          )
        }
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
      >
        <option value="">System default</option>
        {missing && <option value={microphoneId}>The saved microphone (not connected)</option>}
        {microphones.map((microphone) => (
          <option key={microphone.id} value={microphone.id}>
            {microphone.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} message={error} />
      <p id={hintId} className="muted small">
        Used for new answers; you can still switch on the recording screen. Names appear once
        Rehearse has been allowed to use the microphone.
      </p>
    </section>
  );
}

function Logs() {
  const logs = useApp((s) => s.settings.logs);
  const actions = useActions();
  return (
    <section className="panel settings__section" aria-labelledby="settings-logs-title">
      <h2 id="settings-logs-title" className="panel__title">
        Logs
      </h2>
      <p className="muted small">
        When something goes wrong, the log files say what happened. They hold no recordings and no
        transcripts.
      </p>
      <button type="button" className="button" onClick={() => void actions.openLogsFolder()}>
        Open logs folder
      </button>
      <p className="small" role="status">
        {logs}
      </p>
    </section>
  );
}

export function SettingsScreen() {
  const notice = useApp((s) => s.settings.notice);
  return (
    <div className="settings">
      <h1 className="screen-title">Settings</h1>
      <p className="settings__notice" role="status">
        {notice}
      </p>
      <ModelChoice />
      <ModelsFolder />
      <DefaultMicrophone />
      <Logs />
    </div>
  );
}
