import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export {
  sharedDir,
  sharedModelsDir as modelsDir,
} from '../../../electron/engine/testing/shared-data.ts';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
