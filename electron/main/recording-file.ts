/**
 * Recordings are played by URL, not shipped as bytes over IPC: `app://rehearse/recordings/<id>.wav`
 * in the app (app-protocol.ts), `/api/recordings/<id>.wav?token=` on the loopback adapter. Both
 * answer HTTP byte ranges, so the player can seek without reading the whole file. Electron-free.
 */
import { createReadStream, statSync, type ReadStream } from 'node:fs';

/** The path both transports serve a recording at (the loopback puts it under /api). */
export const RECORDING_PATH = /^\/recordings\/([0-9a-f-]{36})\.wav$/;
export const recordingPathFor = (attemptId: string): string => `/recordings/${attemptId}.wav`;

/** The app's URL for a recording (the app:// scheme of app-protocol.ts). */
export const appRecordingUrl = (attemptId: string): string =>
  `app://rehearse${recordingPathFor(attemptId)}`;

/** An inclusive byte range. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The one range a `Range: bytes=…` header asks for within `size` bytes: null for the whole file
 * (no header, or one we do not handle, such as several ranges), 'unsatisfiable' when it lies
 * outside the file.
 */
export function parseRange(
  header: string | null | undefined,
  size: number,
): ByteRange | null | 'unsatisfiable' {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

export interface RecordingResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** The bytes to send (absent for 416 and HEAD). */
  body: ReadStream | null;
}

/** The status, headers and body stream for a GET/HEAD of the recording at `path`. */
export function recordingResponse(
  path: string,
  rangeHeader: string | null | undefined,
  head = false,
): RecordingResponse {
  const size = statSync(path).size;
  const range = parseRange(rangeHeader, size);
  const common = {
    'content-type': 'audio/wav',
    'accept-ranges': 'bytes',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (range === 'unsatisfiable')
    return { status: 416, headers: { ...common, 'content-range': `bytes */${size}` }, body: null };
  const { start, end } = range ?? { start: 0, end: size - 1 };
  return {
    status: range ? 206 : 200,
    headers: {
      ...common,
      'content-length': String(Math.max(0, end - start + 1)),
      ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    },
    body: head || size === 0 ? null : createReadStream(path, { start, end }),
  };
}
