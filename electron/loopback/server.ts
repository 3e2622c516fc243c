/**
 * `npm run serve`: the loopback adapter as a process, so the renderer can run in Chromium (dev,
 * Playwright) against the real main-side services and the real Whisper engine (a Node worker).
 *
 *   tsx electron/loopback/server.ts [--port <n>] [--data-dir <dir>] [--renderer-dir <dir>]
 *
 * The first stdout line is exactly `Rehearse loopback: http://127.0.0.1:<port>/?token=<token>`.
 * Defaults: port 0 (random), data dir $REHEARSE_DATA_DIR or a fresh temp folder (thrown away with
 * the temp folder: set one to keep the history), renderer dir out/renderer (built by
 * `npm run build:renderer`; the command builds it first when it is missing). Models:
 * $REHEARSE_MODELS_DIR, else the engine's usual search.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyzeAnswer } from '../../shared/analysis/index.ts';
import { createNodeEngine } from '../engine/client.ts';
import { acquireDataLock } from '../main/data-lock.ts';
import { createLogger } from '../main/logging.ts';
import type { AttemptEngine } from '../main/services/engine-port.ts';
import { recordingPathFor } from '../main/recording-file.ts';
import { createRehearseServices, type RehearseServices } from '../main/services/index.ts';
import { createLoopbackAdapter } from './http-adapter.ts';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface LoopbackServerOptions {
  port?: number;
  dataDir?: string;
  rendererDir?: string;
  /** Defaults to the real engine in a Node worker. */
  engine?: AttemptEngine & { dispose?: () => Promise<void> };
}

export interface LoopbackServer {
  url: string;
  token: string;
  port: number;
  dataDir: string;
  services: RehearseServices;
  close(): Promise<void>;
}

export async function startLoopbackServer(
  options: LoopbackServerOptions = {},
): Promise<LoopbackServer> {
  const dataDir = resolve(
    options.dataDir ??
      process.env.REHEARSE_DATA_DIR ??
      mkdtempSync(join(tmpdir(), 'rehearse-data-')),
  );
  const rendererDir = resolve(options.rendererDir ?? join(REPO_ROOT, 'out', 'renderer'));
  // Before the history is opened and recordings recovered: one Rehearse per data folder.
  const lock = acquireDataLock(dataDir, 'npm run serve');
  const token = randomBytes(24).toString('base64url');
  let engine: (AttemptEngine & { dispose?: () => Promise<void> }) | undefined;
  let services: RehearseServices;
  // Renderer errors and the engine's log events go to the data folder's log file, as in the app.
  const logger = createLogger(dataDir);
  try {
    engine = options.engine ?? createNodeEngine();
    engine.onEvent?.((event) => {
      if (event.type === 'log') logger.write('engine', event.level, event.message);
    });
    services = createRehearseServices({
      dataDir,
      engine,
      analyze: (transcript, question, options) => analyzeAnswer(transcript, question, options),
      recordingUrl: (attemptId) => `/api${recordingPathFor(attemptId)}?token=${token}`,
      logger,
    });
  } catch (error) {
    await engine?.dispose?.();
    await logger.close();
    lock.release();
    throw error;
  }
  const server = createLoopbackAdapter({
    handlers: services.handlers,
    recordingFile: (attemptId) => services.attempts.recordingFile(attemptId),
    events: services.events,
    token,
    rendererDir,
    printable: (attemptId) => services.exports.printableHtml(attemptId),
  });
  const port = await listen(server, options.port ?? 0);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write(
      `Rehearse loopback: no built renderer in ${rendererDir}; run "npm run build:renderer" (the API works without it).\n`,
    );
  }
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    dataDir,
    services,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      try {
        await services.close();
        await engine.dispose?.();
      } finally {
        await logger.close();
        lock.release();
      }
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen((server.address() as { port: number }).port);
    });
  });
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be a whole number from 0 to 65535, not "${text}".`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
    },
    strict: true,
  });
  const rendererDir = values['renderer-dir'] ?? join(REPO_ROOT, 'out', 'renderer');
  if (!values['renderer-dir'] && !existsSync(join(rendererDir, 'index.html'))) {
    // Its output goes to stderr: stdout's first line is the address.
    process.stderr.write(
      'Rehearse loopback: building the renderer first (npm run build:renderer)…\n',
    );
    execFileSync(
      process.platform === 'win32' ? 'npm.cmd' : 'npm',
      ['run', '--silent', 'build:renderer'],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', process.stderr, process.stderr],
      },
    );
  }
  const server = await startLoopbackServer({
    port: parsePort(values.port),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values['renderer-dir'] ? { rendererDir: values['renderer-dir'] } : {}),
  });
  process.stdout.write(`Rehearse loopback: ${server.url}\n`);
  process.stderr.write(
    `Rehearse loopback: open the address above in a browser (the token in it is this run's key to the API).\n` +
      `Rehearse loopback: data in ${server.dataDir}${values['data-dir'] || process.env.REHEARSE_DATA_DIR ? '' : ' (a new temporary folder each run, so History starts empty next time: pass --data-dir or set REHEARSE_DATA_DIR to keep it)'}\n`,
  );
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Rehearse loopback: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
