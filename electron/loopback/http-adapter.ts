/**
 * The loopback HTTP adapter of the IPC contract, for running the renderer in a plain browser
 * (development, Playwright) against the same main-side services the app uses:
 *
 * - `POST /api/<method>` with header `x-rehearse-token`, body `encodeWire(request)` →
 *   200 `encodeWire(response)` (`null` for void) or an error status with
 *   `{ "error": { "code", "message" } }`: 400 bad payload, 403 bad token, 404 unknown method or
 *   attempt, 409 wrong state, 500 anything else.
 * - `GET /api/recordings/<id>.wav?token=` → a finished recording (WAV), with byte ranges.
 * - `GET /api/events?token=` → Server-Sent Events (`event: <name>`, `data: encodeWire(payload)`).
 * - `GET /print/<attemptId>?token=` → the attempt's printable report (the app's PDF, as a page the
 *   browser can print).
 * - Anything else under GET: the built renderer, with the app's CSP (incl. `connect-src 'self'`).
 *
 * It listens on 127.0.0.1 only, checks the Host header (no DNS rebinding), and every /api call
 * needs the per-run token.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { IpcErrorPayload } from '../../shared/ipc/contract.ts';
import { decodeWire, encodeWire } from '../../shared/ipc/wire.ts';
import { RENDERER_CSP } from '../main/content-security-policy.ts';
import { readRendererFile } from '../main/renderer-files.ts';
import { RECORDING_PATH, recordingResponse } from '../main/recording-file.ts';
import { dispatch, isIpcMethod, toErrorPayload } from '../main/services/dispatch.ts';
import type { EventHub } from '../main/services/event-hub.ts';
import type { ContractHandlers } from '../main/services/index.ts';

export const TOKEN_HEADER = 'x-rehearse-token';
/** appendAudio carries at most 10 s at 192 kHz: ~10 MB of base64. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** importArchive carries a whole backup (recordings included), as base64. */
const MAX_IMPORT_BODY_BYTES = 400 * 1024 * 1024;
/** The printable page: inline styles only, nothing else. */
const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'";
const HEARTBEAT_MS = 15_000;

export interface LoopbackAdapterOptions {
  handlers: ContractHandlers;
  /** A finished recording's file for GET /api/recordings/<id>.wav (or an ApiError why not). */
  recordingFile?: (attemptId: string) => string;
  events: EventHub;
  token: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The printable report of an attempt (throws ApiError not-found / conflict). */
  printable?: (attemptId: string) => string;
}

const STATUS_BY_CODE: Record<string, number> = {
  'bad-request': 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function createLoopbackAdapter(options: LoopbackAdapterOptions): Server {
  const expectedToken = Buffer.from(options.token);
  const tokenMatches = (candidate: string | null | undefined): boolean => {
    if (typeof candidate !== 'string') return false;
    const given = Buffer.from(candidate);
    return given.length === expectedToken.length && timingSafeEqual(given, expectedToken);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const payload =
        error instanceof HttpError
          ? { code: error.code, message: error.message }
          : toErrorPayload('request', error);
      sendError(response, error instanceof HttpError ? error.status : 500, payload);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const port = (server.address() as { port: number } | null)?.port;
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      throw new HttpError(
        403,
        'forbidden',
        `Unexpected Host header "${host}": the adapter only answers on 127.0.0.1.`,
      );
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (url.pathname === '/api/events') {
      if (request.method !== 'GET')
        throw new HttpError(405, 'bad-request', 'Use GET for /api/events.');
      if (!tokenMatches(url.searchParams.get('token')))
        throw new HttpError(403, 'forbidden', 'Missing or wrong token.');
      streamEvents(request, response);
      return;
    }
    const print = /^\/print\/([0-9a-f-]{36})$/u.exec(url.pathname);
    if (print && options.printable) {
      if (!tokenMatches(url.searchParams.get('token')))
        throw new HttpError(403, 'forbidden', 'Missing or wrong token.');
      let html: string;
      try {
        html = options.printable(print[1]!);
      } catch (error) {
        const payload = toErrorPayload('print', error);
        throw new HttpError(STATUS_BY_CODE[payload.code] ?? 500, payload.code, payload.message);
      }
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(html),
        'content-security-policy': PRINT_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      response.end(html);
      return;
    }
    const recording = url.pathname.startsWith('/api/')
      ? RECORDING_PATH.exec(url.pathname.slice('/api'.length))
      : null;
    if (recording && options.recordingFile) {
      if (request.method !== 'GET' && request.method !== 'HEAD')
        throw new HttpError(405, 'bad-request', 'Use GET for recordings.');
      // A media element cannot send headers: the token comes in the query.
      if (!tokenMatches(url.searchParams.get('token')))
        throw new HttpError(403, 'forbidden', 'Missing or wrong token.');
      let served: ReturnType<typeof recordingResponse>;
      try {
        served = recordingResponse(
          options.recordingFile(recording[1]!),
          request.headers.range,
          request.method === 'HEAD',
        );
      } catch (error) {
        const payload = toErrorPayload('recording', error);
        throw new HttpError(STATUS_BY_CODE[payload.code] ?? 500, payload.code, payload.message);
      }
      response.writeHead(served.status, served.headers);
      if (served.body) served.body.pipe(response);
      else response.end();
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length);
      if (request.method !== 'POST')
        throw new HttpError(405, 'bad-request', `Use POST for /api/${method}.`);
      const header = request.headers[TOKEN_HEADER];
      if (!tokenMatches(Array.isArray(header) ? header[0] : header))
        throw new HttpError(403, 'forbidden', 'Missing or wrong token.');
      if (!isIpcMethod(method))
        throw new HttpError(404, 'not-found', `There is no API method "${method}".`);
      let body: unknown;
      try {
        const text = await readBody(
          request,
          method === 'importArchive' ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES,
        );
        body = text.length === 0 ? undefined : decodeWire(text);
      } catch (error) {
        if (error instanceof HttpError) throw error;
        throw new HttpError(
          400,
          'bad-request',
          `The ${method} request body is not valid wire JSON: ${(error as Error).message}`,
        );
      }
      const result = await dispatch(options.handlers, method, body);
      if (result.ok) {
        send(response, 200, 'application/json; charset=utf-8', encodeWire(result.value ?? null));
      } else {
        sendError(response, STATUS_BY_CODE[result.error.code] ?? 500, result.error);
      }
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      throw new HttpError(405, 'bad-request', 'Only GET serves the app.');
    let file = await readRendererFile(options.rendererDir, url.pathname);
    // Client-side routes (no file extension) get the app's page.
    if (!file && !/\.[a-z0-9]+$/i.test(url.pathname))
      file = await readRendererFile(options.rendererDir, '/index.html');
    if (!file)
      throw new HttpError(
        404,
        'not-found',
        `No file ${url.pathname} in the built renderer (${options.rendererDir}).`,
      );
    response.writeHead(200, {
      'content-type': file.contentType,
      'content-length': file.body.length,
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  function streamEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    response.write(': connected\n\n');
    const unsubscribe = options.events.subscribe((event, payload) => {
      response.write(`event: ${event}\ndata: ${encodeWire(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  return server;
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size > limit) return; // already refused; drain the rest
      size += chunk.length;
      if (size > limit) {
        reject(
          new HttpError(
            413,
            'bad-request',
            `The request body is larger than ${limit} bytes; send smaller audio chunks.`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, error: IpcErrorPayload): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  send(response, status, 'application/json; charset=utf-8', JSON.stringify({ error }));
}
