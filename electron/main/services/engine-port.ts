/**
 * What the main-side services need from the Whisper engine. `EngineClient` (electron/engine/client.ts)
 * satisfies it structurally, both the utilityProcess host in the app and the plain-Node engine in
 * the loopback server; tests use a fake.
 */
import type { ModelId } from '../../../shared/ipc/contract.ts';
import type { Transcript } from '../../../shared/transcript/types.ts';

export interface EngineTranscription {
  transcript: Transcript;
  /** The model that produced the transcript. */
  model: string;
  durationSec: number;
}

export interface AttemptEngine {
  load(options: { model: ModelId; modelsDir: string }): Promise<unknown>;
  startStream(options: { sampleRate: number; verbatim: boolean }): Promise<string>;
  append(streamId: string, pcm: Float32Array): void;
  finish(streamId: string): Promise<EngineTranscription>;
  cancel(streamId: string): void;
}
