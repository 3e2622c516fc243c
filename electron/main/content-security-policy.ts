/**
 * The renderer's Content-Security-Policy, sent as a header by the app:// protocol and by the
 * loopback adapter (the page also carries it in a meta tag; both must allow what the page needs).
 * - `media-src 'self' blob:` plays recordings by URL from the page's own origin (app:// or the
 *   loopback's /api/recordings) and blob: URLs the player may make; `worker-src`/`script-src 'self'`
 *   cover the AudioWorklet module shipped with the page.
 * - `connect-src 'self'` lets the loopback client reach /api on its own origin.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
