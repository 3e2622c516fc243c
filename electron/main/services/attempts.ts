/**
 * Recording and analysing attempts: the heart of the main side.
 *
 * startAttempt → appendAudio… → stopAttempt: each chunk is written to the WAV on disk first and
 * only then fed to the engine's incremental path ("a recording is on disk before anything else can
 * fail"). On stop the engine stream is finished, the transcript analysed, transcript and report
 * saved, and the attempt becomes `ready`; progress goes out as `attemptProgress` events. Any
 * failure after the recording is saved leaves it on disk with status `failed` and the message;
 * `analyzeAttempt` retries (and analyses recordings interrupted by a crash).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AnswerReport } from '../../../shared/analysis/types.ts';
import {
  isModelId,
  type AppendAudioRequest,
  type AttemptDetail,
  type AttemptIdRequest,
  type AttemptProgress,
  type AttemptSummary,
  type AudioResponse,
  type ListAttemptsRequest,
  type ModelId,
  type QuestionRef,
  type StartAttemptRequest,
  type StartAttemptResponse,
  type StopAttemptRequest,
} from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../shared/ipc/errors.ts';
import { customQuestion, findQuestion, type Question } from '../../../shared/questions/bank.ts';
import type { Transcript } from '../../../shared/transcript/types.ts';
import { toSummary, type AttemptStore, type StoredAttempt } from './attempt-store.ts';
import { EngineFeed, asError, cancelQuietly } from './engine-feed.ts';
import type { AttemptEngine, EngineTranscription } from './engine-port.ts';
import type { EventHub } from './event-hub.ts';
import { readRecording } from './wav-recovery.ts';
import { WavWriter, type WavWriterOptions } from './wav-writer.ts';

/** `analyzeAnswer` from shared/analysis, injected so the services do not depend on its internals. */
export type AnalyzeAnswer = (transcript: Transcript, question: Question) => AnswerReport;

export interface AttemptServiceOptions {
  store: AttemptStore;
  engine: AttemptEngine;
  analyze: AnalyzeAnswer;
  events: EventHub;
  /** The model in the settings, recorded when the engine does not say. */
  currentModel: () => ModelId;
  now?: () => Date;
  newId?: () => string;
  wav?: WavWriterOptions;
}

interface LiveRecording {
  writer: WavWriter;
  feed: EngineFeed;
}

/** Seconds of audio per chunk when a saved recording is replayed into the engine. */
const REPLAY_CHUNK_SEC = 1;

export class AttemptService {
  private readonly live = new Map<string, LiveRecording>();
  private readonly busy = new Map<string, Promise<void>>();
  /** Engine streams being finished after the answer ended → their attempt, for progress. */
  private readonly finishing = new Map<string, { attemptId: string; durationSec: number }>();
  private readonly store: AttemptStore;
  private readonly engine: AttemptEngine;
  private readonly analyze: AnalyzeAnswer;
  private readonly events: EventHub;
  private readonly currentModel: () => ModelId;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly wavOptions: WavWriterOptions;

  constructor(options: AttemptServiceOptions) {
    this.store = options.store;
    this.engine = options.engine;
    this.analyze = options.analyze;
    this.events = options.events;
    this.currentModel = options.currentModel;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.wavOptions = options.wav ?? {};
  }

  startAttempt(request: StartAttemptRequest): StartAttemptResponse {
    const id = this.newId();
    this.store.insert({
      id,
      question: request.question,
      createdAt: this.now().toISOString(),
      sampleRate: request.sampleRate,
      ...(request.storyId === undefined ? {} : { storyId: request.storyId }),
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
    this.live.set(id, { writer, feed: new EngineFeed(this.engine, request.sampleRate) });
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
    this.progress({ attemptId: id, stage: 'saving' });
    try {
      recording.writer.close();
    } catch (error) {
      recording.feed.cancel();
      return this.fail(id, `Could not finish writing the recording: ${asError(error).message}`, {
        durationSec: recording.writer.durationSec,
        stopReason: request.reason,
      });
    }
    const durationSec = recording.writer.durationSec;
    if (recording.writer.samplesWritten === 0) {
      recording.feed.cancel();
      const why =
        request.reason === 'device-lost'
          ? 'The microphone went away before any audio arrived.'
          : 'No audio was recorded.';
      return this.fail(id, why, { durationSec, stopReason: request.reason });
    }
    const attempt = this.store.update(id, {
      status: 'processing',
      durationSec,
      stopReason: request.reason,
      error: null,
    });
    this.runInBackground(id, () => this.transcribeLive(id, recording.feed));
    return toSummary(attempt);
  }

  /** Analyses a saved recording again: one interrupted by a crash, a failed one, or a ready one. */
  analyzeAttempt(request: AttemptIdRequest): AttemptSummary {
    const attempt = this.requireAttempt(request.attemptId);
    if (attempt.status === 'recording' || attempt.status === 'processing') {
      throw new ApiError(
        'conflict',
        `This attempt is still ${attempt.status}; wait for it to finish.`,
      );
    }
    if (attempt.durationSec <= 0) {
      throw new ApiError('conflict', 'This attempt has no recorded audio to analyse.');
    }
    this.store.clearResults(attempt.id);
    const updated = this.store.update(attempt.id, {
      status: 'processing',
      error: null,
      score: null,
      wordCount: null,
    });
    this.runInBackground(attempt.id, () => this.transcribeFile(attempt.id));
    return toSummary(updated);
  }

  listAttempts(request: ListAttemptsRequest): AttemptSummary[] {
    return this.store
      .list(request.questionId === undefined ? {} : { questionId: request.questionId })
      .map(toSummary);
  }

  getAttempt(request: AttemptIdRequest): AttemptDetail {
    const attempt = this.requireAttempt(request.attemptId);
    return {
      ...toSummary(attempt),
      transcript: this.store.readTranscript(attempt.id),
      report: this.store.readReport(attempt.id),
    };
  }

  getAttemptAudio(request: AttemptIdRequest): AudioResponse {
    const attempt = this.requireAttempt(request.attemptId);
    if (this.live.has(attempt.id))
      throw new ApiError('conflict', 'This attempt is still recording.');
    try {
      const bytes = readFileSync(this.store.recordingPath(attempt.id));
      return { wav: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ApiError(
          'not-found',
          'The recording file of this attempt is missing from the data folder.',
        );
      }
      throw error;
    }
  }

  /** Removes the attempt, its recording and results. Stops it first if it is still recording. */
  deleteAttempt(request: AttemptIdRequest): void {
    const attempt = this.requireAttempt(request.attemptId);
    const recording = this.live.get(attempt.id);
    if (recording) {
      this.live.delete(attempt.id);
      recording.feed.cancel();
      recording.writer.close();
    }
    this.store.delete(attempt.id);
  }

  /** The engine reports how far a stream is transcribed; while finishing, that is the progress. */
  onStreamProgress(streamId: string, settledSec: number): void {
    const target = this.finishing.get(streamId);
    if (!target || target.durationSec <= 0) return;
    this.progress({
      attemptId: target.attemptId,
      stage: 'transcribing',
      fraction: Math.min(1, Math.max(0, settledSec / target.durationSec)),
    });
  }

  /** Resolves when no transcription or analysis is running (for shutdown and tests). */
  async whenIdle(): Promise<void> {
    while (this.busy.size > 0) await Promise.all(this.busy.values());
  }

  /** Closes every open recording so its WAV is complete (on quit). They are recovered on next start. */
  closeAllRecordings(): void {
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

  private async transcribeLive(id: string, feed: EngineFeed): Promise<EngineTranscription> {
    await feed.settled();
    // The live feed broke (engine busy, crashed, or never started): transcribe the file instead.
    if (feed.failure) return this.transcribeFile(id);
    try {
      return await this.whileFinishing(feed.streamId, id, () => feed.finish());
    } catch (error) {
      // The engine may have crashed and been restarted mid-answer: one more try from the file.
      console.warn(
        `Rehearse: live transcription of ${id} failed (${asError(error).message}); retrying from the recording.`,
      );
      return this.transcribeFile(id);
    }
  }

  private async transcribeFile(id: string): Promise<EngineTranscription> {
    const { samples, sampleRate } = readRecording(this.store.recordingPath(id));
    if (samples.length === 0) throw new Error('The recording has no audio.');
    const streamId = await this.engine.startStream({ sampleRate, verbatim: true });
    const chunk = Math.max(1, Math.round(sampleRate * REPLAY_CHUNK_SEC));
    try {
      for (let at = 0; at < samples.length; at += chunk) {
        // slice (not subarray): the engine may transfer the chunk's buffer to its process.
        this.engine.append(streamId, samples.slice(at, at + chunk));
      }
    } catch (error) {
      cancelQuietly(this.engine, streamId);
      throw error;
    }
    return this.whileFinishing(streamId, id, () => this.engine.finish(streamId));
  }

  private async whileFinishing<T>(
    streamId: string | null,
    attemptId: string,
    finish: () => Promise<T>,
  ): Promise<T> {
    if (streamId === null) return finish();
    this.finishing.set(streamId, {
      attemptId,
      durationSec: this.store.get(attemptId)?.durationSec ?? 0,
    });
    try {
      return await finish();
    } finally {
      this.finishing.delete(streamId);
    }
  }

  private runInBackground(id: string, transcribe: () => Promise<EngineTranscription>): void {
    const job = this.process(id, transcribe)
      .catch((error: unknown) => {
        console.error(`Rehearse: processing attempt ${id} failed unexpectedly:`, error);
      })
      .finally(() => this.busy.delete(id));
    this.busy.set(id, job);
  }

  private async process(id: string, transcribe: () => Promise<EngineTranscription>): Promise<void> {
    this.progress({ attemptId: id, stage: 'transcribing' });
    let result: EngineTranscription;
    try {
      result = await transcribe();
    } catch (error) {
      this.failIfPresent(
        id,
        `Transcription failed: ${asError(error).message} The recording is saved; analyse it again to retry.`,
      );
      return;
    }
    const attempt = this.store.get(id);
    if (!attempt) return; // deleted meanwhile
    this.progress({ attemptId: id, stage: 'analyzing' });
    const transcript: Transcript = {
      ...result.transcript,
      durationSec: result.transcript.durationSec ?? attempt.durationSec,
    };
    let report: AnswerReport;
    try {
      report = this.analyze(transcript, questionFor(attempt.question));
    } catch (error) {
      this.failIfPresent(id, `Analysis failed: ${asError(error).message}`);
      return;
    }
    if (!this.store.get(id)) return;
    try {
      this.store.saveResults(id, transcript, report);
    } catch (error) {
      this.failIfPresent(id, `Could not save the analysis: ${asError(error).message}`);
      return;
    }
    this.store.update(id, {
      status: 'ready',
      model: asModelId(result.model) ?? this.currentModel(),
      score: report.score.overall,
      wordCount: report.timing.wordCount,
      error: null,
    });
    this.progress({ attemptId: id, stage: 'ready' });
  }

  private fail(
    id: string,
    message: string,
    extra: Partial<Pick<StoredAttempt, 'durationSec' | 'stopReason'>> = {},
  ): AttemptSummary {
    const attempt = this.store.update(id, { ...extra, status: 'failed', error: message });
    this.progress({ attemptId: id, stage: 'failed', message });
    return toSummary(attempt);
  }

  private failIfPresent(id: string, message: string): void {
    if (this.store.get(id)) this.fail(id, message);
  }

  private progress(progress: AttemptProgress): void {
    this.events.emit('attemptProgress', progress);
  }

  private requireAttempt(id: string): StoredAttempt {
    const attempt = this.store.get(id);
    if (!attempt)
      throw new ApiError('not-found', `There is no attempt ${id}; it may have been deleted.`);
    return attempt;
  }

  private requireLive(id: string): LiveRecording {
    const recording = this.live.get(id);
    if (recording) return recording;
    const attempt = this.requireAttempt(id);
    throw new ApiError(
      'conflict',
      `This attempt is not recording any more (it is ${attempt.status}).`,
    );
  }
}

/** The bank's question (with what interviewers listen for), or the user's own. */
export function questionFor(ref: QuestionRef): Question {
  if (!ref.custom) {
    const known = findQuestion(ref.id);
    if (known) return known;
  }
  return { ...customQuestion(ref.prompt, ref.kind), id: ref.id };
}

function asModelId(model: string): ModelId | undefined {
  return isModelId(model) ? model : undefined;
}
