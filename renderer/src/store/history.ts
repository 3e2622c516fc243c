import type { AttemptSummary, QuestionRef } from '../../../shared/ipc/contract.ts';
import { messageOf, type SliceCreator } from './types.ts';

export interface HistoryState {
  attempts: AttemptSummary[];
  /** Only attempts at this question; null = all. */
  questionFilter: string | null;
  loading: boolean;
  error: string | null;
  /** The attempt whose deletion awaits confirmation. */
  confirmingDelete: string | null;
  /** Questions the user typed in, seen in the unfiltered list (for the filter). */
  customQuestions: QuestionRef[];
}

export interface HistorySlice {
  history: HistoryState;
  openHistory(): Promise<void>;
  filterHistory(questionId: string | null): Promise<void>;
  askToDelete(attemptId: string): void;
  cancelDelete(): void;
  confirmDelete(): Promise<void>;
}

export const createHistorySlice: SliceCreator<HistorySlice> = (set, get, { api }) => {
  const patch = (changes: Partial<HistoryState>) =>
    set((s) => ({ history: { ...s.history, ...changes } }));

  async function reload() {
    const questionFilter = get().history.questionFilter;
    patch({ loading: true, error: null });
    try {
      const attempts = await api.listAttempts(questionFilter ? { questionId: questionFilter } : {});
      if (get().history.questionFilter !== questionFilter) return;
      attempts.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      patch({ attempts, loading: false });
      if (questionFilter === null) {
        const custom = new Map(
          attempts.filter((a) => a.question.custom).map((a) => [a.question.id, a.question]),
        );
        patch({ customQuestions: [...custom.values()] });
      }
    } catch (error) {
      patch({ loading: false, error: messageOf(error) });
    }
  }

  return {
    history: {
      attempts: [],
      questionFilter: null,
      loading: false,
      error: null,
      confirmingDelete: null,
      customQuestions: [],
    },

    async openHistory() {
      get().leaveRecording();
      set((s) => ({ session: { ...s.session, screen: { name: 'history' } } }));
      await Promise.all([reload(), get().loadProgress()]);
    },

    async filterHistory(questionId) {
      patch({ questionFilter: questionId });
      await reload();
    },

    askToDelete(attemptId) {
      patch({ confirmingDelete: attemptId });
    },

    cancelDelete() {
      patch({ confirmingDelete: null });
    },

    async confirmDelete() {
      const attemptId = get().history.confirmingDelete;
      if (!attemptId) return;
      try {
        await api.deleteAttempt({ attemptId });
        patch({
          confirmingDelete: null,
          attempts: get().history.attempts.filter((a) => a.id !== attemptId),
        });
      } catch (error) {
        patch({
          confirmingDelete: null,
          error: `The attempt could not be deleted: ${messageOf(error)}`,
        });
      }
    },
  };
};
