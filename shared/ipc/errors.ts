/**
 * Errors that cross the IPC boundary (Electron IPC or the loopback adapter).
 *
 * The main side throws `ApiError` with a stable `code`; the transport turns it into an
 * `IpcErrorPayload`. Electron's contextBridge keeps only an Error's message (custom properties are
 * dropped), so the preload folds the code into the message as `[rehearse:<code>] <message>` and
 * `toApiError` unfolds it again on the renderer side.
 */
import type { IpcErrorPayload } from './contract.ts';

/** Stable error codes. The renderer may branch on these; messages are for people. */
export type ApiErrorCode =
  | 'bad-request'
  | 'not-found'
  | 'conflict'
  | 'forbidden'
  | 'engine-failed'
  | 'storage-failed'
  /** The history database is locked by someone else: the same call may be retried. */
  | 'storage-busy'
  /** The recording reached MAX_RECORDING_SEC. */
  | 'limit-reached'
  /** The attempt's folder vanished mid-recording; the audio so far was saved again. */
  | 'folder-lost'
  | 'internal'
  | typeof MODELS_FOLDER_INVALID
  | typeof MODEL_NOT_IN_FOLDER;

/** A refused settings change: the models folder does not hold the models (shown by that field). */
export const MODELS_FOLDER_INVALID = 'models-folder-invalid';
/** A refused settings change: the chosen model is not in the models folder (shown by the model choice). */
export const MODEL_NOT_IN_FOLDER = 'model-not-in-folder';

export class ApiError extends Error {
  readonly code: string;
  constructor(code: ApiErrorCode | (string & {}), message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }

  toPayload(): IpcErrorPayload {
    return { code: this.code, message: this.message };
  }
}

const BRIDGE_PREFIX = /\[rehearse:([a-z0-9-]+)\] ([\s\S]*)$/;

/** The message the preload rejects with: contextBridge carries only the message across. */
export function bridgeMessage(payload: IpcErrorPayload): string {
  return `[rehearse:${payload.code}] ${payload.message}`;
}

/** Any rejection from `window.api` or the loopback client → an `ApiError` with its code. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const match = BRIDGE_PREFIX.exec(message);
  if (match) return new ApiError(match[1]!, match[2]!);
  return new ApiError('internal', message);
}

/** Whether a value looks like an `IpcErrorPayload` (used by transports when decoding). */
export function isIpcErrorPayload(value: unknown): value is IpcErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).code === 'string' &&
    typeof (value as Record<string, unknown>).message === 'string'
  );
}
