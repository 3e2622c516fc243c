import type { ExportedFile, ProgressPoint } from '../../../shared/ipc/contract.ts';
import { messageOf, type SliceCreator } from './types.ts';

export interface ProgressState {
  /** Every analysed attempt's figures, oldest first. */
  points: ProgressPoint[];
  /** Progress view: one question, or null for all. */
  questionFilter: string | null;
  loading: boolean;
  error: string | null;
}

export interface ProgressSlice {
  progress: ProgressState;
  /** Reloads the figures (Home's marks, History's changes, the Progress view). */
  loadProgress(): Promise<void>;
  openProgress(): Promise<void>;
  filterProgress(questionId: string | null): void;
  /** Every attempt as one archive file. */
  exportAllData(): Promise<ExportedFile>;
  /** Imports an archive; answers what happened, for the user. */
  importData(data: Uint8Array): Promise<string>;
  deleteAllData(): Promise<string>;
}

export const createProgressSlice: SliceCreator<ProgressSlice> = (set, get, { api }) => {
  const patch = (changes: Partial<ProgressState>) =>
    set((s) => ({ progress: { ...s.progress, ...changes } }));
  return {
    progress: { points: [], questionFilter: null, loading: false, error: null },

    async loadProgress() {
      patch({ loading: true, error: null });
      try {
        patch({ points: await api.getProgress({}), loading: false });
      } catch (error) {
        patch({ loading: false, error: messageOf(error) });
      }
    },

    async openProgress() {
      get().leaveRecording();
      set((s) => ({ session: { ...s.session, screen: { name: 'progress' } } }));
      await get().loadProgress();
    },

    filterProgress(questionId) {
      patch({ questionFilter: questionId });
    },

    async exportAllData() {
      return api.exportArchive({});
    },

    async importData(data) {
      const { imported, skipped } = await api.importArchive({ data });
      await get().loadProgress();
      return `${imported} attempt${imported === 1 ? '' : 's'} imported${skipped > 0 ? `, ${skipped} already here` : ''}.`;
    },

    async deleteAllData() {
      const { deleted } = await api.deleteAllAttempts({});
      await get().loadProgress();
      return `${deleted} attempt${deleted === 1 ? '' : 's'} deleted.`;
    },
  };
};
