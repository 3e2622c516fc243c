import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DataDir {
  dir: string;
  remove: () => void;
}

/** A fresh data folder per test, removed afterwards. */
export function makeDataDir(): DataDir {
  const dir = mkdtempSync(join(tmpdir(), 'rehearse-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A sine tone, so written and read samples are easy to compare. */
export function tone(
  samples: number,
  sampleRate: number,
  frequency = 220,
  amplitude = 0.5,
  offset = 0,
): Float32Array {
  const out = new Float32Array(samples);
  for (let i = 0; i < samples; i++)
    out[i] = amplitude * Math.sin((2 * Math.PI * frequency * (i + offset)) / sampleRate);
  return out;
}
