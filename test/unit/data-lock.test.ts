/**
 * One instance per data folder: a second process is refused with who holds the folder, a killed
 * holder's lock is taken over, a clean exit leaves no lock, and damaged or pre-reboot locks are stale.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataLock, DataFolderInUseError, LOCK_FILE } from '../../electron/main/data-lock.ts';
import { makeDataDir } from './helpers/data-dir.ts';

const HOLDER = fileURLToPath(new URL('./helpers/hold-data-lock.ts', import.meta.url));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});
function dataDir(): string {
  const data = makeDataDir();
  cleanups.push(data.remove);
  return data.dir;
}

/** Starts the helper; resolves once it holds the lock. */
async function holder(dir: string, mode: 'hold' | 'exit'): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The helper exited with ${code} first.`)));
  });
  expect(line).toBe('locked');
  return child;
}

const exited = (child: ChildProcess): Promise<unknown> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));

describe('the data folder lock', () => {
  it('refuses a second process while the first lives, and takes over once it was killed', async () => {
    const dir = dataDir();
    const first = await holder(dir, 'hold');
    let refused: unknown;
    try {
      acquireDataLock(dir, 'the test');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DataFolderInUseError);
    expect((refused as Error).message).toBe(
      `Another Rehearse (the lock test helper, process ${first.pid}) is using the data folder ${dir}. ` +
        `Close it first, or use a different data folder. If no Rehearse is running, delete ${join(dir, LOCK_FILE)}.`,
    );

    // Killed outright: its lock file stays behind, stale, and is taken over.
    first.kill('SIGKILL');
    await exited(first);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    const lock = acquireDataLock(dir, 'the test');
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({
      pid: process.pid,
      owner: 'the test',
    });
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('leaves no lock behind when the holder exits without releasing it', async () => {
    const dir = dataDir();
    const child = await holder(dir, 'exit');
    await exited(child);
    expect(child.exitCode).toBe(0);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a second lock in the same process until the first is released', () => {
    const dir = dataDir();
    const lock = acquireDataLock(dir, 'the first');
    expect(() => acquireDataLock(dir, 'the second')).toThrow(
      `Another Rehearse (the first, process ${process.pid})`,
    );
    lock.release();
    lock.release(); // twice is harmless
    acquireDataLock(dir, 'the second').release();
  });

  it('takes over a damaged lock file and one written before the machine rebooted', () => {
    const dir = dataDir();
    const path = join(dir, LOCK_FILE);
    writeFileSync(path, '{"pid":');
    acquireDataLock(dir, 'the test').release();

    // A live process (our parent), but the lock says the machine booted a day earlier.
    const dayAgo = Date.now() - 86_400_000;
    writeFileSync(
      path,
      JSON.stringify({ pid: process.ppid, owner: 'old', bootedAt: dayAgo, startedAt: 'x' }),
    );
    acquireDataLock(dir, 'the test').release();
    expect(existsSync(path)).toBe(false);
  });

  it('does not remove a lock that another process has taken since', () => {
    const dir = dataDir();
    const lock = acquireDataLock(dir, 'the test');
    const other = JSON.stringify({
      pid: process.ppid,
      owner: 'other',
      bootedAt: 0,
      startedAt: 'y',
    });
    writeFileSync(lock.path, other);
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(other);
  });
});
