import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_METHODS, ipcChannel, ipcEventChannel } from '../../shared/ipc/contract.ts';
import { makeDataDir } from './helpers/data-dir.ts';
import { PIPELINE_QUESTION, startServices, type ServicesUnderTest } from './helpers/services.ts';

vi.mock('electron', () => import('../mocks/electron.ts'));
const electron = await import('../mocks/electron.ts');
const { registerIpcHandlers, forwardEvents } = await import('../../electron/main/ipc.ts');
const { createTrustedUrlCheck } = await import('../../electron/main/trusted-origin.ts');

const PAGE = 'app://rehearse/index.html';
let data: ReturnType<typeof makeDataDir>;
let t: ServicesUnderTest;
let unregister: () => void;

beforeEach(() => {
  data = makeDataDir();
  t = startServices(data.dir);
  unregister = registerIpcHandlers(
    electron.ipcMain as never,
    t.services.handlers,
    createTrustedUrlCheck(PAGE),
  );
});
afterEach(async () => {
  unregister();
  await t.services.close();
  data.remove();
});

describe('IPC handlers', () => {
  it('registers one handler per contract method and removes them all', () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(
      IPC_METHODS.map(ipcChannel).sort(),
    );
    unregister();
    expect(electron.ipcMain.handlers.size).toBe(0);
    unregister = registerIpcHandlers(
      electron.ipcMain as never,
      t.services.handlers,
      createTrustedUrlCheck(PAGE),
    );
  });

  it('answers our page with an ok envelope', async () => {
    expect(
      await electron.ipcMain.invokeFrom(
        'app://rehearse/index.html#/history',
        ipcChannel('listAttempts'),
        {},
      ),
    ).toEqual({ ok: true, value: [] });
    const started = (await electron.ipcMain.invokeFrom(PAGE, ipcChannel('startAttempt'), {
      question: PIPELINE_QUESTION,
      sampleRate: 48_000,
    })) as {
      ok: true;
      value: { attemptId: string };
    };
    expect(started.ok).toBe(true);
    expect(
      await electron.ipcMain.invokeFrom(PAGE, ipcChannel('appendAudio'), {
        attemptId: started.value.attemptId,
        pcm: new Float32Array(480),
      }),
    ).toEqual({ ok: true, value: null });
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['a file page', 'file:///tmp/index.html'],
    ['a look-alike host', 'app://rehearse.evil/index.html'],
    ['a dev server on another port', 'http://localhost:5174/'],
    ['no frame (navigated away or destroyed)', null],
  ])('refuses %s without calling the service', async (_label, url) => {
    const list = vi.spyOn(t.services.handlers, 'listAttempts');
    expect(await electron.ipcMain.invokeFrom(url, ipcChannel('listAttempts'), {})).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'listAttempts is only available to the Rehearse window.',
      },
    });
    expect(list).not.toHaveBeenCalled();
  });

  it('refuses bad payloads with a bad-request envelope', async () => {
    expect(
      await electron.ipcMain.invokeFrom(PAGE, ipcChannel('deleteAttempt'), {
        attemptId: '../../..',
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'bad-request',
        message: 'Bad deleteAttempt request: attemptId: attemptId must be an attempt id (a UUID).',
      },
    });
    expect(
      await electron.ipcMain.invokeFrom(PAGE, ipcChannel('setSettings'), 'whisper-tiny'),
    ).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('forwards service events to the window until it is destroyed', () => {
    const contents = new electron.WebContentsMock();
    forwardEvents(t.services.events, contents as never);
    t.services.events.emit('attemptProgress', { attemptId: 'a', stage: 'saving' });
    contents.emit('destroyed');
    t.services.events.emit('attemptProgress', { attemptId: 'a', stage: 'ready' });
    expect(contents.sent).toEqual([
      { channel: ipcEventChannel('attemptProgress'), payload: { attemptId: 'a', stage: 'saving' } },
    ]);
  });
});

describe('trusted origins', () => {
  it('trusts the dev server origin only, in development', () => {
    const trusted = createTrustedUrlCheck('http://localhost:5173/');
    expect(trusted('http://localhost:5173/#/record')).toBe(true);
    expect(trusted('http://127.0.0.1:5173/')).toBe(false);
    expect(trusted('not a url')).toBe(false);
    expect(trusted(undefined)).toBe(false);
    expect(() => createTrustedUrlCheck('about:blank')).toThrow(/has no origin/);
  });
});
