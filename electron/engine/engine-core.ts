/**
 * The worker side of the engine, independent of the transport: handles protocol requests with one
 * Whisper instance (loaded once, warm afterwards) and posts responses and events.
 */
import type { ModelId } from '../../shared/ipc/contract.ts';
import { WHISPER_SAMPLE_RATE } from './audio/resample.ts';
import { isModelId } from '../../shared/ipc/contract.ts';
import { resolveModel } from './models.ts';
import {
  EngineError,
  type EngineEvent,
  type EngineRequest,
  type EngineResponseValue,
  type EngineResult,
  type SerializedError,
  type TranscribeOptions,
  type WorkerMessage,
} from './protocol.ts';
import { checkSpeechHints } from '../../shared/vocabulary/hints.ts';
import type { SpeechHints } from '../../shared/vocabulary/types.ts';
import { SerialQueue, Transcription } from './transcription.ts';
import { WhisperRecognizer } from './whisper.ts';
import { transcriptText } from './words.ts';

interface Stream {
  transcription: Transcription;
  startedAt: number;
  verbatim: boolean;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof EngineError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

export class EngineCore {
  private recognizer: WhisperRecognizer | null = null;
  private loading: Promise<unknown> | null = null;
  private readonly queue = new SerialQueue();
  private readonly streams = new Map<string, Stream>();
  private peakRss = 0;

  constructor(private readonly post: (message: WorkerMessage) => void) {}

  private emit(event: EngineEvent): void {
    this.post({ kind: 'event', event });
  }

  async handle(request: EngineRequest): Promise<void> {
    try {
      const value = await this.dispatch(request);
      this.post({ kind: 'response', seq: request.seq, ok: true, value });
    } catch (error) {
      this.post({ kind: 'response', seq: request.seq, ok: false, error: serializeError(error) });
    } finally {
      this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
    }
  }

  private async dispatch(
    request: EngineRequest,
  ): Promise<EngineResponseValue[EngineRequest['type']]> {
    switch (request.type) {
      case 'load':
        return this.load(
          request.model,
          request.modelsDir ?? null,
          request.cacheDir ?? null,
          request.allowDownload ?? true,
          request.warmUp ?? true,
        );
      case 'transcribe': {
        const recognizer = this.requireModel();
        const startedAt = performance.now();
        const transcription = new Transcription(recognizer, this.queue, {
          sampleRate: request.sampleRate,
          verbatim: request.verbatim ?? false,
          acousticFillers: request.acousticFillers ?? true,
          ...hintsOf(request),
        });
        checkPcm(request.pcm);
        transcription.append(request.pcm);
        const outcome = await transcription.finish();
        return this.result(recognizer.model, outcome, startedAt, request.verbatim ?? false, false);
      }
      case 'startStream': {
        const recognizer = this.requireModel();
        if (this.streams.has(request.streamId))
          throw new EngineError('BAD_REQUEST', `Stream ${request.streamId} already exists.`);
        const verbatim = request.verbatim ?? false;
        const transcription = new Transcription(recognizer, this.queue, {
          sampleRate: request.sampleRate,
          verbatim,
          acousticFillers: request.acousticFillers ?? true,
          ...hintsOf(request),
          onProgress: (settledSec, words) =>
            this.emit({ type: 'stream', streamId: request.streamId, settledSec, words }),
        });
        this.streams.set(request.streamId, {
          transcription,
          startedAt: performance.now(),
          verbatim,
        });
        return { streamId: request.streamId };
      }
      case 'append': {
        checkPcm(request.pcm);
        this.stream(request.streamId).transcription.append(request.pcm);
        return null;
      }
      case 'finish': {
        const stream = this.stream(request.streamId);
        try {
          const outcome = await stream.transcription.finish();
          return this.result(
            this.requireModel().model,
            outcome,
            stream.startedAt,
            stream.verbatim,
            true,
          );
        } finally {
          this.streams.delete(request.streamId);
        }
      }
      case 'cancel': {
        const stream = this.streams.get(request.streamId);
        stream?.transcription.cancel();
        this.streams.delete(request.streamId);
        return null;
      }
      case 'stats': {
        const rss = process.memoryUsage.rss();
        // maxRSS is the operating system's own high-water mark (kB), so short peaks are not missed.
        this.peakRss = Math.max(this.peakRss, rss, process.resourceUsage().maxRSS * 1024);
        return { rssBytes: rss, peakRssBytes: this.peakRss, model: this.recognizer?.model ?? null };
      }
      default: {
        const unknown: { type?: unknown } = request;
        throw new EngineError(
          'BAD_REQUEST',
          `Unknown engine request type ${JSON.stringify(unknown.type)}.`,
        );
      }
    }
  }

  private async load(
    model: ModelId,
    modelsDir: string | null,
    cacheDir: string | null,
    allowDownload: boolean,
    warmUp: boolean,
  ): Promise<EngineResponseValue['load']> {
    if (!isModelId(model))
      throw new EngineError(
        'BAD_REQUEST',
        `Unknown model ${JSON.stringify(model)}; use whisper-base or whisper-tiny.`,
      );
    if (this.loading) await this.loading.catch(() => undefined);
    const startedAt = performance.now();
    const run = (async () => {
      let downloading = false;
      const modelsRoot = await resolveModel(
        model,
        { modelsDir, cacheDir },
        {
          allowDownload,
          onProgress: (p) => {
            if (!downloading) {
              downloading = true;
              this.emit({ type: 'status', state: 'downloading', model });
            }
            this.emit({
              type: 'download',
              model,
              file: p.file,
              loadedBytes: p.loadedBytes,
              totalBytes: p.totalBytes,
              percent:
                p.totalBytes > 0 ? Math.round((1000 * p.loadedBytes) / p.totalBytes) / 10 : 0,
            });
          },
        },
      );
      if (this.recognizer?.model === model && this.loadedFrom === modelsRoot) return modelsRoot;
      this.emit({ type: 'status', state: 'loading', model });
      try {
        this.recognizer = await WhisperRecognizer.load(model, modelsRoot, { warmUp });
        this.loadedFrom = modelsRoot;
      } catch (error) {
        throw new EngineError(
          'MODEL_LOAD_FAILED',
          `Could not load ${model} from ${modelsRoot}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return modelsRoot;
    })();
    this.loading = run;
    try {
      const modelsRoot = await run;
      this.emit({ type: 'status', state: 'ready', model });
      return { model, modelsRoot, loadMs: performance.now() - startedAt };
    } catch (error) {
      this.emit({ type: 'status', state: 'error', model, error: serializeError(error) });
      throw error;
    } finally {
      this.loading = null;
    }
  }

  private loadedFrom: string | null = null;

  private requireModel(): WhisperRecognizer {
    if (!this.recognizer)
      throw new EngineError('NOT_LOADED', 'No model is loaded; send "load" first.');
    return this.recognizer;
  }

  private stream(streamId: string): Stream {
    const stream = this.streams.get(streamId);
    if (!stream)
      throw new EngineError(
        'UNKNOWN_STREAM',
        `No open stream ${streamId} (finished, cancelled, or never started).`,
      );
    return stream;
  }

  private result(
    model: ModelId,
    outcome: Awaited<ReturnType<Transcription['finish']>>,
    startedAt: number,
    verbatim: boolean,
    incremental: boolean,
  ): EngineResult {
    return {
      transcript: {
        text: transcriptText(outcome.words),
        words: outcome.words,
        durationSec: outcome.durationSec,
        ...(outcome.unclear.length > 0 ? { unclear: outcome.unclear } : {}),
      },
      model,
      durationSec: outcome.durationSec,
      verbatim,
      timings: {
        loadMs: 0,
        transcribeMs: performance.now() - startedAt,
        ...(incremental
          ? {
              afterFinishMs: outcome.afterFinishMs,
              encoderRunsAfterFinish: outcome.encoderRunsAfterFinish,
            }
          : {}),
        windows: outcome.windows,
        encoderRuns: outcome.encoderRuns,
      },
    };
  }
}

/** The request's speech hints, checked (they come from another process). */
function hintsOf(request: TranscribeOptions): { hints?: SpeechHints } {
  if (request.hints === undefined) return {};
  try {
    return { hints: checkSpeechHints(request.hints) };
  } catch (error) {
    throw new EngineError('BAD_REQUEST', (error as Error).message);
  }
}

function checkPcm(pcm: unknown): asserts pcm is Float32Array {
  if (!(pcm instanceof Float32Array))
    throw new EngineError('BAD_AUDIO', 'Audio must be a Float32Array of samples in [-1, 1].');
}

export { WHISPER_SAMPLE_RATE };
