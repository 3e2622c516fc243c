/**
 * The one path from a transport (Electron IPC, loopback HTTP) into the services: validate the
 * request with its zod schema, run the handler, and turn any failure into an `IpcErrorPayload`.
 */
import {
  IPC_METHODS,
  type IpcErrorPayload,
  type IpcMethod,
  type IpcResponse,
} from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../shared/ipc/errors.ts';
import { parseRequest } from '../../../shared/ipc/schemas.ts';
import type { ContractHandlers } from './index.ts';

export type DispatchResult<M extends IpcMethod = IpcMethod> =
  { ok: true; value: IpcResponse<M> } | { ok: false; error: IpcErrorPayload };

export function isIpcMethod(name: string): name is IpcMethod {
  return (IPC_METHODS as readonly string[]).includes(name);
}

export async function dispatch<M extends IpcMethod>(
  handlers: ContractHandlers,
  method: M,
  rawRequest: unknown,
): Promise<DispatchResult<M>> {
  try {
    const request = parseRequest(method, rawRequest);
    const handler = handlers[method] as (
      request: unknown,
    ) => IpcResponse<M> | Promise<IpcResponse<M>>;
    const value = await handler(request);
    return { ok: true, value: value === undefined ? (null as IpcResponse<M>) : value };
  } catch (error) {
    return { ok: false, error: toErrorPayload(method, error) };
  }
}

export function toErrorPayload(method: string, error: unknown): IpcErrorPayload {
  if (error instanceof ApiError) return error.toPayload();
  // Anything else is a bug or an environment failure: log it in full, tell the user what failed.
  console.error(`Rehearse: ${method} failed:`, error);
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `${method} failed: ${message}` };
}
