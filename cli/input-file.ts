/**
 * Bounds on the files the CLI reads, checked before anything is decoded: a regular file (a FIFO
 * would hang the read, /dev/zero would grow without limit, a folder is a mistake), a size cap, and
 * for WAV audio the duration and the memory that decoding and resampling to Whisper's 16 kHz take,
 * both read from the header. Each refusal is a CliError: one line, exit code 2.
 */
import { open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { MAX_RECORDING_SEC } from '../shared/ipc/contract.ts';
import { WHISPER_SAMPLE_RATE } from '../electron/engine/audio/resample.ts';
import { CliError } from './errors.ts';

/** The largest audio file read: about an hour of CD-quality stereo (decoding holds it in memory). */
export const MAX_AUDIO_FILE_BYTES = 1024 ** 3;
/** The longest recording transcribed: twice the app's longest answer, a bound on memory and time. */
export const MAX_AUDIO_SEC = 2 * MAX_RECORDING_SEC;
/**
 * Decoded mono float samples at the file's rate plus the 16 kHz copy Whisper reads, per byte of
 * audio data. 16-bit 16 kHz is 4x, 8-bit 8 kHz 12x; 8-bit 1000 Hz (16x upsampled) is 68x.
 */
export const MAX_AUDIO_EXPANSION = 32;
/** The largest transcript read (a 30-minute answer, timed, is well under 1 MB). */
export const MAX_TRANSCRIPT_BYTES = 10 * 1024 ** 2;

const FLOAT_BYTES = 4;

/** Throws unless `path` is a non-empty regular file of at most `maxBytes`; returns its size. */
export async function checkRegularFile(path: string, maxBytes: number): Promise<number> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR')
      throw new CliError(`File not found: ${path}`);
    throw new CliError(`Cannot read ${path}: ${error.message}`);
  });
  if (info.isDirectory()) throw new CliError(`${path} is a folder, not a file.`);
  if (!info.isFile()) {
    const kind = info.isFIFO()
      ? 'a pipe'
      : info.isCharacterDevice() || info.isBlockDevice()
        ? 'a device'
        : info.isSocket()
          ? 'a socket'
          : 'not a regular file';
    throw new CliError(`${path} is ${kind}; give a regular file.`);
  }
  if (info.size === 0) throw new CliError(`The file is empty: ${path}`);
  if (info.size > maxBytes)
    throw new CliError(
      `${path} is ${megabytes(info.size)}; the largest file rehearse reads is ${megabytes(maxBytes)}.`,
    );
  return info.size;
}

/** What a WAV header declares: enough to bound the decode before doing it. */
export interface WavHeaderInfo {
  sampleRate: number;
  channels: number;
  bytesPerFrame: number;
  /** Bytes of audio present (the declared data size, or up to the end of the file). */
  dataBytes: number;
}

/**
 * Checks an audio file before it is decoded: a regular file within the size cap and, when its
 * header can be read, a duration within MAX_AUDIO_SEC and a decoded size within
 * MAX_AUDIO_EXPANSION times the audio data. A header it cannot read is left to the decoder, which
 * says precisely what is wrong.
 */
export async function checkAudioFile(path: string): Promise<void> {
  const size = await checkRegularFile(path, MAX_AUDIO_FILE_BYTES);
  const file = await open(path, 'r');
  let header: WavHeaderInfo | null;
  try {
    header = await readWavHeader(file, size);
  } finally {
    await file.close();
  }
  if (!header) return;
  const frames = Math.floor(header.dataBytes / header.bytesPerFrame);
  const seconds = frames / header.sampleRate;
  if (seconds > MAX_AUDIO_SEC)
    throw new CliError(
      `${path} holds ${minutes(seconds)} of audio; rehearse transcribes at most ${minutes(MAX_AUDIO_SEC)}. Cut it first.`,
    );
  const decodedBytes = (frames + Math.ceil(seconds * WHISPER_SAMPLE_RATE)) * FLOAT_BYTES;
  const expansion = decodedBytes / Math.max(1, header.dataBytes);
  if (expansion > MAX_AUDIO_EXPANSION)
    throw new CliError(
      `${path} is ${header.sampleRate} Hz audio: decoding it for Whisper (${WHISPER_SAMPLE_RATE} Hz) would take ${Math.round(expansion)} times its size in memory (at most ${MAX_AUDIO_EXPANSION}). Convert it to ${WHISPER_SAMPLE_RATE} Hz first, e.g. sox in.wav -r ${WHISPER_SAMPLE_RATE} out.wav.`,
    );
}

/**
 * Walks the RIFF chunk headers (8 bytes each, read where they are; nothing else is read) to the
 * "fmt " and "data" chunks. Null when the file is not a WAV file the walk understands.
 */
export async function readWavHeader(file: FileHandle, size: number): Promise<WavHeaderInfo | null> {
  const read = async (position: number, length: number): Promise<Buffer | null> => {
    if (position + length > size) return null;
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, position);
    return bytesRead === length ? buffer : null;
  };
  const riff = await read(0, 12);
  if (
    !riff ||
    riff.toString('latin1', 0, 4) !== 'RIFF' ||
    riff.toString('latin1', 8, 12) !== 'WAVE'
  )
    return null;
  let format: { sampleRate: number; channels: number; bytesPerFrame: number } | null = null;
  for (let offset = 12; offset + 8 <= size;) {
    const chunk = await read(offset, 8);
    if (!chunk) return null;
    const id = chunk.toString('latin1', 0, 4);
    const chunkSize = chunk.readUInt32LE(4);
    const body = offset + 8;
    if (id === 'fmt ') {
      const fmt = await read(body, 16);
      if (!fmt) return null;
      format = {
        channels: fmt.readUInt16LE(2),
        sampleRate: fmt.readUInt32LE(4),
        bytesPerFrame: fmt.readUInt16LE(12),
      };
      if (format.channels === 0 || format.sampleRate === 0 || format.bytesPerFrame === 0)
        return null;
    } else if (id === 'data') {
      if (!format) return null;
      const available = size - body;
      const dataBytes = chunkSize === 0 || chunkSize > available ? available : chunkSize;
      return { ...format, dataBytes };
    }
    offset = body + chunkSize + (chunkSize % 2);
  }
  return null;
}

const megabytes = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
const minutes = (seconds: number): string => `${(seconds / 60).toFixed(1)} min`;
