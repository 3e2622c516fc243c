/**
 * A crash-safe streaming WAV writer.
 *
 * Every `append` converts the chunk to 16-bit PCM and writes it to the file synchronously, so
 * when `append` returns the samples are in the operating system's hands: if the app dies a moment
 * later they are still in the file. The header's two size fields are patched every
 * `headerIntervalSec` of audio and on `close`. Each periodic patch also starts an fdatasync in the
 * background (so a power cut loses about that much, and a slow disk never blocks the main
 * process); `close` syncs synchronously. A file left with stale sizes by a crash is repaired by `repairWav` (wav-recovery.ts),
 * which rebuilds the header from the file length.
 */
import {
  close as closeAsync,
  closeSync,
  fdatasync,
  fdatasyncSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { WAV_HEADER_BYTES, encodePcm16, wavHeader as codecHeader } from '../../engine/audio/wav.ts';

/** Rehearse records 16-bit PCM, mono, with the codec's canonical 44-byte header. */
export const BYTES_PER_SAMPLE = 2;
export { WAV_HEADER_BYTES };

/** The header of a Rehearse recording holding `dataBytes` bytes of audio. */
export const wavHeader = (sampleRate: number, dataBytes: number): Uint8Array =>
  codecHeader(sampleRate, dataBytes, 16, 1);

/**
 * The file was deleted (its folder removed) while recording: writes would go to a file nobody can
 * open. Nothing was written; `relocate()` saves what was recorded at the original path again.
 */
export class RecordingFileGone extends Error {
  constructor(path: string) {
    super(`The recording file ${path} was deleted while recording.`);
    this.name = 'RecordingFileGone';
  }
}

export interface WavWriterOptions {
  /** Patch the header (and sync to disk) after this much new audio. Default 1 s. */
  headerIntervalSec?: number;
}

export class WavWriter {
  readonly path: string;
  readonly sampleRate: number;
  private fd: number | null;
  private dataBytes = 0;
  private bytesSincePatch = 0;
  private readonly patchEveryBytes: number;
  private syncInFlight = false;
  /** Set when close() happened while a background sync was running: close the fd after it. */
  private closeAfterSync: number | null = null;

  private constructor(path: string, sampleRate: number, fd: number, options: WavWriterOptions) {
    this.path = path;
    this.sampleRate = sampleRate;
    this.fd = fd;
    const interval = options.headerIntervalSec ?? 1;
    this.patchEveryBytes = Math.max(
      BYTES_PER_SAMPLE,
      Math.round(interval * sampleRate) * BYTES_PER_SAMPLE,
    );
  }

  /** Creates the file (failing if it exists) with a header for zero samples. */
  static create(path: string, sampleRate: number, options: WavWriterOptions = {}): WavWriter {
    if (!Number.isInteger(sampleRate) || sampleRate <= 0) {
      throw new Error(`Cannot record at a sample rate of ${sampleRate} Hz.`);
    }
    // Readable too: if the file is deleted mid-recording, relocate() copies it out of the open fd.
    const fd = openSync(path, 'wx+');
    try {
      writeSync(fd, wavHeader(sampleRate, 0), 0, WAV_HEADER_BYTES, 0);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return new WavWriter(path, sampleRate, fd, options);
  }

  get samplesWritten(): number {
    return this.dataBytes / BYTES_PER_SAMPLE;
  }

  get durationSec(): number {
    return this.samplesWritten / this.sampleRate;
  }

  get closed(): boolean {
    return this.fd === null;
  }

  /** Writes the samples to disk before returning. Throws `RecordingFileGone` if the file was deleted. */
  append(samples: Float32Array): void {
    const fd = this.requireOpen();
    if (fstatSync(fd).nlink === 0) throw new RecordingFileGone(this.path);
    const bytes = encodePcm16(samples);
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(
        fd,
        bytes,
        written,
        bytes.length - written,
        WAV_HEADER_BYTES + this.dataBytes + written,
      );
    }
    this.dataBytes += bytes.length;
    this.bytesSincePatch += bytes.length;
    if (this.bytesSincePatch >= this.patchEveryBytes) {
      this.patchHeader();
      this.syncInBackground(fd);
    }
  }

  /**
   * After `RecordingFileGone`: creates the file (and its folder) again at the same path, copies
   * everything recorded so far from the deleted file (still open, so still readable) into it, syncs
   * it, and goes on writing there.
   */
  relocate(): void {
    const old = this.requireOpen();
    mkdirSync(dirname(this.path), { recursive: true });
    const fd = openSync(this.path, 'wx');
    try {
      const buffer = Buffer.alloc(1 << 20);
      const total = WAV_HEADER_BYTES + this.dataBytes;
      for (let at = 0; at < total;) {
        const read = readSync(old, buffer, 0, Math.min(buffer.length, total - at), at);
        if (read === 0) throw new Error('The deleted recording ended early.');
        for (let done = 0; done < read;)
          done += writeSync(fd, buffer, done, read - done, at + done);
        at += read;
      }
      writeSync(fd, wavHeader(this.sampleRate, this.dataBytes), 0, WAV_HEADER_BYTES, 0);
      fdatasyncSync(fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    this.fd = fd;
    this.bytesSincePatch = 0;
    if (this.syncInFlight) this.closeAfterSync = old;
    else closeSync(old);
  }

  /** Patches the header with the final sizes, syncs and closes. Safe to call twice. */
  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.patchHeader();
    fdatasyncSync(fd);
    this.fd = null;
    if (this.syncInFlight) this.closeAfterSync = fd;
    else closeSync(fd);
  }

  private patchHeader(): void {
    const fd = this.requireOpen();
    writeSync(fd, wavHeader(this.sampleRate, this.dataBytes), 0, WAV_HEADER_BYTES, 0);
    this.bytesSincePatch = 0;
  }

  private syncInBackground(fd: number): void {
    if (this.syncInFlight) return;
    this.syncInFlight = true;
    fdatasync(fd, (error) => {
      this.syncInFlight = false;
      if (error) console.warn(`Rehearse: syncing ${this.path} to disk failed:`, error);
      if (this.closeAfterSync !== null) {
        closeAsync(this.closeAfterSync, () => undefined);
        this.closeAfterSync = null;
      }
    });
  }

  private requireOpen(): number {
    if (this.fd === null) throw new Error(`The recording ${this.path} is already closed.`);
    return this.fd;
  }
}
