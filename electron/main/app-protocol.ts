/**
 * The packaged renderer is served from `app://rehearse/` (a standard, secure custom scheme) rather
 * than file://, so the page has a real origin for the sender checks and permission handler, and
 * every response carries the CSP header.
 */
import type { Protocol } from 'electron';
import { RENDERER_CSP } from './content-security-policy.ts';
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
      },
    },
  ]);
}

/** Answers app://rehearse/<path> from the built renderer folder. */
export function serveRenderer(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
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
