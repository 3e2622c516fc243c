import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  IPC_METHODS,
  ipcChannel,
  ipcEventChannel,
  type RendererApi,
} from '../../shared/ipc/contract.ts';
import { toApiError } from '../../shared/ipc/errors.ts';

vi.mock('electron', () => import('../mocks/electron.ts'));
const electron = await import('../mocks/electron.ts');
await import('../../electron/preload/index.ts');
const api = electron.exposed.api as RendererApi;

beforeEach(() => electron.ipcRenderer.invoke.mockReset());

describe('the preload API', () => {
  it('exposes exactly the contract methods plus on() as window.api', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledWith('api', api);
    expect(Object.keys(api).sort()).toEqual([...IPC_METHODS, 'on'].sort());
  });

  it('invokes the method channel and unwraps the value', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { attemptId: 'x' } });
    const request = {
      question: { id: 'q', prompt: 'p', kind: 'general' as const, custom: true },
      sampleRate: 48_000,
    };
    expect(await api.startAttempt(request)).toEqual({ attemptId: 'x' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(ipcChannel('startAttempt'), request);
  });

  it('rejects with the code folded into the message, which toApiError recovers', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'not-found', message: 'There is no attempt a.' },
    });
    const error = await api.getAttempt({ attemptId: 'a' }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('[rehearse:not-found] There is no attempt a.');
    expect(toApiError(error)).toMatchObject({
      code: 'not-found',
      message: 'There is no attempt a.',
    });
    // Electron prefixes errors thrown across invoke; the code survives that too.
    expect(
      toApiError(new Error("Error invoking remote method 'x': Error: [rehearse:conflict] Busy.")),
    ).toMatchObject({ code: 'conflict', message: 'Busy.' });
    expect(toApiError('boom')).toMatchObject({ code: 'internal', message: 'boom' });
  });

  it('subscribes to an event channel and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api.on('engineStatus', (status) => seen.push(status));
    electron.ipcRenderer.emit(
      ipcEventChannel('engineStatus'),
      {},
      { state: 'ready', model: 'whisper-base' },
    );
    off();
    electron.ipcRenderer.emit(
      ipcEventChannel('engineStatus'),
      {},
      { state: 'error', model: 'whisper-base' },
    );
    expect(seen).toEqual([{ state: 'ready', model: 'whisper-base' }]);
    expect(electron.ipcRenderer.listenerCount(ipcEventChannel('engineStatus'))).toBe(0);
  });
});
