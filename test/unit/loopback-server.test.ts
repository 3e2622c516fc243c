/**
 * The loopback server as a real process (`npm run serve`'s entry) with the real Whisper engine and
 * analysis: its first stdout line, a whole attempt over HTTP with a real recording, and shutdown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AttemptDetail, AttemptSummary, EngineStatus } from '../../shared/ipc/contract.ts';
import { decodeWire, encodeWire } from '../../shared/ipc/wire.ts';
import { readRecording } from '../../electron/main/services/wav-recovery.ts';
import { makeDataDir } from './helpers/data-dir.ts';
import { modelsDir, REPO_ROOT, sharedDir } from './helpers/shared-data.ts';
import { MODEL_TEST_MS, MODEL_WAIT_MS } from '../waits.ts';

const FIRST_LINE = /^Rehearse loopback: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{32})$/;

// Waits for a real model load and analysis on a machine that may be busy (see test/waits.ts).
vi.setConfig({ testTimeout: MODEL_TEST_MS, hookTimeout: MODEL_WAIT_MS });

let data: ReturnType<typeof makeDataDir>;
let child: ChildProcess;
let base: URL;
let token: string;

async function call<T>(method: string, body: unknown): Promise<T> {
  const response = await fetch(new URL(`/api/${method}`, base), {
    method: 'POST',
    headers: { 'x-rehearse-token': token },
    body: encodeWire(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${method} → ${response.status} ${text}`);
  return decodeWire(text) as T;
}

async function until<T>(
  what: string,
  poll: () => Promise<T | null>,
  timeoutMs = MODEL_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await poll();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  const models = modelsDir();
  data = makeDataDir();
  // Start on the small model, from the shared models folder.
  writeFileSync(
    join(data.dir, 'settings.json'),
    JSON.stringify({ model: 'whisper-tiny', modelsDir: models, microphoneId: null }),
  );
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/loopback/server.ts', '--port', '0', '--data-dir', data.dir],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) =>
      reject(new Error(`The server exited with code ${code} before printing its URL.`)),
    );
  });
  const match = FIRST_LINE.exec(firstLine);
  if (!match) throw new Error(`Unexpected first line: ${firstLine}`);
  base = new URL(firstLine.slice('Rehearse loopback: '.length));
  token = match[2]!;
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  data?.remove();
});

describe('npm run serve', () => {
  it('records, transcribes and analyses a real answer over HTTP', async () => {
    await until('the model to load', async () => {
      const status = await call<EngineStatus>('getEngineStatus', {});
      if (status.state === 'error') throw new Error(`Engine failed: ${status.error?.message}`);
      return status.state === 'ready' ? status : null;
    });
    const wav = join(sharedDir(), 'audio', 'misc', 'jfk.wav');
    const { samples, sampleRate } = readRecording(wav);
    const { attemptId } = await call<{ attemptId: string }>('startAttempt', {
      question: {
        id: 'pipeline-broke',
        prompt: 'Tell me about a pipeline that broke in production.',
        kind: 'incident',
        custom: false,
      },
      sampleRate,
    });
    const chunk = Math.round(sampleRate / 10);
    for (let at = 0; at < samples.length; at += chunk)
      await call('appendAudio', { attemptId, pcm: samples.slice(at, at + chunk) });
    expect((await call<AttemptSummary>('stopAttempt', { attemptId, reason: 'user' })).status).toBe(
      'processing',
    );

    const detail = await until('the analysis', async () => {
      const d = await call<AttemptDetail>('getAttempt', { attemptId });
      return d.status === 'processing' ? null : d;
    });
    expect(detail.error).toBeNull();
    expect(detail.status).toBe('ready');
    expect(detail.model).toBe('whisper-tiny');
    expect(detail.transcript?.text.toLowerCase()).toContain(
      'ask not what your country can do for you',
    );
    expect(detail.transcript!.words.length).toBeGreaterThan(15);
    expect(detail.report?.questionId).toBe('pipeline-broke');
    expect(detail.score).toBe(detail.report?.score.overall);
    expect(detail.durationSec).toBeCloseTo(samples.length / sampleRate, 3);

    // The saved recording is the original audio, sample for sample.
    // It plays by URL from the server's recordings route.
    const { url } = await call<{ url: string }>('getAttemptAudio', { attemptId });
    expect(url).toBe(`/api/recordings/${attemptId}.wav?token=${token}`);
    const saved = Buffer.from(await (await fetch(new URL(url, base))).arrayBuffer());
    expect(saved.subarray(44).equals(readFileSync(wav).subarray(44))).toBe(true);
  });

  it('refuses a second server on the same data folder, saying who holds it', async () => {
    const second = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/loopback/server.ts', '--port', '0', '--data-dir', data.dir],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    second.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    second.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((r) => second.once('exit', r));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `Rehearse loopback: Another Rehearse (npm run serve, process ${child.pid}) is using the data folder ${data.dir}. ` +
        `Close it first, or use a different data folder. If no Rehearse is running, delete ${join(data.dir, 'rehearse.lock')}.\n`,
    );
  });

  it('shuts down cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
  });
});
