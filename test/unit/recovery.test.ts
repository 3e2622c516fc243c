import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttemptStore } from '../../electron/main/services/attempt-store.ts';
import { readRecording } from '../../electron/main/services/wav-recovery.ts';
import { WavWriter } from '../../electron/main/services/wav-writer.ts';
import { makeDataDir, tone } from './helpers/data-dir.ts';
import { PIPELINE_QUESTION, startServices } from './helpers/services.ts';

const CRASHER = fileURLToPath(new URL('./helpers/record-then-crash.ts', import.meta.url));

let data: ReturnType<typeof makeDataDir>;
beforeEach(() => (data = makeDataDir()));
afterEach(() => data.remove());

/** Records in a child process that SIGKILLs itself; returns the attempt id it printed. */
async function recordThenCrash(seconds: number, sampleRate: number): Promise<string> {
  const error = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', CRASHER, data.dir, String(seconds), String(sampleRate)],
    {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    },
  ).then(
    () => null,
    (e: { signal?: string; stdout?: string; stderr?: string }) => e,
  );
  if (!error || error.signal !== 'SIGKILL')
    throw new Error(`The recorder should have died by SIGKILL: ${JSON.stringify(error)}`);
  return error.stdout!.trim();
}

describe('recovery of a recording interrupted by a crash', () => {
  it('finds it on next start, repairs the WAV, marks it interrupted, and analyses it', async () => {
    const id = await recordThenCrash(2.5, 44_100);
    const wavPath = join(data.dir, 'attempts', id, 'recording.wav');
    // The crash left the header stale: it was last patched at a whole second, not at 2.5 s.
    const stale = readFileSync(wavPath).readUInt32LE(40);
    expect(stale).toBeLessThan(Math.round(2.5 * 44_100) * 2);

    const t = startServices(data.dir);
    try {
      expect(t.services.recovered).toEqual({ interrupted: [id], failed: [] });
      const [summary] = await t.services.handlers.listAttempts({});
      expect(summary).toMatchObject({ id, status: 'interrupted', stopReason: 'crash' });
      expect(summary!.durationSec).toBeCloseTo(2.5, 3);

      const { samples, sampleRate } = readRecording(wavPath);
      expect(sampleRate).toBe(44_100);
      expect(samples.length).toBe(Math.round(2.5 * 44_100));
      const expected = tone(samples.length, 44_100);
      let maxError = 0;
      for (let i = 0; i < samples.length; i++)
        maxError = Math.max(maxError, Math.abs(samples[i]! - expected[i]!));
      expect(maxError).toBeLessThan(1 / 16_000);

      expect((await t.services.handlers.analyzeAttempt({ attemptId: id })).status).toBe(
        'processing',
      );
      await t.services.attempts.whenIdle();
      expect(await t.services.handlers.getAttempt({ attemptId: id })).toMatchObject({
        status: 'ready',
        error: null,
      });
      expect(t.engine.streams[0]).toMatchObject({ sampleRate: 44_100, samples: samples.length });
    } finally {
      await t.services.close();
    }
  });

  it('marks a recording whose file vanished as failed, and an analysis cut short as failed', async () => {
    const store = new AttemptStore(data.dir);
    const question = PIPELINE_QUESTION;
    const lost = store.insert({
      id: randomUUID(),
      question,
      createdAt: '2026-01-01T10:00:00.000Z',
      sampleRate: 16_000,
    });
    const analysing = store.insert({
      id: randomUUID(),
      question,
      createdAt: '2026-01-01T11:00:00.000Z',
      sampleRate: 16_000,
    });
    const writer = WavWriter.create(store.recordingPath(analysing.id), 16_000);
    writer.append(tone(16_000, 16_000));
    writer.close();
    store.update(analysing.id, { status: 'processing', durationSec: 1, stopReason: 'user' });
    store.close();

    const t = startServices(data.dir);
    try {
      expect(t.services.recovered).toEqual({ interrupted: [], failed: [lost.id, analysing.id] });
      expect(await t.services.handlers.getAttempt({ attemptId: lost.id })).toMatchObject({
        status: 'failed',
        error: 'Rehearse closed while recording and the recording file is missing.',
      });
      expect(await t.services.handlers.getAttempt({ attemptId: analysing.id })).toMatchObject({
        status: 'failed',
        error: 'Rehearse closed before this answer was analysed. Analyse it again.',
      });
      await t.services.handlers.analyzeAttempt({ attemptId: analysing.id });
      await t.services.attempts.whenIdle();
      expect((await t.services.handlers.getAttempt({ attemptId: analysing.id })).status).toBe(
        'ready',
      );
    } finally {
      await t.services.close();
    }
  });

  it('completes open recordings on a normal quit so they are recovered intact', async () => {
    const first = startServices(data.dir);
    const { attemptId } = await first.services.handlers.startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: 16_000,
    });
    await first.services.handlers.appendAudio({ attemptId, pcm: tone(4_000, 16_000) });
    await first.services.close();
    expect(
      readFileSync(join(data.dir, 'attempts', attemptId, 'recording.wav')).readUInt32LE(40),
    ).toBe(8_000);

    const second = startServices(data.dir);
    try {
      expect(second.services.recovered.interrupted).toEqual([attemptId]);
      expect((await second.services.handlers.getAttempt({ attemptId })).durationSec).toBe(0.25);
    } finally {
      await second.services.close();
    }
  });
});
