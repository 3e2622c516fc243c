/**
 * Where attempts live: an SQLite index (`history.sqlite`) plus one folder per attempt under
 * `attempts/<id>/` with `recording.wav`, `transcript.json` and `report.json`.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AnswerReport } from '../../../shared/analysis/types.ts';
import type {
  AttemptStatus,
  AttemptSummary,
  ModelId,
  QuestionRef,
  StopReason,
} from '../../../shared/ipc/contract.ts';
import type { Transcript } from '../../../shared/transcript/types.ts';
import { migrate } from './migrations.ts';

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
}

export interface StoredAttempt extends AttemptSummary {
  sampleRate: number;
  stopReason: StopReason | null;
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
    'status' | 'durationSec' | 'model' | 'score' | 'wordCount' | 'error' | 'stopReason'
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
};

export class AttemptStore {
  readonly dataDir: string;
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.dataDir = dataDir;
    mkdirSync(join(dataDir, 'attempts'), { recursive: true });
    this.db = new Database(join(dataDir, 'history.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
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

  /** Creates the attempt's folder and its row (status `recording`). */
  insert(attempt: NewAttempt): StoredAttempt {
    mkdirSync(this.attemptDir(attempt.id), { recursive: true });
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
    return this.require(attempt.id);
  }

  update(id: string, changes: AttemptUpdate): StoredAttempt {
    const keys = Object.keys(changes) as (keyof AttemptUpdate)[];
    if (keys.length > 0) {
      const assignments = keys.map((key) => `${COLUMN[key]} = @${key}`).join(', ');
      this.db.prepare(`UPDATE attempts SET ${assignments} WHERE id = @id`).run({ ...changes, id });
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
    writeJsonAtomically(join(this.attemptDir(id), 'report.json'), report);
  }

  readTranscript(id: string): Transcript | null {
    return readJson<Transcript>(join(this.attemptDir(id), 'transcript.json'));
  }

  readReport(id: string): AnswerReport | null {
    return readJson<AnswerReport>(join(this.attemptDir(id), 'report.json'));
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
  };
}

/** The public summary (no storage details). */
export function toSummary(attempt: StoredAttempt): AttemptSummary {
  const { sampleRate: _sampleRate, ...summary } = attempt;
  return summary;
}

function writeJsonAtomically(path: string, value: unknown): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, JSON.stringify(value));
  renameSync(temp, path);
}

function readJson<T>(path: string): T | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return JSON.parse(text) as T;
}
