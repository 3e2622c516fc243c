/**
 * Where Whisper models come from, in order: an explicit folder (setting or REHEARSE_MODELS_DIR), the
 * app's bundled `models/` folder, then the user-data cache, which is filled from the network on first
 * use (every file checked against the sha256 in models/manifest.json). No model and no network gives
 * an error that says what to do.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelId } from '../../shared/ipc/contract.ts';
import manifestJson from '../../models/manifest.json' with { type: 'json' };
import { EngineError } from './protocol.ts';

export interface ModelFile {
  path: string;
  size: number;
  sha256: string;
}
export interface ModelEntry {
  repo: string;
  revision: string;
  dtype: string;
  files: ModelFile[];
}
export interface ModelManifest {
  source: string;
  models: Record<ModelId, ModelEntry>;
}

export const DEFAULT_MODEL: ModelId = 'whisper-base';
/**
 * Verbatim (fillers kept) by default: it finds most "uh"/"um" that plain Whisper drops, at a WER cost
 * well under 1 point on the real-speech set (see scripts/eval-asr.ts).
 */
export const DEFAULT_VERBATIM = true;
export const manifest = manifestJson as ModelManifest;

export interface ModelLocations {
  /** Explicit folder from the user's settings (wins over everything). */
  modelsDir?: string | null;
  /** The folder shipped with the app (electron: process.resourcesPath/models; dev: <repo>/models). */
  bundledDir?: string | null;
  /** Writable cache for downloads (electron: app.getPath('userData')/models). */
  cacheDir?: string | null;
}

export interface DownloadProgress {
  model: ModelId;
  file: string;
  loadedBytes: number;
  totalBytes: number;
}

/** The repo's own models/ folder, found relative to this file (works from source and from out/main). */
export function repoModelsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, '../../models'), resolve(here, '../../../models')]) {
    if (existsSync(join(candidate, 'manifest.json'))) return candidate;
  }
  return resolve(here, '../../models');
}

/** True when `<root>/<model>` holds every file the manifest lists (sizes checked, not hashes: that is slow). */
export async function hasModel(root: string, model: ModelId): Promise<boolean> {
  for (const file of manifest.models[model].files) {
    try {
      const info = await stat(join(root, model, file.path));
      if (!info.isFile() || info.size !== file.size) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** The candidate roots in resolution order, with where each came from (for error messages). */
export function candidateRoots(
  locations: ModelLocations,
  env: NodeJS.ProcessEnv = process.env,
): { root: string; origin: string }[] {
  const explicit = locations.modelsDir ?? env.REHEARSE_MODELS_DIR ?? null;
  if (explicit)
    return [
      {
        root: resolve(explicit),
        origin: locations.modelsDir ? 'the models folder setting' : 'REHEARSE_MODELS_DIR',
      },
    ];
  const roots: { root: string; origin: string }[] = [];
  roots.push({
    root: locations.bundledDir ?? env.REHEARSE_BUNDLED_MODELS_DIR ?? repoModelsDir(),
    origin: 'the bundled models folder',
  });
  if (locations.cacheDir)
    roots.push({ root: resolve(locations.cacheDir), origin: 'the model cache' });
  return roots;
}

/**
 * Finds a folder holding `model`, downloading it into the cache when allowed and needed.
 * Returns the root to give transformers.js as `localModelPath`.
 */
export async function resolveModel(
  model: ModelId,
  locations: ModelLocations,
  options: {
    allowDownload?: boolean;
    onProgress?: (p: DownloadProgress) => void;
    fetchImpl?: typeof fetch;
  } = {},
): Promise<string> {
  const roots = candidateRoots(locations);
  for (const { root } of roots) if (await hasModel(root, model)) return root;
  const explicit = locations.modelsDir ?? process.env.REHEARSE_MODELS_DIR;
  if (explicit) {
    throw new EngineError(
      'MODEL_NOT_FOUND',
      `Model ${model} is not in ${resolve(explicit)} (from ${roots[0]?.origin}). Expected ${join(resolve(explicit), model, 'onnx', 'encoder_model_quantized.onnx')} and the other files listed in models/manifest.json; run "npm run fetch-models -- --dir ${resolve(explicit)}" on a machine with internet, or clear the setting.`,
    );
  }
  if (!locations.cacheDir || options.allowDownload === false) {
    throw new EngineError(
      'MODEL_NOT_FOUND',
      `Model ${model} was not found in ${roots.map((r) => r.root).join(' or ')}. Run "npm run fetch-models" (needs internet), or point REHEARSE_MODELS_DIR at a folder that holds ${model}/.`,
    );
  }
  await downloadModel(model, locations.cacheDir, options.onProgress, options.fetchImpl);
  return resolve(locations.cacheDir);
}

/** Downloads every file of `model` into `<root>/<model>`, verifying sizes and sha256; resumable per file. */
export async function downloadModel(
  model: ModelId,
  root: string,
  onProgress?: (p: DownloadProgress) => void,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const entry = manifest.models[model];
  const totalBytes = entry.files.reduce((sum, f) => sum + f.size, 0);
  let doneBytes = 0;
  for (const file of entry.files) {
    const target = join(root, model, file.path);
    if (await fileMatches(target, file)) {
      doneBytes += file.size;
      onProgress?.({ model, file: file.path, loadedBytes: doneBytes, totalBytes });
      continue;
    }
    const url = manifest.source
      .replace('{repo}', entry.repo)
      .replace('{revision}', entry.revision)
      .replace('{path}', file.path);
    let response: Response;
    try {
      response = await fetchImpl(url);
    } catch (error) {
      throw new EngineError(
        'MODEL_DOWNLOAD_FAILED',
        `Could not download ${model} (${file.path}) from ${new URL(url).host}: ${error instanceof Error ? error.message : String(error)}. Check the internet connection, or copy the model folder and set REHEARSE_MODELS_DIR / the models folder setting.`,
      );
    }
    if (!response.ok || !response.body) {
      throw new EngineError(
        'MODEL_DOWNLOAD_FAILED',
        `Downloading ${model} (${file.path}) failed: HTTP ${response.status} from ${url}.`,
      );
    }
    const hash = createHash('sha256');
    const chunks: Uint8Array[] = [];
    let received = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      chunks.push(value);
      received += value.byteLength;
      onProgress?.({ model, file: file.path, loadedBytes: doneBytes + received, totalBytes });
    }
    const digest = hash.digest('hex');
    if (received !== file.size || digest !== file.sha256) {
      throw new EngineError(
        'MODEL_CHECKSUM_MISMATCH',
        `Downloaded ${model}/${file.path} does not match models/manifest.json (got ${received} bytes, sha256 ${digest.slice(0, 12)}…; expected ${file.size} bytes, ${file.sha256.slice(0, 12)}…).`,
      );
    }
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    await writeFile(partial, Buffer.concat(chunks));
    await rename(partial, target);
    doneBytes += file.size;
  }
}

async function fileMatches(path: string, file: ModelFile): Promise<boolean> {
  try {
    const info = await stat(path);
    if (info.size !== file.size) return false;
    const digest = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
    return digest === file.sha256;
  } catch {
    return false;
  }
}

/** Removes a partially downloaded model (used when a download is abandoned). */
export async function removeModel(root: string, model: ModelId): Promise<void> {
  await rm(join(root, model), { recursive: true, force: true });
}
