/**
 * The engine end to end with the real whisper-tiny model from the shared folder, running in a worker
 * thread exactly as the CLI uses it. One model load for the whole file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resample } from './audio/resample.ts';
import { createNodeEngine, type ProtocolClient } from './client.ts';
import { fillerCuesFromVtt, fillerWords, wordErrorRate } from './metrics.ts';
import type { EngineResult } from './protocol.ts';
import { readAudioManifest, sharedAudio, sharedModelsDir } from './testing/shared-data.ts';
import { AudioFormatError, readWavFile, transcribeFile } from './transcribe-file.ts';
import { MODEL_TEST_MS, MODEL_WAIT_MS } from '../../test/waits.ts';

const JFK =
  'And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.';

let engine: ProtocolClient;

// Real Whisper models on a machine that may be busy (see test/waits.ts).
vi.setConfig({ testTimeout: MODEL_TEST_MS, hookTimeout: MODEL_WAIT_MS });

beforeAll(async () => {
  engine = createNodeEngine();
  await engine.load({ model: 'whisper-tiny', modelsDir: sharedModelsDir() });
});
afterAll(async () => {
  await engine?.dispose();
});

function expectReplayableTimings(result: EngineResult): void {
  const words = result.transcript.words;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    expect(word.end).toBeGreaterThanOrEqual(word.start);
    expect(word.end).toBeLessThanOrEqual(result.durationSec + 0.01);
    if (i > 0) expect(word.start).toBeGreaterThanOrEqual(words[i - 1]!.end);
  }
}

async function streamIn(
  pcm: Float32Array,
  sampleRate: number,
  chunkSec: number,
  verbatim = false,
): Promise<EngineResult> {
  const id = await engine.startStream({ sampleRate, verbatim });
  const chunk = Math.round(sampleRate * chunkSec);
  for (let at = 0; at < pcm.length; at += chunk) engine.append(id, pcm.slice(at, at + chunk));
  return engine.finish(id);
}

describe('engine with whisper-tiny', () => {
  it('transcribes JFK correctly, every word timed, with the pauses as gaps', async () => {
    const audio = await readWavFile(sharedAudio('misc/jfk.wav'));
    const result = await engine.transcribe(audio.samples, { verbatim: false });
    expect(wordErrorRate(JFK, result.transcript.text).wer).toBeLessThanOrEqual(0.1);
    expect(result.model).toBe('whisper-tiny');
    expect(result.durationSec).toBeCloseTo(11, 0);
    expectReplayableTimings(result);
    const words = result.transcript.words;
    expect(words[0]!.start).toBeLessThan(1);
    expect(words.at(-1)!.end).toBeGreaterThan(9.5);
    const gaps = words.slice(1).map((w, i) => w.start - words[i]!.end);
    expect(Math.max(...gaps)).toBeGreaterThan(0.3);
  });

  it('returns no words for silence or steady noise instead of inventing text', async () => {
    const silence = await engine.transcribe(new Float32Array(16_000 * 8));
    expect(silence.transcript.words).toEqual([]);
    expect(silence.transcript.text).toBe('');
    let seed = 1;
    const noise = Float32Array.from({ length: 16_000 * 8 }, () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return 0.03 * (seed / 2_147_483_647 - 0.5);
    });
    expect((await engine.transcribe(noise)).transcript.words).toEqual([]);
  });

  it('verbatim mode writes the filled pauses of the CrisperWhisper clip at their times', async () => {
    const path = sharedAudio('fillers/crisperwhisper_sample.wav');
    const audio = await readWavFile(path);
    const cues = fillerCuesFromVtt(readFileSync(path.replace(/\.wav$/, '.vtt'), 'utf8'));
    const plain = await engine.transcribe(audio.samples, { verbatim: false });
    const verbatim = await engine.transcribe(audio.samples, { verbatim: true });
    expect(fillerWords(plain.transcript.words)).toEqual([]);
    const found = fillerWords(verbatim.transcript.words);
    expect(found.length).toBeGreaterThanOrEqual(1);
    for (const filler of found.filter((f) => !f.detected)) {
      expect(cues.some((cue) => filler.start < cue.end + 0.4 && filler.end > cue.start - 0.4)).toBe(
        true,
      );
    }
    expectReplayableTimings(verbatim);
  });

  it('incremental and batch give the same words on real speech', async () => {
    const rows = readAudioManifest('librispeech').slice(0, 4);
    const clips = await Promise.all(rows.map((row) => readWavFile(row.path)));
    const pause = new Float32Array(8000);
    const pcm = Float32Array.from(clips.flatMap((clip) => [...clip.samples, ...pause]));
    const batch = await engine.transcribe(pcm);
    expect(batch.timings.windows).toBeGreaterThanOrEqual(2);
    const streamed = await streamIn(pcm, 16_000, 0.1);
    expect(streamed.transcript.words).toEqual(batch.transcript.words);
    expect(streamed.timings.afterFinishMs).toBeGreaterThanOrEqual(0);

    // The app streams 48 kHz chunks: the stream resamples them exactly as a one-shot resample does,
    // so it matches the batch transcription of the same 48 kHz recording word for word.
    const at48k = resample(pcm, 16_000, 48_000);
    const streamed48k = await streamIn(at48k, 48_000, 0.05);
    const batch48k = await engine.transcribe(resample(at48k, 48_000));
    expect(streamed48k.transcript.words).toEqual(batch48k.transcript.words);
    expectReplayableTimings(streamed48k);
  });

  it('keeps the clause after a long run of fillers (real "uh" tokens spliced with sox)', async () => {
    // Two LibriSpeech utterances with seven copies of CrisperWhisper's real "uh" between them, built
    // at test time from the shared clips (the filler's times come from the clip's own .vtt).
    const dir = mkdtempSync(join(tmpdir(), 'rehearse-run-'));
    try {
      const crisper = sharedAudio('fillers/crisperwhisper_sample.wav');
      const cue = fillerCuesFromVtt(readFileSync(crisper.replace(/\.wav$/, '.vtt'), 'utf8'))[0]!;
      const uh = join(dir, 'uh.wav');
      const gap = join(dir, 'gap.wav');
      execFileSync('sox', [crisper, uh, 'trim', `${cue.start}`, `${cue.end - cue.start}`]);
      execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', gap, 'trim', '0', '0.12']);
      const [first, second] = readAudioManifest('librispeech').filter((row) =>
        ['1089-134686-0000.wav', '1089-134686-0002.wav'].includes(row.file),
      );
      const path = join(dir, 'run.wav');
      const run = Array.from({ length: 7 }, () => [gap, uh]).flat();
      execFileSync('sox', [first!.path, ...run, gap, second!.path, path]);
      const runEnd = first!.durationSec + 7 * (0.12 + (cue.end - cue.start)) + 0.12;

      const audio = await readWavFile(path);
      const result = await engine.transcribe(audio.samples, { verbatim: true });
      const after = result.transcript.words.filter((w) => w.start >= runEnd - 0.5);
      const heard = new Set(after.map((w) => w.text.toLowerCase().replace(/[^a-z']/g, '')));
      const clause = second!.reference.toLowerCase().split(/\s+/);
      const kept = clause.filter((word) => heard.has(word)).length;
      expect(kept / clause.length).toBeGreaterThanOrEqual(0.8);
      expectReplayableTimings(result);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports protocol misuse with specific codes', async () => {
    await expect(engine.finish('no-such-stream')).rejects.toMatchObject({ code: 'UNKNOWN_STREAM' });
    await expect(engine.load({ model: 'whisper-large' as 'whisper-tiny' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(engine.startStream({ sampleRate: 12 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      engine.startStream({ sampleRate: 16_000, hints: { terms: 'dbt' } as never }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/terms/) });
    const fresh = createNodeEngine();
    try {
      await expect(fresh.transcribe(new Float32Array(100))).rejects.toMatchObject({
        code: 'NOT_LOADED',
      });
      await expect(
        fresh.load({ model: 'whisper-tiny', modelsDir: '/nonexistent/models' }),
      ).rejects.toMatchObject({
        code: 'MODEL_NOT_FOUND',
        message: expect.stringMatching(/fetch-models/),
      });
    } finally {
      await fresh.dispose();
    }
  });

  it('transcribeFile rejects corrupt, empty and unsupported files before loading a model', async () => {
    await expect(transcribeFile('/nonexistent/answer.wav')).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    const bad = new URL('../../package.json', import.meta.url).pathname;
    const error = await transcribeFile(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AudioFormatError);
    expect(error).toMatchObject({ code: 'NOT_WAV' });
  });
});
