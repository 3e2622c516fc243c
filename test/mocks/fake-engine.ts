/**
 * A scripted stand-in for the Whisper engine: records what it was sent and "transcribes" by
 * reporting how many samples arrived, so tests can check that every recorded sample reached it.
 */
import type { ModelId } from '../../shared/ipc/contract.ts';
import type { UnclearSpan } from '../../shared/transcript/types.ts';
import type { SpeechHints } from '../../shared/vocabulary/types.ts';
import type {
  AttemptEngine,
  EngineEvent,
  EngineTranscription,
} from '../../electron/main/services/engine-port.ts';

export interface FakeStream {
  id: string;
  sampleRate: number;
  verbatim: boolean;
  hints?: SpeechHints;
  samples: number;
  chunks: number;
  finished: boolean;
  cancelled: boolean;
}

export class FakeEngine implements AttemptEngine {
  readonly streams: FakeStream[] = [];
  readonly loads: { model: ModelId; modelsDir: string | null }[] = [];
  /** Set to make the next calls fail. */
  failStart: Error | null = null;
  failAppend: Error | null = null;
  failFinish: Error | null = null;
  failLoad: Error | null = null;
  /** Fails only the next finish (an engine that crashed and was restarted). */
  failFinishOnce: Error | null = null;
  /** Words the fake transcript contains. */
  words = ['So', 'the', 'pipeline', 'broke', 'and', 'I', 'fixed', 'it.'];
  /**
   * Where the fake transcript reports audio too unclear to transcribe (seconds, in time order, not
   * overlapping); the words are spread over the rest, as the recogniser writes none there.
   */
  unclear: UnclearSpan[] = [];
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private startGate: Promise<void> = Promise.resolve();
  private releaseStart: (() => void) | null = null;

  /** Holds `startStream` until `releaseStreams()` (the engine is still loading). */
  holdStreams(): void {
    this.startGate = new Promise((resolve) => (this.releaseStart = resolve));
  }

  releaseStreams(): void {
    this.releaseStart?.();
  }

  async load(options: { model: ModelId; modelsDir: string | null }): Promise<void> {
    this.loads.push(options);
    if (this.failLoad) throw this.failLoad;
  }

  async startStream(options: {
    sampleRate: number;
    verbatim: boolean;
    hints?: SpeechHints;
  }): Promise<string> {
    await this.startGate;
    if (this.failStart) throw this.failStart;
    const stream: FakeStream = {
      id: `stream-${this.streams.length + 1}`,
      ...options,
      samples: 0,
      chunks: 0,
      finished: false,
      cancelled: false,
    };
    this.streams.push(stream);
    return stream.id;
  }

  append(streamId: string, pcm: Float32Array): void {
    if (this.failAppend) throw this.failAppend;
    const stream = this.stream(streamId);
    stream.samples += pcm.length;
    stream.chunks += 1;
  }

  async finish(streamId: string): Promise<EngineTranscription> {
    const stream = this.stream(streamId);
    stream.finished = true;
    if (this.failFinish) throw this.failFinish;
    const once = this.failFinishOnce;
    this.failFinishOnce = null;
    if (once) throw once;
    const durationSec = stream.samples / stream.sampleRate;
    // Like the real engine: progress of the tail as it is transcribed.
    for (const settledSec of [durationSec / 2, durationSec])
      this.emit({ type: 'stream', streamId, settledSec, words: 0 });
    const unclear = this.unclear.filter((span) => span.start < durationSec);
    const unclearSec = unclear.reduce(
      (total, span) => total + Math.min(durationSec, span.end) - span.start,
      0,
    );
    const step = (durationSec - unclearSec) / this.words.length;
    // Seconds of clear audio → seconds of the recording, skipping the unclear spans (a word starting
    // where one starts goes after it; one ending there, before it).
    const at = (clearSec: number, starts: boolean): number => {
      let time = clearSec;
      for (const span of unclear)
        if (starts ? span.start <= time : span.start < time) time += span.end - span.start;
      return time;
    };
    return {
      model: 'whisper-tiny',
      durationSec,
      transcript: {
        text: this.words.join(' '),
        words: this.words.map((text, i) => {
          const start = at(i * step, true);
          // A word never runs into unclear audio.
          const next = unclear.find((span) => span.start > start);
          return { text, start, end: Math.min(at((i + 1) * step, false), next?.start ?? Infinity) };
        }),
        ...(unclear.length > 0 ? { unclear } : {}),
      },
    };
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  cancel(streamId: string): void {
    this.stream(streamId).cancelled = true;
  }

  private stream(id: string): FakeStream {
    const stream = this.streams.find((s) => s.id === id);
    if (!stream) throw new Error(`Unknown stream ${id}`);
    return stream;
  }
}
