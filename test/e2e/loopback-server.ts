/** Starts the real loopback adapter (`npm run serve`) with a fresh data folder, for the e2e. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { MODELS_DIR, REPO_DIR, SHARED_DIR } from './browser.ts';

const FIRST_LINE = /^Rehearse loopback: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)$/;

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Everything the server wrote to stderr, for failure messages. */
  stderr: () => string;
  stop(): Promise<void>;
}

export async function startLoopbackServer(options: {
  repoDir: string;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<RunningServer> {
  const child = spawn(
    'npm',
    ['run', '--silent', 'serve', '--', '--port', '0', '--data-dir', options.dataDir],
    {
      cwd: options.repoDir,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group, so stop() ends npm and the server it started (and nothing else).
      detached: true,
    },
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
    if (process.env.REHEARSE_E2E_VERBOSE) process.stderr.write(`[serve] ${chunk}`);
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };

  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      reject(
        new Error(
          `"npm run serve" printed no address within ${options.timeoutMs ?? 60_000} ms.\n${stderr}`,
        ),
      );
    }, options.timeoutMs ?? 60_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = FIRST_LINE.exec(line.trim());
      if (match) resolve(match[1]!);
      else
        reject(
          new Error(
            `"npm run serve" first stdout line is not "Rehearse loopback: <url>": ${JSON.stringify(line)}\n${stderr}`,
          ),
        );
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `"npm run serve" exited with code ${code} before printing its address.\n${stderr}`,
        ),
      );
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  return { url, process: child, stderr: () => stderr, stop };
}

/** `npm run serve` of this checkout on `dataDir`, with the shared Whisper models. */
export function startAppServer(dataDir: string): Promise<RunningServer> {
  return startLoopbackServer({
    repoDir: REPO_DIR,
    dataDir,
    env: { REHEARSE_MODELS_DIR: MODELS_DIR, REHEARSE_SHARED_DIR: SHARED_DIR },
  });
}
