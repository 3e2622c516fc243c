/**
 * An in-memory `RendererApi` for renderer unit tests: attempts live in a Map, every call is logged,
 * events are emitted by the test. Analysis completes only when the test calls `finishAnalysis`.
 */
import type {
  AttemptDetail,
  AttemptSummary,
  EngineStatus,
  IpcEventName,
  IpcEvents,
  RendererApi,
  Settings,
  Story,
} from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../shared/ipc/errors.ts';
import { progressPoint } from '../../../shared/report/progress.ts';
import { sampleReport } from './sample-report.ts';

export interface FakeApi extends RendererApi {
  calls: { method: string; request: unknown }[];
  attempts: Map<
    string,
    AttemptDetail & { samples: number; sampleRate: number; stopReason?: string }
  >;
  emit<E extends IpcEventName>(event: E, payload: IpcEvents[E]): void;
  finishAnalysis(attemptId: string): void;
  /** Make the next call of `method` reject with this error (called again: the call after, too). */
  failNext(method: string, error: Error): void;
  stories: Map<string, Story>;
}

export function createFakeApi(): FakeApi {
  const calls: FakeApi['calls'] = [];
  const attempts: FakeApi['attempts'] = new Map();
  const listeners = new Map<IpcEventName, Set<(payload: never) => void>>();
  /** Per method, the failures its next calls throw, in order. */
  const failures = new Map<string, Error[]>();
  const stories = new Map<string, Story>();
  let settings: Settings = { model: 'whisper-base', modelsDir: null, microphoneId: null };
  let engineStatus: EngineStatus = { state: 'ready', model: 'whisper-base' };
  let nextId = 1;

  const summary = (detail: AttemptDetail): AttemptSummary => {
    const { transcript: _t, report: _r, ...rest } = detail;
    return { ...rest };
  };
  const find = (attemptId: string) => {
    const attempt = attempts.get(attemptId);
    if (!attempt) throw new ApiError('not-found', `No attempt ${attemptId}.`);
    return attempt;
  };
  async function handle<T>(method: string, request: unknown, run: () => T): Promise<T> {
    calls.push({ method, request });
    await Promise.resolve();
    const failure = failures.get(method)?.shift();
    if (failure) throw failure;
    return run();
  }

  return {
    calls,
    attempts,
    stories,
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload as never);
    },
    finishAnalysis(attemptId) {
      const attempt = find(attemptId);
      const report = sampleReport();
      Object.assign(attempt, {
        status: 'ready',
        report,
        score: report.score.overall,
        wordCount: report.words.length,
      });
    },
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    startAttempt: (request) =>
      handle('startAttempt', request, () => {
        const id = `a${nextId++}`;
        attempts.set(id, {
          id,
          question: request.question,
          createdAt: new Date(Date.UTC(2026, 10, 25, 12, nextId)).toISOString(),
          durationSec: 0,
          status: 'recording',
          model: 'whisper-base',
          score: null,
          wordCount: null,
          error: null,
          transcript: null,
          report: null,
          samples: 0,
          sampleRate: request.sampleRate,
          storyId: request.storyId ?? null,
        });
        return { attemptId: id };
      }),
    appendAudio: (request) =>
      handle('appendAudio', request, () => {
        const attempt = find(request.attemptId);
        if (attempt.status !== 'recording') throw new ApiError('conflict', 'Not recording.');
        attempt.samples += request.pcm.length;
        return undefined;
      }),
    stopAttempt: (request) =>
      handle('stopAttempt', request, () => {
        const attempt = find(request.attemptId);
        Object.assign(attempt, {
          status: 'processing',
          durationSec: attempt.samples / attempt.sampleRate,
          stopReason: request.reason,
        });
        return summary(attempt);
      }),
    analyzeAttempt: (request) =>
      handle('analyzeAttempt', request, () => {
        const attempt = find(request.attemptId);
        attempt.status = 'processing';
        return summary(attempt);
      }),
    listAttempts: (request) =>
      handle('listAttempts', request, () =>
        [...attempts.values()]
          .filter((a) => !request.questionId || a.question.id === request.questionId)
          .map(summary),
      ),
    getAttempt: (request) =>
      handle('getAttempt', request, () => {
        const {
          samples: _s,
          sampleRate: _r,
          stopReason: _why,
          ...detail
        } = find(request.attemptId);
        return detail;
      }),
    getAttemptAudio: (request) =>
      handle(
        'getAttemptAudio',
        request,
        () => (find(request.attemptId), { url: `/api/recordings/${request.attemptId}.wav` }),
      ),
    deleteAttempt: (request) =>
      handle('deleteAttempt', request, () => {
        find(request.attemptId);
        attempts.delete(request.attemptId);
        return undefined;
      }),
    listStories: (request) => handle('listStories', request, () => [...stories.values()]),
    saveStory: (request) =>
      handle('saveStory', request, () => {
        const time = new Date(Date.UTC(2026, 10, 1, 0, 0, nextId)).toISOString();
        const before = request.id === undefined ? undefined : stories.get(request.id);
        if (request.id !== undefined && !before) {
          throw new ApiError('not-found', `No story ${request.id}.`);
        }
        const id = request.id ?? `00000000-0000-4000-8000-${String(nextId++).padStart(12, '0')}`;
        const story: Story = {
          id,
          title: request.title,
          kinds: [...request.kinds],
          draft: request.draft,
          createdAt: before?.createdAt ?? time,
          updatedAt: time,
        };
        stories.set(id, story);
        return story;
      }),
    deleteStory: (request) =>
      handle('deleteStory', request, () => {
        if (!stories.delete(request.storyId)) {
          throw new ApiError('not-found', `No story ${request.storyId}.`);
        }
        return undefined;
      }),
    getSettings: (request) => handle('getSettings', request, () => settings),
    setSettings: (request) =>
      handle('setSettings', request, () => (settings = { ...settings, ...request })),
    getEngineStatus: (request) => handle('getEngineStatus', request, () => engineStatus),
    reloadModel: (request) =>
      handle(
        'reloadModel',
        request,
        () => (engineStatus = { state: 'loading', model: settings.model }),
      ),
    getProgress: (request) =>
      handle('getProgress', request, () => {
        const all = [...attempts.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        return all
          .map((a, i) => ({
            a,
            n: all.slice(0, i + 1).filter((b) => b.question.id === a.question.id).length,
          }))
          .filter(
            ({ a }) =>
              a.report &&
              (!request.questionId || a.question.id === request.questionId) &&
              (!request.storyId || a.storyId === request.storyId),
          )
          .map(({ a, n }) => progressPoint(summary(a), a.report!, n));
      }),
    exportAttempt: (request) =>
      handle('exportAttempt', request, () => {
        find(request.attemptId);
        return {
          fileName: `attempt.${request.format}`,
          mimeType: 'text/plain',
          data: new TextEncoder().encode(request.format),
        };
      }),
    exportArchive: (request) =>
      handle('exportArchive', request, () => ({
        fileName: 'rehearse-backup.zip',
        mimeType: 'application/zip',
        data: new Uint8Array([80, 75, 5, 6]),
      })),
    importArchive: (request) =>
      handle('importArchive', request, () => ({ imported: 0, skipped: 0 })),
    deleteAllAttempts: (request) =>
      handle('deleteAllAttempts', request, () => {
        const deleted = attempts.size;
        attempts.clear();
        return { deleted };
      }),
    chooseFolder: (request) => handle('chooseFolder', request, () => ({ folder: '/chosen' })),
    getDataLocations: (request) =>
      handle('getDataLocations', request, () => ({
        dataDir: '/data',
        modelsDir: '/models',
        modelsOrigin: 'REHEARSE_MODELS_DIR',
        modelFound: true,
      })),
    reportError: (request) => handle('reportError', request, () => undefined),
    openLogsFolder: (request) =>
      handle('openLogsFolder', request, () => ({ folder: '/data/logs', opened: true })),
  };
}
