/**
 * Prepares a "lean" copy of a Whisper model folder whose encoder no longer lists its self-attention
 * maps as graph outputs (see onnx-outputs.ts). Every other file is a symlink to the original (a copy
 * where symlinks are not allowed). The copy lives in the temp folder, keyed by the source encoder's
 * size and modification time, and is rebuilt when missing.
 */
import {
  copyFile,
  mkdir,
  readdir,
  readFile,
  rename,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelId } from '../../shared/ipc/contract.ts';
import { dropGraphOutputs } from './onnx-outputs.ts';

const ENCODER = join('onnx', 'encoder_model_quantized.onnx');
const isAttentionOutput = (name: string): boolean => name.startsWith('encoder_attentions');

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function linkOrCopy(source: string, target: string): Promise<void> {
  try {
    await symlink(source, target);
  } catch {
    await copyFile(source, target);
  }
}

/** Returns a models root holding a lean `<model>/` built from `<modelsRoot>/<model>/`. */
export async function leanModelRoot(
  model: ModelId,
  modelsRoot: string,
  workDir: string = join(tmpdir(), 'rehearse-models'),
): Promise<string> {
  const sourceDir = join(modelsRoot, model);
  const encoder = await stat(join(sourceDir, ENCODER));
  const root = join(workDir, `${model}-${encoder.size}-${Math.round(encoder.mtimeMs)}`);
  const targetDir = join(root, model);
  if (await exists(join(targetDir, ENCODER))) return root;

  await mkdir(join(targetDir, 'onnx'), { recursive: true });
  for (const sub of ['', 'onnx']) {
    for (const entry of await readdir(join(sourceDir, sub), { withFileTypes: true })) {
      const relative = join(sub, entry.name);
      if (!entry.isFile() || relative === ENCODER) continue;
      const target = join(targetDir, relative);
      if (!(await exists(target))) await linkOrCopy(join(sourceDir, relative), target);
    }
  }
  const lean = dropGraphOutputs(await readFile(join(sourceDir, ENCODER)), isAttentionOutput);
  const partial = join(targetDir, `${ENCODER}.${process.pid}.partial`);
  await writeFile(partial, lean);
  await rename(partial, join(targetDir, ENCODER));
  return root;
}
