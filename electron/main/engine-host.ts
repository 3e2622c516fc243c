/**
 * Hosts the transcription engine in an Electron utilityProcess (never on the main thread) and exposes
 * it as an `EngineClient`. If the process crashes, requests in flight fail with WORKER_CRASHED, an
 * error status event is emitted, and the next request starts a fresh process (re-loading the last
 * model), so one bad recording cannot take transcription down for the rest of the session.
 */
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { utilityProcess, type UtilityProcess } from 'electron';
import {
  ProtocolClient,
  type EngineClient,
  type EngineTransport,
  type LoadOptions,
} from '../engine/client.ts';
import {
  EngineError,
  type EngineEvent,
  type EngineResult,
  type TranscribeOptions,
  type WorkerMessage,
  type WorkerStats,
} from '../engine/protocol.ts';
import { workerEnv } from '../engine/worker-env.ts';

export interface UtilityEngineOptions {
  /** The built worker; defaults to engine.js next to the main bundle. */
  workerPath?: string;
  /** Writable folder for downloaded models (app.getPath('userData')/models). */
  cacheDir: string;
  /** Folder of models shipped with the app, if any (process.resourcesPath/models). */
  bundledDir?: string | null;
  /** Restarts allowed within one minute before giving up (a crash loop). */
  maxRestartsPerMinute?: number;
  /** Where the engine's log events and its process's stdout (info) and stderr (warn) go. */
  log?: EngineLog;
}

export type EngineLog = (level: 'info' | 'warn' | 'error', message: string) => void;

/**
 * Reads the process's stdout and stderr line by line into `log`. They are pipes: left unread, a
 * chatty native library would fill them and stall the engine.
 */
function forwardOutput(child: UtilityProcess, log: EngineLog | undefined): void {
  for (const [stream, level] of [
    [child.stdout, 'info'],
    [child.stderr, 'warn'],
  ] as const) {
    if (!stream) continue;
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (line.trim() !== '') log?.(level, line);
    });
  }
}

function forkTransport(
  workerPath: string,
  bundledDir: string | null | undefined,
  log?: EngineLog,
): { transport: EngineTransport; child: UtilityProcess } {
  const child = utilityProcess.fork(workerPath, [], {
    serviceName: 'Rehearse transcription engine',
    stdio: 'pipe',
    env: workerEnv(process.env, bundledDir ? { REHEARSE_BUNDLED_MODELS_DIR: bundledDir } : {}),
  });
  // Normal priority: lowered (nice 10), a busy machine left it a tenth of a core and the transcript
  // came 77 s after Stop (bench --busy); capture kept every sample either way (recording-under-load
  // e2e: lostSec 0, no gaps, -0.15 % speech, at nice 10 and at normal priority alike).
  let exiting = false;
  const transport: EngineTransport = {
    send: (request) => child.postMessage(request),
    onMessage: (handler) => child.on('message', (message: WorkerMessage) => handler(message)),
    onExit: (handler) => {
      child.on('exit', (code) => {
        if (!exiting) handler(`engine process exited with code ${code}`);
      });
    },
    terminate: async () => {
      exiting = true;
      child.kill();
    },
  };
  forwardOutput(child, log);
  return { transport, child };
}

/** The folder of the built main bundle (CJS has __dirname; ESM derives it from import.meta.url). */
function mainBundleDir(): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

class UtilityEngine implements EngineClient {
  private client: ProtocolClient | null = null;
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private lastLoad: LoadOptions | null = null;
  private crashes: number[] = [];
  private disposed = false;

  constructor(private readonly options: UtilityEngineOptions) {}

  private emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** The running client, starting (or restarting) the process when needed. */
  private async running(): Promise<ProtocolClient> {
    if (this.disposed) throw new EngineError('DISPOSED', 'The engine was disposed.');
    if (this.client) return this.client;
    const recent = this.crashes.filter((t) => Date.now() - t < 60_000);
    if (recent.length > (this.options.maxRestartsPerMinute ?? 3)) {
      throw new EngineError(
        'WORKER_CRASHED',
        'The transcription engine keeps crashing; restart Rehearse. If it persists, try the whisper-tiny model.',
      );
    }
    const { transport } = forkTransport(
      this.options.workerPath ?? join(mainBundleDir(), 'engine.js'),
      this.options.bundledDir,
      this.options.log,
    );
    const client = new ProtocolClient(transport, {
      cacheDir: this.options.cacheDir,
      allowDownload: true,
    });
    client.onEvent((event) => {
      if (event.type === 'log') this.options.log?.(event.level, event.message);
      this.emit(event);
    });
    transport.onExit((reason) => {
      if (this.client !== client) return;
      this.client = null;
      this.crashes.push(Date.now());
      this.options.log?.('error', `The engine process stopped (${reason}).`);
      this.emit({
        type: 'status',
        state: 'error',
        model: this.lastLoad?.model ?? null,
        error: {
          code: 'WORKER_CRASHED',
          message: `The transcription engine stopped (${reason}); it will restart on the next request.`,
        },
      });
    });
    this.client = client;
    if (this.lastLoad) await client.load(this.lastLoad);
    return client;
  }

  async load(options: LoadOptions): Promise<void> {
    this.lastLoad = options;
    const client = await this.running();
    await client.load(options);
  }

  async transcribe(pcm16k: Float32Array, options?: TranscribeOptions): Promise<EngineResult> {
    return (await this.running()).transcribe(pcm16k, options);
  }

  async startStream(options: { sampleRate: number } & TranscribeOptions): Promise<string> {
    return (await this.running()).startStream(options);
  }

  append(streamId: string, pcm: Float32Array): void {
    // A stream lives in one process; after a crash its finish reports UNKNOWN_STREAM / WORKER_CRASHED.
    if (this.client) this.client.append(streamId, pcm);
  }

  async finish(streamId: string): Promise<EngineResult> {
    if (!this.client)
      throw new EngineError(
        'WORKER_CRASHED',
        'The transcription engine restarted during this recording; analyse it again from the saved audio.',
      );
    return this.client.finish(streamId);
  }

  async cancel(streamId: string): Promise<void> {
    if (this.client) await this.client.cancel(streamId);
  }

  async stats(): Promise<WorkerStats> {
    return (await this.running()).stats();
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const client = this.client;
    this.client = null;
    await client?.dispose();
  }
}

/** The engine for the Electron app: Whisper in a utilityProcess, restarted if it crashes. */
export function createUtilityEngine(options: UtilityEngineOptions): EngineClient {
  return new UtilityEngine(options);
}
