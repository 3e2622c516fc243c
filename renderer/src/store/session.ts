import type { AttemptSummary, EngineStatus, QuestionRef } from '../../../shared/ipc/contract.ts';
import {
  customQuestion,
  isQuestionKind,
  QUESTION_BANK,
  QUESTION_KINDS,
  type Question,
  type QuestionKind,
} from '../../../shared/questions/bank.ts';
import { messageOf, type SliceCreator } from './types.ts';

export type Screen =
  | { name: 'home' }
  | { name: 'record' }
  | { name: 'review'; attemptId: string }
  | { name: 'history' }
  | { name: 'settings' }
  | { name: 'progress' }
  | { name: 'stories' }
  | { name: 'panel' };

export interface SessionState {
  screen: Screen;
  /** The question the next answer is for. */
  question: Question;
  /** The story the next answer tells, when the user picked one. */
  storyId: string | null;
  engine: EngineStatus | null;
  /** Recordings cut short by a crash, offered for analysis on Home. */
  interrupted: AttemptSummary[];
  /** A problem talking to the main side, shown as a banner. */
  error: string | null;
}

export interface SessionSlice {
  session: SessionState;
  /** Subscribes to main-side events and loads what Home shows. Returns the unsubscribe. */
  initialize(): () => void;
  chooseQuestion(questionId: string): void;
  chooseCustomQuestion(prompt: string): void;
  /**
   * Changes the kind of the chosen custom question (its kind is guessed from its words; the user
   * knows better). The analysis judges the answer as this kind.
   */
  setCustomQuestionKind(kind: QuestionKind): void;
  goHome(): void;
  analyzeInterrupted(attemptId: string): Promise<void>;
  dismissError(): void;
}

export function questionRef(question: Question): QuestionRef {
  return {
    id: question.id,
    prompt: question.prompt,
    kind: question.kind,
    custom: question.custom === true,
  };
}

/** A question as stored with an attempt, back to a bank question (with what the interviewer listens for). */
export function questionFromRef(ref: QuestionRef): Question {
  const fromBank = QUESTION_BANK.find((q) => q.id === ref.id);
  if (fromBank && !ref.custom) return fromBank;
  return { ...customQuestion(ref.prompt, ref.kind), id: ref.id };
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get, { api }) => ({
  session: {
    screen: { name: 'home' },
    question: QUESTION_BANK[0]!,
    storyId: null,
    engine: null,
    interrupted: [],
    error: null,
  },

  initialize() {
    const setSession = (patch: Partial<SessionState>) =>
      set((s) => ({ session: { ...s.session, ...patch } }));
    const unsubscribers = [
      api.on('engineStatus', (engine) => setSession({ engine })),
      api.on('attemptProgress', (progress) => get().receiveProgress(progress)),
    ];
    api.getEngineStatus({}).then(
      (engine) => setSession({ engine }),
      (error: unknown) => setSession({ error: messageOf(error) }),
    );
    api.listAttempts({}).then(
      (attempts) => setSession({ interrupted: attempts.filter((a) => a.status === 'interrupted') }),
      (error: unknown) => setSession({ error: messageOf(error) }),
    );
    get().loadMicrophoneSetting();
    void get().loadProgress();
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  },

  chooseQuestion(questionId) {
    const question = QUESTION_BANK.find((q) => q.id === questionId);
    if (!question) throw new Error(`There is no question "${questionId}" in the bank.`);
    set((s) => ({ session: { ...s.session, question, storyId: null } }));
  },

  chooseCustomQuestion(prompt) {
    const question = customQuestion(prompt);
    set((s) => ({ session: { ...s.session, question, storyId: null } }));
  },

  setCustomQuestionKind(kind) {
    const { question } = get().session;
    if (!question.custom) throw new Error('Only your own question can change its kind.');
    if (!isQuestionKind(kind))
      throw new Error(
        `Unknown kind "${String(kind)}"; expected one of ${QUESTION_KINDS.join(', ')}.`,
      );
    set((s) => ({ session: { ...s.session, question: { ...question, kind } } }));
  },

  goHome() {
    get().leaveRecording();
    get().cancelPanel();
    set((s) => ({ session: { ...s.session, screen: { name: 'home' } } }));
    void get().loadProgress();
    api.listAttempts({}).then(
      (attempts) =>
        set((s) => ({
          session: {
            ...s.session,
            interrupted: attempts.filter((a) => a.status === 'interrupted'),
          },
        })),
      (error: unknown) => set((s) => ({ session: { ...s.session, error: messageOf(error) } })),
    );
  },

  async analyzeInterrupted(attemptId) {
    try {
      await api.analyzeAttempt({ attemptId });
      set((s) => ({
        session: {
          ...s.session,
          interrupted: s.session.interrupted.filter((a) => a.id !== attemptId),
        },
      }));
      await get().openReview(attemptId);
    } catch (error) {
      set((s) => ({ session: { ...s.session, error: messageOf(error) } }));
    }
  },

  dismissError() {
    set((s) => ({ session: { ...s.session, error: null } }));
  },
});
