import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyzeAnswer } from '../../shared/analysis/index.ts';
import type { QuestionRef } from '../../shared/ipc/contract.ts';
import { ApiError } from '../../shared/ipc/errors.ts';
import { ATTEMPT_FILE_NAME } from '../../electron/main/services/export.ts';
import { makeDataDir, tone, type DataDir } from './helpers/data-dir.ts';
import {
  PIPELINE_QUESTION,
  servicesForEachTest,
  startServices,
  type ServicesUnderTest,
} from './helpers/services.ts';

const ANSWER =
  'So um this was at my last company. The revenue dashboard showed zero sales for Sunday. My task was to find out what broke. I paused the downstream jobs and I fixed the mapping and I backfilled two days. After that I added a schema contract test that pages the on-call engineer. The dashboards were correct again within four hours and our time to detect went from a day to ten minutes.';

let data: DataDir;
let t: ServicesUnderTest;
servicesForEachTest(
  (current) => {
    ({ data, t } = current);
    t.engine.words = ANSWER.split(' ');
  },
  { analyze: analyzeAnswer },
);

const api = () => t.services.handlers;

async function recordAndAnalyse(
  seconds: number,
  answer: { question?: QuestionRef; storyId?: string } = {},
): Promise<string> {
  const sampleRate = 16_000;
  const { attemptId } = await api().startAttempt({
    question: answer.question ?? PIPELINE_QUESTION,
    sampleRate,
    ...(answer.storyId === undefined ? {} : { storyId: answer.storyId }),
  });
  const total = seconds * sampleRate;
  for (let at = 0; at < total; at += 16_000)
    await api().appendAudio({ attemptId, pcm: tone(16_000, sampleRate, 220, 0.5, at) });
  await api().stopAttempt({ attemptId, reason: 'user' });
  await t.services.attempts.whenIdle();
  return attemptId;
}

/** Every file of every attempt folder, by relative path. */
function folderBytes(): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const root = join(data.dir, 'attempts');
  for (const id of readdirSync(root))
    for (const name of readdirSync(join(root, id)))
      out.set(`${id}/${name}`, readFileSync(join(root, id, name)));
  return out;
}

async function expectApiError(run: () => unknown, code: string, message: RegExp) {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe(code);
  expect((error as ApiError).message).toMatch(message);
}

describe('backup archive', () => {
  it('export → delete all → import restores every attempt byte for byte', async () => {
    await recordAndAnalyse(40);
    t.engine.words = ANSWER.replace('So um ', '').split(' ');
    await recordAndAnalyse(35);
    // A failed attempt (nothing recorded) travels too.
    const { attemptId: empty } = await api().startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: 16_000,
    });
    await api().stopAttempt({ attemptId: empty, reason: 'user' });

    const before = {
      list: await api().listAttempts({}),
      progress: await api().getProgress({}),
      files: folderBytes(),
    };
    expect(before.list).toHaveLength(3);
    expect(before.progress.map((p) => p.attemptNumber)).toEqual([1, 2]);
    expect([...before.files.keys()].filter((k) => k.endsWith('report.json'))).toHaveLength(2);

    const archive = await api().exportArchive({});
    expect(archive.fileName).toMatch(/^rehearse-backup-\d{4}-\d\d-\d\d\.zip$/);

    expect(await api().deleteAllAttempts({})).toEqual({ deleted: 3 });
    expect(await api().listAttempts({})).toEqual([]);
    expect(folderBytes().size).toBe(0);

    expect(await api().importArchive({ data: archive.data })).toEqual({
      imported: 3,
      skipped: 0,
    });
    expect(await api().listAttempts({})).toEqual(before.list);
    expect(await api().getProgress({})).toEqual(before.progress);
    const after = folderBytes();
    expect([...after.keys()].sort()).toEqual([...before.files.keys()].sort());
    for (const [path, bytes] of before.files)
      expect(Buffer.compare(after.get(path)!, bytes), path).toBe(0);

    // Importing the same archive again adds nothing.
    expect(await api().importArchive({ data: archive.data })).toEqual({
      imported: 0,
      skipped: 3,
    });
  });

  it('carries the stories and which story each attempt told into a new data folder', async () => {
    const story = await api().saveStory({
      title: 'Orders outage',
      kinds: ['incident'],
      draft: ANSWER,
    });
    const { attemptId } = await api().startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: 16_000,
      storyId: story.id,
    });
    await api().appendAudio({ attemptId, pcm: tone(16_000, 16_000, 220, 0.5, 0) });
    await api().stopAttempt({ attemptId, reason: 'user' });
    await t.services.attempts.whenIdle();
    const archive = await api().exportArchive({});
    const before = await api().getAttempt({ attemptId });

    const other = makeDataDir();
    const fresh = startServices(other.dir, { analyze: analyzeAnswer });
    try {
      expect(await fresh.services.handlers.importArchive({ data: archive.data })).toEqual({
        imported: 1,
        skipped: 0,
      });
      expect(await fresh.services.handlers.listStories({})).toEqual([story]);
      expect(await fresh.services.handlers.getAttempt({ attemptId })).toEqual(before);
    } finally {
      await fresh.services.close();
      other.remove();
    }
  });

  it("gives one story's tellings across questions, each numbered among its question's attempts", async () => {
    const story = await api().saveStory({
      title: 'Orders outage',
      kinds: ['incident'],
      draft: ANSWER,
    });
    const other: QuestionRef = {
      ...PIPELINE_QUESTION,
      id: 'custom-1',
      prompt: 'A hard week?',
      custom: true,
    };
    const first = await recordAndAnalyse(3, { storyId: story.id });
    await recordAndAnalyse(3);
    const second = await recordAndAnalyse(3, { question: other });
    const third = await recordAndAnalyse(3, { question: other, storyId: story.id });
    const tellings = await api().getProgress({ storyId: story.id });
    expect(tellings.map((p) => [p.attemptId, p.question.id, p.attemptNumber, p.storyId])).toEqual([
      [first, PIPELINE_QUESTION.id, 1, story.id],
      [third, 'custom-1', 2, story.id],
    ]);
    expect((await api().getProgress({ questionId: 'custom-1' })).map((p) => p.attemptId)).toEqual([
      second,
      third,
    ]);
  });

  it('refuses a file that is not a Rehearse archive, saying why', async () => {
    await expectApiError(
      () => api().importArchive({ data: new Uint8Array([1, 2, 3, 4]) }),
      'bad-request',
      /not a Rehearse archive \(not a readable zip/,
    );
    await expectApiError(
      () => api().importArchive({ data: zipSync({ 'notes.txt': strToU8('hello') }) }),
      'bad-request',
      /has no rehearse-archive\.json/,
    );
    const wrongVersion = zipSync({
      'rehearse-archive.json': strToU8(
        JSON.stringify({ format: 'rehearse-archive', version: 9, exportedAt: '', attempts: [] }),
      ),
    });
    await expectApiError(
      () => api().importArchive({ data: wrongVersion }),
      'bad-request',
      /not one this version reads: version/,
    );
    const id = '0b7e1d2c-3f4a-4b5c-8d9e-0f1a2b3c4d5e';
    const noRecording = zipSync({
      'rehearse-archive.json': strToU8(
        JSON.stringify({
          format: 'rehearse-archive',
          version: 1,
          exportedAt: '',
          attempts: [
            {
              id,
              question: PIPELINE_QUESTION,
              createdAt: '2026-12-01T10:00:00.000Z',
              durationSec: 3,
              status: 'ready',
              model: 'whisper-base',
              score: 50,
              wordCount: 10,
              error: null,
              sampleRate: 16000,
              stopReason: 'user',
            },
          ],
        }),
      ),
    });
    await expectApiError(
      () => api().importArchive({ data: noRecording }),
      'bad-request',
      /lacks the recording of attempt/,
    );
    expect(await api().listAttempts({})).toEqual([]);
    expect(ATTEMPT_FILE_NAME.test('../recording.wav')).toBe(false);
  });
});

describe('attempt export', () => {
  it('writes the report and the transcript in every format, and the recording as stored', async () => {
    const id = await recordAndAnalyse(40);
    const detail = await api().getAttempt({ attemptId: id });
    const text = async (format: 'markdown' | 'txt' | 'srt' | 'vtt' | 'json') => {
      const file = await api().exportAttempt({ attemptId: id, format });
      return { name: file.fileName, text: new TextDecoder().decode(file.data) };
    };
    const markdown = await text('markdown');
    expect(markdown.name).toMatch(/^rehearse-pipeline-broke-\d{4}-\d\d-\d\d-\d{4}\.md$/);
    expect(markdown.text).toContain(`**Score: ${Math.round(detail.report!.score.overall)} / 100**`);
    expect(markdown.text).toContain('## What to work on');
    expect(markdown.text).toContain('~~um~~');
    expect(markdown.text).not.toMatch(/\b(?:star|pitfall|delivery|result|length)\.[a-z-]+/);
    expect((await text('txt')).text).toBe(`${detail.report!.words.map((w) => w.text).join(' ')}\n`);
    const srt = (await text('srt')).text;
    expect(srt).toMatch(
      /^1\n00:00:00,000 --> 00:00:\d\d,\d{3}\nSo um this was at my last company\.\n/,
    );
    expect((await text('vtt')).text).toMatch(/^WEBVTT\n\n00:00:00\.000 --> /);
    const json = JSON.parse((await text('json')).text) as { report: { findings: unknown[] } };
    expect(json.report.findings).toEqual(detail.report!.findings);
    const wav = await api().exportAttempt({ attemptId: id, format: 'wav' });
    expect(
      Buffer.compare(
        Buffer.from(wav.data),
        readFileSync(join(data.dir, 'attempts', id, 'recording.wav')),
      ),
    ).toBe(0);
    await expectApiError(
      () => api().exportAttempt({ attemptId: id, format: 'pdf' }),
      'unsupported',
      /open the printable report and print it to PDF/,
    );
    expect(t.services.exports.printableHtml(id)).toMatch(/<mark>um<\/mark>/);
  });

  it('exports nothing but the recording of an attempt that was not analysed', async () => {
    const { attemptId } = await api().startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: 16_000,
    });
    await api().appendAudio({ attemptId, pcm: tone(16_000, 16_000, 220, 0.5, 0) });
    await api().stopAttempt({ attemptId, reason: 'user' });
    t.engine.failFinish = new Error('engine gone');
    await t.services.attempts.whenIdle();
    await expectApiError(
      () => api().exportAttempt({ attemptId, format: 'markdown' }),
      'conflict',
      /no analysis yet: only its recording/,
    );
  });
});

describe('folders in use', () => {
  it('names the data folder and the models folder the engine would use, REHEARSE_MODELS_DIR included', async () => {
    const saved = process.env.REHEARSE_MODELS_DIR;
    process.env.REHEARSE_MODELS_DIR = join(data.dir, 'my-models');
    try {
      expect(await api().getDataLocations({})).toEqual({
        dataDir: data.dir,
        modelsDir: join(data.dir, 'my-models'),
        modelsOrigin: 'REHEARSE_MODELS_DIR',
        modelFound: false,
      });
    } finally {
      if (saved === undefined) delete process.env.REHEARSE_MODELS_DIR;
      else process.env.REHEARSE_MODELS_DIR = saved;
    }
    await expectApiError(
      () => api().chooseFolder({ title: 'Models' }),
      'unsupported',
      /needs the Rehearse app; type the folder path/,
    );
  });
});
