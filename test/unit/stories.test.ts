import Database from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/main/services/dispatch.ts';
import { ApiError } from '../../shared/ipc/errors.ts';
import { speechHintsFor } from '../../shared/vocabulary/hints.ts';
import { type DataDir } from './helpers/data-dir.ts';
import {
  PIPELINE_QUESTION,
  servicesForEachTest,
  startServices,
  type ServicesUnderTest,
} from './helpers/services.ts';

let data: DataDir;
let t: ServicesUnderTest;
servicesForEachTest((current) => ({ data, t } = current));

const api = () => t.services.handlers;
/** Handlers may throw synchronously; run one as a promise. */
const later = <T>(run: () => T | Promise<T>): Promise<T> => Promise.resolve().then(run);
const DRAFT = 'I was on call when the orders pipeline broke. I added a contract test.';

/** Saves the incident story and starts an answer that tells it. */
async function startTelling() {
  const story = await api().saveStory({
    title: 'Orders outage',
    kinds: ['incident'],
    draft: DRAFT,
  });
  const { attemptId } = await api().startAttempt({
    question: PIPELINE_QUESTION,
    sampleRate: 16_000,
    storyId: story.id,
  });
  return { story, attemptId };
}

describe('stories', () => {
  it('creates, edits, lists and deletes stories, which survive a restart', async () => {
    const created = await api().saveStory({
      title: 'Orders outage',
      kinds: ['incident'],
      draft: '',
    });
    expect(created).toMatchObject({ title: 'Orders outage', kinds: ['incident'], draft: '' });
    const edited = await api().saveStory({
      id: created.id,
      title: 'Orders outage',
      kinds: ['incident', 'cross-team'],
      draft: DRAFT,
    });
    expect(edited).toMatchObject({
      id: created.id,
      kinds: ['incident', 'cross-team'],
      draft: DRAFT,
    });
    await api().saveStory({ title: 'Snowflake bill', kinds: ['cost-win'], draft: '' });

    await t.services.close();
    t = startServices(data.dir);
    expect((await api().listStories({})).map((story) => story.title)).toEqual([
      'Orders outage',
      'Snowflake bill',
    ]);
    await api().deleteStory({ storyId: created.id });
    expect((await api().listStories({})).map((story) => story.title)).toEqual(['Snowflake bill']);
    await expect(later(() => api().deleteStory({ storyId: created.id }))).rejects.toThrow(
      /no story/u,
    );
  });

  it('records which story an attempt tells, and keeps the attempt when the story is deleted', async () => {
    const { story, attemptId } = await startTelling();
    await api().stopAttempt({ attemptId, reason: 'user' });
    await t.services.attempts.whenIdle();
    expect((await api().getAttempt({ attemptId })).storyId).toBe(story.id);

    await api().deleteStory({ storyId: story.id });
    const after = await api().getAttempt({ attemptId });
    expect(after.storyId).toBeNull();
    expect(after.status).not.toBe('recording');
  });

  it("primes the recogniser with the question, the story's draft and the role's vocabulary, live and on re-analysis", async () => {
    const { attemptId } = await startTelling();
    await api().appendAudio({ attemptId, pcm: new Float32Array(16_000).fill(0.1), clockSec: 1 });
    await api().stopAttempt({ attemptId, reason: 'user' });
    await t.services.attempts.whenIdle();
    const expected = speechHintsFor(PIPELINE_QUESTION, { draft: DRAFT });
    expect(t.engine.streams[0]!.hints).toEqual(expected);
    expect(expected.terms).toContain('Fivetran');

    await api().analyzeAttempt({ attemptId });
    await t.services.attempts.whenIdle();
    expect(t.engine.streams).toHaveLength(2);
    expect(t.engine.streams[1]!.hints).toEqual(expected);

    // Without a story: the question and the vocabulary.
    const second = await api().startAttempt({ question: PIPELINE_QUESTION, sampleRate: 16_000 });
    await api().stopAttempt({ attemptId: second.attemptId, reason: 'user' });
    await t.services.attempts.whenIdle();
    expect(t.engine.streams[2]!.hints).toEqual(speechHintsFor(PIPELINE_QUESTION));
  });

  it('refuses an answer for a story that does not exist, before anything is created', async () => {
    const missing = '11111111-1111-4111-8111-111111111111';
    const attempt = later(() =>
      api().startAttempt({
        question: PIPELINE_QUESTION,
        sampleRate: 16_000,
        storyId: missing,
      }),
    );
    await expect(attempt).rejects.toBeInstanceOf(ApiError);
    await expect(attempt).rejects.toThrow(/story picked for this answer no longer exists/u);
    expect(await api().listAttempts({})).toEqual([]);
  });

  it('validates story requests with messages that name the field', async () => {
    const empty = await dispatch(api(), 'saveStory', { title: '  ', kinds: [], draft: '' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(!empty.ok && empty.error.message).toMatch(/title: The story needs a title/u);
    const kind = await dispatch(api(), 'saveStory', { title: 'x', kinds: ['poetry'], draft: '' });
    expect(!kind.ok && kind.error.message).toMatch(/kinds/u);
    const twice = await dispatch(api(), 'saveStory', {
      title: 'x',
      kinds: ['incident', 'incident'],
      draft: '',
    });
    expect(!twice.ok && twice.error.message).toMatch(/kinds lists a kind twice/u);
    const long = await dispatch(api(), 'saveStory', {
      title: 'x',
      kinds: [],
      draft: 'w '.repeat(10_001),
    });
    expect(!long.ok && long.error.message).toMatch(/draft is over 20000 characters/u);
  });

  it('stores stories in the attempts database (so backups carry them)', async () => {
    await api().saveStory({ title: 'Orders outage', kinds: ['incident'], draft: DRAFT });
    await t.services.close();
    const db = new Database(join(data.dir, 'history.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT title FROM stories').all()).toEqual([{ title: 'Orders outage' }]);
    } finally {
      db.close();
    }
    t = startServices(data.dir);
  });

  it('comes back with its attempts’ links when a damaged history is rebuilt from the folders', async () => {
    const kept = await api().saveStory({
      title: 'Orders outage',
      kinds: ['incident'],
      draft: DRAFT,
    });
    const gone = await api().saveStory({ title: 'Old story', kinds: ['cost-win'], draft: '' });
    const ids: string[] = [];
    for (const story of [kept, gone]) {
      const { attemptId } = await api().startAttempt({
        question: PIPELINE_QUESTION,
        sampleRate: 16_000,
        storyId: story.id,
      });
      await api().appendAudio({ attemptId, pcm: new Float32Array(16_000).fill(0.1) });
      await api().stopAttempt({ attemptId, reason: 'user' });
      ids.push(attemptId);
    }
    await t.services.attempts.whenIdle();
    await api().deleteStory({ storyId: gone.id });
    await t.services.close();
    writeFileSync(join(data.dir, 'history.sqlite'), 'this is not a database'.repeat(100));
    rmSync(join(data.dir, 'history.sqlite-wal'), { force: true });

    t = startServices(data.dir);
    expect(t.services.notices[0]).toMatch(/2 attempts restored, and 1 story\./u);
    expect(await api().listStories({})).toEqual([kept]);
    expect((await api().getAttempt({ attemptId: ids[0]! })).storyId).toBe(kept.id);
    expect((await api().getAttempt({ attemptId: ids[1]! })).storyId).toBeNull();
  });
});
