import type { WordRange } from '../../../shared/analysis/types.ts';
import type {
  AttemptDetail,
  AttemptProgress,
  ExportedFile,
  ExportFormat,
  ProgressPoint,
} from '../../../shared/ipc/contract.ts';
import { hearItFrom } from '../../../shared/report/coach.ts';
import { questionFromRef } from './session.ts';
import { messageOf, type SliceCreator } from './types.ts';

export type ReviewStatus = 'loading' | 'processing' | 'ready' | 'failed' | 'interrupted';

export interface ReviewState {
  attemptId: string | null;
  status: ReviewStatus;
  detail: AttemptDetail | null;
  progress: AttemptProgress | null;
  /** Where the player loads the recording (a WAV URL), once ready. */
  audio: string | null;
  /** Why the review cannot be shown (failed analysis, missing attempt). */
  error: string | null;
  /** Something the user should know about how the recording ended. */
  notice: string | null;
  /** Words a chosen finding points at, outlined in the transcript. */
  evidence: WordRange | null;
  /**
   * Analysed attempts at the same question and, when the answer tells a story, those telling the
   * same story (for the comparison), oldest first; null = not loaded.
   */
  siblings: ProgressPoint[] | null;
  /** Seconds of transcription left, estimated from its pace so far; null until it can be. */
  etaSec: number | null;
}

export interface ReviewSlice {
  review: ReviewState;
  openReview(attemptId: string, notice?: string | null): Promise<void>;
  /** An `attemptProgress` event from the main side. */
  receiveProgress(progress: AttemptProgress): void;
  /** Same question again; both attempts are kept. */
  tryAgain(): Promise<void>;
  /** Re-run analysis of a failed or interrupted attempt. */
  retryAnalysis(): Promise<void>;
  /** A finding was chosen: outline its evidence and play from a second before it. */
  showEvidence(range: WordRange, start: number): void;
  /** The reviewed attempt as a file to save. */
  exportAttempt(format: ExportFormat): Promise<ExportedFile>;
}

const emptyReview: ReviewState = {
  attemptId: null,
  status: 'loading',
  detail: null,
  progress: null,
  audio: null,
  error: null,
  notice: null,
  evidence: null,
  siblings: null,
  etaSec: null,
};

/** The estimate waits for this much progress, so the first jumpy figures are not shown. */
const ETA_MIN_FRACTION = 0.05;

export const createReviewSlice: SliceCreator<ReviewSlice> = (set, get, { api, now }) => {
  /** When (ms, `now()`) and at what fraction this attempt's transcription was first seen. */
  let transcribing: { attemptId: string; at: number; fraction: number } | null = null;
  const patch = (changes: Partial<ReviewState>) =>
    set((s) => ({ review: { ...s.review, ...changes } }));
  const isCurrent = (attemptId: string) => get().review.attemptId === attemptId;

  /**
   * Reads the attempt and shows it. While it is processing, `attemptProgress` events move it on
   * (no polling): the main side stores each stage on the attempt before it sends the event, so a
   * read that comes after an event already sees that stage.
   */
  async function load(attemptId: string): Promise<void> {
    let detail: AttemptDetail;
    try {
      detail = await api.getAttempt({ attemptId });
    } catch (error) {
      if (isCurrent(attemptId)) patch({ status: 'failed', error: messageOf(error) });
      return;
    }
    if (!isCurrent(attemptId)) return;
    switch (detail.status) {
      case 'ready': {
        if (get().review.status === 'ready' && get().review.detail?.id === attemptId) return;
        let audio: string | null = null;
        try {
          ({ url: audio } = await api.getAttemptAudio({ attemptId }));
        } catch (error) {
          if (isCurrent(attemptId))
            patch({
              notice: `The recording could not be loaded for playback: ${messageOf(error)}`,
            });
        }
        if (!isCurrent(attemptId)) return;
        get().loadPlaybackWords(detail.report?.words ?? []);
        patch({ status: 'ready', detail, audio, error: null });
        try {
          const [atQuestion, ofStory] = await Promise.all([
            api.getProgress({ questionId: detail.question.id }),
            detail.storyId ? api.getProgress({ storyId: detail.storyId }) : [],
          ]);
          const seen = new Set(atQuestion.map((point) => point.attemptId));
          const siblings = [...atQuestion, ...ofStory.filter((p) => !seen.has(p.attemptId))];
          if (isCurrent(attemptId)) patch({ siblings });
        } catch {
          // The comparison is extra: the review stands without it.
          if (isCurrent(attemptId)) patch({ siblings: [] });
        }
        return;
      }
      case 'failed':
        patch({ status: 'failed', detail, error: detail.error ?? 'The analysis failed.' });
        return;
      case 'interrupted':
        patch({ status: 'interrupted', detail });
        return;
      case 'recording':
      case 'processing':
        patch({
          status: 'processing',
          detail,
          progress:
            get().review.progress ?? (detail.progress ? { attemptId, ...detail.progress } : null),
        });
        return;
    }
  }

  return {
    review: emptyReview,

    async openReview(attemptId, notice = null) {
      get().resetPlayback();
      set((s) => ({
        session: { ...s.session, screen: { name: 'review', attemptId } },
        review: { ...emptyReview, attemptId, notice },
      }));
      await load(attemptId);
    },

    receiveProgress(progress) {
      if (!isCurrent(progress.attemptId)) return;
      const status = get().review.status;
      if (status === 'ready') return;
      let etaSec: number | null = null;
      if (progress.stage === 'transcribing' && progress.fraction !== undefined) {
        if (transcribing?.attemptId !== progress.attemptId)
          transcribing = { attemptId: progress.attemptId, at: now(), fraction: progress.fraction };
        const done = progress.fraction - transcribing.fraction;
        const elapsedSec = (now() - transcribing.at) / 1000;
        if (done >= ETA_MIN_FRACTION && elapsedSec > 0)
          etaSec = Math.max(0, Math.round(((1 - progress.fraction) * elapsedSec) / done));
      }
      patch({
        progress,
        etaSec,
        ...(status === 'loading' ? { status: 'processing' as const } : {}),
      });
      if (progress.stage === 'ready' || progress.stage === 'failed') void load(progress.attemptId);
    },

    async tryAgain() {
      const detail = get().review.detail;
      if (detail)
        set((s) => ({ session: { ...s.session, question: questionFromRef(detail.question) } }));
      // The record screen carries the focus from this attempt: the figures must include it.
      void get().loadProgress();
      await get().prepareRecording();
    },

    showEvidence(range, start) {
      patch({ evidence: range });
      get().playFrom(hearItFrom(start));
    },

    async exportAttempt(format) {
      const attemptId = get().review.attemptId;
      if (!attemptId) throw new Error('No attempt is open.');
      return api.exportAttempt({ attemptId, format });
    },

    async retryAnalysis() {
      const attemptId = get().review.attemptId;
      if (!attemptId) return;
      try {
        await api.analyzeAttempt({ attemptId });
      } catch (error) {
        patch({ error: messageOf(error) });
        return;
      }
      patch({ status: 'processing', error: null, progress: null });
      await load(attemptId);
    },
  };
};
