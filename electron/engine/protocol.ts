/**
 * The engine's wire protocol: what the host (Electron main process, CLI, tests) sends to the worker
 * and what comes back. Requests carry a sequence number `seq`; each gets exactly one response with the
 * same `seq` (a result or a serialized error). Events are pushed at any time and carry no `seq`.
 * Audio travels as Float32Array (structured clone).
 */
import type { ModelId } from '../../shared/ipc/contract.ts';
import type { Transcript } from '../../shared/transcript/types.ts';
import type { SpeechHints } from '../../shared/vocabulary/types.ts';

export type { ModelId };

export interface EngineTimings {
  /** Time to load (and warm up) the model; 0 when it was already loaded. */
  loadMs: number;
  /** Wall time from the first audio to the result (batch: the whole transcription). */
  transcribeMs: number;
  /** Incremental only: wall time from `finish` to the result. */
  afterFinishMs?: number;
  /** Number of Whisper windows decoded. */
  windows: number;
  /** Number of encoder runs (each a full 30 s Whisper input); re-decodes that reuse one do not count. */
  encoderRuns: number;
  /** Incremental only: encoder runs after `finish` (the tail left when the user stopped). */
  encoderRunsAfterFinish?: number;
}

export interface EngineResult {
  /** Words are timed (seconds from the start of the audio), monotonic and non-overlapping. */
  transcript: Transcript;
  model: ModelId;
  durationSec: number;
  verbatim: boolean;
  timings: EngineTimings;
}

/** How verbatim a transcript should be. */
export interface TranscribeOptions {
  /** Keep fillers: the decoder is primed with a short filler prompt. Default false (the client decides). */
  verbatim?: boolean;
  /** In verbatim mode, also insert filled pauses found acoustically. Default true. */
  acousticFillers?: boolean;
  /** What the answer is likely to say (question, story draft, role terms), to bias decoding. */
  hints?: SpeechHints;
}

export type EngineRequest =
  | {
      seq: number;
      type: 'load';
      model: ModelId;
      modelsDir?: string | null;
      cacheDir?: string | null;
      allowDownload?: boolean;
      /** Run one short inference at load so the first window is not slower (default true). */
      warmUp?: boolean;
    }
  | ({ seq: number; type: 'transcribe'; pcm: Float32Array; sampleRate: number } & TranscribeOptions)
  | ({ seq: number; type: 'startStream'; streamId: string; sampleRate: number } & TranscribeOptions)
  | { seq: number; type: 'append'; streamId: string; pcm: Float32Array }
  | { seq: number; type: 'finish'; streamId: string }
  | { seq: number; type: 'cancel'; streamId: string }
  | { seq: number; type: 'stats' };

export type EngineRequestType = EngineRequest['type'];

/** The value each request type resolves with. */
export interface EngineResponseValue {
  load: { model: ModelId; modelsRoot: string; loadMs: number };
  transcribe: EngineResult;
  startStream: { streamId: string };
  append: null;
  finish: EngineResult;
  cancel: null;
  stats: WorkerStats;
}

export interface WorkerStats {
  rssBytes: number;
  peakRssBytes: number;
  model: ModelId | null;
}

/** Error codes that cross the boundary; the message says what happened and what to do. */
export type EngineErrorCode =
  | 'MODEL_NOT_FOUND'
  | 'MODEL_DOWNLOAD_FAILED'
  | 'MODEL_CHECKSUM_MISMATCH'
  | 'MODEL_LOAD_FAILED'
  | 'NOT_LOADED'
  | 'BAD_REQUEST'
  | 'BAD_AUDIO'
  | 'UNKNOWN_STREAM'
  | 'CANCELLED'
  | 'WORKER_CRASHED'
  | 'DISPOSED'
  | 'INTERNAL';

export interface SerializedError {
  code: EngineErrorCode;
  message: string;
}

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
  toJSON(): SerializedError {
    return { code: this.code, message: this.message };
  }
  static from(serialized: SerializedError): EngineError {
    return new EngineError(serialized.code, serialized.message);
  }
}

export type EngineResponse =
  | { seq: number; ok: true; value: EngineResponseValue[EngineRequestType] }
  | { seq: number; ok: false; error: SerializedError };

export type EngineStatusState = 'idle' | 'downloading' | 'loading' | 'ready' | 'error';

export type EngineEvent =
  | { type: 'status'; state: EngineStatusState; model: ModelId | null; error?: SerializedError }
  | {
      type: 'download';
      model: ModelId;
      file: string;
      loadedBytes: number;
      totalBytes: number;
      percent: number;
    }
  | { type: 'stream'; streamId: string; settledSec: number; words: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

export type WorkerMessage =
  ({ kind: 'response' } & EngineResponse) | { kind: 'event'; event: EngineEvent };

export function isEngineRequest(value: unknown): value is EngineRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { seq?: unknown; type?: unknown };
  return typeof v.seq === 'number' && typeof v.type === 'string';
}
