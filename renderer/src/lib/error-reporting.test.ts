import { describe, expect, it, vi } from 'vitest';
import { MAX_ERROR_REPORT_CHARS } from '../../../shared/ipc/contract.ts';
import { errorReport, MAX_REPORTS, reportRendererErrors } from './error-reporting.ts';

/** A window stand-in that dispatches the two events the reporter listens to. */
function fakeWindow() {
  const target = new EventTarget();
  return {
    target: target as unknown as Window,
    error: (error: unknown) =>
      target.dispatchEvent(Object.assign(new Event('error'), { error, message: String(error) })),
    rejection: (reason: unknown) =>
      target.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason })),
  };
}

describe('renderer error reporting', () => {
  it('sends uncaught errors and unhandled rejections to reportError', async () => {
    const reportError = vi.fn(async () => undefined);
    const win = fakeWindow();
    const stop = reportRendererErrors({ reportError }, win.target);
    const boom = new TypeError('x is undefined');
    win.error(boom);
    win.rejection('the upload failed');
    win.rejection({ code: 42 });
    stop();
    win.error(new Error('after stop'));
    expect(reportError.mock.calls).toEqual([
      [{ where: 'uncaught error', message: 'x is undefined', stack: boom.stack }],
      [{ where: 'unhandled rejection', message: 'the upload failed' }],
      [{ where: 'unhandled rejection', message: '{"code":42}' }],
    ]);
  });

  it(`sends at most ${MAX_REPORTS} reports, each within the contract's limit, and ignores failures`, () => {
    const reportError = vi.fn(() => Promise.reject(new Error('main is gone')));
    const win = fakeWindow();
    reportRendererErrors({ reportError }, win.target);
    for (let i = 0; i < MAX_REPORTS + 10; i++) win.rejection('again');
    expect(reportError).toHaveBeenCalledTimes(MAX_REPORTS);
    const long = errorReport('uncaught error', new Error('m'.repeat(MAX_ERROR_REPORT_CHARS * 2)));
    expect(long.message).toHaveLength(MAX_ERROR_REPORT_CHARS);
    expect(long.stack!.length).toBeLessThanOrEqual(MAX_ERROR_REPORT_CHARS);
  });
});
