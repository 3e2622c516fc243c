import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/ipc/errors.ts';
import { readRecording } from '../../electron/main/services/wav-recovery.ts';
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

async function record(seconds: number, sampleRate = 48_000, chunk = 4_800): Promise<string> {
  const { attemptId } = await api().startAttempt({ question: PIPELINE_QUESTION, sampleRate });
  const total = Math.round(seconds * sampleRate);
  for (let at = 0; at < total; at += chunk) {
    await api().appendAudio({
      attemptId,
      pcm: tone(Math.min(chunk, total - at), sampleRate, 220, 0.5, at),
    });
  }
  return attemptId;
}

async function expectApiError(promise: unknown, code: string, message: RegExp): Promise<void> {
  try {
    await (typeof promise === 'function' ? (promise as () => unknown)() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(code);
    expect((error as ApiError).message).toMatch(message);
    return;
  }
  throw new Error(`Expected an ApiError ${code}`);
}

describe('recording and analysing an attempt', () => {
  it('saves the audio, streams it to the engine, analyses and ends ready', async () => {
    const id = await record(2);
    const stopped = await api().stopAttempt({ attemptId: id, reason: 'user' });
    expect(stopped).toMatchObject({
      id,
      status: 'processing',
      durationSec: 2,
      question: PIPELINE_QUESTION,
    });

    await t.services.attempts.whenIdle();
    expect(
      t.progress
        .filter((p) => p.attemptId === id)
        .map((p) => p.stage + (p.fraction === undefined ? '' : `@${p.fraction}`)),
    ).toEqual([
      'saving',
      'transcribing',
      'transcribing@0.5',
      'transcribing@1',
      'analyzing',
      'ready',
    ]);
    // Every recorded sample reached the engine's incremental stream, at the capture rate, verbatim.
    expect(t.engine.streams).toHaveLength(1);
    expect(t.engine.streams[0]).toMatchObject({
      sampleRate: 48_000,
      verbatim: true,
      samples: 96_000,
      finished: true,
    });

    const detail = await api().getAttempt({ attemptId: id });
    expect(detail).toMatchObject({
      status: 'ready',
      model: 'whisper-tiny',
      wordCount: 8,
      score: 80,
      error: null,
    });
    expect(detail.transcript?.text).toBe('So the pipeline broke and I fixed it.');
    expect(detail.transcript?.durationSec).toBe(2);
    expect(detail.report?.questionId).toBe('pipeline-broke');
    // The words are stored once (transcript.json); the review gets them back in the report.
    const stored = JSON.parse(
      readFileSync(join(data.dir, 'attempts', id, 'report.json'), 'utf8'),
    ) as object;
    expect(stored).not.toHaveProperty('words');
    expect(detail.report?.words.map((word) => word.text).join(' ')).toBe(detail.transcript?.text);

    expect(await api().getAttemptAudio({ attemptId: id })).toEqual({
      url: `app://rehearse/recordings/${id}.wav`,
    });
    const wav = readFileSync(t.services.attempts.recordingFile(id));
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.length).toBe(44 + 96_000 * 2);
  });

  it('keeps what was recorded when the microphone is lost', async () => {
    const id = await record(1);
    const stopped = await api().stopAttempt({ attemptId: id, reason: 'device-lost' });
    expect(stopped).toMatchObject({ status: 'processing', stopReason: 'device-lost' });
    await t.services.attempts.whenIdle();
    expect((await api().getAttempt({ attemptId: id })).status).toBe('ready');
    expect(readRecording(join(data.dir, 'attempts', id, 'recording.wav')).samples.length).toBe(
      48_000,
    );
  });

  it('marks an attempt with no audio as failed without calling the engine to finish', async () => {
    const { attemptId } = await api().startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: 16_000,
    });
    const stopped = await api().stopAttempt({ attemptId, reason: 'device-lost' });
    expect(stopped).toMatchObject({
      status: 'failed',
      error: 'The microphone went away before any audio arrived.',
    });
    expect(t.progress.at(-1)).toMatchObject({ attemptId, stage: 'failed' });
    await expectApiError(
      () => api().analyzeAttempt({ attemptId }),
      'conflict',
      /no recorded audio/,
    );
  });

  it('leaves the recording on disk when the engine fails, and a retry succeeds', async () => {
    t.engine.failFinish = new Error('The Whisper worker crashed.');
    const id = await record(1);
    await api().stopAttempt({ attemptId: id, reason: 'user' });
    await t.services.attempts.whenIdle();
    const failed = await api().getAttempt({ attemptId: id });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      /^Transcription failed: The Whisper worker crashed\. The recording is saved/,
    );
    expect(t.progress.at(-1)).toMatchObject({ attemptId: id, stage: 'failed' });
    expect(readFileSync(t.services.attempts.recordingFile(id)).length).toBe(44 + 48_000 * 2);

    t.engine.failFinish = null;
    expect((await api().analyzeAttempt({ attemptId: id })).status).toBe('processing');
    await t.services.attempts.whenIdle();
    const retried = await api().getAttempt({ attemptId: id });
    expect(retried).toMatchObject({ status: 'ready', error: null });
    // The live stream failed, then one replay from the file failed; the retry replayed the file again.
    expect(t.engine.streams).toHaveLength(3);
    expect(t.engine.streams[2]).toMatchObject({
      sampleRate: 48_000,
      samples: 48_000,
      finished: true,
    });
  });

  it('transcribes from the file when the live stream dies mid-answer (engine restarted)', async () => {
    const id = await record(1);
    t.engine.failFinishOnce = new Error(
      'The transcription engine stopped: worker exited with code 1.',
    );
    await api().stopAttempt({ attemptId: id, reason: 'user' });
    await t.services.attempts.whenIdle();
    expect((await api().getAttempt({ attemptId: id })).status).toBe('ready');
    expect(t.engine.streams.map((s) => s.samples)).toEqual([48_000, 48_000]);
  });

  it('records even when the engine cannot start, then transcribes from the file', async () => {
    t.engine.failStart = new Error('Model not loaded.');
    const { attemptId } = await api().startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: 16_000,
    });
    await api().appendAudio({ attemptId, pcm: tone(16_000, 16_000) });
    t.engine.failStart = null;
    await api().stopAttempt({ attemptId, reason: 'user' });
    await t.services.attempts.whenIdle();
    expect((await api().getAttempt({ attemptId })).status).toBe('ready');
    expect(t.engine.streams).toHaveLength(1);
    expect(t.engine.streams[0]).toMatchObject({ samples: 16_000, finished: true });
  });

  it('queues audio while the engine is still starting and sends it in order', async () => {
    t.engine.holdStreams();
    const id = await record(0.5, 16_000, 1_600);
    expect(t.engine.streams).toHaveLength(0);
    t.engine.releaseStreams();
    await api().stopAttempt({ attemptId: id, reason: 'user' });
    await t.services.attempts.whenIdle();
    expect(t.engine.streams[0]).toMatchObject({ samples: 8_000, chunks: 5, finished: true });
  });

  it('keeps recording to disk when the engine rejects a chunk', async () => {
    const { attemptId } = await api().startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: 16_000,
    });
    await new Promise((r) => setTimeout(r, 0));
    t.engine.failAppend = new Error('Stream closed.');
    await api().appendAudio({ attemptId, pcm: tone(16_000, 16_000) });
    t.engine.failAppend = null;
    await api().appendAudio({ attemptId, pcm: tone(16_000, 16_000) });
    await api().stopAttempt({ attemptId, reason: 'user' });
    await t.services.attempts.whenIdle();
    const detail = await api().getAttempt({ attemptId });
    expect(detail).toMatchObject({ status: 'ready', durationSec: 2 });
    expect(t.engine.streams[0]!.cancelled).toBe(true);
    expect(t.engine.streams[1]).toMatchObject({ samples: 32_000, finished: true });
  });

  it('fails with the analysis error and keeps the audio when the analysis throws', async () => {
    await t.services.close();
    t = startServices(data.dir, {
      analyze: () => {
        throw new Error('No rubric for this question.');
      },
    });
    const id = await record(1);
    await api().stopAttempt({ attemptId: id, reason: 'user' });
    await t.services.attempts.whenIdle();
    expect(t.progress.filter((p) => p.fraction === undefined).map((p) => p.stage)).toEqual([
      'saving',
      'transcribing',
      'analyzing',
      'failed',
    ]);
    expect(await api().getAttempt({ attemptId: id })).toMatchObject({
      status: 'failed',
      error: 'Analysis failed: No rubric for this question.',
      transcript: null,
      report: null,
    });
    expect(existsSync(join(data.dir, 'attempts', id, 'recording.wav'))).toBe(true);
  });
});

describe('the history', () => {
  it('lists newest first, filters by question, and deletes files with the row', async () => {
    const first = await record(0.2);
    await api().stopAttempt({ attemptId: first, reason: 'user' });
    const custom = {
      id: 'custom-my-question',
      prompt: 'Why data engineering?',
      kind: 'general' as const,
      custom: true,
    };
    const { attemptId: second } = await api().startAttempt({
      question: custom,
      sampleRate: 16_000,
    });
    await api().appendAudio({ attemptId: second, pcm: tone(1_600, 16_000) });
    await api().stopAttempt({ attemptId: second, reason: 'user' });
    await t.services.attempts.whenIdle();

    expect((await api().listAttempts({})).map((a) => a.id)).toEqual([second, first]);
    expect((await api().listAttempts({ questionId: 'pipeline-broke' })).map((a) => a.id)).toEqual([
      first,
    ]);
    expect((await api().getAttempt({ attemptId: second })).report?.questionKind).toBe('general');

    await api().deleteAttempt({ attemptId: first });
    expect(existsSync(join(data.dir, 'attempts', first))).toBe(false);
    expect((await api().listAttempts({})).map((a) => a.id)).toEqual([second]);
    await expectApiError(
      () => api().getAttempt({ attemptId: first }),
      'not-found',
      /There is no attempt/,
    );
  });

  it('deleting a recording in progress stops it and removes everything', async () => {
    const id = await record(0.1);
    await api().deleteAttempt({ attemptId: id });
    expect(existsSync(join(data.dir, 'attempts', id))).toBe(false);
    await expectApiError(
      () => api().appendAudio({ attemptId: id, pcm: tone(10, 48_000) }),
      'not-found',
      /no attempt/,
    );
  });

  it('refuses calls that do not fit the attempt state', async () => {
    const id = await record(0.1);
    await expectApiError(
      () => api().getAttemptAudio({ attemptId: id }),
      'conflict',
      /still recording/,
    );
    await expectApiError(
      () => api().analyzeAttempt({ attemptId: id }),
      'conflict',
      /still recording/,
    );
    await api().stopAttempt({ attemptId: id, reason: 'user' });
    await expectApiError(
      () => api().stopAttempt({ attemptId: id, reason: 'user' }),
      'conflict',
      /not recording any more \(it is processing\)/,
    );
    await expectApiError(
      () => api().appendAudio({ attemptId: id, pcm: tone(10, 48_000) }),
      'conflict',
      /not recording any more/,
    );
  });

  it('serves the recording file only once it is finished, and says when it is missing', async () => {
    const id = await record(0.3, 16_000, 1_000);
    await expectApiError(
      () => api().getAttemptAudio({ attemptId: id }),
      'conflict',
      /still recording/,
    );
    await api().stopAttempt({ attemptId: id, reason: 'user' });
    expect(t.services.attempts.recordingFile(id)).toBe(
      join(data.dir, 'attempts', id, 'recording.wav'),
    );
    rmSync(join(data.dir, 'attempts', id, 'recording.wav'));
    await expectApiError(
      () => api().getAttemptAudio({ attemptId: id }),
      'not-found',
      /recording file of this attempt is missing/,
    );
  });
});
