/**
 * The engine process ends with its parent: when the IPC channel closes (the CLI or test runner that
 * started it was killed), a worker with a model loaded must not stay behind holding hundreds of MB.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { sharedModelsDir } from './testing/shared-data.ts';
import { MODEL_TEST_MS } from '../../test/waits.ts';

vi.setConfig({ testTimeout: MODEL_TEST_MS });

describe('engine worker', () => {
  it('exits when its parent disconnects, even in the middle of a transcription', async () => {
    const child = fork(fileURLToPath(new URL('./worker-dev.mjs', import.meta.url)), [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const loaded = new Promise<unknown>((resolve) =>
        child.on('message', (m: { kind?: string }) => m.kind === 'response' && resolve(m)),
      );
      child.send({
        seq: 1,
        type: 'load',
        model: 'whisper-tiny',
        modelsDir: sharedModelsDir(),
        warmUp: false,
      });
      expect(await loaded).toMatchObject({ kind: 'response', seq: 1, ok: true });
      // Two minutes of a steady tone: minutes of work for the worker if it went on after the parent.
      const pcm = new Float32Array(16_000 * 120);
      for (let i = 0; i < pcm.length; i++) pcm[i] = 0.2 * Math.sin(i / 9) * Math.sin(i / 4000);
      child.send({ seq: 2, type: 'transcribe', pcm, sampleRate: 16_000, verbatim: true });
      await new Promise((r) => setTimeout(r, 300));
      child.disconnect();
      // Generous: a busy machine may take a while to schedule the exit, never minutes.
      const code = await Promise.race([
        exited,
        new Promise<'still running'>((r) => setTimeout(() => r('still running'), 15_000)),
      ]);
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
