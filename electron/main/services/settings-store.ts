/**
 * The user's settings, persisted as `settings.json` in the data folder. A missing file means the
 * defaults. An invalid file is moved aside to `settings.invalid.json` (so nothing the user wrote is
 * lost), the defaults are used, and `warning` says what happened.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Settings } from '../../../shared/ipc/contract.ts';
import { SETTINGS_SCHEMA } from '../../../shared/ipc/schemas.ts';

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
