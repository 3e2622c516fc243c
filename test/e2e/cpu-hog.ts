/**
 * A bounded CPU hog for the e2e: one busy-looping Node child per core, each ending itself after
 * `maxSec` even if the test dies, and killed by `stop()` (by their own pids) at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface CpuHog {
  readonly processes: number;
  stop(): Promise<void>;
}

export function startCpuHog({
  processes = availableParallelism(),
  maxSec = 600,
}: { processes?: number; maxSec?: number } = {}): CpuHog {
  const script = `const end = Date.now() + ${Math.round(maxSec * 1000)}; let x = 0; while (Date.now() < end) { for (let i = 0; i < 1e6; i++) x += i % 7; }`;
  const children: ChildProcess[] = [];
  for (let i = 0; i < processes; i++) {
    children.push(spawn(process.execPath, ['-e', script], { stdio: 'ignore' }));
  }
  return {
    processes,
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
