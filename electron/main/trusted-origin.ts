/**
 * Which pages may talk to the main side: only our renderer, served from `app://rehearse` in
 * production or from the electron-vite dev server in development.
 */

/** `scheme://host[:port]` of a URL; Node's `URL.origin` is "null" for custom schemes like app://. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.host === '') return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export type TrustedUrlCheck = (url: string | null | undefined) => boolean;

export function createTrustedUrlCheck(trustedPageUrl: string): TrustedUrlCheck {
  const trusted = originOf(trustedPageUrl);
  if (trusted === null) throw new Error(`Cannot trust ${trustedPageUrl}: it has no origin.`);
  return (url) => typeof url === 'string' && originOf(url) === trusted;
}
