/**
 * Crash recovery for recordings written by `WavWriter`.
 *
 * If the app died mid-answer, the samples are on disk but the header's size fields are stale
 * (they are only patched every second and on close). `repairWav` rebuilds the header from the
 * file's length and the sample rate recorded when the attempt started, dropping a trailing half
 * sample if the process died in the middle of a write.
 */
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import { AudioFormatError, decodeWav } from '../../engine/audio/wav.ts';
import { BYTES_PER_SAMPLE, WAV_HEADER_BYTES, wavHeader } from './wav-writer.ts';

export interface RepairedWav {
  dataBytes: number;
  durationSec: number;
  /** True when the header or length had to be fixed. */
  repaired: boolean;
}

/** Rewrites the header of a 16-bit mono recording so it describes exactly the samples on disk. */
export function repairWav(path: string, sampleRate: number): RepairedWav {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    let repaired = false;
    let fileBytes = size;
    if (fileBytes < WAV_HEADER_BYTES) {
      // Died before the header was complete: no audio can have been written after it.
      fileBytes = WAV_HEADER_BYTES;
      repaired = true;
    }
    const dataBytes =
      fileBytes - WAV_HEADER_BYTES - ((fileBytes - WAV_HEADER_BYTES) % BYTES_PER_SAMPLE);
    if (dataBytes + WAV_HEADER_BYTES !== size) {
      ftruncateSync(fd, dataBytes + WAV_HEADER_BYTES);
      repaired = true;
    }
    const expected = Buffer.from(wavHeader(sampleRate, dataBytes));
    const current = Buffer.alloc(WAV_HEADER_BYTES);
    const read = readSync(fd, current, 0, WAV_HEADER_BYTES, 0);
    if (read < WAV_HEADER_BYTES || !current.equals(expected)) {
      writeSync(fd, expected, 0, WAV_HEADER_BYTES, 0);
      repaired = true;
    }
    return { dataBytes, durationSec: dataBytes / BYTES_PER_SAMPLE / sampleRate, repaired };
  } finally {
    closeSync(fd);
  }
}

export interface RecordedAudio {
  sampleRate: number;
  /** Mono samples in [-1, 1]. */
  samples: Float32Array;
}

/**
 * Reads a recording back as floats with the shared codec (reading only as much as the header
 * declares, as a stale header after a crash says). A recording with no samples reads as empty.
 */
export function readRecording(path: string): RecordedAudio {
  const bytes = readFileSync(path);
  if (
    bytes.length < WAV_HEADER_BYTES ||
    bytes.toString('ascii', 0, 4) !== 'RIFF' ||
    bytes.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    throw new Error(`${path} is not a WAV file.`);
  }
  const format = bytes.readUInt16LE(20);
  const channels = bytes.readUInt16LE(22);
  const bits = bytes.readUInt16LE(34);
  // Only our own recordings live in the data folder.
  if (format !== 1 || channels !== 1 || bits !== 16) {
    throw new Error(
      `${path} is not a Rehearse recording (expected 16-bit PCM mono, found format ${format}, ${channels} channel(s), ${bits} bits).`,
    );
  }
  try {
    const { sampleRate, samples } = decodeWav(bytes);
    return { sampleRate, samples };
  } catch (error) {
    if (error instanceof AudioFormatError && error.code === 'NO_AUDIO')
      return { sampleRate: bytes.readUInt32LE(24), samples: new Float32Array(0) };
    throw error;
  }
}
