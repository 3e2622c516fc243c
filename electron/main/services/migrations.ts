/**
 * Ordered schema migrations for the attempts index. The database's `PRAGMA user_version` is the
 * number of migrations applied; each runs in its own transaction. Never edit a shipped migration:
 * append a new one.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  /** What the migration does, for error messages. */
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'create attempts',
    up(db) {
      db.exec(`
        CREATE TABLE attempts (
          id            TEXT PRIMARY KEY,
          question_id   TEXT NOT NULL,
          question_json TEXT NOT NULL,
          created_at    TEXT NOT NULL,
          sample_rate   INTEGER NOT NULL,
          duration_sec  REAL NOT NULL DEFAULT 0,
          status        TEXT NOT NULL
                        CHECK (status IN ('recording', 'interrupted', 'processing', 'ready', 'failed')),
          model         TEXT,
          score         REAL,
          word_count    INTEGER,
          error         TEXT
        );
        CREATE INDEX attempts_by_question ON attempts (question_id, created_at);
        CREATE INDEX attempts_by_time ON attempts (created_at);
      `);
    },
  },
  {
    name: 'remember why a recording stopped',
    up(db) {
      db.exec(`
        ALTER TABLE attempts ADD COLUMN stop_reason TEXT
          CHECK (stop_reason IS NULL OR stop_reason IN ('user', 'device-lost', 'error', 'crash'));
      `);
    },
  },
  {
    name: 'the length limit as a stop reason; what the capture lost',
    up(db) {
      // SQLite cannot change a CHECK constraint in place: rebuild the table.
      db.exec(`
        CREATE TABLE attempts_next (
          id            TEXT PRIMARY KEY,
          question_id   TEXT NOT NULL,
          question_json TEXT NOT NULL,
          created_at    TEXT NOT NULL,
          sample_rate   INTEGER NOT NULL,
          duration_sec  REAL NOT NULL DEFAULT 0,
          status        TEXT NOT NULL
                        CHECK (status IN ('recording', 'interrupted', 'processing', 'ready', 'failed')),
          model         TEXT,
          score         REAL,
          word_count    INTEGER,
          error         TEXT,
          stop_reason   TEXT CHECK (stop_reason IS NULL OR
                          stop_reason IN ('user', 'device-lost', 'error', 'limit', 'crash')),
          capture_json  TEXT
        );
        INSERT INTO attempts_next (id, question_id, question_json, created_at, sample_rate,
            duration_sec, status, model, score, word_count, error, stop_reason)
          SELECT id, question_id, question_json, created_at, sample_rate, duration_sec, status,
            model, score, word_count, error, stop_reason FROM attempts;
        DROP TABLE attempts;
        ALTER TABLE attempts_next RENAME TO attempts;
        CREATE INDEX attempts_by_question ON attempts (question_id, created_at);
        CREATE INDEX attempts_by_time ON attempts (created_at);
      `);
    },
  },
  {
    name: 'stories, and the story an attempt tells',
    up(db) {
      db.exec(`
        CREATE TABLE stories (
          id         TEXT PRIMARY KEY,
          title      TEXT NOT NULL,
          kinds_json TEXT NOT NULL,
          draft      TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        ALTER TABLE attempts ADD COLUMN story_id TEXT REFERENCES stories (id) ON DELETE SET NULL;
        CREATE INDEX attempts_by_story ON attempts (story_id, created_at);
      `);
    },
  },
  {
    name: 'the analysis stage and progress on the attempt',
    up(db) {
      db.exec(`ALTER TABLE attempts ADD COLUMN progress_json TEXT;`);
    },
  },
];

/** Brings the database to the latest schema. Returns the version before and after. */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > migrations.length) {
    throw new Error(
      `The history database has schema version ${from}, newer than this version of Rehearse understands (${migrations.length}). Update Rehearse to open it.`,
    );
  }
  for (let version = from; version < migrations.length; version++) {
    const migration = migrations[version]!;
    db.transaction(() => {
      try {
        migration.up(db);
      } catch (error) {
        throw new Error(
          `Database migration ${version + 1} ("${migration.name}") failed: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return { from, to: migrations.length };
}
