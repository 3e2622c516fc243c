import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeDataDir } from './helpers/data-dir.ts';

vi.mock('electron', () => import('../mocks/electron.ts'));
const electron = await import('../mocks/electron.ts');
const { hardenSession, hardenWebContents } = await import('../../electron/main/security.ts');
const { APP_PAGE_URL, registerAppScheme, serveRenderer } =
  await import('../../electron/main/app-protocol.ts');
const { createTrustedUrlCheck } = await import('../../electron/main/trusted-origin.ts');
const { ApiError } = await import('../../shared/ipc/errors.ts');
const { RENDERER_CSP } = await import('../../electron/main/content-security-policy.ts');
const { rendererFilePath } = await import('../../electron/main/renderer-files.ts');
const { fitToDisplays, readWindowState, writeWindowState, DEFAULT_WINDOW_STATE } =
  await import('../../electron/main/window-state.ts');
const { appMenuTemplate } = await import('../../electron/main/menu.ts');

const trusted = createTrustedUrlCheck(APP_PAGE_URL);
let data: ReturnType<typeof makeDataDir>;
beforeEach(() => (data = makeDataDir()));
afterEach(() => data.remove());

describe('web contents hardening', () => {
  const contents = new electron.WebContentsMock();
  hardenWebContents(contents as never, trusted);
  const navigate = (event: string, url: string) => {
    const preventDefault = vi.fn();
    contents.emit(event, { url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };

  it('denies every new window', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: APP_PAGE_URL })).toEqual({ action: 'deny' });
  });

  it('blocks navigation and redirects away from our page, and webviews', () => {
    expect(navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'app://rehearse/index.html#/history')).toBe(false);
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });
});

describe('permissions', () => {
  const session = new electron.SessionMock();
  hardenSession(session as never, trusted);
  const request = (permission: string, details: object) =>
    new Promise<boolean>((resolve) =>
      session.permissionRequestHandler?.({}, permission, resolve, details),
    );

  it('grants the microphone to our page only', async () => {
    expect(await request('media', { requestingUrl: APP_PAGE_URL, mediaTypes: ['audio'] })).toBe(
      true,
    );
    expect(
      await request('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] }),
    ).toBe(false);
  });

  it('refuses the camera and every other permission, even to our page', async () => {
    expect(
      await request('media', { requestingUrl: APP_PAGE_URL, mediaTypes: ['audio', 'video'] }),
    ).toBe(false);
    for (const permission of [
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'display-capture',
    ]) {
      expect(await request(permission, { requestingUrl: APP_PAGE_URL })).toBe(false);
    }
  });

  it('answers permission checks the same way, and refuses devices', () => {
    expect(
      session.permissionCheckHandler?.({}, 'media', 'app://rehearse', { mediaType: 'audio' }),
    ).toBe(true);
    expect(
      session.permissionCheckHandler?.({}, 'media', 'app://rehearse', { mediaType: 'video' }),
    ).toBe(false);
    expect(
      session.permissionCheckHandler?.({}, 'media', 'https://evil.example', { mediaType: 'audio' }),
    ).toBe(false);
    expect(session.permissionCheckHandler?.({}, 'hid', 'app://rehearse', {})).toBe(false);
    expect(session.devicePermissionHandler?.({})).toBe(false);
  });
});

describe('the app:// protocol', () => {
  it('registers a standard secure scheme and serves the renderer with the CSP', async () => {
    const protocol = new electron.ProtocolMock();
    registerAppScheme(protocol as never);
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const root = join(data.dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<title>Rehearse</title>');
    writeFileSync(join(root, 'assets', 'pcm-capture.worklet-abc.js'), 'registerProcessor()');
    writeFileSync(join(data.dir, 'secret.txt'), 'no');
    serveRenderer(protocol as never, root);

    const page = await protocol.fetch(APP_PAGE_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(await page.text()).toBe('<title>Rehearse</title>');
    expect(
      (await protocol.fetch('app://rehearse/assets/pcm-capture.worklet-abc.js')).headers.get(
        'content-type',
      ),
    ).toBe('text/javascript; charset=utf-8');
    expect((await protocol.fetch('app://rehearse/../secret.txt')).status).toBe(404);
    expect((await protocol.fetch('app://other/index.html')).status).toBe(404);
  });

  it('serves finished recordings by URL, with byte ranges, and says why it cannot', async () => {
    const protocol = new electron.ProtocolMock();
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const wav = join(data.dir, 'recording.wav');
    writeFileSync(wav, Buffer.from('RIFF....WAVEfmt 0123456789'));
    serveRenderer(protocol as never, join(data.dir, 'renderer'), (attemptId) => {
      if (attemptId === id) return wav;
      throw new ApiError('conflict', 'This attempt is still recording.');
    });
    const whole = await protocol.fetch(`app://rehearse/recordings/${id}.wav`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(await whole.text()).toBe('RIFF....WAVEfmt 0123456789');
    const part = await protocol.fetch(`app://rehearse/recordings/${id}.wav`, {
      headers: { range: 'bytes=-4' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 22-25/26');
    expect(await part.text()).toBe('6789');
    const live = await protocol.fetch(
      'app://rehearse/recordings/11111111-2222-3333-4444-555555555555.wav',
    );
    expect(live.status).toBe(409);
    expect(await live.text()).toBe('This attempt is still recording.');
  });

  it('keeps URL paths inside the renderer folder', () => {
    expect(rendererFilePath('/r', '/')).toBe('/r/index.html');
    expect(rendererFilePath('/r', '/assets/a.js?v=1')).toBe('/r/assets/a.js');
    expect(rendererFilePath('/r', '/..%2f..%2fetc/passwd')).toBe('/r/etc/passwd');
    expect(rendererFilePath('/r', '/%E0%A4%A')).toBeNull();
    expect(rendererFilePath('/r', '/a%00.js')).toBeNull();
  });

  it('has a CSP that allows blob playback and our own worklet, and no remote code', () => {
    expect(RENDERER_CSP).toContain("media-src 'self' blob:");
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

  it('round-trips through the JSON file and ignores a broken one', () => {
    const path = join(data.dir, 'window-state.json');
    expect(readWindowState(path)).toBeNull();
    writeWindowState(path, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(readWindowState(path)).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: true,
    });
    writeFileSync(path, '{"width":"wide"}');
    expect(readWindowState(path)).toBeNull();
  });

  it('restores a position still on screen and centres one on a display that is gone', () => {
    expect(
      fitToDisplays({ x: 100, y: 50, width: 1000, height: 700, maximized: false }, screen),
    ).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: false });
    expect(
      fitToDisplays({ x: 2500, y: 50, width: 1000, height: 700, maximized: false }, screen),
    ).toEqual({ width: 1000, height: 700, maximized: false });
    expect(fitToDisplays(null, screen)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('shrinks a window larger than the display, but not below the minimum size', () => {
    expect(fitToDisplays({ width: 4000, height: 3000, maximized: false }, screen)).toEqual({
      width: 1920,
      height: 1040,
      maximized: false,
    });
    expect(fitToDisplays({ width: 100, height: 100, maximized: false }, screen)).toEqual({
      width: 760,
      height: 560,
      maximized: false,
    });
  });
});

describe('the app menu', () => {
  it('offers the data and logs folders, and developer tools only in development', () => {
    const openDataFolder = vi.fn();
    const openLogsFolder = vi.fn();
    const folders = { openDataFolder, openLogsFolder };
    const labels = (isDev: boolean) =>
      JSON.stringify(appMenuTemplate({ isMac: false, isDev, ...folders }));
    expect(labels(false)).not.toContain('toggleDevTools');
    expect(labels(true)).toContain('toggleDevTools');
    const file = appMenuTemplate({ isMac: false, isDev: false, ...folders })[0]!;
    const item = (label: string) =>
      (file.submenu as { label?: string; click?: () => void }[]).find((i) => i.label === label);
    item('Open Data Folder')?.click?.();
    expect(openDataFolder).toHaveBeenCalledOnce();
    item('Open Logs Folder')?.click?.();
    expect(openLogsFolder).toHaveBeenCalledOnce();
    expect(appMenuTemplate({ isMac: true, isDev: false, ...folders })[0]!.label).toBe('Rehearse');
  });
});
