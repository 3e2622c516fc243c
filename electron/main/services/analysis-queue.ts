/**
 * The analysis queue: turns a saved recording into a transcript and a report, in the background.
 *
 * A live recording's engine stream is finished (or, if the live feed broke, the WAV on disk is
 * replayed into a fresh stream); the transcript is analysed, transcript and report saved, and the
 * attempt becomes `ready`. Each stage goes out as an `attemptProgress` event. Any failure leaves the
 * recording on disk with status `failed` and the message; `enqueueFile` retries.
 */
import type { AnswerReport } from '../../../shared/analysis/types.ts';
import {
  isModelId,
  type AttemptProgress,
  type AttemptSummary,
  type ModelId,
  type QuestionRef,
} from '../../../shared/ipc/contract.ts';
import { customQuestion, findQuestion, type Question } from '../../../shared/questions/bank.ts';
import type { StoryKind } from '../../../shared/stories/kinds.ts';
import type { Transcript } from '../../../shared/transcript/types.ts';
import { setTimeout as delay } from 'node:timers/promises';
import { isBusyError, toSummary, type AttemptStore, type StoredAttempt } from './attempt-store.ts';
import { asError, cancelQuietly, type EngineFeed } from './engine-feed.ts';
import type { AttemptEngine, EngineTranscription, HintsFor } from './engine-port.ts';
import type { EventHub } from './event-hub.ts';
import { readRecording } from './wav-recovery.ts';

/** `analyzeAnswer` from shared/analysis, injected so the services do not depend on its internals. */
export type AnalyzeAnswer = (
  transcript: Transcript,
  question: Question,
  options?: { storyKinds?: readonly StoryKind[] },
) => AnswerReport;

export interface AnalysisQueueOptions {
  store: AttemptStore;
  engine: AttemptEngine;
  analyze: AnalyzeAnswer;
  events: EventHub;
  /** The model in the settings, recorded when the engine does not say. */
  currentModel: () => ModelId;
  /** The kinds of a story, for an attempt that tells one (whether incident checks apply). */
  storyKinds?: (storyId: string) => readonly StoryKind[] | undefined;
  /** What the answer is likely to say, for the recogniser (default: no hints). */
  hintsFor?: HintsFor;
}

/** Seconds of audio per chunk when a saved recording is replayed into the engine. */
const REPLAY_CHUNK_SEC = 1;
/** A busy history is retried this often, this far apart (waiting without blocking). */
const BUSY_RETRIES = 20;
const BUSY_RETRY_MS = 500;

export class AnalysisQueue {
  private readonly busy = new Map<string, Promise<void>>();
  /** Engine streams being finished after the answer ended → their attempt, for progress. */
  private readonly finishing = new Map<string, { attemptId: string; durationSec: number }>();
  private readonly store: AttemptStore;
  private readonly engine: AttemptEngine;
  private readonly analyze: AnalyzeAnswer;
  private readonly events: EventHub;
  private readonly currentModel: () => ModelId;
  private readonly storyKinds: (storyId: string) => readonly StoryKind[] | undefined;
  private readonly hintsFor: HintsFor | undefined;

  constructor(options: AnalysisQueueOptions) {
    this.store = options.store;
    this.engine = options.engine;
    this.analyze = options.analyze;
    this.events = options.events;
    this.currentModel = options.currentModel;
    this.storyKinds = options.storyKinds ?? (() => undefined);
    this.hintsFor = options.hintsFor;
  }

  /** Transcribes a just-finished live recording from its engine stream (or its file). */
  enqueueLive(id: string, feed: EngineFeed): void {
    this.runInBackground(id, () => this.transcribeLive(id, feed));
  }

  /** Transcribes a saved recording from its file. */
  enqueueFile(id: string): void {
    this.runInBackground(id, () => this.transcribeFile(id));
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

  /** Marks the attempt failed with `message` and says so. */
  fail(
    id: string,
    message: string,
    extra: Partial<Pick<StoredAttempt, 'durationSec' | 'stopReason' | 'capture'>> = {},
  ): AttemptSummary {
    this.store.update(id, { ...extra, status: 'failed', error: message });
    this.progress({ attemptId: id, stage: 'failed', message });
    return toSummary(this.store.require(id));
  }

  /**
   * Stores the stage and progress on the attempt, then tells the renderer. Stored first, so a
   * page that reads the attempt after missing the event still sees where it is.
   */
  progress(progress: AttemptProgress): void {
    const { attemptId, ...stage } = progress;
    try {
      if (this.store.get(attemptId)) this.store.update(attemptId, { progress: stage });
    } catch (error) {
      // Progress is informational: a busy history must not stop the work it describes.
      if (!isBusyError(error)) throw error;
    }
    this.events.emit('attemptProgress', progress);
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
    const attempt = this.store.get(id);
    const hints = attempt && this.hintsFor?.(attempt);
    const streamId = await this.engine.startStream({
      sampleRate,
      verbatim: true,
      ...(hints ? { hints } : {}),
    });
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
      await this.failIfPresent(
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
      const storyKinds = attempt.storyId ? this.storyKinds(attempt.storyId) : undefined;
      report = this.analyze(
        transcript,
        questionFor(attempt.question),
        storyKinds === undefined ? {} : { storyKinds },
      );
    } catch (error) {
      await this.failIfPresent(id, `Analysis failed: ${asError(error).message}`);
      return;
    }
    if (!this.store.get(id)) return;
    try {
      this.store.saveResults(id, transcript, report);
    } catch (error) {
      await this.failIfPresent(id, `Could not save the analysis: ${asError(error).message}`);
      return;
    }
    await this.write(() =>
      this.store.update(id, {
        status: 'ready',
        model: asModelId(result.model) ?? this.currentModel(),
        score: report.score.overall,
        wordCount: report.timing.wordCount,
        error: null,
      }),
    );
    this.progress({ attemptId: id, stage: 'ready' });
  }

  private async failIfPresent(id: string, message: string): Promise<void> {
    await this.write(() => {
      if (this.store.get(id)) this.fail(id, message);
    });
  }

  /** A history write, retried (waiting without blocking the thread) while the database is busy. */
  private async write<T>(change: () => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return change();
      } catch (error) {
        if (!isBusyError(error) || attempt >= BUSY_RETRIES) throw error;
        await delay(BUSY_RETRY_MS);
      }
    }
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
