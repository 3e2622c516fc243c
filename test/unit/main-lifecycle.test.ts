/**
 * electron/main/index.ts under a mocked `electron`: the app starts, opens one hardened window on
 * our page, wires every IPC method, installs the menu, and completes recordings before quitting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_METHODS, ipcChannel } from '../../shared/ipc/contract.ts';
import { FakeEngine } from '../mocks/fake-engine.ts';
import { makeDataDir } from './helpers/data-dir.ts';
import { PIPELINE_QUESTION } from './helpers/services.ts';

vi.mock('electron', () => import('../mocks/electron.ts'));
const engine = Object.assign(new FakeEngine(), {
  dispose: vi.fn(async () => undefined),
  onEvent: vi.fn(() => () => undefined),
});
vi.mock('../../electron/main/engine-host.ts', () => ({ createUtilityEngine: vi.fn(() => engine) }));

const electron = await import('../mocks/electron.ts');
const data = makeDataDir();
electron.app.userDataDir = data.dir;
delete process.env.REHEARSE_DATA_DIR; // the app's data folder is userData here

beforeAll(async () => {
  await import('../../electron/main/index.ts');
  // start() runs after whenReady resolves.
  await vi.waitFor(() => expect(electron.BrowserWindowMock.all).toHaveLength(1));
});
afterAll(() => data.remove());

const appHandler = (event: string) => {
  const call = electron.app.on.mock.calls.find(([name]) => name === event) as unknown as
    [string, (...args: unknown[]) => void] | undefined;
  if (!call) throw new Error(`No app.on('${event}') handler`);
  return call[1];
};

describe('the Electron main process', () => {
  it('opens one window with context isolation, the sandbox and no Node integration', () => {
    const window = electron.BrowserWindowMock.all[0]!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String(window.options.webPreferences?.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(window.loadedUrl).toBe('app://rehearse/index.html');
  });

  it('serves the renderer over app:// and hardens every web contents', async () => {
    expect(electron.protocol.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(electron.protocol.handlers.has('app')).toBe(true);
    expect(electron.session.defaultSession.permissionRequestHandler).not.toBeNull();
    const contents = new electron.WebContentsMock();
    appHandler('web-contents-created')({}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({
      action: 'deny',
    });
  });

  it('wires every contract method to IPC, for our page only', async () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(
      IPC_METHODS.map(ipcChannel).sort(),
    );
    expect(
      await electron.ipcMain.invokeFrom('app://rehearse/index.html', ipcChannel('getSettings'), {}),
    ).toEqual({
      ok: true,
      value: { model: 'whisper-base', modelsDir: null, microphoneId: null },
    });
    expect(
      await electron.ipcMain.invokeFrom('https://evil.example/', ipcChannel('getSettings'), {}),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(engine.loads).toEqual([{ model: 'whisper-base', modelsDir: null }]);
  });

  it('installs the app menu', () => {
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
  });

  it('remembers the window bounds and completes open recordings on quit', async () => {
    const started = (await electron.ipcMain.invokeFrom(
      'app://rehearse/index.html',
      ipcChannel('startAttempt'),
      { question: PIPELINE_QUESTION, sampleRate: 16_000 },
    )) as {
      value: { attemptId: string };
    };
    await electron.ipcMain.invokeFrom('app://rehearse/index.html', ipcChannel('appendAudio'), {
      attemptId: started.value.attemptId,
      pcm: new Float32Array(1_600),
    });

    const window = electron.BrowserWindowMock.all[0]!;
    window.bounds = { x: 40, y: 30, width: 1000, height: 700 };
    window.emit('close');
    expect(existsSync(join(data.dir, 'window-state.json'))).toBe(true);

    const preventDefault = vi.fn();
    appHandler('before-quit')({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    expect(engine.dispose).toHaveBeenCalled();
    const wav = readFileSync(join(data.dir, 'attempts', started.value.attemptId, 'recording.wav'));
    expect(wav.readUInt32LE(40)).toBe(3_200); // header complete: 1,600 samples
    expect(JSON.parse(readFileSync(join(data.dir, 'window-state.json'), 'utf8'))).toEqual({
      x: 40,
      y: 30,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });
});
