/**
 * The host side of the engine: `EngineClient` is what the app, the CLI and tests call. It speaks the
 * protocol over any `EngineTransport` (a Node worker thread here; an Electron utilityProcess in
 * electron/main/engine-host.ts), matches responses to requests by sequence number and turns
 * serialized errors back into `EngineError`s.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import type { ModelId } from '../../shared/ipc/contract.ts';
import {
  EngineError,
  type EngineEvent,
  type EngineRequest,
  type EngineResponseValue,
  type EngineResult,
  type TranscribeOptions,
  type WorkerMessage,
  type WorkerStats,
} from './protocol.ts';
import { workerEnv } from './worker-env.ts';

export type { EngineEvent, EngineResult, ModelId, TranscribeOptions };

export interface LoadOptions {
  model: ModelId;
  /** Explicit models folder (the setting); null/undefined = REHEARSE_MODELS_DIR, then bundled, then cache. */
  modelsDir?: string | null;
  /**
   * Run one short inference at load (default true) so the first window of an answer is not slower.
   * A one-off transcription (the CLI) skips it: its first window pays the same cost once.
   */
  warmUp?: boolean;
}

export interface EngineClient {
  load(options: LoadOptions): Promise<void>;
  /** Batch transcription of 16 kHz mono PCM. */
  transcribe(pcm16k: Float32Array, options?: TranscribeOptions): Promise<EngineResult>;
  /** Starts an incremental transcription; `append` PCM at `sampleRate` as it is recorded. */
  startStream(options: { sampleRate: number } & TranscribeOptions): Promise<string>;
  append(streamId: string, pcm: Float32Array): void;
  /** Ends the stream; resolves when the tail is transcribed. */
  finish(streamId: string): Promise<EngineResult>;
  cancel(streamId: string): Promise<void>;
  onEvent(listener: (event: EngineEvent) => void): () => void;
  /** Worker memory (for benchmarks and diagnostics). */
  stats(): Promise<WorkerStats>;
  dispose(): Promise<void>;
}

/** A bidirectional message channel to a worker. */
export interface EngineTransport {
  send(request: EngineRequest): void;
  onMessage(handler: (message: WorkerMessage) => void): void;
  /** Called when the worker exits unexpectedly (crash, OOM, killed). */
  onExit(handler: (reason: string) => void): void;
  terminate(): Promise<void>;
}

type Distribute<T> = T extends unknown ? Omit<T, 'seq'> : never;
type RequestBody = Distribute<EngineRequest>;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export interface ClientOptions {
  /** Folder for downloaded models (the app passes userData/models). */
  cacheDir?: string | null;
  /** Allow downloading a missing model into cacheDir. */
  allowDownload?: boolean;
}

/** An EngineClient over one transport. Pending requests fail with WORKER_CRASHED if the worker dies. */
export class ProtocolClient implements EngineClient {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  /** A stream's first failed append, reported by its finish. */
  private readonly streamErrors = new Map<string, Error>();
  private disposed = false;
  private loadedModel: ModelId | null = null;

  constructor(
    private readonly transport: EngineTransport,
    private readonly options: ClientOptions = {},
  ) {
    transport.onMessage((message) => this.receive(message));
    transport.onExit((reason) =>
      this.failAll(
        new EngineError('WORKER_CRASHED', `The transcription engine stopped: ${reason}.`),
      ),
    );
  }

  private receive(message: WorkerMessage): void {
    if (message.kind === 'event') {
      for (const listener of this.listeners) listener(message.event);
      return;
    }
    const pending = this.pending.get(message.seq);
    if (!pending) return;
    this.pending.delete(message.seq);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(EngineError.from(message.error));
  }

  /** Rejects everything in flight (worker crashed); the host may then restart the transport. */
  failAll(error: EngineError): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.loadedModel = null;
  }

  private request<T extends RequestBody>(body: T): Promise<EngineResponseValue[T['type']]> {
    if (this.disposed)
      return Promise.reject(new EngineError('DISPOSED', 'The engine was disposed.'));
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (value: unknown) => void, reject });
      try {
        this.transport.send({ ...body, seq } as EngineRequest);
      } catch (error) {
        this.pending.delete(seq);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  async load(options: LoadOptions): Promise<void> {
    await this.request({
      type: 'load',
      model: options.model,
      modelsDir: options.modelsDir ?? null,
      cacheDir: this.options.cacheDir ?? null,
      allowDownload: this.options.allowDownload ?? false,
      ...(options.warmUp === undefined ? {} : { warmUp: options.warmUp }),
    });
    this.loadedModel = options.model;
  }

  get model(): ModelId | null {
    return this.loadedModel;
  }

  transcribe(pcm16k: Float32Array, options: TranscribeOptions = {}): Promise<EngineResult> {
    return this.request({
      type: 'transcribe',
      pcm: pcm16k,
      sampleRate: 16_000,
      ...options,
      verbatim: options.verbatim ?? false,
    });
  }

  async startStream(options: { sampleRate: number } & TranscribeOptions): Promise<string> {
    const streamId = randomUUID();
    await this.request({
      type: 'startStream',
      streamId,
      ...options,
      verbatim: options.verbatim ?? false,
    });
    return streamId;
  }

  append(streamId: string, pcm: Float32Array): void {
    // Fire-and-forget for the caller (called every few ms while recording); a failure is kept and
    // reported by finish.
    this.request({ type: 'append', streamId, pcm }).catch((error: unknown) => {
      if (!this.streamErrors.has(streamId))
        this.streamErrors.set(streamId, error instanceof Error ? error : new Error(String(error)));
    });
  }

  async finish(streamId: string): Promise<EngineResult> {
    try {
      const result = await this.request({ type: 'finish', streamId });
      const appendError = this.streamErrors.get(streamId);
      if (appendError) throw appendError;
      return result;
    } finally {
      this.streamErrors.delete(streamId);
    }
  }

  async cancel(streamId: string): Promise<void> {
    this.streamErrors.delete(streamId);
    await this.request({ type: 'cancel', streamId });
  }

  stats(): Promise<WorkerStats> {
    return this.request({ type: 'stats' });
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.failAll(new EngineError('DISPOSED', 'The engine was disposed.'));
    await this.transport.terminate();
  }
}

/** The worker entry for Node: the built bundle when present, else the TypeScript source through tsx. */
function workerEntry(): URL {
  const built = new URL('../../out/main/engine.js', import.meta.url);
  if (import.meta.url.endsWith('.ts') || !existsSync(fileURLToPath(built)))
    return new URL('./worker-dev.mjs', import.meta.url);
  return built;
}

/**
 * Runs the engine off the calling thread under plain Node (CLI, tests, the loopback dev server): in a
 * child process, like the app's utilityProcess, so a native crash cannot take the caller down,
 * terminating it is clean, and its memory can be measured on its own.
 */
export function createNodeEngine(options: ClientOptions = {}): ProtocolClient {
  return new ProtocolClient(childProcessTransport(workerEntry()), options);
}

function childProcessTransport(entry: URL): EngineTransport {
  // 'advanced' serialization is structured clone, so Float32Array audio arrives as Float32Array.
  const child = fork(fileURLToPath(entry), [], {
    execArgv: [], // not the caller's (a test runner's or tsx's loader flags)
    serialization: 'advanced',
    env: workerEnv(),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let exiting = false;
  return {
    send: (request) => child.send(request),
    onMessage: (handler) => child.on('message', (message) => handler(message as WorkerMessage)),
    onExit: (handler) => {
      child.on('error', (error) => handler(error.message));
      child.on('exit', (code, signal) => {
        if (!exiting) handler(`engine process exited (${signal ?? `code ${code}`})`);
      });
    },
    terminate: async () => {
      exiting = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill();
      await exited;
    },
  };
}
