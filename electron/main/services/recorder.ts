/**
 * The recorder: startAttempt → appendAudio… → stopAttempt for live answers. It owns each live
 * recording's WAV writer and engine feed. Every chunk is written to the WAV on disk first and only
 * then fed to the engine's incremental path ("a recording is on disk before anything else can
 * fail"). Stop completes the WAV and hands the attempt to the analysis queue.
 *
 * Bounds: one live recording at a time (one left behind by a page that went away without stopping
 * is ended, and kept, when the next starts), and at most MAX_RECORDING_SEC of audio each.
 * Faults: a deleted attempt folder is noticed at the next write, the audio so far is saved again
 * and the caller told; a history that cannot be written at Stop (locked, disk full) leaves the
 * recording live-but-stopped with its WAV complete, so Stop can simply be retried.
 */
import { randomUUID } from 'node:crypto';
import {
  MAX_RECORDING_SEC,
  type AppendAudioRequest,
  type AttemptSummary,
  type StartAttemptRequest,
  type StartAttemptResponse,
  type StopAttemptRequest,
} from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../shared/ipc/errors.ts';
import { CaptureClock } from '../../../shared/recording/capture-clock.ts';
import { formatClock } from '../../../shared/transcript/words.ts';
import type { AnalysisQueue } from './analysis-queue.ts';
import { isBusyError, toSummary, type AttemptStore } from './attempt-store.ts';
import { EngineFeed, asError } from './engine-feed.ts';
import type { AttemptEngine, HintsFor } from './engine-port.ts';
import { RecordingFileGone, WavWriter, type WavWriterOptions } from './wav-writer.ts';

/** A live recording that received no audio for this long was abandoned (its page went away). */
export const ABANDONED_AFTER_MS = 20_000;

export interface RecorderOptions {
  store: AttemptStore;
  engine: AttemptEngine;
  queue: AnalysisQueue;
  now?: () => Date;
  newId?: () => string;
  wav?: WavWriterOptions;
  /** The longest recording, in seconds (default MAX_RECORDING_SEC). */
  maxRecordingSec?: number;
  /** What the answer is likely to say, for the recogniser (default: no hints). */
  hintsFor?: HintsFor;
}

interface LiveRecording {
  writer: WavWriter;
  feed: EngineFeed;
  /** What arrived against the capture's wall clock. */
  clock: CaptureClock;
  /** When audio last arrived (ms since epoch). */
  lastAudioAt: number;
  /** Set once Stop was asked for; the recording waits here until the history records it. */
  stopReason: StopAttemptRequest['reason'] | null;
}

export class Recorder {
  private readonly live = new Map<string, LiveRecording>();
  private readonly store: AttemptStore;
  private readonly engine: AttemptEngine;
  private readonly queue: AnalysisQueue;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly wavOptions: WavWriterOptions;
  private readonly maxRecordingSec: number;
  private readonly hintsFor: HintsFor | undefined;

  constructor(options: RecorderOptions) {
    this.store = options.store;
    this.engine = options.engine;
    this.queue = options.queue;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.wavOptions = options.wav ?? {};
    this.maxRecordingSec = options.maxRecordingSec ?? MAX_RECORDING_SEC;
    this.hintsFor = options.hintsFor;
  }

  isLive(id: string): boolean {
    return this.live.has(id);
  }

  startAttempt(request: StartAttemptRequest): StartAttemptResponse {
    this.endAbandoned();
    const [other] = this.live.values();
    if (other) {
      throw new ApiError(
        'conflict',
        other.stopReason === null
          ? 'Another answer is still being recorded. Rehearse records one answer at a time: stop that one first.'
          : 'The previous answer is still being saved (the history could not record it yet). Finish saving it, then start again.',
      );
    }
    const id = this.newId();
    let writer: WavWriter;
    try {
      writer = this.store.create(
        {
          id,
          question: request.question,
          createdAt: this.now().toISOString(),
          sampleRate: request.sampleRate,
          ...(request.storyId === undefined ? {} : { storyId: request.storyId }),
        },
        (path) => WavWriter.create(path, request.sampleRate, this.wavOptions),
      );
    } catch (error) {
      throw storageError('The recording could not start', error);
    }
    this.live.set(id, {
      writer,
      feed: new EngineFeed(this.engine, request.sampleRate, { hints: this.hintsFor?.(request) }),
      clock: new CaptureClock(request.sampleRate),
      lastAudioAt: this.now().getTime(),
      stopReason: null,
    });
    return { attemptId: id };
  }

  appendAudio(request: AppendAudioRequest): void {
    const recording = this.requireLive(request.attemptId);
    if (recording.stopReason !== null)
      throw new ApiError('conflict', 'This recording was stopped and is being saved.');
    const { writer } = recording;
    const room = Math.round(this.maxRecordingSec * writer.sampleRate) - writer.samplesWritten;
    if (room <= 0) {
      throw new ApiError(
        'limit-reached',
        `Recordings stop at ${formatClock(this.maxRecordingSec)}. Everything up to there is saved.`,
      );
    }
    const pcm = request.pcm.length > room ? request.pcm.slice(0, room) : request.pcm;
    let moved: string | null = null;
    try {
      try {
        writer.append(pcm);
      } catch (error) {
        if (!(error instanceof RecordingFileGone)) throw error;
        moved = this.rescue(request.attemptId, recording);
        writer.append(pcm);
      }
    } catch (error) {
      throw storageError('Could not write the recording to disk', error);
    }
    recording.lastAudioAt = this.now().getTime();
    recording.clock.add(pcm.length, request.clockSec);
    // Only once the samples are on disk does the engine see them.
    recording.feed.push(pcm);
    if (moved) throw new ApiError('folder-lost', moved);
  }

  /**
   * Ends the recording. Resolves as soon as the WAV is complete on disk (status `processing`, or
   * `failed` when nothing was recorded); transcription and analysis continue in the background,
   * reported by `attemptProgress` events ending in `ready` or `failed`. If the WAV or the history
   * cannot be finished, it throws (`storage-busy` / `storage-failed`) and the recording stays
   * stopped-but-live, so calling it again retries.
   */
  stopAttempt(request: StopAttemptRequest): AttemptSummary {
    const id = request.attemptId;
    const recording = this.requireLive(id);
    if (recording.stopReason === null) this.queue.progress({ attemptId: id, stage: 'saving' });
    recording.stopReason ??= request.reason;
    const reason = recording.stopReason;
    const { writer } = recording;
    try {
      writer.close();
    } catch (error) {
      throw storageError(
        `The end of the recording could not be written`,
        error,
        `The ${formatClock(writer.durationSec)} recorded is on disk; free some space, then press Stop again.`,
      );
    }
    const durationSec = writer.durationSec;
    const capture = recording.clock.report();
    let summary: AttemptSummary;
    try {
      if (writer.samplesWritten === 0) {
        const why =
          reason === 'device-lost'
            ? 'The microphone went away before any audio arrived.'
            : 'No audio was recorded.';
        summary = this.queue.fail(id, why, { durationSec, stopReason: reason, capture });
      } else {
        summary = toSummary(
          this.store.update(id, {
            status: 'processing',
            durationSec,
            stopReason: reason,
            capture,
            error: null,
          }),
        );
      }
    } catch (error) {
      throw storageError(
        `The recording is saved (${formatClock(durationSec)}), but the history could not be updated`,
        error,
        'Press Stop again to retry.',
      );
    }
    this.live.delete(id);
    if (writer.samplesWritten === 0) {
      recording.feed.cancel();
      return summary;
    }
    if (capture && capture.lostSec > 0) {
      console.warn(
        `Rehearse: recording ${id} is missing ${capture.lostSec.toFixed(2)} s the capture never delivered (${capture.receivedSec.toFixed(1)} s received, ${capture.clockSec.toFixed(1)} s by the clock).`,
      );
    }
    this.queue.enqueueLive(id, recording.feed);
    return summary;
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

  /** Ends (and keeps) recordings whose page stopped sending audio long ago without stopping. */
  private endAbandoned(): void {
    const now = this.now().getTime();
    for (const [id, recording] of [...this.live]) {
      if (recording.stopReason === null && now - recording.lastAudioAt < ABANDONED_AFTER_MS)
        continue;
      console.warn(`Rehearse: recording ${id} was left running without audio; ending it.`);
      try {
        this.stopAttempt({ attemptId: id, reason: 'error' });
      } catch (error) {
        console.error(`Rehearse: ending the abandoned recording ${id} failed:`, error);
      }
    }
  }

  /** The attempt's folder was deleted: save the audio so far again. Returns what to tell the user. */
  private rescue(id: string, recording: LiveRecording): string {
    const sofar = formatClock(recording.writer.durationSec);
    try {
      recording.writer.relocate();
    } catch (error) {
      throw new Error(
        `The attempt's folder was deleted while recording, and the ${sofar} recorded so far could not be saved again: ${asError(error).message}`,
        { cause: error },
      );
    }
    try {
      this.store.restoreMeta(id);
    } catch (error) {
      console.warn(`Rehearse: could not rewrite attempt.json for ${id}:`, error);
    }
    return `This answer's folder was deleted while recording. The ${sofar} recorded so far was saved again, and recording stopped.`;
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

/** A storage failure as the user sees it: busy (retry) or failed, what happened, what to do. */
function storageError(what: string, error: unknown, then = ''): ApiError {
  if (error instanceof ApiError) return error;
  const tail = then ? ` ${then}` : '';
  if (isBusyError(error)) {
    return new ApiError(
      'storage-busy',
      `${what}: the history database is busy (another program may be using the data folder).${tail || ' Try again in a moment.'}`,
    );
  }
  return new ApiError('storage-failed', `${what}: ${asError(error).message}.${tail}`);
}
