/**
 * Locates the shared read-only data (real speech clips and Whisper models) for tests, the benchmark
 * and the evaluation. `../shared` next to the repo, or REHEARSE_SHARED_DIR / REHEARSE_MODELS_DIR.
 * Missing data is an error with instructions, never a silent skip: CI always has it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export function sharedDir(): string {
  const dir = process.env.REHEARSE_SHARED_DIR ?? resolve(repoRoot, '../shared');
  if (!existsSync(join(dir, 'audio'))) {
    throw new Error(
      `Shared test data not found at ${dir} (expected audio/ and models/). Set REHEARSE_SHARED_DIR to the folder that holds them.`,
    );
  }
  return dir;
}

export function sharedModelsDir(): string {
  const dir = process.env.REHEARSE_MODELS_DIR ?? join(sharedDir(), 'models');
  for (const model of ['whisper-tiny', 'whisper-base']) {
    if (!existsSync(join(dir, model, 'onnx'))) {
      throw new Error(
        `Whisper model ${model} not found in ${dir}. Set REHEARSE_MODELS_DIR to a folder with whisper-tiny/ and whisper-base/ (transformers.js layout, q8).`,
      );
    }
  }
  return dir;
}

export function sharedAudio(relativePath: string): string {
  const path = join(sharedDir(), 'audio', relativePath);
  if (!existsSync(path))
    throw new Error(
      `Shared audio clip ${relativePath} is missing from ${join(sharedDir(), 'audio')}.`,
    );
  return path;
}

export interface ManifestRow {
  file: string;
  path: string;
  durationSec: number;
  reference: string;
}

/** Reads an audio folder's manifest.tsv (header row; file, duration_s, reference_text, ...). */
export function readAudioManifest(folder: string): ManifestRow[] {
  const dir = join(sharedDir(), 'audio', folder);
  const lines = readFileSync(join(dir, 'manifest.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return lines.slice(1).map((line) => {
    const [file = '', duration = '0', reference = ''] = line.split('\t');
    return { file, path: join(dir, file), durationSec: Number(duration), reference };
  });
}
