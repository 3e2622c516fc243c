import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineRequest, WorkerMessage } from '../engine/protocol.ts';

/** A fake utilityProcess child that answers like the real worker would (or crashes on demand). */
class FakeChild extends EventEmitter {
  sent: EngineRequest[] = [];
  killed = false;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  behaviour: (request: EngineRequest, child: FakeChild) => void = (request, child) =>
    child.reply({ kind: 'response', seq: request.seq, ok: true, value: null });
  postMessage(request: EngineRequest): void {
    this.sent.push(request);
    queueMicrotask(() => this.behaviour(request, this));
  }
  reply(message: WorkerMessage): void {
    this.emit('message', message);
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

const forks: { path: string; child: FakeChild }[] = [];
let nextBehaviour: FakeChild['behaviour'] | null = null;

vi.mock('electron', () => ({
  utilityProcess: {
    fork: (path: string) => {
      const child = new FakeChild();
      if (nextBehaviour) child.behaviour = nextBehaviour;
      forks.push({ path, child });
      return child;
    },
  },
}));

const { createUtilityEngine } = await import('./engine-host.ts');

describe('createUtilityEngine', () => {
  beforeEach(() => {
    forks.length = 0;
    nextBehaviour = null;
  });
  afterEach(() => vi.restoreAllMocks());

  it('forks the built worker and speaks the sequence-numbered protocol', async () => {
    const engine = createUtilityEngine({
      workerPath: '/app/out/main/engine.js',
      cacheDir: '/tmp/cache',
    });
    await engine.load({ model: 'whisper-tiny' });
    expect(forks).toHaveLength(1);
    expect(forks[0]!.path).toBe('/app/out/main/engine.js');
    const load = forks[0]!.child.sent[0]!;
    expect(load).toMatchObject({
      type: 'load',
      model: 'whisper-tiny',
      cacheDir: '/tmp/cache',
      allowDownload: true,
    });
    expect(load.seq).toBeGreaterThan(0);
    await engine.dispose();
    expect(forks[0]!.child.killed).toBe(true);
  });

  it('turns a serialized worker error into an EngineError with its code', async () => {
    nextBehaviour = (request, child) =>
      child.reply({
        kind: 'response',
        seq: request.seq,
        ok: false,
        error: { code: 'MODEL_NOT_FOUND', message: 'no model here' },
      });
    const engine = createUtilityEngine({ workerPath: '/w.js', cacheDir: '/c' });
    await expect(engine.load({ model: 'whisper-base' })).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: 'no model here',
    });
    await engine.dispose();
  });

  it('forwards worker events (download progress) to listeners', async () => {
    nextBehaviour = (request, child) => {
      child.reply({
        kind: 'event',
        event: {
          type: 'download',
          model: 'whisper-base',
          file: 'onnx/x',
          loadedBytes: 5,
          totalBytes: 10,
          percent: 50,
        },
      });
      child.reply({ kind: 'response', seq: request.seq, ok: true, value: null });
    };
    const engine = createUtilityEngine({ workerPath: '/w.js', cacheDir: '/c' });
    const events: unknown[] = [];
    engine.onEvent((event) => events.push(event));
    await engine.load({ model: 'whisper-base' });
    expect(events).toContainEqual(expect.objectContaining({ type: 'download', percent: 50 }));
    await engine.dispose();
  });

  it("writes the engine's log events, its stdout and stderr, and a crash to the log", async () => {
    let chatty = true; // the first request only
    nextBehaviour = (request, child) => {
      if (!chatty) {
        child.reply({ kind: 'response', seq: request.seq, ok: true, value: null });
        return;
      }
      child.reply({
        kind: 'event',
        event: { type: 'log', level: 'warn', message: 'Ignored a malformed engine request.' },
      });
      chatty = false;
      child.stdout.write('onnxruntime: using 2 threads\npartial ');
      child.stdout.write('line\n');
      child.stderr.write('W: a native warning\r\n\n');
      child.reply({ kind: 'response', seq: request.seq, ok: true, value: null });
    };
    const logged: [string, string][] = [];
    const engine = createUtilityEngine({
      workerPath: '/w.js',
      cacheDir: '/c',
      log: (level, message) => logged.push([level, message]),
    });
    await engine.load({ model: 'whisper-tiny' });
    forks[0]!.child.emit('exit', 139);
    await vi.waitFor(() => expect(logged).toHaveLength(5));
    expect(logged.sort()).toEqual(
      [
        ['warn', 'Ignored a malformed engine request.'],
        ['info', 'onnxruntime: using 2 threads'],
        ['info', 'partial line'],
        ['warn', 'W: a native warning'],
        ['error', 'The engine process stopped (engine process exited with code 139).'],
      ].sort(),
    );
    await engine.dispose();
  });

  it('fails requests in flight when the process crashes, reports it, and restarts with the last model', async () => {
    const engine = createUtilityEngine({ workerPath: '/w.js', cacheDir: '/c' });
    const events: { type: string; state?: string }[] = [];
    engine.onEvent((event) => events.push(event));
    await engine.load({ model: 'whisper-tiny' });
    const first = forks[0]!.child;
    first.behaviour = (request, child) => {
      if (request.type === 'transcribe') child.emit('exit', 139);
    };
    await expect(engine.transcribe(new Float32Array(16_000))).rejects.toMatchObject({
      code: 'WORKER_CRASHED',
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'status', state: 'error' }));

    await engine.transcribe(new Float32Array(16_000)).catch(() => undefined);
    expect(forks).toHaveLength(2);
    // The new process gets the model loaded again before the request.
    expect(forks[1]!.child.sent.map((r) => r.type)).toEqual(['load', 'transcribe']);
    await engine.dispose();
  });

  it('gives up after repeated crashes instead of looping', async () => {
    nextBehaviour = (_request, child) => child.emit('exit', 1);
    const engine = createUtilityEngine({
      workerPath: '/w.js',
      cacheDir: '/c',
      maxRestartsPerMinute: 1,
    });
    await expect(engine.stats()).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    await expect(engine.stats()).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    await expect(engine.stats()).rejects.toThrow(/keeps crashing/);
    await engine.dispose();
  });
});
