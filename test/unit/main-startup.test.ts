/**
 * electron/main/index.ts when start() fails, under a mocked `electron`: the user gets a dialog with
 * the error's own message, the launch lets go of the engine, the history and the data folder lock,
 * and exits with code 1 (freeing the single-instance lock), so the next launch starts normally.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE } from '../../electron/main/data-lock.ts';
import { MIGRATIONS } from '../../electron/main/services/migrations.ts';
import type * as ElectronMock from '../mocks/electron.ts';
import { FakeEngine } from '../mocks/fake-engine.ts';
import { makeDataDir } from './helpers/data-dir.ts';

const SERVICES = '../../electron/main/services/index.ts';
const HOLDER = fileURLToPath(new URL('./helpers/hold-data-lock.ts', import.meta.url));

const data = makeDataDir();
afterAll(() => data.remove());
delete process.env.REHEARSE_DATA_DIR; // the app's data folder is userData here

let engine: FakeEngine & { dispose: ReturnType<typeof vi.fn> };
let electron: typeof ElectronMock;

beforeEach(async () => {
  vi.resetModules();
  vi.doMock('electron', () => import('../mocks/electron.ts'));
  engine = Object.assign(new FakeEngine(), { dispose: vi.fn(async () => undefined) });
  vi.doMock('../../electron/main/engine-host.ts', () => ({
    createUtilityEngine: vi.fn(() => engine),
  }));
  vi.doUnmock(SERVICES);
  electron = await import('../mocks/electron.ts');
  electron.app.userDataDir = data.dir;
});

/** Launches the app (a fresh main module) and waits until it opened a window or exited. */
async function launch(): Promise<void> {
  await import('../../electron/main/index.ts');
  await vi.waitFor(() => {
    const exited = electron.app.exit.mock.calls.length > 0;
    const opened = electron.BrowserWindowMock.all.length > 0;
    expect(exited || opened).toBe(true);
  });
}

describe('a failed start', () => {
  it('shows the error in a dialog, lets go of everything and exits with code 1', async () => {
    // A history written by a newer Rehearse: the real store refuses it (HistoryError).
    const history = new Database(join(data.dir, 'history.sqlite'));
    history.pragma('user_version = 999');
    history.close();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await launch();

    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Rehearse could not start',
      `The history in ${join(data.dir, 'history.sqlite')} was written by a newer version of Rehearse (schema 999; this version understands up to ${MIGRATIONS.length}). Update Rehearse to open it; nothing was changed.\n\nYour recordings are in ${data.dir}.`,
    );
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(electron.BrowserWindowMock.all).toHaveLength(0);
    expect(engine.dispose).toHaveBeenCalled();
    expect(existsSync(join(data.dir, LOCK_FILE))).toBe(false);
  });

  it('is followed by a launch that starts normally once the cause is gone', async () => {
    rmSync(join(data.dir, 'history.sqlite')); // as if Rehearse had been updated
    await launch();
    expect(electron.app.exit).not.toHaveBeenCalled();
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(electron.BrowserWindowMock.all).toHaveLength(1);
    expect(existsSync(join(data.dir, LOCK_FILE))).toBe(true);
    // Quitting closes the services and frees the folder.
    const beforeQuit = electron.app.on.mock.calls.find(([name]) => name === 'before-quit')![1] as (
      event: unknown,
    ) => void;
    beforeQuit({ preventDefault: () => undefined });
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    expect(existsSync(join(data.dir, LOCK_FILE))).toBe(false);
  });

  it('says so when another Rehearse uses the data folder, before touching the history', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', HOLDER, data.dir, 'hold'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise((resolve) =>
        createInterface({ input: holder.stdout! }).once('line', resolve),
      );
      const services = vi.fn();
      vi.doMock(SERVICES, () => ({ createRehearseServices: services }));
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      await launch();
      expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
        'Rehearse could not start',
        expect.stringContaining(
          `Another Rehearse (the lock test helper, process ${holder.pid}) is using the data folder ${data.dir}.`,
        ),
      );
      await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
      expect(services).not.toHaveBeenCalled();
      expect(existsSync(join(data.dir, LOCK_FILE)), "the other instance's lock stays").toBe(true);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
