/**
 * The renderer's Content-Security-Policy, sent as a header by the app:// protocol and by the
 * loopback adapter (the page also carries it in a meta tag; both must allow what the page needs).
 * - `media-src 'self' blob:` plays recordings by URL from the page's own origin (app:// or the
 *   loopback's /api/recordings) and blob: URLs the player may make; `worker-src`/`script-src 'self'`
 *   cover the AudioWorklet module shipped with the page.
 * - `connect-src 'self'` lets the loopback client reach /api on its own origin.
 * - `app://rehearse` in media-src and connect-src: under `npm run dev` the page comes from the
 *   Vite dev server, and recordings still play from app://rehearse/recordings/.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: app://rehearse",
  "worker-src 'self' blob:",
  "connect-src 'self' app://rehearse",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
