/**
 * The packaged renderer is served from `app://rehearse/` (a standard, secure custom scheme) rather
 * than file://, so the page has a real origin for the sender checks and permission handler, and
 * every response carries the CSP header.
 */
import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import { toErrorPayload } from './services/dispatch.ts';
import { RENDERER_CSP } from './content-security-policy.ts';
import { RECORDING_PATH, recordingResponse } from './recording-file.ts';
import { readRendererFile } from './renderer-files.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'rehearse';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        codeCache: true,
        // Recordings are fetched from app:// by the dev server's page under `npm run dev`.
        corsEnabled: true,
      },
    },
  ]);
}

/**
 * Answers app://rehearse/<path> from the built renderer folder, and
 * app://rehearse/recordings/<id>.wav from the data folder (`recordingFile` gives its path, or
 * throws an ApiError saying why not), with byte ranges for seeking.
 */
export function serveRenderer(
  protocol: Protocol,
  rendererDir: string,
  recordingFile?: (attemptId: string) => string,
  /** The dev server's origin under `npm run dev`, allowed to fetch recordings. */
  devOrigin?: string,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const recording = url.host === APP_HOST ? RECORDING_PATH.exec(url.pathname) : null;
    if (recording && recordingFile) {
      const response = serveRecording(request, recordingFile, recording[1]!);
      if (devOrigin) response.headers.set('access-control-allow-origin', devOrigin);
      return response;
    }
    const file = url.host === APP_HOST ? await readRendererFile(rendererDir, url.pathname) : null;
    if (!file)
      return new Response(`Not found: ${url.pathname}`, {
        status: 404,
        headers: { 'content-type': 'text/plain' },
      });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.contentType,
        'content-security-policy': RENDERER_CSP,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}

function serveRecording(
  request: Request,
  recordingFile: (attemptId: string) => string,
  attemptId: string,
): Response {
  try {
    const { status, headers, body } = recordingResponse(
      recordingFile(attemptId),
      request.headers.get('range'),
      request.method === 'HEAD',
    );
    return new Response(body ? (Readable.toWeb(body) as ReadableStream<Uint8Array>) : null, {
      status,
      headers,
    });
  } catch (error) {
    const payload = toErrorPayload('recording', error);
    return new Response(payload.message, {
      status: payload.code === 'not-found' ? 404 : payload.code === 'conflict' ? 409 : 500,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
}
