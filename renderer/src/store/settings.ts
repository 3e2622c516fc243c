import { MODEL_NAMES, type ModelId, type Settings } from '../../../shared/ipc/contract.ts';
import {
  ApiError,
  MODEL_NOT_IN_FOLDER,
  MODELS_FOLDER_INVALID,
} from '../../../shared/ipc/errors.ts';
import type { Microphone } from '../features/record/microphone.ts';
import { messageOf, type SliceCreator } from './types.ts';

/** A part of the Settings screen that can show its own error. */
export type SettingsField = 'model' | 'modelsDir' | 'microphone';

export interface SettingsState {
  /** What the main side has saved; null until loaded. */
  saved: Settings | null;
  /** The field being saved right now. */
  saving: SettingsField | null;
  /** Each field's last refusal, shown next to it. */
  errors: Partial<Record<SettingsField, string>>;
  /** What the last save did, e.g. "Saved. Rehearse now uses Whisper tiny." */
  notice: string | null;
  /** Microphones to choose the default from. */
  microphones: Microphone[];
  /** What "Open logs folder" did: opened it, where it is, or why it could not. */
  logs: string | null;
}

export interface SettingsSlice {
  settings: SettingsState;
  /** Shows the Settings screen and loads the settings and the microphone list. */
  openSettings(): Promise<void>;
  chooseModel(model: ModelId): Promise<void>;
  /** Saves the models folder; an empty text clears it (bundled models, then the download cache). */
  saveModelsFolder(folder: string): Promise<void>;
  /** null = the system default microphone. */
  chooseDefaultMicrophone(microphoneId: string | null): Promise<void>;
  /** Loads the speech model again after an error (the "Retry" beside it). */
  reloadModel(): Promise<void>;
  /** Opens the logs folder in the file manager (the app), or says where it is (a browser). */
  openLogsFolder(): Promise<void>;
}

/** Error codes with which the main side refuses a settings change (electron/main/services/settings-store.ts). */
const FIELD_OF_CODE: Record<string, SettingsField> = {
  [MODELS_FOLDER_INVALID]: 'modelsDir',
  [MODEL_NOT_IN_FOLDER]: 'model',
};

function withoutError(
  errors: SettingsState['errors'],
  field: SettingsField,
): SettingsState['errors'] {
  const { [field]: _removed, ...rest } = errors;
  return rest;
}

const initialSettings: SettingsState = {
  saved: null,
  saving: null,
  errors: {},
  notice: null,
  microphones: [],
  logs: null,
};

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get, { api, audioInput }) => {
  const patch = (next: Partial<SettingsState>) =>
    set((s) => ({ settings: { ...s.settings, ...next } }));

  /** Saves `change` for `field`: its error beside it on refusal, a notice on success. */
  async function save(
    field: SettingsField,
    change: Partial<Settings>,
    describe: (saved: Settings) => string,
  ) {
    patch({ saving: field, notice: null, errors: withoutError(get().settings.errors, field) });
    try {
      const saved = await api.setSettings(change);
      patch({ saved, saving: null, notice: describe(saved) });
      set((s) => ({ recording: { ...s.recording, microphoneId: saved.microphoneId } }));
    } catch (error) {
      const where = (error instanceof ApiError && FIELD_OF_CODE[error.code]) || field;
      patch({
        saving: null,
        errors: { ...get().settings.errors, [where]: messageOf(error) },
      });
    }
  }

  return {
    settings: initialSettings,

    async openSettings() {
      get().leaveRecording();
      set((s) => ({ session: { ...s.session, screen: { name: 'settings' } } }));
      patch({ errors: {}, notice: null });
      const [settings, microphones] = await Promise.allSettled([
        api.getSettings({}),
        audioInput.listMicrophones(),
      ]);
      if (settings.status === 'fulfilled') patch({ saved: settings.value });
      else
        set((s) => ({
          session: {
            ...s.session,
            error: `Could not load the settings: ${messageOf(settings.reason)}`,
          },
        }));
      if (microphones.status === 'fulfilled') patch({ microphones: microphones.value });
      else
        patch({
          microphones: [],
          errors: { ...get().settings.errors, microphone: messageOf(microphones.reason) },
        });
    },

    async chooseModel(model) {
      if (get().settings.saved?.model === model) return;
      await save(
        'model',
        { model },
        (saved) => `Saved. Rehearse now uses ${MODEL_NAMES[saved.model]}.`,
      );
    },

    async saveModelsFolder(folder) {
      const modelsDir = folder.trim() === '' ? null : folder.trim();
      await save('modelsDir', { modelsDir }, (saved) =>
        saved.modelsDir === null
          ? 'Saved. Models come from the app’s own folder, or are downloaded once.'
          : `Saved. Models come from ${saved.modelsDir}.`,
      );
    },

    async chooseDefaultMicrophone(microphoneId) {
      const label = get().settings.microphones.find((m) => m.id === microphoneId)?.label;
      await save('microphone', { microphoneId }, () =>
        label
          ? `Saved. New answers use ${label}.`
          : 'Saved. New answers use the system’s default microphone.',
      );
    },

    async reloadModel() {
      try {
        // The new status arrives as engineStatus events (loading, then ready or error).
        await api.reloadModel({});
      } catch (error) {
        set((s) => ({
          session: {
            ...s.session,
            error: `Could not load the speech model again: ${messageOf(error)}`,
          },
        }));
      }
    },

    async openLogsFolder() {
      try {
        const { folder, opened } = await api.openLogsFolder({});
        patch({ logs: opened ? `Opened ${folder}.` : `The log files are in ${folder}.` });
      } catch (error) {
        patch({ logs: `Could not open the logs folder: ${messageOf(error)}` });
      }
    },
  };
};
