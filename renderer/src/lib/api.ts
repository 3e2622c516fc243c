/**
 * The renderer's only door to the main side. In Electron the preload exposes `window.api`; in a
 * plain browser (dev, e2e) the same contract is reached through the loopback HTTP adapter, with the
 * per-run token taken from the page URL (`?token=`).
 */
import {
  IPC_METHODS,
  type IpcErrorPayload,
  type IpcEventName,
  type IpcEvents,
  type IpcMethod,
  type IpcRequest,
  type IpcResponse,
  type RendererApi,
} from '../../../shared/ipc/contract.ts';
import { ApiError, isIpcErrorPayload, toApiError } from '../../../shared/ipc/errors.ts';
import type {} from '../../../shared/ipc/window-api.ts';
import { decodeWire, encodeWire } from '../../../shared/ipc/wire.ts';

export { ApiError };

const EVENT_NAMES: readonly IpcEventName[] = ['attemptProgress', 'engineStatus'];

function isErrorPayload(value: unknown): value is { error: IpcErrorPayload } {
  return (
    value !== null &&
    typeof value === 'object' &&
    'error' in value &&
    isIpcErrorPayload(value.error)
  );
}

export interface LoopbackOptions {
  /** Origin of the adapter, e.g. `http://127.0.0.1:5123`. Empty for same-origin. */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Constructor for the event stream; `EventSource` in a browser. */
  createEventSource?: (url: string) => EventSource;
}

/** The contract over the loopback HTTP adapter (`npm run serve`). */
export function createLoopbackApi(options: LoopbackOptions): RendererApi {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const listeners = new Map<IpcEventName, Set<(payload: never) => void>>();
  let source: EventSource | null = null;

  async function call<M extends IpcMethod>(
    method: M,
    request: IpcRequest<M>,
  ): Promise<IpcResponse<M>> {
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rehearse-token': options.token },
        body: encodeWire(request),
      });
    } catch (error) {
      throw new ApiError(
        'unreachable',
        `Rehearse's background service is not answering (${method}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text.length === 0 ? null : decodeWire(text);
    } catch {
      throw new ApiError(
        'bad-response',
        `${method} answered with something that is not JSON (HTTP ${response.status}).`,
      );
    }
    if (!response.ok) {
      if (isErrorPayload(body)) throw new ApiError(body.error.code, body.error.message);
      throw new ApiError(
        `http-${response.status}`,
        `${method} failed with HTTP ${response.status}.`,
      );
    }
    return body as IpcResponse<M>;
  }

  function ensureEventSource(): void {
    if (source) return;
    const url = `${options.baseUrl}/api/events?token=${encodeURIComponent(options.token)}`;
    source = createEventSource(url);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => {
        const data = (event as MessageEvent<string>).data;
        let payload: unknown;
        try {
          payload = decodeWire(data);
        } catch {
          console.error(`Ignoring a malformed ${name} event.`);
          return;
        }
        for (const listener of listeners.get(name) ?? []) listener(payload as never);
      });
    }
  }

  const methods = Object.fromEntries(
    IPC_METHODS.map((method) => [
      method,
      (request: IpcRequest<typeof method>) => call(method, request),
    ]),
  ) as { [M in IpcMethod]: (request: IpcRequest<M>) => Promise<IpcResponse<M>> };

  return {
    ...methods,
    on<E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
      ensureEventSource();
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as (payload: never) => void);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
  };
}

/**
 * The API for this window: Electron's preload bridge when present, otherwise the loopback adapter
 * of the page's own origin. Throws a message the app can show when neither is available.
 */
export function connectApi(win: Window = window): RendererApi {
  if (win.api) return withApiErrors(win.api);
  const token = new URLSearchParams(win.location.search).get('token');
  if (!token) {
    throw new ApiError(
      'no-backend',
      'This page was opened without its access token. Start Rehearse again, or open the address printed by "npm run serve" including its ?token= part.',
    );
  }
  return createLoopbackApi({ baseUrl: '', token });
}

/** Electron's bridge keeps only an error's message; turn rejections back into coded `ApiError`s. */
function withApiErrors(bridge: RendererApi): RendererApi {
  const methods = Object.fromEntries(
    IPC_METHODS.map((method) => [
      method,
      (request: never) =>
        (bridge[method] as (r: never) => Promise<unknown>)(request).catch((error: unknown) => {
          throw toApiError(error);
        }),
    ]),
  ) as { [M in IpcMethod]: (request: IpcRequest<M>) => Promise<IpcResponse<M>> };
  return { ...methods, on: (event, listener) => bridge.on(event, listener) };
}

/**
 * The printable report page of an attempt when running on the loopback adapter (the browser prints
 * it to PDF); null in the app, where `exportAttempt({ format: 'pdf' })` makes the PDF itself.
 */
export function printablePageUrl(attemptId: string, win: Window = window): string | null {
  if (win.api) return null;
  const token = new URLSearchParams(win.location.search).get('token');
  return token
    ? `/print/${encodeURIComponent(attemptId)}?token=${encodeURIComponent(token)}`
    : null;
}

/** True in the desktop app (the preload's bridge), false in a browser on the loopback adapter. */
export function isDesktopApp(win: Window = window): boolean {
  return win.api !== undefined;
}
