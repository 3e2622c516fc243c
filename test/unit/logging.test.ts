/**
 * The log file: one line per entry with time, level and source, stacks indented under it, rotated by
 * size into a fixed number of generations; console output of the main process copied into it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createLogger,
  formatLogLine,
  LOG_FILE,
  logsFolder,
  MAX_LOG_ENTRY,
  teeConsole,
} from '../../electron/main/logging.ts';
import { makeDataDir } from './helpers/data-dir.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});
function dataDir(): string {
  const data = makeDataDir();
  cleanups.push(data.remove);
  return data.dir;
}
const AT = new Date('2026-12-02T09:40:00.000Z');

describe('log lines', () => {
  it('carry the time, level and source, with a stack indented under the message', () => {
    expect(formatLogLine(AT, 'renderer', 'error', 'Boom\n    at f (app.js:1:2)\n')).toBe(
      '2026-12-02T09:40:00.000Z ERROR renderer Boom\n        at f (app.js:1:2)\n',
    );
    expect(formatLogLine(AT, 'engine', 'info', 'ready')).toBe(
      '2026-12-02T09:40:00.000Z INFO  engine   ready\n',
    );
  });

  it('cut a runaway entry', () => {
    const line = formatLogLine(AT, 'main', 'warn', 'x'.repeat(MAX_LOG_ENTRY * 3));
    expect(line.length).toBeLessThan(MAX_LOG_ENTRY + 100);
    expect(line.endsWith('… (cut)\n')).toBe(true);
  });
});

describe('the log file', () => {
  it('is written in the data folder and rotated by size into a fixed number of files', async () => {
    const dir = dataDir();
    const logger = createLogger(dir, { size: '1K', generations: 2, now: () => AT });
    expect(logger.folder).toBe(logsFolder(dir));
    for (let i = 0; i < 200; i++) {
      logger.write('main', 'info', `entry ${String(i).padStart(3, '0')}`);
    }
    await logger.close();
    logger.write('main', 'info', 'after close'); // dropped, no error

    const files = readdirSync(logger.folder).sort();
    expect(files).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`]);
    for (const file of files) expect(statSync(join(logger.folder, file)).size).toBeLessThan(1200);
    // The newest entries are in the current file, the oldest ones were dropped with old files.
    const current = readFileSync(join(logger.folder, LOG_FILE), 'utf8');
    expect(current.trimEnd().split('\n').at(-1)).toBe(
      '2026-12-02T09:40:00.000Z INFO  main     entry 199',
    );
    const kept = files
      .reverse()
      .flatMap((file) => readFileSync(join(logger.folder, file), 'utf8').trimEnd().split('\n'));
    const numbers = kept.map((line) => Number(line.slice(-3)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers[0]).toBeGreaterThan(0);
    expect(current).not.toContain('after close');
  });

  it("receives the main process's console output, which still reaches the console", async () => {
    const dir = dataDir();
    const logger = createLogger(dir, { now: () => AT });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const undo = teeConsole(logger);
    try {
      console.error('Rehearse: closing the services failed:', new Error('disk full'));
      console.warn('Rehearse: %s', 'settings moved aside');
    } finally {
      undo();
    }
    console.warn('not logged after undo');
    await logger.close();
    expect(error).toHaveBeenCalledWith('Rehearse: closing the services failed:', expect.any(Error));
    error.mockRestore();
    const text = readFileSync(join(logger.folder, LOG_FILE), 'utf8');
    expect(text).toMatch(
      /^2026-12-02T09:40:00.000Z ERROR main {5}Rehearse: closing the services failed: Error: disk full\n {8}at /,
    );
    expect(text).toContain('WARN  main     Rehearse: settings moved aside\n');
    expect(text).not.toContain('not logged');
  });
});

describe('renderer errors and the logs folder through the contract', () => {
  it('writes a validated renderer error to the log, and answers where the logs are', async () => {
    const { createRehearseServices } = await import('../../electron/main/services/index.ts');
    const { FakeEngine } = await import('../mocks/fake-engine.ts');
    const { fakeAnalyze } = await import('../mocks/fake-analysis.ts');
    const { parseRequest } = await import('../../shared/ipc/schemas.ts');
    const dir = dataDir();
    const logger = createLogger(dir, { now: () => AT });
    const opened: string[] = [];
    const services = createRehearseServices({
      dataDir: dir,
      engine: new FakeEngine(),
      analyze: fakeAnalyze,
      loadModelOnStart: false,
      logger,
      openFolder: async (folder) => void opened.push(folder),
    });
    const report = parseRequest('reportError', {
      where: 'unhandled rejection',
      message: 'Cannot read properties of null',
      stack: 'TypeError: Cannot read properties of null\n    at Review (review.tsx:10:3)',
    });
    await services.handlers.reportError(report);
    expect(await services.handlers.openLogsFolder({})).toEqual({
      folder: logger.folder,
      opened: true,
    });
    expect(opened).toEqual([logger.folder]);
    await services.close();
    await logger.close();
    expect(readFileSync(join(logger.folder, LOG_FILE), 'utf8')).toBe(
      '2026-12-02T09:40:00.000Z ERROR renderer unhandled rejection: Cannot read properties of null\n' +
        '    TypeError: Cannot read properties of null\n' +
        '        at Review (review.tsx:10:3)\n',
    );

    expect(() => parseRequest('reportError', { message: '' })).toThrow(/message is empty/);
    expect(() => parseRequest('reportError', { message: 'x'.repeat(9_000) })).toThrow(
      /Bad reportError request: message/,
    );
    expect(() => parseRequest('reportError', { message: 'x', extra: 1 })).toThrow(/extra/);
  });
});

describe('npm run serve', () => {
  it('logs renderer errors sent over HTTP in its data folder, and names the logs folder', async () => {
    const { startLoopbackServer } = await import('../../electron/loopback/server.ts');
    const { FakeEngine } = await import('../mocks/fake-engine.ts');
    const { decodeWire, encodeWire } = await import('../../shared/ipc/wire.ts');
    const dir = dataDir();
    const server = await startLoopbackServer({ port: 0, dataDir: dir, engine: new FakeEngine() });
    const call = async (method: string, body: unknown) => {
      const response = await fetch(new URL(`/api/${method}`, server.url), {
        method: 'POST',
        headers: { 'x-rehearse-token': server.token },
        body: encodeWire(body),
      });
      const text = await response.text();
      return { status: response.status, value: text ? decodeWire(text) : null };
    };
    try {
      expect(await call('reportError', { where: 'uncaught error', message: 'Boom' })).toEqual({
        status: 200,
        value: null,
      });
      expect((await call('reportError', { message: '' })).status).toBe(400);
      expect(await call('openLogsFolder', {})).toEqual({
        status: 200,
        value: { folder: logsFolder(dir), opened: false },
      });
    } finally {
      await server.close();
    }
    const text = readFileSync(join(logsFolder(dir), LOG_FILE), 'utf8');
    expect(text).toMatch(/^\S+Z ERROR renderer uncaught error: Boom\n$/);
  });
});
