/**
 * A crash-safe streaming WAV writer.
 *
 * Every `append` converts the chunk to 16-bit PCM and writes it to the file synchronously, so
 * when `append` returns the samples are in the operating system's hands: if the app dies a moment
 * later they are still in the file. The header's two size fields are patched every
 * `headerIntervalSec` of audio (with an fdatasync, so a power cut loses at most that much) and on
 * `close`. A file left with stale sizes by a crash is repaired by `repairWav` (wav-recovery.ts),
 * which rebuilds the header from the file length.
 */
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { BYTES_PER_SAMPLE, WAV_HEADER_BYTES, floatToPcm16, wavHeader } from './wav-format.ts';

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

  private constructor(path: string, sampleRate: number, fd: number, options: WavWriterOptions) {
    this.path = path;
    this.sampleRate = sampleRate;
    this.fd = fd;
    const interval = options.headerIntervalSec ?? 1;
    this.patchEveryBytes = Math.max(BYTES_PER_SAMPLE, Math.round(interval * sampleRate) * BYTES_PER_SAMPLE);
  }

  /** Creates the file (failing if it exists) with a header for zero samples. */
  static create(path: string, sampleRate: number, options: WavWriterOptions = {}): WavWriter {
    if (!Number.isInteger(sampleRate) || sampleRate <= 0) {
      throw new Error(`Cannot record at a sample rate of ${sampleRate} Hz.`);
    }
    const fd = openSync(path, 'wx');
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

  /** Writes the samples to disk before returning. */
  append(samples: Float32Array): void {
    const fd = this.requireOpen();
    const bytes = floatToPcm16(samples);
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(fd, bytes, written, bytes.length - written, WAV_HEADER_BYTES + this.dataBytes + written);
    }
    this.dataBytes += bytes.length;
    this.bytesSincePatch += bytes.length;
    if (this.bytesSincePatch >= this.patchEveryBytes) this.patchHeader(true);
  }

  /** Patches the header with the final sizes, syncs and closes. Safe to call twice. */
  close(): void {
    if (this.fd === null) return;
    this.patchHeader(true);
    closeSync(this.fd);
    this.fd = null;
  }

  private patchHeader(sync: boolean): void {
    const fd = this.requireOpen();
    writeSync(fd, wavHeader(this.sampleRate, this.dataBytes), 0, WAV_HEADER_BYTES, 0);
    if (sync) fdatasyncSync(fd);
    this.bytesSincePatch = 0;
  }

  private requireOpen(): number {
    if (this.fd === null) throw new Error(`The recording ${this.path} is already closed.`);
    return this.fd;
  }
}
