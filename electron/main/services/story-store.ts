/**
 * The story inventory: rows in the same SQLite database as the attempts, and, like each attempt's
 * `attempt.json`, one file per story (`stories/<id>.json`) written in the same transaction, so a
 * damaged history rebuilt from the folders gets its stories back (`restoreStories`). Electron-free.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { SaveStoryRequest } from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../shared/ipc/errors.ts';
import { isStoryKind, type StoryKind } from '../../../shared/stories/kinds.ts';
import type { Story } from '../../../shared/stories/types.ts';
import { fsyncDir, readJson, writeJsonAtomically } from './json-files.ts';

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

  private readonly dir: string;

  constructor(
    private readonly db: Database.Database,
    dataDir: string,
    options: StoryStoreOptions = {},
  ) {
    this.dir = storiesDir(dataDir);
    mkdirSync(this.dir, { recursive: true });
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
    const before = request.id === undefined ? undefined : this.get(request.id);
    if (request.id !== undefined && !before) throw notFound(request.id);
    const story: Story = {
      id: before?.id ?? this.newId(),
      title: request.title,
      kinds: [...request.kinds],
      draft: request.draft,
      createdAt: before?.createdAt ?? time,
      updatedAt: time,
    };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO stories (id, title, kinds_json, draft, created_at, updated_at)
           VALUES (@id, @title, @kinds, @draft, @createdAt, @updatedAt)
           ON CONFLICT (id) DO UPDATE SET title = @title, kinds_json = @kinds, draft = @draft,
             updated_at = @updatedAt`,
        )
        .run({ ...story, kinds: JSON.stringify(story.kinds) });
      // The file is written inside the transaction: if it fails, the row is rolled back.
      writeJsonAtomically(join(this.dir, `${story.id}.json`), story);
    })();
    return this.require(story.id);
  }

  /** Deletes the story; attempts that told it keep their recording and lose the link. */
  delete(id: string): void {
    this.db.transaction(() => {
      const changed = this.db.prepare('DELETE FROM stories WHERE id = ?').run(id).changes;
      if (changed === 0) throw notFound(id);
      rmSync(join(this.dir, `${id}.json`), { force: true });
      fsyncDir(this.dir);
    })();
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

function storiesDir(dataDir: string): string {
  return join(dataDir, 'stories');
}

/**
 * Puts the stories of `<dataDir>/stories/*.json` back into an empty, freshly built history (after a
 * damaged one was moved aside). Returns the ids restored; unreadable files are skipped and logged.
 */
export function restoreStories(db: Database.Database, dataDir: string): Set<string> {
  const restored = new Set<string>();
  const dir = storiesDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return restored;
  }
  const insert = db.prepare(
    `INSERT OR IGNORE INTO stories (id, title, kinds_json, draft, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const name of names) {
    try {
      const story = readJson<Story>(join(dir, name));
      if (!story || `${story.id}.json` !== name || typeof story.title !== 'string') continue;
      const kinds = Array.isArray(story.kinds) ? story.kinds.filter(isStoryKind) : [];
      insert.run(
        story.id,
        story.title,
        JSON.stringify(kinds),
        typeof story.draft === 'string' ? story.draft : '',
        story.createdAt,
        story.updatedAt,
      );
      restored.add(story.id);
    } catch (error) {
      console.warn(`Rehearse: could not restore story file ${name}:`, error);
    }
  }
  return restored;
}
