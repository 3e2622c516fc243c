/**
 * The preload: exposes `window.api`, derived from the IPC contract and nothing else. Each method
 * invokes its channel and unwraps the main side's envelope; failures reject with an Error whose
 * message carries the code (`[rehearse:<code>] message`, see shared/ipc/errors.ts) because
 * contextBridge drops custom Error properties.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  ipcChannel,
  ipcEventChannel,
  type IpcErrorPayload,
  type IpcEventName,
  type IpcEvents,
  type IpcMethod,
  type IpcRequest,
  type IpcResponse,
  type RendererApi,
} from '../../shared/ipc/contract.ts';
import { bridgeMessage } from '../../shared/ipc/errors.ts';

type Envelope<M extends IpcMethod> =
  { ok: true; value: IpcResponse<M> } | { ok: false; error: IpcErrorPayload };

function call<M extends IpcMethod>(method: M): (request: IpcRequest<M>) => Promise<IpcResponse<M>> {
  return async (request) => {
    const result = (await ipcRenderer.invoke(ipcChannel(method), request)) as Envelope<M>;
    if (result.ok) return result.value;
    throw new Error(bridgeMessage(result.error));
  };
}

export const api = {
  startAttempt: call('startAttempt'),
  appendAudio: call('appendAudio'),
  stopAttempt: call('stopAttempt'),
  analyzeAttempt: call('analyzeAttempt'),
  listAttempts: call('listAttempts'),
  getAttempt: call('getAttempt'),
  getAttemptAudio: call('getAttemptAudio'),
  deleteAttempt: call('deleteAttempt'),
  listStories: call('listStories'),
  saveStory: call('saveStory'),
  deleteStory: call('deleteStory'),
  getSettings: call('getSettings'),
  setSettings: call('setSettings'),
  getEngineStatus: call('getEngineStatus'),
  reloadModel: call('reloadModel'),
  reportError: call('reportError'),
  openLogsFolder: call('openLogsFolder'),
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
    const channel = ipcEventChannel(event);
    const forward = (_event: IpcRendererEvent, payload: IpcEvents[E]): void => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
} satisfies RendererApi;

contextBridge.exposeInMainWorld('api', api);
