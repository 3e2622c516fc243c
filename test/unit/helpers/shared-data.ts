import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** /work/shared (or $REHEARSE_SHARED_DIR). Throws a clear error when it is missing: CI always has it. */
export function sharedDir(): string {
  const dir = resolve(process.env.REHEARSE_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared'));
  if (!existsSync(join(dir, 'audio'))) {
    throw new Error(
      `Shared test data not found at ${dir} (audio/ missing). Set REHEARSE_SHARED_DIR to the folder with audio/ and models/.`,
    );
  }
  return dir;
}

export function modelsDir(): string {
  const dir = resolve(process.env.REHEARSE_MODELS_DIR ?? join(sharedDir(), 'models'));
  if (!existsSync(join(dir, 'whisper-tiny'))) {
    throw new Error(
      `Whisper models not found in ${dir} (whisper-tiny/ missing). Set REHEARSE_MODELS_DIR.`,
    );
  }
  return dir;
}

export { REPO_ROOT };
