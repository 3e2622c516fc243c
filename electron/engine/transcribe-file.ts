/**
 * Transcribe a WAV file end to end: decode, resample, run the engine in a worker, return timed words.
 * Used by `rehearse transcribe` and `rehearse analyze <file.wav>`.
 */
import { readFile } from 'node:fs/promises';
import type { ModelId } from '../../shared/ipc/contract.ts';
import { AudioFormatError, decodeWav, type DecodedAudio } from './audio/wav.ts';
import { resample } from './audio/resample.ts';
import { createNodeEngine, type EngineClient } from './client.ts';
import { DEFAULT_MODEL, DEFAULT_VERBATIM } from './models.ts';
import type { EngineResult } from './protocol.ts';

export { AudioFormatError, decodeWav, type DecodedAudio };

export interface TranscribeFileOptions {
  model?: ModelId;
  /** Keep fillers (default DEFAULT_VERBATIM = true). */
  verbatim?: boolean;
  modelsDir?: string;
  /** Reuse an engine that is already running (its model is loaded if needed). */
  engine?: EngineClient;
}

export async function readWavFile(path: string): Promise<DecodedAudio> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AudioFormatError('FILE_NOT_FOUND', `No such file: ${path}`);
    if (code === 'EISDIR')
      throw new AudioFormatError('FILE_NOT_FOUND', `${path} is a folder, not an audio file.`);
    throw error;
  }
  try {
    return decodeWav(bytes);
  } catch (error) {
    if (error instanceof AudioFormatError)
      throw new AudioFormatError(error.code, `${path}: ${error.message}`);
    throw error;
  }
}

/** Transcribes a WAV file with local Whisper. Times in the result are seconds from the file's start. */
export async function transcribeFile(
  path: string,
  options: TranscribeFileOptions = {},
): Promise<EngineResult> {
  const audio = await readWavFile(path);
  const pcm = resample(audio.samples, audio.sampleRate);
  const engine = options.engine ?? createNodeEngine();
  try {
    const loadStarted = performance.now();
    await engine.load({
      model: options.model ?? DEFAULT_MODEL,
      modelsDir: options.modelsDir ?? null,
      warmUp: false,
    });
    const loadMs = performance.now() - loadStarted;
    const result = await engine.transcribe(pcm, { verbatim: options.verbatim ?? DEFAULT_VERBATIM });
    return { ...result, timings: { ...result.timings, loadMs } };
  } finally {
    if (!options.engine) await engine.dispose();
  }
}
