/**
 * Sends the renderer's uncaught errors and unhandled promise rejections to the main side's log file
 * (through the typed contract's reportError). Bounded: a page that keeps failing sends at most
 * MAX_REPORTS, and a report that fails to send is dropped (never reported again).
 */
import {
  MAX_ERROR_REPORT_CHARS,
  type RendererApi,
  type RendererErrorReport,
} from '../../../shared/ipc/contract.ts';

export const MAX_REPORTS = 50;

const cut = (text: string): string =>
  text.length > MAX_ERROR_REPORT_CHARS ? text.slice(0, MAX_ERROR_REPORT_CHARS) : text;

/** A report for anything thrown: an Error's message and stack, or the value as text. */
export function errorReport(where: string, error: unknown): RendererErrorReport {
  if (error instanceof Error) {
    const report: RendererErrorReport = { where, message: cut(error.message || error.name) };
    if (error.stack) report.stack = cut(error.stack);
    return report;
  }
  let text: string;
  try {
    text = typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  } catch {
    text = String(error);
  }
  return { where, message: cut(text || '(no message)') };
}

/** Starts reporting; returns the undo. */
export function reportRendererErrors(
  api: Pick<RendererApi, 'reportError'>,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): () => void {
  let sent = 0;
  const send = (report: RendererErrorReport): void => {
    if (sent >= MAX_REPORTS) return;
    sent++;
    void api.reportError(report).catch(() => undefined);
  };
  const onError = (event: ErrorEvent): void =>
    send(errorReport('uncaught error', event.error ?? event.message));
  const onRejection = (event: PromiseRejectionEvent): void =>
    send(errorReport('unhandled rejection', event.reason));
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
