/**
 * Prepares a "lean" copy of a Whisper model folder (see onnx-graph.ts): the encoder no longer lists its
 * self-attention maps as graph outputs, and the decoder computes its logits on the quantized embedding
 * instead of expanding it to floats on every token. Every other file is a symlink to the original (a
 * copy where symlinks are not allowed). The copy lives in the temp folder, keyed by the recipe version
 * and the source models' sizes and modification times, and is rebuilt when missing.
 */
import {
  copyFile,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelId } from '../../shared/ipc/contract.ts';
import { chunkAttention, dropGraphOutputs, quantizeLmHead } from './onnx-graph.ts';

const ENCODER = join('onnx', 'encoder_model_quantized.onnx');
const DECODER = join('onnx', 'decoder_model_merged_quantized.onnx');
/** Bump when the edits below change, so copies made by an older version are not reused. */
const RECIPE = 3;
/** Query slices for the encoder's self-attention (1500 positions: 375 queries a slice). */
const ATTENTION_CHUNKS = 4;
const isAttentionOutput = (name: string): boolean => name.startsWith('encoder_attentions');

/** The edited model files, by path relative to the model folder. */
const EDITS: Record<string, (model: Uint8Array) => Uint8Array> = {
  [ENCODER]: (model) =>
    chunkAttention(dropGraphOutputs(model, isAttentionOutput), ATTENTION_CHUNKS).model,
  [DECODER]: (model) => quantizeLmHead(model).model,
};
const EDITED = Object.keys(EDITS);

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

/** A copy younger than this may be loading in another process (another models folder): kept. */
const STALE_AFTER_MS = 10 * 60_000;

/**
 * Removes this model's copies made from older sources or recipes (~80 MB each for whisper-base). A copy
 * still open elsewhere is left to the next run (Windows refuses to delete open files).
 */
async function removeOlderCopies(workDir: string, model: ModelId, keep: string): Promise<void> {
  for (const entry of await readdir(workDir, { withFileTypes: true })) {
    const path = join(workDir, entry.name);
    if (!entry.isDirectory() || !entry.name.startsWith(`${model}-`) || path === keep) continue;
    const { mtimeMs } = await stat(path);
    if (Date.now() - mtimeMs > STALE_AFTER_MS)
      await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Returns a models root holding a lean `<model>/` built from `<modelsRoot>/<model>/`. */
export async function leanModelRoot(
  model: ModelId,
  modelsRoot: string,
  workDir: string = join(tmpdir(), 'rehearse-models'),
): Promise<string> {
  const sourceDir = join(modelsRoot, model);
  const key = [model, `r${RECIPE}c${ATTENTION_CHUNKS}`];
  for (const file of EDITED) {
    const source = await stat(join(sourceDir, file));
    key.push(String(source.size), String(Math.round(source.mtimeMs)));
  }
  const root = join(workDir, key.join('-'));
  const targetDir = join(root, model);
  if ((await Promise.all(EDITED.map((file) => exists(join(targetDir, file))))).every(Boolean))
    return root;

  await mkdir(join(targetDir, 'onnx'), { recursive: true });
  for (const sub of ['', 'onnx']) {
    for (const entry of await readdir(join(sourceDir, sub), { withFileTypes: true })) {
      const relative = join(sub, entry.name);
      if (!(entry.isFile() || entry.isSymbolicLink()) || relative in EDITS) continue;
      const target = join(targetDir, relative);
      if (!(await exists(target))) await linkOrCopy(join(sourceDir, relative), target);
    }
  }
  for (const [file, edit] of Object.entries(EDITS)) {
    const partial = join(targetDir, `${file}.${process.pid}.partial`);
    await writeFile(partial, edit(await readFile(join(sourceDir, file))));
    await rename(partial, join(targetDir, file));
  }
  await removeOlderCopies(workDir, model, root);
  return root;
}
