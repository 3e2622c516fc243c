/**
 * The recorder: startAttempt → appendAudio… → stopAttempt for live answers. It owns each live
 * recording's WAV writer and engine feed. Every chunk is written to the WAV on disk first and only
 * then fed to the engine's incremental path ("a recording is on disk before anything else can
 * fail"). Stop completes the WAV and hands the attempt to the analysis queue.
 */
import { randomUUID } from 'node:crypto';
import type {
  AppendAudioRequest,
  AttemptSummary,
  StartAttemptRequest,
  StartAttemptResponse,
  StopAttemptRequest,
} from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../shared/ipc/errors.ts';
import { CaptureClock } from '../../../shared/recording/capture-clock.ts';
import type { AnalysisQueue } from './analysis-queue.ts';
import { toSummary, type AttemptStore } from './attempt-store.ts';
import { EngineFeed, asError } from './engine-feed.ts';
import type { AttemptEngine } from './engine-port.ts';
import { WavWriter, type WavWriterOptions } from './wav-writer.ts';

export interface RecorderOptions {
  store: AttemptStore;
  engine: AttemptEngine;
  queue: AnalysisQueue;
  now?: () => Date;
  newId?: () => string;
  wav?: WavWriterOptions;
}

interface LiveRecording {
  writer: WavWriter;
  feed: EngineFeed;
  /** What arrived against the capture's wall clock. */
  clock: CaptureClock;
}

export class Recorder {
  private readonly live = new Map<string, LiveRecording>();
  private readonly store: AttemptStore;
  private readonly engine: AttemptEngine;
  private readonly queue: AnalysisQueue;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly wavOptions: WavWriterOptions;

  constructor(options: RecorderOptions) {
    this.store = options.store;
    this.engine = options.engine;
    this.queue = options.queue;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.wavOptions = options.wav ?? {};
  }

  isLive(id: string): boolean {
    return this.live.has(id);
  }

  startAttempt(request: StartAttemptRequest): StartAttemptResponse {
    const id = this.newId();
    this.store.insert({
      id,
      question: request.question,
      createdAt: this.now().toISOString(),
      sampleRate: request.sampleRate,
    });
    let writer: WavWriter;
    try {
      writer = WavWriter.create(this.store.recordingPath(id), request.sampleRate, this.wavOptions);
    } catch (error) {
      this.store.delete(id);
      throw new ApiError(
        'storage-failed',
        `Could not create the recording file: ${asError(error).message}`,
      );
    }
    this.live.set(id, {
      writer,
      feed: new EngineFeed(this.engine, request.sampleRate),
      clock: new CaptureClock(request.sampleRate),
    });
    return { attemptId: id };
  }

  appendAudio(request: AppendAudioRequest): void {
    const recording = this.requireLive(request.attemptId);
    try {
      recording.writer.append(request.pcm);
    } catch (error) {
      throw new ApiError(
        'storage-failed',
        `Could not write the recording to disk: ${asError(error).message}`,
      );
    }
    recording.clock.add(request.pcm.length, request.clockSec);
    // Only once the samples are on disk does the engine see them.
    recording.feed.push(request.pcm);
  }

  /**
   * Ends the recording. Resolves as soon as the WAV is complete on disk (status `processing`, or
   * `failed` when nothing was recorded); transcription and analysis continue in the background,
   * reported by `attemptProgress` events ending in `ready` or `failed`.
   */
  stopAttempt(request: StopAttemptRequest): AttemptSummary {
    const id = request.attemptId;
    const recording = this.requireLive(id);
    this.live.delete(id);
    this.queue.progress({ attemptId: id, stage: 'saving' });
    const capture = recording.clock.report();
    try {
      recording.writer.close();
    } catch (error) {
      recording.feed.cancel();
      return this.queue.fail(
        id,
        `Could not finish writing the recording: ${asError(error).message}`,
        { durationSec: recording.writer.durationSec, stopReason: request.reason, capture },
      );
    }
    const durationSec = recording.writer.durationSec;
    if (recording.writer.samplesWritten === 0) {
      recording.feed.cancel();
      const why =
        request.reason === 'device-lost'
          ? 'The microphone went away before any audio arrived.'
          : 'No audio was recorded.';
      return this.queue.fail(id, why, { durationSec, stopReason: request.reason, capture });
    }
    const attempt = this.store.update(id, {
      status: 'processing',
      durationSec,
      stopReason: request.reason,
      capture,
      error: null,
    });
    if (capture && capture.lostSec > 0) {
      console.warn(
        `Rehearse: recording ${id} is missing ${capture.lostSec.toFixed(2)} s the capture never delivered (${capture.receivedSec.toFixed(1)} s received, ${capture.clockSec.toFixed(1)} s by the clock).`,
      );
    }
    this.queue.enqueueLive(id, recording.feed);
    return toSummary(attempt);
  }

  /** Stops a live recording without keeping it (its attempt is being deleted). */
  discard(id: string): void {
    const recording = this.live.get(id);
    if (!recording) return;
    this.live.delete(id);
    recording.feed.cancel();
    recording.writer.close();
  }

  /** Closes every open recording so its WAV is complete (on quit). They are recovered on next start. */
  closeAll(): void {
    for (const [id, recording] of this.live) {
      recording.feed.cancel();
      try {
        recording.writer.close();
      } catch (error) {
        console.error(`Rehearse: closing recording ${id} failed:`, error);
      }
    }
    this.live.clear();
  }

  private requireLive(id: string): LiveRecording {
    const recording = this.live.get(id);
    if (recording) return recording;
    const attempt = this.store.get(id);
    if (!attempt)
      throw new ApiError('not-found', `There is no attempt ${id}; it may have been deleted.`);
    throw new ApiError(
      'conflict',
      `This attempt is not recording any more (it is ${attempt.status}).`,
    );
  }
}
