/**
 * The story inventory and the routine built on it: stories with drafts, the story × question
 * matrix, the week-before plan, and mock panels (answered back to back, then one report).
 */
import { analyzeAnswer } from '../../../shared/analysis/analyze.ts';
import type { AnswerReport } from '../../../shared/analysis/types.ts';
import type { AttemptSummary, QuestionRef, Story } from '../../../shared/ipc/contract.ts';
import { QUESTION_BANK, type Question } from '../../../shared/questions/bank.ts';
import { storyFitsQuestion, type StoryKind } from '../../../shared/stories/kinds.ts';
import { buildMatrix, type StoryMatrix } from '../../../shared/stories/matrix.ts';
import {
  buildPanelReport,
  PANEL_SIZE,
  pickPanel,
  type PanelReport,
} from '../../../shared/stories/panel.ts';
import type { RoutineAttempt } from '../../../shared/stories/types.ts';
import { questionFromRef, questionRef } from './session.ts';
import { messageOf, type SliceCreator } from './types.ts';

export interface StoryEditor {
  /** Absent for a new story. */
  id?: string;
  title: string;
  kinds: StoryKind[];
  draft: string;
}

export type RoutineView = 'inventory' | 'matrix' | 'plan';

/** An analysed telling of a story (what the review compares across tellings). */
export interface Telling {
  attemptId: string;
  questionId: string;
  createdAt: string;
  words: AnswerReport['words'];
}

export interface StoriesState {
  list: Story[];
  /** Every attempt (for the matrix). */
  attempts: AttemptSummary[];
  loading: boolean;
  error: string | null;
  view: RoutineView;
  editor: StoryEditor | null;
  saving: boolean;
  confirmingDelete: string | null;
  /** The onsite date (YYYY-MM-DD) the week plan counts down to. */
  onsiteDate: string | null;
  /** Analysed tellings per story, oldest first, loaded for the review. */
  tellings: Record<string, Telling[]>;
}

export type PanelPhase = 'setup' | 'answering' | 'waiting' | 'report';

export interface PanelState {
  phase: PanelPhase;
  size: number;
  openWithPipeline: boolean;
  questions: QuestionRef[];
  /** Attempts recorded so far, one per answered question. */
  attemptIds: string[];
  report: PanelReport | null;
  /** What went wrong while recording an answer (audio that could not be kept), per answer. */
  notices: string[];
  /** Milliseconds the report took to build after the last answer was analysed. */
  reportMs: number | null;
  error: string | null;
}

export interface StoriesSlice {
  stories: StoriesState;
  panel: PanelState;
  openStories(view?: RoutineView): Promise<void>;
  /** Loads the stories and attempts without leaving the screen (the review needs the draft). */
  loadStories(): Promise<void>;
  /** Loads every analysed telling of a story (for drift and repeated openings). */
  loadTellings(storyId: string): Promise<void>;
  showRoutineView(view: RoutineView): void;
  editStory(storyId: string | null): void;
  updateEditor(changes: Partial<StoryEditor>): void;
  closeEditor(): void;
  saveEditor(): Promise<void>;
  askToDeleteStory(storyId: string): void;
  cancelDeleteStory(): void;
  confirmDeleteStory(): Promise<void>;
  setOnsiteDate(date: string | null): void;
  /** Record an answer telling this story to this question. */
  practiceCell(storyId: string, questionId: string): Promise<void>;
  /** Clears the story picked for the next answer. */
  clearStory(): void;
  openPanel(): void;
  /** Abandons a panel in progress (the answers already recorded stay in History). */
  cancelPanel(): void;
  configurePanel(changes: Partial<Pick<PanelState, 'size' | 'openWithPipeline'>>): void;
  startPanel(seed?: number): Promise<void>;
  /** Called by the recording slice when a panel answer was saved; false when no panel runs. */
  panelAnswerSaved(attemptId: string, notice: string | null): Promise<boolean>;
}

const ONSITE_KEY = 'rehearse.onsiteDate';
/** While a panel's answers are analysed, how often to look at them. */
export const PANEL_POLL_MS = 1000;

function readOnsiteDate(): string | null {
  try {
    const value = globalThis.localStorage?.getItem(ONSITE_KEY) ?? null;
    return value && /^\d{4}-\d{2}-\d{2}$/u.test(value) ? value : null;
  } catch {
    return null;
  }
}

function writeOnsiteDate(value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(ONSITE_KEY);
    else globalThis.localStorage?.setItem(ONSITE_KEY, value);
  } catch {
    // Storage may be unavailable (private mode); the date then lasts for this session.
  }
}

/** A bank question a story of these kinds answers, for analysing its draft on paper. */
export function draftQuestion(kinds: readonly StoryKind[]): Question {
  return (
    QUESTION_BANK.find((question) => kinds.length > 0 && storyFitsQuestion(kinds, question.kind)) ??
    QUESTION_BANK.find((question) => question.kind === 'general') ??
    QUESTION_BANK[0]!
  );
}

/** The draft analysed as a text answer, the same scorer as a spoken one. */
export function analyzeDraft(draft: string, question: Question): AnswerReport | null {
  if (draft.trim().length === 0) return null;
  return analyzeAnswer({ text: draft, words: [] }, question);
}

/** The questions of the matrix: the bank plus custom questions that were answered. */
export function matrixQuestions(attempts: readonly AttemptSummary[]): Question[] {
  const custom = new Map<string, Question>();
  for (const attempt of attempts) {
    if (attempt.question.custom) custom.set(attempt.question.id, questionFromRef(attempt.question));
  }
  return [...QUESTION_BANK, ...custom.values()];
}

export function routineAttempts(attempts: readonly AttemptSummary[]): RoutineAttempt[] {
  return attempts.map((attempt) => {
    const routine: RoutineAttempt = {
      attemptId: attempt.id,
      questionId: attempt.question.id,
      createdAt: attempt.createdAt,
    };
    if (attempt.storyId) routine.storyId = attempt.storyId;
    if (attempt.score !== null) routine.score = attempt.score;
    return routine;
  });
}

export function storyMatrix(state: StoriesState): StoryMatrix {
  return buildMatrix(state.list, matrixQuestions(state.attempts), routineAttempts(state.attempts));
}

const initialPanel: PanelState = {
  phase: 'setup',
  size: PANEL_SIZE.default,
  openWithPipeline: true,
  questions: [],
  attemptIds: [],
  report: null,
  notices: [],
  reportMs: null,
  error: null,
};

export const createStoriesSlice: SliceCreator<StoriesSlice> = (set, get, { api, now }) => {
  const patch = (changes: Partial<StoriesState>) =>
    set((s) => ({ stories: { ...s.stories, ...changes } }));
  const patchPanel = (changes: Partial<PanelState>) =>
    set((s) => ({ panel: { ...s.panel, ...changes } }));
  let panelTimer: ReturnType<typeof setTimeout> | null = null;

  async function reload(): Promise<void> {
    patch({ loading: true, error: null });
    try {
      const [list, attempts] = await Promise.all([api.listStories({}), api.listAttempts({})]);
      patch({ list, attempts, loading: false });
    } catch (error) {
      patch({ loading: false, error: messageOf(error) });
    }
  }

  async function buildReport(): Promise<void> {
    const { attemptIds, questions } = get().panel;
    try {
      const details = await Promise.all(
        attemptIds.map((attemptId) => api.getAttempt({ attemptId })),
      );
      if (details.some((detail) => detail.status === 'processing')) {
        panelTimer = setTimeout(() => void buildReport(), PANEL_POLL_MS);
        return;
      }
      const started = now();
      const stories = await api.listStories({});
      const answers = details.flatMap((detail, index) => {
        const ref = questions[index];
        if (!detail.report || !ref) return [];
        return [
          {
            question: questionFromRef(ref),
            report: detail.report,
            ...(detail.storyId ? { storyId: detail.storyId } : {}),
          },
        ];
      });
      const report = buildPanelReport(
        answers,
        stories,
        (story) =>
          analyzeAnswer({ text: story.draft, words: [] }, draftQuestion(story.kinds)).words,
      );
      const failed = details.length - answers.length;
      patchPanel({
        phase: 'report',
        report,
        reportMs: now() - started,
        error:
          failed > 0
            ? `${failed} answer${failed === 1 ? '' : 's'} could not be analysed; see History to retry.`
            : null,
      });
      patch({ list: stories });
    } catch (error) {
      patchPanel({ phase: 'report', error: messageOf(error) });
    }
  }

  return {
    stories: {
      list: [],
      attempts: [],
      loading: false,
      error: null,
      view: 'inventory',
      editor: null,
      saving: false,
      confirmingDelete: null,
      onsiteDate: readOnsiteDate(),
      tellings: {},
    },
    panel: initialPanel,

    async openStories(view) {
      get().cancelPanel();
      set((s) => ({ session: { ...s.session, screen: { name: 'stories' } } }));
      if (view) patch({ view });
      await reload();
    },

    async loadStories() {
      await reload();
    },

    async loadTellings(storyId) {
      try {
        const summaries = (await api.listAttempts({})).filter(
          (attempt) => attempt.storyId === storyId && attempt.status === 'ready',
        );
        const details = await Promise.all(
          summaries.map((attempt) => api.getAttempt({ attemptId: attempt.id })),
        );
        const tellings = details
          .filter((detail) => detail.report !== null)
          .map((detail) => ({
            attemptId: detail.id,
            questionId: detail.question.id,
            createdAt: detail.createdAt,
            words: detail.report?.words ?? [],
          }))
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        patch({ tellings: { ...get().stories.tellings, [storyId]: tellings } });
      } catch (error) {
        patch({ error: messageOf(error) });
      }
    },

    showRoutineView(view) {
      patch({ view });
    },

    editStory(storyId) {
      if (storyId === null) {
        patch({ editor: { title: '', kinds: [], draft: '' } });
        return;
      }
      const story = get().stories.list.find((item) => item.id === storyId);
      if (story) {
        patch({
          editor: { id: story.id, title: story.title, kinds: [...story.kinds], draft: story.draft },
        });
      }
    },

    updateEditor(changes) {
      const editor = get().stories.editor;
      if (editor) patch({ editor: { ...editor, ...changes } });
    },

    closeEditor() {
      patch({ editor: null, error: null });
    },

    async saveEditor() {
      const editor = get().stories.editor;
      if (!editor || get().stories.saving) return;
      patch({ saving: true, error: null });
      try {
        const saved = await api.saveStory(editor);
        const list = get().stories.list;
        const exists = list.some((story) => story.id === saved.id);
        patch({
          saving: false,
          list: exists
            ? list.map((story) => (story.id === saved.id ? saved : story))
            : [...list, saved],
          editor: { id: saved.id, title: saved.title, kinds: saved.kinds, draft: saved.draft },
        });
      } catch (error) {
        // The editor keeps what the user typed: nothing is lost when saving fails.
        patch({ saving: false, error: messageOf(error) });
      }
    },

    askToDeleteStory(storyId) {
      patch({ confirmingDelete: storyId });
    },

    cancelDeleteStory() {
      patch({ confirmingDelete: null });
    },

    async confirmDeleteStory() {
      const storyId = get().stories.confirmingDelete;
      if (!storyId) return;
      try {
        await api.deleteStory({ storyId });
        const editor = get().stories.editor;
        patch({
          confirmingDelete: null,
          list: get().stories.list.filter((story) => story.id !== storyId),
          editor: editor?.id === storyId ? null : editor,
        });
        if (get().session.storyId === storyId) get().clearStory();
      } catch (error) {
        patch({ confirmingDelete: null, error: messageOf(error) });
      }
    },

    setOnsiteDate(date) {
      writeOnsiteDate(date);
      patch({ onsiteDate: date });
    },

    async practiceCell(storyId, questionId) {
      const question = matrixQuestions(get().stories.attempts).find((q) => q.id === questionId);
      if (!question) return;
      set((s) => ({ session: { ...s.session, question, storyId } }));
      await get().prepareRecording();
    },

    clearStory() {
      set((s) => ({ session: { ...s.session, storyId: null } }));
    },

    openPanel() {
      if (panelTimer !== null) clearTimeout(panelTimer);
      panelTimer = null;
      set((s) => ({
        session: { ...s.session, screen: { name: 'panel' } },
        panel: { ...initialPanel, size: s.panel.size, openWithPipeline: s.panel.openWithPipeline },
      }));
    },

    cancelPanel() {
      if (panelTimer !== null) clearTimeout(panelTimer);
      panelTimer = null;
      if (get().panel.phase !== 'setup') patchPanel({ ...initialPanel, size: get().panel.size });
    },

    configurePanel(changes) {
      patchPanel(changes);
    },

    async startPanel(seed = Date.now()) {
      const { size, openWithPipeline } = get().panel;
      await reload();
      const matrix = storyMatrix(get().stories);
      const coveredIds = new Set(
        matrix.questions.filter((column) => column.covered).map((column) => column.questionId),
      );
      let questions: Question[];
      try {
        questions = pickPanel(QUESTION_BANK, { size, seed, coveredIds, openWithPipeline });
      } catch (error) {
        patchPanel({ error: messageOf(error) });
        return;
      }
      patchPanel({
        phase: 'answering',
        questions: questions.map(questionRef),
        attemptIds: [],
        report: null,
        notices: [],
        reportMs: null,
        error: null,
      });
      set((s) => ({ session: { ...s.session, question: questions[0]!, storyId: null } }));
      await get().prepareRecording();
    },

    async panelAnswerSaved(attemptId, notice) {
      const panel = get().panel;
      const expected = panel.questions[panel.attemptIds.length];
      if (panel.phase !== 'answering' || expected?.id !== get().session.question.id) return false;
      const attemptIds = [...panel.attemptIds, attemptId];
      patchPanel({
        attemptIds,
        notices: notice
          ? [...panel.notices, `Answer ${attemptIds.length}: ${notice}`]
          : panel.notices,
      });
      const next = panel.questions[attemptIds.length];
      if (next) {
        set((s) => ({ session: { ...s.session, question: questionFromRef(next) } }));
        await get().prepareRecording();
        return true;
      }
      patchPanel({ phase: 'waiting' });
      set((s) => ({ session: { ...s.session, screen: { name: 'panel' } } }));
      await buildReport();
      return true;
    },
  };
};
