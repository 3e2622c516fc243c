/**
 * The one typed IPC contract between the renderer and the main side.
 *
 * Every method here is a request/response call (`ipcRenderer.invoke` / `ipcMain.handle` in the app,
 * HTTP POST in the loopback dev/test adapter). Events flow main → renderer. The preload's API and
 * the renderer's `lib/api.ts` are derived from these types; nothing else declares them.
 */
import type { AnswerReport, FindingCode } from '../analysis/types.ts';
import type { QuestionKind } from '../questions/bank.ts';
import type { StoryKind } from '../stories/kinds.ts';
import type { Story } from '../stories/types.ts';
import type { Transcript } from '../transcript/types.ts';

/** The speech models Rehearse can run. */
export const MODEL_IDS = ['whisper-base', 'whisper-tiny'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export function isModelId(value: unknown): value is ModelId {
  return typeof value === 'string' && (MODEL_IDS as readonly string[]).includes(value);
}

/** How each model is named to the user. */
export const MODEL_NAMES: Readonly<Record<ModelId, string>> = {
  'whisper-base': 'Whisper base',
  'whisper-tiny': 'Whisper tiny',
};

/** Capture rates a browser AudioContext can have (8 kHz .. 192 kHz). */
export const MIN_SAMPLE_RATE = 8_000;
export const MAX_SAMPLE_RATE = 192_000;
/** One appendAudio chunk may carry at most 10 s of audio at the highest rate. */
export const MAX_APPEND_SAMPLES = MAX_SAMPLE_RATE * 10;
/** The longest answer Rehearse records (30 min): the recording stops there. */
export const MAX_RECORDING_SEC = 30 * 60;
/** The Record screen warns this long before the limit. */
export const RECORDING_LIMIT_WARNING_SEC = 2 * 60;

export interface QuestionRef {
  id: string;
  /** For a custom question: the text the user typed. */
  prompt: string;
  kind: QuestionKind;
  custom: boolean;
}

export interface StartAttemptRequest {
  question: QuestionRef;
  /** Sample rate of the PCM the renderer will append (the AudioContext's rate). */
  sampleRate: number;
  /** The story this answer tells, when the user picked one. */
  storyId?: string;
}
export interface StartAttemptResponse {
  attemptId: string;
}

export interface AppendAudioRequest {
  attemptId: string;
  /** Mono Float32 PCM at the attempt's sample rate, in [-1, 1]. */
  pcm: Float32Array;
  /**
   * Wall-clock seconds since capture began, read where the audio is captured when the chunk's last
   * sample arrived. The recorder compares it with the audio received to find audio the capture
   * never delivered (a starved audio thread).
   */
  clockSec?: number;
}

export interface StopAttemptRequest {
  attemptId: string;
  /** Why recording ended: the user stopped, or the device went away / permission was lost. */
  reason: 'user' | 'device-lost' | 'error' | 'limit';
}

export type AttemptStatus = 'recording' | 'interrupted' | 'processing' | 'ready' | 'failed';

export interface AttemptSummary {
  id: string;
  question: QuestionRef;
  /** ISO 8601 */
  createdAt: string;
  durationSec: number;
  status: AttemptStatus;
  model: ModelId | null;
  /** Overall score when analysed. */
  score: number | null;
  wordCount: number | null;
  error: string | null;
  /**
   * How the recording ended: the user stopped, the microphone went away, an error, the length
   * limit, or a crash.
   */
  stopReason?: StopReason | null;
  /** The story the answer tells (null when none was picked, or the story was deleted). */
  storyId?: string | null;
  /** Audio the capture never delivered, when the recording was measured (see CaptureReport). */
  capture?: CaptureReport | null;
  /** The analysis's latest stage and progress (the last `attemptProgress` event's). */
  progress?: AttemptStageProgress | null;
}

/** Where an attempt's saving and analysis is. */
export type AttemptStageProgress = Omit<AttemptProgress, 'attemptId'>;

/** A stretch of the answer the computer failed to capture: where it is missing and how long. */
export interface CaptureGap {
  /** Position in the saved recording where the audio is missing. */
  atSec: number;
  lostSec: number;
}

/** What a live recording received against the wall clock. */
export interface CaptureReport {
  /** Wall-clock length of the capture. */
  clockSec: number;
  /** Audio received and saved. */
  receivedSec: number;
  /** Audio the capture never delivered (the sum of the gaps). */
  lostSec: number;
  gaps: CaptureGap[];
}

export type StopReason = StopAttemptRequest['reason'] | 'crash';

export interface AttemptDetail extends AttemptSummary {
  transcript: Transcript | null;
  report: AnswerReport | null;
}

export interface ListAttemptsRequest {
  questionId?: string;
}

/** Which analysed attempts' figures: all, those at one question, or those telling one story. */
export interface ProgressRequest {
  questionId?: string;
  storyId?: string;
}

export interface AttemptIdRequest {
  attemptId: string;
}

export interface AudioResponse {
  /**
   * Where the page loads the recording (a WAV, served with byte ranges):
   * app://rehearse/recordings/<id>.wav in the app, /api/recordings/<id>.wav?token= on the loopback.
   */
  url: string;
}

export type { Story, StoryKind };

/** Creates a story (no id) or replaces one (with its id). */
export interface SaveStoryRequest {
  id?: string;
  title: string;
  kinds: StoryKind[];
  draft: string;
}

export interface StoryIdRequest {
  storyId: string;
}

export interface Settings {
  model: ModelId;
  /** Folder with Whisper models (transformers.js layout); null = bundled models, then the cache. */
  modelsDir: string | null;
  /** Preferred microphone (MediaDeviceInfo.deviceId), null = system default. */
  microphoneId: string | null;
}

export type EngineState = 'idle' | 'downloading' | 'loading' | 'ready' | 'error';

export interface EngineStatus {
  state: EngineState;
  model: ModelId;
  /** While downloading: bytes so far and total (total 0 when unknown). */
  download?: { loadedBytes: number; totalBytes: number };
  /** When state is 'error': what happened and what to do. */
  error?: { code: string; message: string };
}

export type AttemptStage = 'saving' | 'transcribing' | 'analyzing' | 'ready' | 'failed';

export interface AttemptProgress {
  attemptId: string;
  stage: AttemptStage;
  /** 0..1 when known. */
  fraction?: number;
  message?: string;
}

/** One analysed attempt's figures, for History, Home, the comparison and Progress. */
export interface ProgressPoint {
  attemptId: string;
  question: QuestionRef;
  /** ISO 8601 */
  createdAt: string;
  /** 1 for the first attempt at this question (every attempt counts, analysed or not). */
  attemptNumber: number;
  /** The story the answer tells, when one was picked. */
  storyId: string | null;
  model: ModelId | null;
  /** 0..100, whole. */
  score: number;
  dimensions: { id: string; label: string; score: number }[];
  fillersPerMinute: number;
  wordsPerMinute: number;
  /** First word to last word, seconds. */
  spokenSec: number;
  words: number;
  findings: FindingCode[];
}

/** What an attempt can be exported as. */
export const EXPORT_FORMATS = ['markdown', 'pdf', 'txt', 'srt', 'vtt', 'json', 'wav'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportAttemptRequest {
  attemptId: string;
  format: ExportFormat;
}

/** A file for the user to save. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  data: Uint8Array;
}

export interface ImportArchiveRequest {
  /** A file made by `exportArchive`. */
  data: Uint8Array;
}

export interface ImportArchiveResponse {
  imported: number;
  /** Attempts already in the history (same id), left as they are. */
  skipped: number;
}

/** Where this installation keeps things, as really in use. */
export interface DataLocations {
  dataDir: string;
  /** The folder the chosen model is loaded from (or would be looked for first). */
  modelsDir: string;
  /** Why that folder: the setting, REHEARSE_MODELS_DIR, the bundled models, the download cache. */
  modelsOrigin: string;
  /** Whether the chosen model is complete there. */
  modelFound: boolean;
}

/** The longest message, and stack, of a renderer error report (the renderer cuts them to this). */
export const MAX_ERROR_REPORT_CHARS = 8_000;

/** An error in the renderer (uncaught, or a rejected promise nobody handled), for the log file. */
export interface RendererErrorReport {
  message: string;
  stack?: string;
  /** What the renderer was doing, e.g. "unhandled rejection". */
  where?: string;
}

export interface LogsFolderResponse {
  /** Where the log files are. */
  folder: string;
  /** Whether the folder was opened in the file manager (the app can; a browser page cannot). */
  opened: boolean;
}

/** A request/response method: what the renderer may ask the main side. */
export interface IpcContract {
  startAttempt(request: StartAttemptRequest): StartAttemptResponse;
  appendAudio(request: AppendAudioRequest): void;
  stopAttempt(request: StopAttemptRequest): AttemptSummary;
  /** Analyse an interrupted recording found after a crash (or retry a failed one). */
  analyzeAttempt(request: AttemptIdRequest): AttemptSummary;
  listAttempts(request: ListAttemptsRequest): AttemptSummary[];
  getAttempt(request: AttemptIdRequest): AttemptDetail;
  getAttemptAudio(request: AttemptIdRequest): AudioResponse;
  deleteAttempt(request: AttemptIdRequest): void;
  listStories(request: Record<string, never>): Story[];
  saveStory(request: SaveStoryRequest): Story;
  /** Deletes a story; its attempts stay, no longer linked to it. */
  deleteStory(request: StoryIdRequest): void;
  getSettings(request: Record<string, never>): Settings;
  setSettings(request: Partial<Settings>): Settings;
  getEngineStatus(request: Record<string, never>): EngineStatus;
  /** Loads the chosen model again (after an error); answers the status, then `engineStatus` events. */
  reloadModel(request: Record<string, never>): EngineStatus;
  /** Figures of every analysed attempt (optionally at one question or of one story), oldest first. */
  getProgress(request: ProgressRequest): ProgressPoint[];
  exportAttempt(request: ExportAttemptRequest): ExportedFile;
  /** Every attempt (recordings, transcripts, reports) as one archive. */
  exportArchive(request: Record<string, never>): ExportedFile;
  importArchive(request: ImportArchiveRequest): ImportArchiveResponse;
  /** Deletes every attempt that is not being recorded or analysed. */
  deleteAllAttempts(request: Record<string, never>): { deleted: number };
  getDataLocations(request: Record<string, never>): DataLocations;
  /** The app's folder picker (null when cancelled); refused ('unsupported') outside the app. */
  chooseFolder(request: { title: string }): { folder: string | null };
  /** Writes a renderer error to the log file. */
  reportError(request: RendererErrorReport): void;
  /** Opens the logs folder in the file manager where possible; answers where it is. */
  openLogsFolder(request: Record<string, never>): LogsFolderResponse;
}

export type IpcMethod = keyof IpcContract;
export type IpcRequest<M extends IpcMethod> = Parameters<IpcContract[M]>[0];
export type IpcResponse<M extends IpcMethod> = ReturnType<IpcContract[M]>;

/** Events the main side pushes to the renderer. */
export interface IpcEvents {
  attemptProgress: AttemptProgress;
  engineStatus: EngineStatus;
}
export type IpcEventName = keyof IpcEvents;

/** Channel names on the wire, derived from the method names so they cannot drift. */
export const ipcChannel = (method: IpcMethod): string => `rehearse:${method}`;
export const ipcEventChannel = (event: IpcEventName): string => `rehearse-event:${event}`;

/** Every method, for wiring handlers and checking that all are implemented. */
export const IPC_METHODS = [
  'startAttempt',
  'appendAudio',
  'stopAttempt',
  'analyzeAttempt',
  'listAttempts',
  'getAttempt',
  'getAttemptAudio',
  'deleteAttempt',
  'listStories',
  'saveStory',
  'deleteStory',
  'getSettings',
  'setSettings',
  'getEngineStatus',
  'reloadModel',
  'getProgress',
  'exportAttempt',
  'exportArchive',
  'importArchive',
  'deleteAllAttempts',
  'getDataLocations',
  'chooseFolder',
  'reportError',
  'openLogsFolder',
] as const satisfies readonly IpcMethod[];

/** An error that crosses the IPC boundary: a stable code and a message for the user. */
export interface IpcErrorPayload {
  code: string;
  message: string;
}

/** The API the preload exposes as `window.api` (and the loopback adapter mirrors). */
export type RendererApi = {
  [M in IpcMethod]: (request: IpcRequest<M>) => Promise<IpcResponse<M>>;
} & {
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
};
