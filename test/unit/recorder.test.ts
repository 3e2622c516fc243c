/**
 * The recorder's guarantees beyond the happy path: audio the capture never delivered is measured
 * and kept on the attempt, and the faults and bounds below are survived with a clear message and no
 * recorded audio lost.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { AttemptStore, HistoryError } from '../../electron/main/services/attempt-store.ts';
import { readRecording } from '../../electron/main/services/wav-recovery.ts';
import { WavWriter } from '../../electron/main/services/wav-writer.ts';
import { ApiError } from '../../shared/ipc/errors.ts';
import { describeLostAudio } from '../../shared/recording/capture-clock.ts';
import { tone, type DataDir } from './helpers/data-dir.ts';
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
const RATE = 16_000;
const CHUNK = RATE / 4;

describe('counting what the capture delivered', () => {
  it('stores where and how much audio never arrived, and the review says so', async () => {
    const { attemptId } = await api().startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: RATE,
    });
    let wall = 0;
    for (let i = 0; i < 400; i++) {
      if (i === 280) wall += 4.2; // the audio thread starved for 4.2 s at 1:10
      wall += 0.25;
      await api().appendAudio({
        attemptId,
        pcm: tone(CHUNK, RATE, 220, 0.5),
        clockSec: wall + 0.03,
      });
    }
    const stopped = await api().stopAttempt({ attemptId, reason: 'user' });
    expect(stopped.durationSec).toBe(100);
    expect(stopped.capture!.gaps).toHaveLength(1);
    expect(stopped.capture!.gaps[0]!.atSec).toBeCloseTo(70, 0);
    expect(stopped.capture!.lostSec).toBeCloseTo(4.2, 1);
    const detail = await api().getAttempt({ attemptId });
    expect(describeLostAudio(detail.capture)).toMatch(
      /^4\.2 s of audio were lost at 1:10 because the computer was busy/,
    );
  });

  it('records a complete capture as complete', async () => {
    const { attemptId } = await api().startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: RATE,
    });
    for (let i = 1; i <= 40; i++)
      await api().appendAudio({
        attemptId,
        pcm: tone(CHUNK, RATE, 220, 0.5),
        clockSec: i * 0.25 + 0.02,
      });
    const stopped = await api().stopAttempt({ attemptId, reason: 'user' });
    expect(stopped.capture).toMatchObject({ lostSec: 0, gaps: [], receivedSec: 10 });
    expect(describeLostAudio(stopped.capture)).toBeNull();
  });
});

async function apiError(call: () => unknown): Promise<ApiError> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError');
}

async function recordSeconds(seconds: number): Promise<string> {
  const { attemptId } = await api().startAttempt({ question: PIPELINE_QUESTION, sampleRate: RATE });
  for (let i = 0; i < seconds * 4; i++)
    await api().appendAudio({ attemptId, pcm: tone(CHUNK, RATE, 220, 0.5, i * CHUNK) });
  return attemptId;
}

const wavPath = (id: string) => join(data.dir, 'attempts', id, 'recording.wav');
const secondsOnDisk = (id: string) => readRecording(wavPath(id)).samples.length / RATE;

/** A second connection holding the history's write lock, as another program would. */
function lockHistory(): () => void {
  const other = new Database(join(data.dir, 'history.sqlite'));
  other.exec('BEGIN IMMEDIATE');
  return () => {
    other.exec('ROLLBACK');
    other.close();
  };
}

describe('analysis progress on the attempt', () => {
  it('stores each stage before sending its event, so a late reader sees it', async () => {
    const id = await recordSeconds(1);
    const seen: (string | undefined)[] = [];
    t.services.events.subscribe((event, payload) => {
      if (event === 'attemptProgress')
        seen.push(t.services.attempts.getAttempt({ attemptId: id }).progress?.stage);
      void payload;
    });
    await api().stopAttempt({ attemptId: id, reason: 'user' });
    expect((await api().getAttempt({ attemptId: id })).progress).toMatchObject({
      stage: 'transcribing',
    });
    await t.services.attempts.whenIdle();
    expect(seen).toEqual([
      'saving',
      'transcribing',
      'transcribing',
      'transcribing',
      'analyzing',
      'ready',
    ]);
    expect((await api().getAttempt({ attemptId: id })).progress).toEqual({ stage: 'ready' });
  });
});

describe('storage faults', () => {
  it('notices the attempt folder was deleted mid-recording, saves the audio so far again, and says so', async () => {
    const id = await recordSeconds(2);
    rmSync(join(data.dir, 'attempts', id), { recursive: true, force: true });
    const error = await apiError(() =>
      api().appendAudio({ attemptId: id, pcm: tone(CHUNK, RATE, 220, 0.5, 8 * CHUNK) }),
    );
    expect(error.code).toBe('folder-lost');
    expect(error.message).toMatch(
      /folder was deleted while recording\. The 0:02 recorded so far was saved again/,
    );
    expect(existsSync(join(data.dir, 'attempts', id, 'attempt.json'))).toBe(true);
    const stopped = await api().stopAttempt({ attemptId: id, reason: 'error' });
    expect(stopped).toMatchObject({ status: 'processing', durationSec: 2.25 });
    // Nothing lost: the two seconds before and the chunk that found the problem.
    expect(secondsOnDisk(id)).toBe(2.25);
    const saved = readRecording(wavPath(id)).samples;
    const expected = tone(9 * CHUNK, RATE, 220, 0.5);
    expect(Math.max(...saved.map((v, i) => Math.abs(v - expected[i]!)))).toBeLessThan(1e-4);
    await t.services.attempts.whenIdle();
    expect((await api().getAttempt({ attemptId: id })).status).toBe('ready');
  });

  it('refuses to start while the history is locked, leaving no folder behind', async () => {
    const unlock = lockHistory();
    try {
      const error = await apiError(() =>
        api().startAttempt({ question: PIPELINE_QUESTION, sampleRate: RATE }),
      );
      expect(error.code).toBe('storage-busy');
      expect(error.message).toMatch(/could not start: the history database is busy/);
    } finally {
      unlock();
    }
    expect(readdirSync(join(data.dir, 'attempts'))).toEqual([]);
    expect(await api().listAttempts({})).toEqual([]);
  });

  it('a locked history at Stop: the WAV is complete, Stop can be retried, nothing stays "recording"', async () => {
    const id = await recordSeconds(2);
    const unlock = lockHistory();
    let error: ApiError;
    try {
      error = await apiError(() => api().stopAttempt({ attemptId: id, reason: 'user' }));
      // While the lock is held, the recording is already complete on disk.
      expect(secondsOnDisk(id)).toBe(2);
    } finally {
      unlock();
    }
    expect(error.code).toBe('storage-busy');
    expect(error.message).toMatch(/The recording is saved \(0:02\).*Press Stop again to retry\./);
    // Audio sent after Stop is refused; the retry finishes it.
    expect(
      (await apiError(() => api().appendAudio({ attemptId: id, pcm: tone(CHUNK, RATE) }))).code,
    ).toBe('conflict');
    const stopped = await api().stopAttempt({ attemptId: id, reason: 'user' });
    expect(stopped).toMatchObject({ status: 'processing', durationSec: 2, stopReason: 'user' });
    await t.services.attempts.whenIdle();
    expect((await api().getAttempt({ attemptId: id })).status).toBe('ready');
  });

  it('disk full while recording or at Stop: what reached the disk is kept and Stop can be retried', async () => {
    const id = await recordSeconds(1);
    const enospc = () =>
      Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const append = vi.spyOn(WavWriter.prototype, 'append').mockImplementationOnce(() => {
      throw enospc();
    });
    const full = await apiError(() => api().appendAudio({ attemptId: id, pcm: tone(CHUNK, RATE) }));
    append.mockRestore();
    expect(full.code).toBe('storage-failed');
    expect(full.message).toMatch(/Could not write the recording to disk: ENOSPC/);

    const close = vi.spyOn(WavWriter.prototype, 'close').mockImplementationOnce(() => {
      throw enospc();
    });
    const atStop = await apiError(() => api().stopAttempt({ attemptId: id, reason: 'error' }));
    close.mockRestore();
    expect(atStop.code).toBe('storage-failed');
    expect(atStop.message).toMatch(
      /The 0:01 recorded is on disk; free some space, then press Stop again\./,
    );
    expect((await api().getAttempt({ attemptId: id })).status).toBe('recording');

    const stopped = await api().stopAttempt({ attemptId: id, reason: 'user' });
    expect(stopped).toMatchObject({ status: 'processing', durationSec: 1, stopReason: 'error' });
    expect(secondsOnDisk(id)).toBe(1);
  });

  it('moves a damaged history aside and rebuilds it from the attempt folders, saying so', async () => {
    const id = await recordSeconds(2);
    await api().stopAttempt({ attemptId: id, reason: 'user' });
    await t.services.attempts.whenIdle();
    const interrupted = await recordSeconds(1);
    const before = await api().getAttempt({ attemptId: id });
    await t.services.close();
    writeFileSync(join(data.dir, 'history.sqlite'), 'this is not a database'.repeat(100));
    rmSync(join(data.dir, 'history.sqlite-wal'), { force: true });

    t = startServices(data.dir);
    expect(t.services.notices).toHaveLength(1);
    expect(t.services.notices[0]).toMatch(
      /history database was damaged .* moved to .*history\.sqlite\.damaged-.* rebuilt from the attempt folders: 2 attempts restored/,
    );
    const aside = readdirSync(data.dir).filter((f) => f.startsWith('history.sqlite.damaged-'));
    expect(aside.length).toBeGreaterThanOrEqual(1);
    expect(readFileSync(join(data.dir, aside[0]!), 'utf8')).toMatch(/^this is not a database/);
    const restored = await api().getAttempt({ attemptId: id });
    expect(restored).toMatchObject({
      status: 'ready',
      question: before.question,
      createdAt: before.createdAt,
      durationSec: 2,
      score: before.score,
      wordCount: before.wordCount,
    });
    expect(restored.report).toEqual(before.report);
    expect(await api().getAttempt({ attemptId: interrupted })).toMatchObject({
      status: 'interrupted',
      durationSec: 1,
    });
  });

  it('refuses a history from a newer Rehearse with a specific error, changing nothing', async () => {
    await t.services.close();
    const file = join(data.dir, 'history.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    const bytes = readFileSync(file);
    let error: unknown;
    try {
      new AttemptStore(data.dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HistoryError);
    expect((error as HistoryError).code).toBe('newer-schema');
    expect((error as HistoryError).message).toMatch(
      /written by a newer version of Rehearse \(schema 99/,
    );
    expect(readFileSync(file).equals(bytes)).toBe(true);
    t = startServices(join(data.dir, 'fresh')); // for afterEach
  });
});

describe('bounds', () => {
  it('records one answer at a time; one whose page went away is ended and kept', async () => {
    await t.services.close();
    let now = Date.parse('2026-01-01T10:00:00Z');
    t = startServices(data.dir, { now: () => new Date(now) });
    const first = await recordSeconds(1);
    const busy = await apiError(() =>
      api().startAttempt({ question: PIPELINE_QUESTION, sampleRate: RATE }),
    );
    expect(busy.code).toBe('conflict');
    expect(busy.message).toMatch(/one answer at a time/);
    now += 30_000; // no audio for 30 s: its page is gone
    const { attemptId: second } = await api().startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: RATE,
    });
    expect(second).not.toBe(first);
    expect(await api().getAttempt({ attemptId: first })).toMatchObject({
      status: 'processing',
      durationSec: 1,
      stopReason: 'error',
    });
  });

  it('stops taking audio at the length limit, keeping everything up to it', async () => {
    await t.services.close();
    t = startServices(data.dir, { maxRecordingSec: 2 });
    const { attemptId } = await api().startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: RATE,
    });
    // 5 × 0.45 s: the fifth crosses 2 s and is cut there.
    for (let i = 0; i < 5; i++)
      await api().appendAudio({ attemptId, pcm: tone(0.45 * RATE, RATE) });
    const limit = await apiError(() => api().appendAudio({ attemptId, pcm: tone(CHUNK, RATE) }));
    expect(limit.code).toBe('limit-reached');
    expect(limit.message).toBe('Recordings stop at 0:02. Everything up to there is saved.');
    const stopped = await api().stopAttempt({ attemptId, reason: 'limit' });
    expect(stopped).toMatchObject({ status: 'processing', durationSec: 2, stopReason: 'limit' });
    expect(secondsOnDisk(attemptId)).toBe(2);
  });
});
