/**
 * Engine benchmark (`npm run bench`): on a ~3-minute answer built from real speech clips, measures
 * model load, batch real-time factor, time from `finish` to the full transcript when the answer is fed
 * at real-time speed, and the worker's peak RSS, for plain and verbatim modes and both models.
 *
 *   npm run bench [-- --model whisper-base] [--mode verbatim] [--no-realtime]
 *
 * The answer is generated into the OS temp folder (never committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeWav } from '../electron/engine/audio/wav.ts';
import { createNodeEngine } from '../electron/engine/client.ts';
import { isModelId, MODEL_IDS } from '../shared/ipc/contract.ts';
import { readAudioManifest, sharedModelsDir } from '../electron/engine/testing/shared-data.ts';
import { readWavFile } from '../electron/engine/transcribe-file.ts';
import { feedRealtime } from '../cli/commands/transcribe.ts';
import { wordErrorRate } from '../electron/engine/metrics.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', multiple: true },
    mode: { type: 'string', multiple: true },
    'no-realtime': { type: 'boolean' },
    seconds: { type: 'string' },
  },
});
const models = values.model ?? [...MODEL_IDS];
for (const model of models) if (!isModelId(model)) throw new Error(`Unknown model ${model}`);
const modes = (values.mode ?? ['plain', 'verbatim']).map((m) => ({
  name: m,
  verbatim: m === 'verbatim',
}));
const targetSec = Number(values.seconds ?? 180);

/** Joins real clips (LibriSpeech, JFK, the disfluent clips) with 0.7 s pauses into one answer. */
async function buildAnswer(
  seconds: number,
): Promise<{ path: string; pcm: Float32Array; reference: string }> {
  const rows = [
    ...readAudioManifest('librispeech'),
    ...readAudioManifest('misc'),
    ...readAudioManifest('fillers'),
  ];
  const parts: Float32Array[] = [];
  const texts: string[] = [];
  const gap = new Float32Array(Math.round(0.7 * 16_000));
  let total = 0;
  for (let i = 0; total < seconds * 16_000; i++) {
    const row = rows[i % rows.length]!;
    const audio = await readWavFile(row.path);
    if (audio.sampleRate !== 16_000) throw new Error(`${row.file} is not 16 kHz`);
    const take = Math.min(audio.samples.length, seconds * 16_000 - total);
    parts.push(audio.samples.subarray(0, take), gap);
    if (take === audio.samples.length) texts.push(row.reference);
    total += take + gap.length;
  }
  const pcm = new Float32Array(total);
  let at = 0;
  for (const part of parts) {
    pcm.set(part, at);
    at += part.length;
  }
  const dir = join(tmpdir(), 'rehearse-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `answer-${seconds}s.wav`);
  writeFileSync(path, encodeWav(pcm, 16_000));
  return { path, pcm, reference: texts.join(' ') };
}

const answer = await buildAnswer(targetSec);
const answerSec = answer.pcm.length / 16_000;
console.log(`Answer: ${answer.path} (${answerSec.toFixed(1)} s of real speech, joined clips)`);
console.log(`Machine: ${(await import('node:os')).cpus().length} cores, Node ${process.version}\n`);

const modelsDir = sharedModelsDir();
const rows: string[][] = [];
for (const model of models) {
  for (const mode of modes) {
    const engine = createNodeEngine();
    const loadStarted = performance.now();
    await engine.load({ model: model as 'whisper-base', modelsDir });
    const loadMs = performance.now() - loadStarted;
    const batch = await engine.transcribe(answer.pcm, { verbatim: mode.verbatim });
    const batchRtf = batch.timings.transcribeMs / 1000 / answerSec;
    let afterFinish = '-';
    let agreement = '-';
    if (!values['no-realtime']) {
      const incremental = await feedRealtime(engine, answer.pcm, 16_000, mode.verbatim);
      afterFinish = `${Math.round(incremental.timings.afterFinishMs ?? 0)}`;
      const diff = wordErrorRate(batch.transcript.text, incremental.transcript.text);
      agreement = `${diff.errors} (${(100 * diff.wer).toFixed(1)}%)`;
    }
    const stats = await engine.stats();
    await engine.dispose();
    const wer = wordErrorRate(answer.reference, batch.transcript.text);
    rows.push([
      model,
      mode.name,
      `${Math.round(loadMs)}`,
      `${(batch.timings.transcribeMs / 1000).toFixed(1)}`,
      batchRtf.toFixed(3),
      `${(0.3 / batchRtf).toFixed(1)}x`,
      afterFinish,
      agreement,
      `${Math.round(stats.peakRssBytes / 1e6)}`,
      `${(100 * wer.wer).toFixed(1)}%`,
      `${batch.timings.windows}`,
    ]);
    console.log(rows.at(-1)!.join(' | '));
  }
}

const header = [
  'model',
  'mode',
  'load ms',
  'batch s',
  'batch RTF',
  'vs baseline',
  'after finish ms',
  'batch≠incr words',
  'peak RSS MB',
  'WER',
  'windows',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string =>
  `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`\n${line(header)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
for (const row of rows) console.log(line(row));
console.log(
  `\nBaseline (transformers.js pipeline defaults, whisper-base q8, word timestamps): RTF 0.30, peak RSS 1430 MB. Goals: after finish ≤ 2000 ms, ≥ 3x baseline throughput, worker RSS ≤ 600 MB.`,
);
