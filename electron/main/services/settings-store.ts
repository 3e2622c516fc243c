/**
 * The user's settings, persisted as `settings.json` in the data folder. A missing file means the
 * defaults. An invalid file is moved aside to `settings.invalid.json` (so nothing the user wrote is
 * lost), the defaults are used, and `warning` says what happened.
 *
 * `checkSettingsChange` refuses a models folder that does not exist or does not hold the chosen
 * model, before anything is saved, with a message the Settings screen shows next to the field.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { MODEL_NAMES, type ModelId, type Settings } from '../../../shared/ipc/contract.ts';
import {
  ApiError,
  MODEL_NOT_IN_FOLDER,
  MODELS_FOLDER_INVALID,
} from '../../../shared/ipc/errors.ts';
import { SETTINGS_SCHEMA } from '../../../shared/ipc/schemas.ts';
import { hasModel } from '../../engine/models.ts';

export const DEFAULT_SETTINGS: Settings = {
  model: 'whisper-base',
  modelsDir: null,
  microphoneId: null,
};

export class SettingsStore {
  readonly path: string;
  private current: Settings;
  /** Set when the settings file was invalid and the defaults were used instead. */
  warning: string | null = null;

  constructor(dataDir: string, defaults: Settings = DEFAULT_SETTINGS) {
    this.path = join(dataDir, 'settings.json');
    this.current = this.load(defaults);
  }

  get(): Settings {
    return { ...this.current };
  }

  /** Merges `patch` (already validated) and writes the file atomically. */
  set(patch: Partial<Settings>): Settings {
    const next = SETTINGS_SCHEMA.parse({ ...this.current, ...patch });
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify(next, null, 2) + '\n');
    renameSync(temp, this.path);
    this.current = next;
    return this.get();
  }

  private load(defaults: Settings): Settings {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...defaults };
      throw error;
    }
    let problem: string;
    try {
      const raw: unknown = JSON.parse(text);
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        throw new SyntaxError('not an object');
      // Fields added in later versions fall back to their defaults.
      const parsed = SETTINGS_SCHEMA.safeParse({ ...defaults, ...raw });
      if (parsed.success) return parsed.data;
      problem = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    } catch (error) {
      problem = `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
    const aside = join(dirname(this.path), 'settings.invalid.json');
    renameSync(this.path, aside);
    this.warning = `The settings file was invalid (${problem}); it was moved to ${aside} and the defaults are in use.`;
    return { ...defaults };
  }
}

/**
 * Checks a settings change against the disk and returns the patch to save (the models folder as a
 * full path, `~` expanded). A new models folder must exist and hold the chosen model; so must the
 * current folder when only the model changes. Throws `ApiError` (`models-folder-invalid` or
 * `model-not-in-folder`) otherwise.
 */
export async function checkSettingsChange(
  current: Settings,
  patch: Partial<Settings>,
  home: string = homedir(),
): Promise<Partial<Settings>> {
  const checked = { ...patch };
  if (typeof patch.modelsDir === 'string') checked.modelsDir = expandFolder(patch.modelsDir, home);
  const folder = checked.modelsDir === undefined ? current.modelsDir : checked.modelsDir;
  const model = checked.model ?? current.model;
  const folderChanged = checked.modelsDir !== undefined && checked.modelsDir !== current.modelsDir;
  const modelChanged = checked.model !== undefined && checked.model !== current.model;
  if (folder === null || (!folderChanged && !modelChanged)) return checked;

  const code = folderChanged ? MODELS_FOLDER_INVALID : MODEL_NOT_IN_FOLDER;
  const problem = await folderProblem(folder, model);
  if (problem === null) return checked;
  const advice = folderChanged
    ? 'Choose the folder that holds the model folders, or clear the field to use the bundled models.'
    : `Put ${model}/ in that folder, clear the models folder, or keep ${MODEL_NAMES[current.model]}.`;
  throw new ApiError(code, `${problem} ${advice}`);
}

/** What is wrong with `folder` as a home for `model`, or null when it holds it. */
async function folderProblem(folder: string, model: ModelId): Promise<string | null> {
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) return `${folder} is a file, not a folder.`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `The folder ${folder} does not exist.`;
    return `The folder ${folder} cannot be read (${code ?? String(error)}).`;
  }
  if (await hasModel(folder, model)) return null;
  const modelDir = join(folder, model);
  const partly = await stat(modelDir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  return partly
    ? `${modelDir} is incomplete: some files of ${MODEL_NAMES[model]} are missing or the wrong size (see models/manifest.json).`
    : `${folder} does not hold ${MODEL_NAMES[model]}: there is no ${model} folder in it.`;
}

/** `~/models` → `/home/you/models`; a relative path is refused (relative to what?). */
function expandFolder(text: string, home: string): string {
  const trimmed = text.trim();
  const expanded =
    trimmed === '~' || trimmed.startsWith('~/') ? join(home, trimmed.slice(1)) : trimmed;
  if (!isAbsolute(expanded)) {
    throw new ApiError(
      MODELS_FOLDER_INVALID,
      `"${trimmed}" is not a full path. Enter the whole path of the folder, e.g. ${join(home, 'rehearse-models')}.`,
    );
  }
  return resolve(expanded);
}
