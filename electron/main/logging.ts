/**
 * The log file (Electron-free): `<data folder>/logs/rehearse.log`, one line per entry with its time,
 * level and source (main, engine, renderer). Rotated by size with rotating-file-stream's classic
 * logrotate scheme (rehearse.log.1 is the newest old file), so the folder never holds more than
 * LOG_GENERATIONS + 1 files of at most LOG_FILE_SIZE each. Never holds transcripts or audio.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

export const LOGS_FOLDER = 'logs';
export const LOG_FILE = 'rehearse.log';
/** Rotate when the file passes this size (rotating-file-stream's notation). */
export const LOG_FILE_SIZE = '1M';
/** Old files kept besides the current one. */
export const LOG_GENERATIONS = 4;
/** One entry is cut to this many characters (a runaway message cannot flood the file). */
export const MAX_LOG_ENTRY = 16_000;

export type LogLevel = 'info' | 'warn' | 'error';
export type LogSource = 'main' | 'engine' | 'renderer';

export interface Logger {
  /** The folder that holds the log files. */
  readonly folder: string;
  write(source: LogSource, level: LogLevel, message: string): void;
  /** Flushes and closes the file; later writes are dropped. */
  close(): Promise<void>;
}

export function logsFolder(dataDir: string): string {
  return join(dataDir, LOGS_FOLDER);
}

/** One entry as one line: continuation lines (a stack) are indented under it. */
export function formatLogLine(
  at: Date,
  source: LogSource,
  level: LogLevel,
  message: string,
): string {
  const text =
    message.length > MAX_LOG_ENTRY ? `${message.slice(0, MAX_LOG_ENTRY)}… (cut)` : message;
  const body = text.replace(/\r?\n/g, '\n    ').trimEnd();
  return `${at.toISOString()} ${level.toUpperCase().padEnd(5)} ${source.padEnd(8)} ${body}\n`;
}

export function createLogger(
  dataDir: string,
  options: { size?: string; generations?: number; now?: () => Date } = {},
): Logger {
  const folder = logsFolder(dataDir);
  mkdirSync(folder, { recursive: true });
  const stream: RotatingFileStream = createStream(LOG_FILE, {
    path: folder,
    size: options.size ?? LOG_FILE_SIZE,
    rotate: options.generations ?? LOG_GENERATIONS,
  });
  let open = true;
  // A log that cannot be written must not take the app down; say so once on stderr.
  let reported = false;
  stream.on('error', (error) => {
    if (!reported) process.stderr.write(`Rehearse: the log file failed: ${error.message}\n`);
    reported = true;
  });
  stream.on('warning', () => undefined);
  const now = options.now ?? (() => new Date());
  return {
    folder,
    write(source, level, message) {
      if (open) stream.write(formatLogLine(now(), source, level, message));
    },
    close() {
      if (!open) return Promise.resolve();
      open = false;
      return new Promise((resolve) => stream.end(() => resolve()));
    },
  };
}

const CONSOLE_LEVELS = { log: 'info', info: 'info', warn: 'warn', error: 'error' } as const;

/**
 * Copies what the main process writes with console.log/info/warn/error into the log (source
 * "main"), keeping the console output. Returns the undo.
 */
export function teeConsole(logger: Logger): () => void {
  const originals = new Map<keyof typeof CONSOLE_LEVELS, (...args: unknown[]) => void>();
  for (const [method, level] of Object.entries(CONSOLE_LEVELS) as [
    keyof typeof CONSOLE_LEVELS,
    LogLevel,
  ][]) {
    const original = console[method].bind(console);
    originals.set(method, console[method]);
    console[method] = (...args: unknown[]) => {
      original(...args);
      logger.write('main', level, format(...args));
    };
  }
  return () => {
    for (const [method, original] of originals) console[method] = original;
  };
}
