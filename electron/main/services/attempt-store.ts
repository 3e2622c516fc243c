/**
 * The repository: an SQLite index (`history.sqlite`) plus one folder per attempt under
 * `attempts/<id>/` with `attempt.json` (what the attempt answers, written once at its start),
 * `recording.wav`, `transcript.json` and `report.json`. The transcript's words are stored once,
 * in `transcript.json`: `report.json` leaves them out and keeps which are fillers as its filler
 * occurrences (see shared/analysis/stored-report.ts).
 *
 * The folders are the source of truth: a history that SQLite reports as damaged is moved aside
 * (`history.sqlite.damaged-<time>`) and rebuilt from them, with `notice` saying so. A history from
 * a newer Rehearse is refused with `HistoryError('newer-schema')`. Writes never wait long for a
 * lock held by someone else (`BUSY_TIMEOUT_MS`): they fail with SQLITE_BUSY, and callers retry
 * without blocking the main thread. Files are fsync'd, and so are the folders that name them.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  toStoredReport,
  withWords,
  type StoredReport,
} from '../../../shared/analysis/stored-report.ts';
import type { AnswerReport } from '../../../shared/analysis/types.ts';
import type {
  AttemptStageProgress,
  AttemptStatus,
  CaptureReport,
  AttemptSummary,
  ModelId,
  QuestionRef,
  StopReason,
} from '../../../shared/ipc/contract.ts';
import type { Transcript } from '../../../shared/transcript/types.ts';
import { MIGRATIONS, migrate } from './migrations.ts';
import { fsyncDir, readJson, writeJsonAtomically } from './json-files.ts';
import { restoreStories } from './story-store.ts';
import { repairWav } from './wav-recovery.ts';

/** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 200;

export type HistoryErrorCode = 'newer-schema' | 'locked' | 'unreadable';

/** The history cannot be opened; `code` says why, the message what to do. */
export class HistoryError extends Error {
  constructor(
    readonly code: HistoryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HistoryError';
  }
}

/** SQLite's "someone else holds the lock" (SQLITE_BUSY, SQLITE_LOCKED and their extended codes). */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

function isDamagedError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    error instanceof DamagedHistory ||
    (typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code))
  );
}

class DamagedHistory extends Error {}

/** Written once when an attempt starts, so the history can be rebuilt from the folders. */
interface AttemptMeta {
  id: string;
  question: QuestionRef;
  createdAt: string;
  sampleRate: number;
  /** The story the answer tells, when one was picked. */
  storyId?: string;
}

interface AttemptRow {
  id: string;
  question_id: string;
  question_json: string;
  created_at: string;
  sample_rate: number;
  duration_sec: number;
  status: AttemptStatus;
  model: ModelId | null;
  score: number | null;
  word_count: number | null;
  error: string | null;
  stop_reason: StopReason | null;
  story_id: string | null;
  capture_json: string | null;
  progress_json: string | null;
}

export interface StoredAttempt extends AttemptSummary {
  sampleRate: number;
  stopReason: StopReason | null;
  capture: CaptureReport | null;
  progress: AttemptStageProgress | null;
}

export interface NewAttempt {
  id: string;
  question: QuestionRef;
  createdAt: string;
  sampleRate: number;
  storyId?: string;
}

export type AttemptUpdate = Partial<
  Pick<
    StoredAttempt,
    | 'status'
    | 'durationSec'
    | 'model'
    | 'score'
    | 'wordCount'
    | 'error'
    | 'stopReason'
    | 'capture'
    | 'progress'
  >
>;

const COLUMN: Record<keyof AttemptUpdate, keyof AttemptRow> = {
  status: 'status',
  durationSec: 'duration_sec',
  model: 'model',
  score: 'score',
  wordCount: 'word_count',
  error: 'error',
  stopReason: 'stop_reason',
  capture: 'capture_json',
  progress: 'progress_json',
};

/** Fields stored as JSON text. */
const JSON_FIELDS = ['capture', 'progress'] as const;

export class AttemptStore {
  readonly dataDir: string;
  /** Set when the history had to be rebuilt at open: what happened, for the user. */
  readonly notice: string | null = null;
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.dataDir = dataDir;
    mkdirSync(join(dataDir, 'attempts'), { recursive: true });
    const file = join(dataDir, 'history.sqlite');
    try {
      this.db = openHistory(file);
    } catch (error) {
      if (!isDamagedError(error)) throw error;
      const movedTo = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      for (const suffix of ['', '-wal', '-shm'])
        if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
      fsyncDir(dataDir);
      this.db = openHistory(file);
      const { restored, stories } = this.rebuildFromFolders();
      this.notice =
        `The history database was damaged (${(error as Error).message}). It was moved to ` +
        `${movedTo} and rebuilt from the attempt folders: ${restored} attempt${restored === 1 ? '' : 's'} restored` +
        (stories > 0 ? `, and ${stories} stor${stories === 1 ? 'y' : 'ies'}.` : '.');
    }
  }

  /** The open database, for the stores that share it (stories). */
  get database(): Database.Database {
    return this.db;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  attemptDir(id: string): string {
    return join(this.dataDir, 'attempts', id);
  }

  recordingPath(id: string): string {
    return join(this.attemptDir(id), 'recording.wav');
  }

  /**
   * Creates an attempt safely: its row (status `recording`), its folder with `attempt.json`, and
   * whatever `open` makes in it (the recording), in one transaction. If any step fails, nothing is
   * left behind: no row without a folder, no folder without a row.
   */
  create<T>(attempt: NewAttempt, open: (recordingPath: string) => T): T {
    const dir = this.attemptDir(attempt.id);
    return this.db.transaction(() => {
      this.insertRow(attempt);
      mkdirSync(dir);
      try {
        const meta: AttemptMeta = {
          id: attempt.id,
          question: attempt.question,
          createdAt: attempt.createdAt,
          sampleRate: attempt.sampleRate,
          ...(attempt.storyId === undefined ? {} : { storyId: attempt.storyId }),
        };
        writeJsonAtomically(join(dir, 'attempt.json'), meta);
        const opened = open(this.recordingPath(attempt.id));
        fsyncDir(join(this.dataDir, 'attempts'));
        return opened;
      } catch (error) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    })();
  }

  /** Rewrites `attempt.json` (after the folder was lost and its recording rescued). */
  restoreMeta(id: string): void {
    const attempt = this.require(id);
    const meta: AttemptMeta = {
      id,
      question: attempt.question,
      createdAt: attempt.createdAt,
      sampleRate: attempt.sampleRate,
      ...(attempt.storyId ? { storyId: attempt.storyId } : {}),
    };
    writeJsonAtomically(join(this.attemptDir(id), 'attempt.json'), meta);
  }

  /** Only the row (status `recording`); `create` is the safe way to start an attempt. */
  insert(attempt: NewAttempt): StoredAttempt {
    mkdirSync(this.attemptDir(attempt.id), { recursive: true });
    this.insertRow(attempt);
    return this.require(attempt.id);
  }

  private insertRow(attempt: NewAttempt): void {
    this.db
      .prepare(
        `INSERT INTO attempts (id, question_id, question_json, created_at, sample_rate, story_id, status)
         VALUES (?, ?, ?, ?, ?, ?, 'recording')`,
      )
      .run(
        attempt.id,
        attempt.question.id,
        JSON.stringify(attempt.question),
        attempt.createdAt,
        attempt.sampleRate,
        attempt.storyId ?? null,
      );
  }

  update(id: string, changes: AttemptUpdate): StoredAttempt {
    const keys = Object.keys(changes) as (keyof AttemptUpdate)[];
    if (keys.length > 0) {
      const assignments = keys.map((key) => `${COLUMN[key]} = @${key}`).join(', ');
      const values: Record<string, unknown> = { ...changes };
      for (const field of JSON_FIELDS)
        if (field in changes) values[field] = JSON.stringify(changes[field] ?? null);
      this.db.prepare(`UPDATE attempts SET ${assignments} WHERE id = @id`).run({ ...values, id });
    }
    return this.require(id);
  }

  get(id: string): StoredAttempt | undefined {
    const row = this.db.prepare('SELECT * FROM attempts WHERE id = ?').get(id) as
      AttemptRow | undefined;
    return row && toAttempt(row);
  }

  require(id: string): StoredAttempt {
    const attempt = this.get(id);
    if (!attempt) throw new Error(`Attempt ${id} is not in the history.`);
    return attempt;
  }

  /** Newest first, optionally for one question. */
  list(filter: { questionId?: string; status?: AttemptStatus } = {}): StoredAttempt[] {
    const where: string[] = [];
    if (filter.questionId !== undefined) where.push('question_id = @questionId');
    if (filter.status !== undefined) where.push('status = @status');
    const sql = `SELECT * FROM attempts ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
                 ORDER BY created_at DESC, rowid DESC`;
    return (this.db.prepare(sql).all(filter) as AttemptRow[]).map(toAttempt);
  }

  /** Removes the row and the attempt's folder. */
  delete(id: string): void {
    this.db.prepare('DELETE FROM attempts WHERE id = ?').run(id);
    rmSync(this.attemptDir(id), { recursive: true, force: true });
  }

  saveResults(id: string, transcript: Transcript, report: AnswerReport): void {
    writeJsonAtomically(join(this.attemptDir(id), 'transcript.json'), transcript);
    writeJsonAtomically(join(this.attemptDir(id), 'report.json'), toStoredReport(report));
  }

  readTranscript(id: string): Transcript | null {
    return readJson<Transcript>(join(this.attemptDir(id), 'transcript.json'));
  }

  /** The report with its words, rebuilt from the transcript (null when either is missing). */
  readReport(id: string): AnswerReport | null {
    const stored = this.readStoredReport(id);
    if (!stored) return null;
    return withWords(stored, stored.words ? null : this.readTranscript(id));
  }

  private readStoredReport(id: string): StoredReport | null {
    return readJson<StoredReport>(join(this.attemptDir(id), 'report.json'));
  }

  /**
   * Re-creates the rows from the attempt folders (after a damaged history was moved aside).
   * Analysed attempts come back ready, others as interrupted recordings to analyse again; the
   * stories first, so attempts get their story back. Returns how many of each were restored.
   */
  private rebuildFromFolders(): { restored: number; stories: number } {
    const stories = restoreStories(this.db, this.dataDir);
    let restored = 0;
    const root = join(this.dataDir, 'attempts');
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const id = entry.name;
      try {
        const meta = readJson<AttemptMeta>(join(root, id, 'attempt.json'));
        const wav = this.recordingPath(id);
        if (!meta || meta.id !== id || !existsSync(wav)) continue;
        const { durationSec } = repairWav(wav, meta.sampleRate);
        const report = this.readStoredReport(id);
        const { storyId, ...rest } = meta;
        // A link to a story that was deleted (its file is gone) is dropped, as deleting it does.
        this.insertRow(storyId !== undefined && stories.has(storyId) ? meta : rest);
        this.update(id, {
          durationSec,
          ...(report
            ? {
                status: 'ready',
                score: report.score.overall,
                wordCount: report.timing.wordCount,
              }
            : durationSec > 0
              ? { status: 'interrupted', error: null }
              : { status: 'failed', error: 'No audio was recorded.' }),
        });
        restored++;
      } catch (error) {
        console.warn(`Rehearse: could not restore attempt folder ${id}:`, error);
      }
    }
    return { restored, stories: stories.size };
  }

  /** Drops an earlier analysis (before re-analysing). */
  clearResults(id: string): void {
    rmSync(join(this.attemptDir(id), 'transcript.json'), { force: true });
    rmSync(join(this.attemptDir(id), 'report.json'), { force: true });
  }
}

function toAttempt(row: AttemptRow): StoredAttempt {
  return {
    id: row.id,
    question: JSON.parse(row.question_json) as QuestionRef,
    createdAt: row.created_at,
    durationSec: row.duration_sec,
    status: row.status,
    model: row.model,
    score: row.score,
    wordCount: row.word_count,
    error: row.error,
    sampleRate: row.sample_rate,
    stopReason: row.stop_reason,
    storyId: row.story_id,
    capture: parseJson<CaptureReport>(row.capture_json),
    progress: parseJson<AttemptStageProgress>(row.progress_json),
  };
}

/** The public summary (no storage details). */
export function toSummary(attempt: StoredAttempt): AttemptSummary {
  const { sampleRate: _sampleRate, ...summary } = attempt;
  return summary;
}

/** Opens and checks the history, bringing it to the latest schema. */
function openHistory(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new HistoryError(
      'unreadable',
      `The history database ${file} cannot be opened: ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    db.pragma('journal_mode = WAL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DamagedHistory(`quick_check: ${String(check)}`);
    db.pragma('foreign_keys = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new HistoryError(
        'newer-schema',
        `The history in ${file} was written by a newer version of Rehearse (schema ${version}; this version understands up to ${MIGRATIONS.length}). Update Rehearse to open it; nothing was changed.`,
      );
    }
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (isBusyError(error)) {
      throw new HistoryError(
        'locked',
        `The history database ${file} is locked by another program (another Rehearse using the same data folder?). Close it and try again.`,
        { cause: error },
      );
    }
    throw error;
  }
}

function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T | null);
}
