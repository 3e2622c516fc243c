/**
 * The main-side services behind the IPC contract, Electron-free: the app's IPC handlers
 * (electron/main/ipc.ts) and the loopback HTTP adapter (electron/loopback/server.ts) wire the SAME
 * object. Creating it opens the history, recovers interrupted recordings and starts loading the
 * chosen model.
 */
import { mkdirSync } from 'node:fs';
import type { IpcMethod, IpcRequest, IpcResponse, Settings } from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../shared/ipc/errors.ts';
import { AttemptStore } from './attempt-store.ts';
import { AttemptService, type AnalyzeAnswer } from './attempts.ts';
import type { AttemptEngine } from './engine-port.ts';
import { EngineStatusTracker } from './engine-status.ts';
import { EventHub } from './event-hub.ts';
import { ExportService } from './export.ts';
import { candidateRoots, hasModel } from '../../engine/models.ts';
import { recoverAttempts, type RecoveryReport } from './recovery.ts';
import { checkSettingsChange, SettingsStore } from './settings-store.ts';
import { StoryStore } from './story-store.ts';
import type { WavWriterOptions } from './wav-writer.ts';
import type { Logger } from '../logging.ts';
import { speechHintsFor } from '../../../shared/vocabulary/hints.ts';

/** One handler per contract method; the transports validate requests before calling them. */
export type ContractHandlers = {
  [M in IpcMethod]: (request: IpcRequest<M>) => IpcResponse<M> | Promise<IpcResponse<M>>;
};

export interface RehearseServicesOptions {
  /** The data folder: history.sqlite, attempts/, settings.json. Created if missing. */
  dataDir: string;
  engine: AttemptEngine;
  analyze: AnalyzeAnswer;
  /** Load the chosen model right away (default true). */
  loadModelOnStart?: boolean;
  wav?: WavWriterOptions;
  /** Renders the printable report as PDF (the app's printToPDF); without it PDF export is refused. */
  printToPdf?: (html: string) => Promise<Uint8Array>;
  /** The app's folder picker (Electron's dialog); without it `chooseFolder` is refused. */
  chooseFolder?: (title: string) => Promise<string | null>;
  /** Where the engine downloads models to, and the bundled models (as the engine host is told). */
  models?: { cacheDir?: string | null; bundledDir?: string | null };
  /** The log file: renderer errors go to it, and openLogsFolder answers its folder. */
  logger?: Pick<Logger, 'folder' | 'write'>;
  /** Opens a folder in the file manager (the app's shell); without it the folder is only named. */
  openFolder?: (folder: string) => Promise<void>;
  /** The longest recording in seconds (default MAX_RECORDING_SEC); tests make it short. */
  maxRecordingSec?: number;
  /** The clock (tests move it). */
  now?: () => Date;
  /** The URL a recording is played from (default: the app's app:// URL). */
  recordingUrl?: (attemptId: string) => string;
}

export interface RehearseServices {
  handlers: ContractHandlers;
  events: EventHub;
  attempts: AttemptService;
  exports: ExportService;
  engineStatus: EngineStatusTracker;
  settings: SettingsStore;
  recovered: RecoveryReport;
  /** What the user should be told about the data folder at start (a rebuilt history, …). */
  notices: string[];
  /**
   * Completes open recordings, waits for running analyses (at most `analysisTimeoutMs`; one cut
   * short is marked failed on next start), closes the database.
   */
  close(options?: { analysisTimeoutMs?: number }): Promise<void>;
}

export function createRehearseServices(options: RehearseServicesOptions): RehearseServices {
  mkdirSync(options.dataDir, { recursive: true });
  const events = new EventHub();
  const settings = new SettingsStore(options.dataDir);
  if (settings.warning) console.warn(`Rehearse: ${settings.warning}`);
  const store = new AttemptStore(options.dataDir);
  const stories = new StoryStore(store.database, options.dataDir);
  const recovered = recoverAttempts(store);
  const notices = store.notice ? [store.notice] : [];
  for (const notice of notices) console.warn(`Rehearse: ${notice}`);
  const engineStatus = new EngineStatusTracker(options.engine, events, settings.get().model);
  const attempts = new AttemptService({
    store,
    engine: options.engine,
    analyze: options.analyze,
    events,
    currentModel: () => settings.get().model,
    storyKinds: (storyId) => stories.get(storyId)?.kinds,
    // The question, the story draft (when one was picked) and the role's vocabulary.
    hintsFor: (attempt) =>
      speechHintsFor(attempt.question, attempt.storyId ? stories.get(attempt.storyId) : null),
    ...(options.wav ? { wav: options.wav } : {}),
    ...(options.maxRecordingSec ? { maxRecordingSec: options.maxRecordingSec } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.recordingUrl ? { recordingUrl: options.recordingUrl } : {}),
  });
  const exports = new ExportService({
    store,
    stories,
    attempts,
    ...(options.printToPdf ? { printToPdf: options.printToPdf } : {}),
    // The same search the engine does: the setting, REHEARSE_MODELS_DIR, bundled, the cache.
    locateModels: async () => {
      const { model, modelsDir } = settings.get();
      const roots = candidateRoots({ modelsDir, ...options.models });
      for (const { root, origin } of roots) {
        if (await hasModel(root, model))
          return { modelsDir: root, modelsOrigin: origin, modelFound: true };
      }
      const first = roots[0]!;
      return { modelsDir: first.root, modelsOrigin: first.origin, modelFound: false };
    },
  });
  const stopFollowingEngine = options.engine.onEvent?.((event) => {
    if (event.type === 'stream') attempts.onStreamProgress(event.streamId, event.settledSec);
    else engineStatus.follow(event);
  });
  const loadModel = (s: Settings): void => void engineStatus.load(s.model, s.modelsDir);
  if (options.loadModelOnStart ?? true) loadModel(settings.get());
  let settingsChanges: Promise<unknown> = Promise.resolve();

  const handlers: ContractHandlers = {
    startAttempt: (request) => {
      if (request.storyId !== undefined && !stories.get(request.storyId)) {
        throw new ApiError(
          'not-found',
          'The story picked for this answer no longer exists; pick another story or none.',
        );
      }
      return attempts.startAttempt(request);
    },
    appendAudio: (request) => attempts.appendAudio(request),
    stopAttempt: (request) => attempts.stopAttempt(request),
    analyzeAttempt: (request) => attempts.analyzeAttempt(request),
    listAttempts: (request) => attempts.listAttempts(request),
    getAttempt: (request) => attempts.getAttempt(request),
    getAttemptAudio: (request) => attempts.getAttemptAudio(request),
    deleteAttempt: (request) => attempts.deleteAttempt(request),
    listStories: () => stories.list(),
    saveStory: (request) => stories.save(request),
    deleteStory: (request) => stories.delete(request.storyId),
    getSettings: () => settings.get(),
    // A models folder that does not exist or lacks the model is refused before anything is saved.
    // Changes run one at a time, so each is checked against the settings it will be merged into.
    setSettings: (patch) => {
      const change = settingsChanges.then(async () => {
        const before = settings.get();
        const after = settings.set(await checkSettingsChange(before, patch));
        if (after.model !== before.model || after.modelsDir !== before.modelsDir) loadModel(after);
        return after;
      });
      settingsChanges = change.catch(() => undefined);
      return change;
    },
    getEngineStatus: () => engineStatus.status,
    reloadModel: () => {
      loadModel(settings.get());
      return engineStatus.status;
    },
    getProgress: (request) => exports.getProgress(request),
    exportAttempt: (request) => exports.exportAttempt(request),
    exportArchive: () => exports.exportArchive(),
    importArchive: (request) => exports.importArchive(request.data),
    deleteAllAttempts: () => exports.deleteAll(),
    getDataLocations: () => exports.dataLocations(),
    chooseFolder: async ({ title }) => {
      if (!options.chooseFolder)
        throw new ApiError(
          'unsupported',
          'Browsing for a folder needs the Rehearse app; type the folder path instead.',
        );
      return { folder: await options.chooseFolder(title) };
    },
    reportError: ({ message, stack, where }) => {
      const text = `${where ? `${where}: ` : ''}${message}${stack ? `\n${stack}` : ''}`;
      if (options.logger) options.logger.write('renderer', 'error', text);
      else console.error(`Rehearse renderer: ${text}`);
    },
    openLogsFolder: async () => {
      const { logger, openFolder } = options;
      if (!logger) throw new ApiError('unavailable', 'This Rehearse keeps no log file.');
      if (openFolder) await openFolder(logger.folder);
      return { folder: logger.folder, opened: openFolder !== undefined };
    },
  };

  return {
    handlers,
    events,
    attempts,
    exports,
    engineStatus,
    settings,
    recovered,
    notices,
    async close({ analysisTimeoutMs }: { analysisTimeoutMs?: number } = {}) {
      stopFollowingEngine?.();
      attempts.closeAllRecordings();
      let timer: NodeJS.Timeout | undefined;
      const timeout =
        analysisTimeoutMs === undefined
          ? null
          : new Promise<void>((done) => (timer = setTimeout(done, analysisTimeoutMs)));
      await (timeout ? Promise.race([attempts.whenIdle(), timeout]) : attempts.whenIdle());
      clearTimeout(timer);
      store.close();
    },
  };
}
