/**
 * What the main-side services need from the Whisper engine. `EngineClient` (electron/engine/client.ts)
 * satisfies it structurally, both the utilityProcess host in the app and the plain-Node engine in
 * the loopback server; tests use a fake.
 */
import type { ModelId, QuestionRef } from '../../../shared/ipc/contract.ts';
import type { Transcript } from '../../../shared/transcript/types.ts';
import type { EngineEvent } from '../../engine/protocol.ts';
import type { SpeechHints } from '../../../shared/vocabulary/types.ts';

export type { EngineEvent };

export interface EngineTranscription {
  transcript: Transcript;
  /** The model that produced the transcript. */
  model: string;
  durationSec: number;
}

/** The speech hints of an attempt (its question and story), for the engine's decoder prompt. */
export type HintsFor = (attempt: { question: QuestionRef; storyId?: string | null }) => SpeechHints;

export interface AttemptEngine {
  /** `modelsDir: null` = the engine's own search (REHEARSE_MODELS_DIR, bundled models, cache). */
  load(options: { model: ModelId; modelsDir: string | null }): Promise<unknown>;
  startStream(options: {
    sampleRate: number;
    verbatim: boolean;
    hints?: SpeechHints;
  }): Promise<string>;
  /** Fire-and-forget; a failure may surface from `finish`. */
  append(streamId: string, pcm: Float32Array): void;
  finish(streamId: string): Promise<EngineTranscription>;
  cancel(streamId: string): void | Promise<void>;
  /** Status, download progress and log events. */
  onEvent?(listener: (event: EngineEvent) => void): () => void;
}
