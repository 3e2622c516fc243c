/**
 * One Rehearse per data folder: the app, `npm run serve` and anything else that opens the history
 * and the recordings take `rehearse.lock` in the data folder first (Electron-free). Two instances on
 * one folder would each recover the other's live recording and rewrite its WAV header.
 *
 * The lock file holds the owner's pid, what it is, and when the machine booted. A lock is stale, and
 * taken over, when its process is gone or the machine has rebooted since (so a pid reused after a
 * reboot does not lock the user out). A live owner gets a DataFolderInUseError that says who holds it.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { uptime } from 'node:os';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'rehearse.lock';

/** Two boot times closer than this are the same boot (uptime and the clock drift a little). */
const SAME_BOOT_MS = 2 * 60_000;

interface LockRecord {
  pid: number;
  owner: string;
  bootedAt: number;
  startedAt: string;
}

export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; owner: string },
  ) {
    super(
      `Another Rehearse (${holder.owner}, process ${holder.pid}) is using the data folder ${dataDir}. ` +
        `Close it first, or use a different data folder. If no Rehearse is running, delete ${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataFolderInUseError';
  }
}

export interface DataLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): void;
}

/** Lock files held by this process, so a second acquire in the same process is refused too. */
const heldHere = new Set<string>();

const bootedAt = (): number => Date.now() - uptime() * 1000;

/**
 * Takes the data folder's lock for this process (creating the folder), or throws
 * DataFolderInUseError when a live process holds it. `owner` names this instance in that message,
 * e.g. "the Rehearse app" or "npm run serve".
 */
export function acquireDataLock(dataDir: string, owner: string): DataLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const record: LockRecord = {
    pid: process.pid,
    owner,
    bootedAt: Math.round(bootedAt()),
    startedAt: new Date().toISOString(),
  };
  const text = `${JSON.stringify(record)}\n`;

  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, text)) {
      heldHere.add(path);
      return ourLock(path, text);
    }
    const existing = readLock(path);
    if (existing === undefined) continue; // removed meanwhile: try again
    if (existing !== null && isLive(existing, path)) throw new DataFolderInUseError(dir, existing);
    takeOverStale(path, existing);
  }
  throw new Error(`Could not take the lock ${path}: it kept changing. Try again.`);
}

/**
 * Creates the lock file with our record, or returns false if one exists. The record is written to a
 * temporary file and linked into place (atomic, fails if the lock exists), so a lock file is never
 * seen half written.
 */
function tryCreate(path: string, text: string): boolean {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The lock's record; null when it is not one (damaged: stale); undefined when it is gone. */
function readLock(path: string): LockRecord | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    if (
      Number.isInteger(value.pid) &&
      typeof value.owner === 'string' &&
      typeof value.bootedAt === 'number'
    )
      return value as LockRecord;
  } catch {
    // fall through: not a lock we wrote completely
  }
  return null;
}

function isLive(lock: LockRecord, path: string): boolean {
  if (Math.abs(lock.bootedAt - bootedAt()) > SAME_BOOT_MS) return false; // rebooted since
  if (lock.pid === process.pid) return heldHere.has(path); // ours, or a stale one with a reused pid
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves a stale lock aside. Rename is atomic, so of two processes taking over the same stale lock
 * one moves it; if what was moved is not the stale lock that was judged (another process's fresh
 * lock), it is put back.
 */
function takeOverStale(path: string, judged: LockRecord | null): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readLock(aside);
  const same =
    judged === null
      ? moved === null
      : moved?.pid === judged.pid && moved.startedAt === judged.startedAt;
  if (same) rmSync(aside, { force: true });
  else renameSync(aside, path);
}

function ourLock(path: string, text: string): DataLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    heldHere.delete(path);
    process.off('exit', release);
    try {
      if (readFileSync(path, 'utf8') === text) rmSync(path, { force: true });
    } catch {
      // already gone
    }
  };
  // A process that ends without closing (process.exit, an uncaught error) leaves no lock behind.
  process.on('exit', release);
  return { path, release };
}
