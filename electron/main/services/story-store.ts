/**
 * The story inventory, in the same SQLite database as the attempts (so it is backed up and
 * exported with them). Electron-free.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SaveStoryRequest } from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../shared/ipc/errors.ts';
import { isStoryKind, type StoryKind } from '../../../shared/stories/kinds.ts';
import type { Story } from '../../../shared/stories/types.ts';

interface StoryRow {
  id: string;
  title: string;
  kinds_json: string;
  draft: string;
  created_at: string;
  updated_at: string;
}

export interface StoryStoreOptions {
  now?: () => Date;
  newId?: () => string;
}

export class StoryStore {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(
    private readonly db: Database.Database,
    options: StoryStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  /** All stories, oldest first (the order the user wrote them in). */
  list(): Story[] {
    const rows = this.db
      .prepare('SELECT * FROM stories ORDER BY created_at, rowid')
      .all() as StoryRow[];
    return rows.map(toStory);
  }

  get(id: string): Story | undefined {
    const row = this.db.prepare('SELECT * FROM stories WHERE id = ?').get(id) as
      StoryRow | undefined;
    return row && toStory(row);
  }

  /** Creates a story, or replaces the title, kinds and draft of an existing one. */
  save(request: SaveStoryRequest): Story {
    const time = this.now().toISOString();
    const kinds = JSON.stringify(request.kinds);
    if (request.id === undefined) {
      const id = this.newId();
      this.db
        .prepare(
          `INSERT INTO stories (id, title, kinds_json, draft, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(id, request.title, kinds, request.draft, time, time);
      return this.require(id);
    }
    const changed = this.db
      .prepare(
        'UPDATE stories SET title = ?, kinds_json = ?, draft = ?, updated_at = ? WHERE id = ?',
      )
      .run(request.title, kinds, request.draft, time, request.id).changes;
    if (changed === 0) throw notFound(request.id);
    return this.require(request.id);
  }

  /** Deletes the story; attempts that told it keep their recording and lose the link. */
  delete(id: string): void {
    const changed = this.db.prepare('DELETE FROM stories WHERE id = ?').run(id).changes;
    if (changed === 0) throw notFound(id);
  }

  require(id: string): Story {
    const story = this.get(id);
    if (!story) throw notFound(id);
    return story;
  }
}

function notFound(id: string): ApiError {
  return new ApiError('not-found', `There is no story ${id}; it may have been deleted.`);
}

function toStory(row: StoryRow): Story {
  const parsed: unknown = JSON.parse(row.kinds_json);
  const kinds: StoryKind[] = Array.isArray(parsed) ? parsed.filter(isStoryKind) : [];
  return {
    id: row.id,
    title: row.title,
    kinds,
    draft: row.draft,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
