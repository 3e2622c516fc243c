import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, type Migration } from '../../electron/main/services/migrations.ts';
import { AttemptStore } from '../../electron/main/services/attempt-store.ts';
import { makeDataDir } from './helpers/data-dir.ts';

let data: ReturnType<typeof makeDataDir>;
beforeEach(() => (data = makeDataDir()));
afterEach(() => data.remove());

const columns = (db: Database.Database) =>
  (db.prepare('PRAGMA table_info(attempts)').all() as { name: string }[]).map((c) => c.name);

describe('history schema migrations', () => {
  it('brings a new database to the latest version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: MIGRATIONS.length });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(columns(db)).toContain('stop_reason');
    expect(migrate(db)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
  });

  it('upgrades a version-1 database in order and keeps its attempts', () => {
    const path = join(data.dir, 'history.sqlite');
    const v1 = new Database(path);
    migrate(v1, MIGRATIONS.slice(0, 1));
    expect(columns(v1)).not.toContain('stop_reason');
    v1.prepare(
      `INSERT INTO attempts (id, question_id, question_json, created_at, sample_rate, status)
       VALUES ('0f8fad5b-d9cb-469f-a165-70867728950e', 'pipeline-broke', '{"id":"pipeline-broke","prompt":"p","kind":"incident","custom":false}', '2026-01-01T00:00:00.000Z', 48000, 'ready')`,
    ).run();
    v1.close();

    const store = new AttemptStore(data.dir);
    const [attempt] = store.list();
    expect(attempt).toMatchObject({
      id: '0f8fad5b-d9cb-469f-a165-70867728950e',
      status: 'ready',
      stopReason: null,
      sampleRate: 48_000,
    });
    store.close();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('rolls back a failing migration and names it', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      MIGRATIONS[0]!,
      {
        name: 'half done',
        up(d) {
          d.exec('CREATE TABLE extra (x INTEGER)');
          d.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow(/Database migration 2 \("half done"\) failed/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toBeUndefined();
  });

  it('refuses a database written by a newer Rehearse', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this version of Rehearse understands/);
  });
});
