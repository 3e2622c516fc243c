/**
 * Attempts behind the IPC contract, in three pieces: the recorder (recorder.ts: start, append,
 * stop; owns the WAV writer and the engine feed), the analysis queue (analysis-queue.ts:
 * transcription and analysis in the background, with progress events) and the repository
 * (attempt-store.ts: SQLite index + one folder per attempt). This facade adds the read side
 * (list, get, audio), delete and re-analysis.
 */
import { existsSync } from 'node:fs';
import type {
  AppendAudioRequest,
  AttemptDetail,
  AttemptIdRequest,
  AttemptSummary,
  AudioResponse,
  ListAttemptsRequest,
  ModelId,
  StartAttemptRequest,
  StartAttemptResponse,
  StopAttemptRequest,
} from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../shared/ipc/errors.ts';
import { appRecordingUrl } from '../recording-file.ts';
import type { StoryKind } from '../../../shared/stories/kinds.ts';
import { AnalysisQueue, type AnalyzeAnswer } from './analysis-queue.ts';
import { toSummary, type AttemptStore, type StoredAttempt } from './attempt-store.ts';
import type { AttemptEngine, HintsFor } from './engine-port.ts';
import type { EventHub } from './event-hub.ts';
import { Recorder } from './recorder.ts';
import type { WavWriterOptions } from './wav-writer.ts';

export { questionFor, type AnalyzeAnswer } from './analysis-queue.ts';

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
  maxRecordingSec?: number;
  /** The URL a recording is played from (default: the app's app:// URL). */
  recordingUrl?: (attemptId: string) => string;
  /** The kinds of a story, for an attempt that tells one (whether incident checks apply). */
  storyKinds?: (storyId: string) => readonly StoryKind[] | undefined;
  /** What an answer is likely to say, for the recogniser (default: no hints). */
  hintsFor?: HintsFor;
}

export class AttemptService {
  private readonly store: AttemptStore;
  private readonly queue: AnalysisQueue;
  private readonly recorder: Recorder;
  private readonly recordingUrl: (attemptId: string) => string;

  constructor(options: AttemptServiceOptions) {
    this.store = options.store;
    this.recordingUrl = options.recordingUrl ?? appRecordingUrl;
    this.queue = new AnalysisQueue(options);
    this.recorder = new Recorder({ ...options, queue: this.queue });
  }

  startAttempt(request: StartAttemptRequest): StartAttemptResponse {
    return this.recorder.startAttempt(request);
  }

  appendAudio(request: AppendAudioRequest): void {
    this.recorder.appendAudio(request);
  }

  stopAttempt(request: StopAttemptRequest): AttemptSummary {
    return this.recorder.stopAttempt(request);
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
    this.queue.enqueueFile(attempt.id);
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

  /** Where the page can load the recording (served by the transport: app:// or the loopback). */
  getAttemptAudio(request: AttemptIdRequest): AudioResponse {
    const attempt = this.requireAttempt(request.attemptId);
    this.recordingFile(attempt.id);
    return { url: this.recordingUrl(attempt.id) };
  }

  /** The finished recording's file, for the transports to serve; an ApiError says why not. */
  recordingFile(attemptId: string): string {
    const attempt = this.requireAttempt(attemptId);
    if (this.recorder.isLive(attempt.id))
      throw new ApiError('conflict', 'This attempt is still recording.');
    const path = this.store.recordingPath(attempt.id);
    if (!existsSync(path)) {
      throw new ApiError(
        'not-found',
        'The recording file of this attempt is missing from the data folder.',
      );
    }
    return path;
  }

  /** Removes the attempt, its recording and results. Stops it first if it is still recording. */
  deleteAttempt(request: AttemptIdRequest): void {
    const attempt = this.requireAttempt(request.attemptId);
    this.recorder.discard(attempt.id);
    this.store.delete(attempt.id);
  }

  /** The engine reports how far a stream is transcribed; while finishing, that is the progress. */
  onStreamProgress(streamId: string, settledSec: number): void {
    this.queue.onStreamProgress(streamId, settledSec);
  }

  /** Resolves when no transcription or analysis is running (for shutdown and tests). */
  async whenIdle(): Promise<void> {
    await this.queue.whenIdle();
  }

  /** Closes every open recording so its WAV is complete (on quit). They are recovered on next start. */
  closeAllRecordings(): void {
    this.recorder.closeAll();
  }

  private requireAttempt(id: string): StoredAttempt {
    const attempt = this.store.get(id);
    if (!attempt)
      throw new ApiError('not-found', `There is no attempt ${id}; it may have been deleted.`);
    return attempt;
  }
}
