/**
 * Prepares a "lean" copy of a Whisper model folder (see onnx-graph.ts): the encoder no longer lists its
 * self-attention maps as graph outputs, and the decoder computes its logits on the quantized embedding
 * instead of expanding it to floats on every token. Both are then saved as ONNX Runtime has optimised
 * them for this machine (fusions, layouts), so loading skips graph optimisation, which was most of the
 * session start-up. Every other file is a symlink to the original (a copy where symlinks are not
 * allowed). The copy is built once: it lives in the temp folder (or the given cache folder) under a
 * key that holds the recipe version and a checksum of what it depends on (the source models' sizes and
 * modification times, the ONNX Runtime version, the CPU), and a copy counts only once its marker file,
 * written last, lists every built file at its size.
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
import { createHash } from 'node:crypto';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as OrtModule from 'onnxruntime-node';
import type { ModelId } from '../../shared/ipc/contract.ts';
import { chunkAttention, dropGraphOutputs, quantizeLmHead } from './onnx-graph.ts';

const ENCODER = join('onnx', 'encoder_model_quantized.onnx');
const DECODER = join('onnx', 'decoder_model_merged_quantized.onnx');
/** Bump when the edits below change, so copies made by an older version are not reused. */
const RECIPE = 4;
const MARKER = 'lean.json';

/** Session options for models from leanModelRoot: already optimised, so ONNX Runtime need not. */
export const LEAN_SESSION_OPTIONS = { graphOptimizationLevel: 'disabled' } as const;

type Ort = typeof OrtModule;

/** Saves `model` as ONNX Runtime optimises it for this CPU (the transformations a session makes). */
async function saveOptimized(ort: Ort, model: Uint8Array, target: string): Promise<void> {
  const session = await ort.InferenceSession.create(model, {
    graphOptimizationLevel: 'all',
    optimizedModelFilePath: target,
    executionProviders: ['cpu'],
    enableCpuMemArena: false,
    logSeverityLevel: 3,
  });
  await session.release();
}

async function readMarker(path: string): Promise<Record<string, number> | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, number>;
  } catch {
    return null;
  }
}
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
  const ort = await import('onnxruntime-node');
  const inputs = [String(ort.env.versions.node ?? ''), cpus()[0]?.model ?? ''];
  for (const file of EDITED) {
    const source = await stat(join(sourceDir, file));
    inputs.push(file, String(source.size), String(Math.round(source.mtimeMs)));
  }
  const checksum = createHash('sha256').update(inputs.join('\n')).digest('hex').slice(0, 16);
  const root = join(workDir, `${model}-r${RECIPE}c${ATTENTION_CHUNKS}-${checksum}`);
  const targetDir = join(root, model);
  const marker = await readMarker(join(targetDir, MARKER));
  if (marker) {
    const sizes = await Promise.all(
      EDITED.map((file) =>
        stat(join(targetDir, file)).then(
          (s) => s.size,
          () => -1,
        ),
      ),
    );
    if (EDITED.every((file, i) => marker[file] === sizes[i])) return root;
  }

  await mkdir(join(targetDir, 'onnx'), { recursive: true });
  for (const sub of ['', 'onnx']) {
    for (const entry of await readdir(join(sourceDir, sub), { withFileTypes: true })) {
      const relative = join(sub, entry.name);
      if (!(entry.isFile() || entry.isSymbolicLink()) || relative in EDITS) continue;
      const target = join(targetDir, relative);
      if (!(await exists(target))) await linkOrCopy(join(sourceDir, relative), target);
    }
  }
  const built: Record<string, number> = {};
  for (const [file, edit] of Object.entries(EDITS)) {
    const partial = join(targetDir, `${file}.${process.pid}.partial`);
    await saveOptimized(ort, edit(await readFile(join(sourceDir, file))), partial);
    await rename(partial, join(targetDir, file));
    built[file] = (await stat(join(targetDir, file))).size;
  }
  const partialMarker = join(targetDir, `${MARKER}.${process.pid}.partial`);
  await writeFile(partialMarker, JSON.stringify(built));
  await rename(partialMarker, join(targetDir, MARKER));
  await removeOlderCopies(workDir, model, root);
  return root;
}
