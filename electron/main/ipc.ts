/**
 * The typed IPC wrapper: the only main-side file that touches `ipcMain`. Every method of the
 * contract is registered on its channel; each call checks that it comes from our page (sender
 * frame URL), validates the payload with zod and answers with an envelope
 * `{ ok: true, value } | { ok: false, error: { code, message } }` that the preload unwraps.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_METHODS, ipcChannel, ipcEventChannel } from '../../shared/ipc/contract.ts';
import { dispatch, type DispatchResult } from './services/dispatch.ts';
import type { EventHub } from './services/event-hub.ts';
import type { ContractHandlers } from './services/index.ts';
import type { TrustedUrlCheck } from './trusted-origin.ts';

export function registerIpcHandlers(
  ipcMain: IpcMain,
  handlers: ContractHandlers,
  isTrustedUrl: TrustedUrlCheck,
): () => void {
  for (const method of IPC_METHODS) {
    ipcMain.handle(
      ipcChannel(method),
      async (event: IpcMainInvokeEvent, request: unknown): Promise<DispatchResult> => {
        const url = event.senderFrame?.url;
        if (!isTrustedUrl(url)) {
          console.warn(
            `Rehearse: refused ${method} from an untrusted page (${url ?? 'no frame'}).`,
          );
          return {
            ok: false,
            error: {
              code: 'forbidden',
              message: `${method} is only available to the Rehearse window.`,
            },
          };
        }
        return dispatch(handlers, method, request);
      },
    );
  }
  return () => {
    for (const method of IPC_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}

/** Pushes every service event to `webContents` while it lives. Returns the unsubscribe. */
export function forwardEvents(events: EventHub, webContents: WebContents): () => void {
  const unsubscribe = events.subscribe((event, payload) => {
    if (!webContents.isDestroyed()) webContents.send(ipcEventChannel(event), payload);
  });
  webContents.once('destroyed', unsubscribe);
  return unsubscribe;
}
