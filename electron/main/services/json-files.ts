/**
 * Durable small files for the repository: JSON written to a temporary file, synced, renamed into
 * place, and the folder synced too, so a crash leaves either the old file or the new one.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes JSON to a temporary file, syncs it, renames it into place and syncs the folder. */
export function writeJsonAtomically(path: string, value: unknown): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeFileSync(fd, JSON.stringify(value));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  fsyncDir(join(path, '..'));
}

/** Makes a folder's entries (created, renamed files) durable. Not possible on Windows: skipped. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads a JSON file; null when it does not exist. */
export function readJson<T>(path: string): T | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return JSON.parse(text) as T;
}
