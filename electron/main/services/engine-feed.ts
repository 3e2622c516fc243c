/**
 * Feeds a live recording to the engine's incremental path. Recording never waits for the engine:
 * samples that arrive before the stream has started are queued, and if the engine cannot start or
 * rejects a chunk the feed is marked broken (the recording goes on; the transcript is then made
 * from the file on disk when the answer ends).
 */
import type { SpeechHints } from '../../../shared/vocabulary/types.ts';
import type { AttemptEngine, EngineTranscription } from './engine-port.ts';

/** Samples queued while the stream starts; beyond this the feed gives up and the file is used. */
const MAX_QUEUED_SAMPLES = 48_000 * 60 * 10;

export interface EngineFeedOptions {
  /** What the answer is likely to say, for the recogniser's prompt. */
  hints?: SpeechHints | undefined;
  /** Samples queued while the stream starts before the feed gives up (default 10 min at 48 kHz). */
  maxQueuedSamples?: number;
}

export class EngineFeed {
  private readonly maxQueuedSamples: number;
  private id: string | null = null;
  private queue: Float32Array[] | null = [];
  private queuedSamples = 0;
  private broken: Error | null = null;
  private readonly started: Promise<void>;

  constructor(
    private readonly engine: AttemptEngine,
    sampleRate: number,
    { hints, maxQueuedSamples = MAX_QUEUED_SAMPLES }: EngineFeedOptions = {},
  ) {
    this.maxQueuedSamples = maxQueuedSamples;
    this.started = engine
      .startStream({ sampleRate, verbatim: true, ...(hints ? { hints } : {}) })
      .then(
        (id) => {
          this.id = id;
          const queued = this.queue ?? [];
          this.queue = null;
          if (this.broken) {
            this.cancel();
            return;
          }
          for (const chunk of queued) this.send(chunk);
        },
        (error: unknown) => {
          this.queue = null;
          this.broken ??= asError(error);
        },
      );
  }

  /** The engine's stream id, once started. */
  get streamId(): string | null {
    return this.id;
  }

  /** Why the live transcription stopped, if it did. */
  get failure(): Error | null {
    return this.broken;
  }

  push(pcm: Float32Array): void {
    if (this.broken) return;
    if (this.id !== null) {
      this.send(pcm);
      return;
    }
    this.queuedSamples += pcm.length;
    if (this.queuedSamples > this.maxQueuedSamples) {
      this.broken = new Error('The engine did not start listening in time.');
      this.queue = null;
      return;
    }
    this.queue?.push(pcm);
  }

  /** Waits for the stream to start. Resolves whether or not it succeeded; see `failure`. */
  async settled(): Promise<void> {
    await this.started;
  }

  /** Ends the stream and returns the transcript. Throws if the feed broke or the engine fails. */
  async finish(): Promise<EngineTranscription> {
    await this.started;
    if (this.broken || this.id === null)
      throw this.broken ?? new Error('The engine stream never started.');
    return this.engine.finish(this.id);
  }

  cancel(): void {
    this.broken ??= new Error('Cancelled.');
    if (this.id === null) return;
    cancelQuietly(this.engine, this.id);
  }

  private send(pcm: Float32Array): void {
    try {
      this.engine.append(this.id!, pcm);
    } catch (error) {
      this.broken = asError(error);
      this.cancel();
    }
  }
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Cancels a stream, ignoring "already gone" failures (sync or async). */
export function cancelQuietly(engine: AttemptEngine, streamId: string): void {
  try {
    void Promise.resolve(engine.cancel(streamId)).catch(() => undefined);
  } catch {
    // Already gone: nothing to cancel.
  }
}
