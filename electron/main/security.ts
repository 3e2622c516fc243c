/**
 * Hardening for every web contents and the session: no new windows, no navigation away from our
 * page, no <webview>, and of all permissions only the microphone, only for our page.
 */
import type { Session, WebContents } from 'electron';
import type { TrustedUrlCheck } from './trusted-origin.ts';

export function hardenWebContents(contents: WebContents, isTrustedUrl: TrustedUrlCheck): void {
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`Rehearse: blocked a new window for ${url}.`);
    return { action: 'deny' };
  });
  const blockForeign = (event: { preventDefault: () => void }, url: string): void => {
    if (!isTrustedUrl(url)) {
      event.preventDefault();
      console.warn(`Rehearse: blocked navigation to ${url}.`);
    }
  };
  contents.on('will-navigate', (event) => blockForeign(event, event.url));
  contents.on('will-redirect', (event) => blockForeign(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Grants `media` (audio only) to our page and refuses every other permission and device. */
export function hardenSession(session: Session, isTrustedUrl: TrustedUrlCheck): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const audioOnly = mediaTypes.every((type) => type === 'audio');
    callback(permission === 'media' && audioOnly && isTrustedUrl(details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    if (permission !== 'media') return false;
    if (details.mediaType !== undefined && details.mediaType !== 'audio') return false;
    return isTrustedUrl(requestingOrigin);
  });
  session.setDevicePermissionHandler(() => false);
}
