/**
 * Engine benchmark (`npm run bench`): on continuous speech — espeak-ng readings of real 2-3 minute
 * answers from ../shared/answers and a stitch of real speech clips with short pauses, all generated at
 * bench time into the OS temp folder (never committed) — measures, per model and mode:
 *
 * - encoder runs per minute of audio (a count: the figure to compare between versions on a busy machine),
 * - model load time, and the whole `rehearse transcribe` process (start, load, transcription, exit),
 * - batch real-time factor, and, when one answer is fed at real-time speed (100 ms chunks): the time
 *   from `finish` to the transcript, the encoder runs after `finish`, and whether that transcript
 *   equals the batch one (word differences); the worker's peak RSS, and WER,
 * - whisper.cpp (../shared/anchors/whisper-cpp, greedy with word timestamps, 2 threads) on the same
 *   clip, whole process, for whisper-base.
 *
 *   npm run bench [-- --model whisper-base] [--mode verbatim] [--no-realtime] [--no-anchor]
 *                 [--busy [--busy-threads 2]] [--clips REGEX] [--naive]
 *
 * `--naive` also times the plain transformers.js pipeline (`automatic-speech-recognition`, q8, word
 * timestamps, 30 s chunks with 5 s strides) on each clip: "× naive" is its time over the engine's.
 *
 * `--busy` runs a bounded CPU hog beside it (`--busy-threads` spinning threads, default 2, in a child process that
 * stops by itself after 30 minutes and is killed when the bench ends). Timings depend on the machine
 * and whatever else runs on it; the encoder-run counts and WER do not.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resample } from '../electron/engine/audio/resample.ts';
import { encodeWav } from '../electron/engine/audio/wav.ts';
import { createNodeEngine } from '../electron/engine/client.ts';
import { wordErrorRate } from '../electron/engine/metrics.ts';
import {
  readAudioManifest,
  sharedDir,
  sharedModelsDir,
} from '../electron/engine/testing/shared-data.ts';
import { readWavFile } from '../electron/engine/transcribe-file.ts';
import { feedRealtime } from '../cli/commands/transcribe.ts';
import { isModelId, MODEL_IDS, type ModelId } from '../shared/ipc/contract.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', multiple: true },
    mode: { type: 'string', multiple: true },
    'no-realtime': { type: 'boolean' },
    'no-anchor': { type: 'boolean' },
    busy: { type: 'boolean' },
    'busy-threads': { type: 'string' },
    clips: { type: 'string' },
    naive: { type: 'boolean' },
  },
});
const busyThreads = values.busy ? Number(values['busy-threads'] ?? 2) : 0;
if (!Number.isInteger(busyThreads) || busyThreads < 0 || busyThreads > 8)
  throw new Error('--busy-threads must be a whole number from 1 to 8.');
const models = (values.model ?? [...MODEL_IDS]).map((model) => {
  if (!isModelId(model)) throw new Error(`Unknown model ${model}; use ${MODEL_IDS.join(' or ')}.`);
  return model;
});
const modes = (values.mode ?? ['plain', 'verbatim']).map((m) => {
  if (m !== 'plain' && m !== 'verbatim')
    throw new Error(`Unknown mode ${m}; use plain or verbatim.`);
  return { name: m, verbatim: m === 'verbatim' };
});

const RATE = 16_000;
const modelsDir = sharedModelsDir();
const dir = join(tmpdir(), 'rehearse-bench');
mkdirSync(dir, { recursive: true });

interface Clip {
  name: string;
  path: string;
  pcm: Float32Array;
  reference: string;
}

function saveClip(name: string, pcm: Float32Array, reference: string): Clip {
  const path = join(dir, `${name}.wav`);
  writeFileSync(path, encodeWav(pcm, RATE));
  return { name, path, pcm, reference };
}

/** The spoken text of a dev-set answer (header and STAR role markers removed). */
function answerText(path: string): string {
  const body = readFileSync(path, 'utf8').split('\n---\n')[1] ?? '';
  return body
    .split('\n')
    .map((line) => line.replace(/^\[[A-Z]\]\s*/, '').trim())
    .filter(Boolean)
    .join(' ');
}

/** espeak-ng reads the first two dev-set answers (in file order) that last 2-3 minutes. */
async function espeakAnswers(): Promise<Clip[]> {
  const answersDir = join(sharedDir(), 'answers', 'real');
  const clips: Clip[] = [];
  for (const file of readdirSync(answersDir).sort()) {
    if (!file.endsWith('.txt') || clips.length === 2) continue;
    const text = answerText(join(answersDir, file));
    // espeak-ng at 150 (its words-per-minute setting) speaks 140-180 of these words a minute.
    if (text.split(/\s+/).length < 250) continue;
    const name = `espeak-${file.replace(/\.txt$/, '')}`;
    const textPath = join(dir, `${name}.txt`);
    const rawPath = join(dir, `${name}.raw.wav`);
    writeFileSync(textPath, text);
    execFileSync('espeak-ng', ['-s', '150', '-f', textPath, '-w', rawPath]);
    const audio = await readWavFile(rawPath);
    const seconds = audio.samples.length / audio.sampleRate;
    if (seconds >= 120 && seconds <= 185)
      clips.push(saveClip(name, resample(audio.samples, audio.sampleRate), text));
  }
  if (clips.length < 2)
    throw new Error(`Found only ${clips.length} 2-3 minute answers in ${answersDir}.`);
  return clips;
}

/** Real clips (LibriSpeech, JFK, the disfluent clips) joined with 0.25 s pauses into ~3 minutes. */
async function realStitch(seconds: number): Promise<Clip> {
  const rows = [
    ...readAudioManifest('librispeech'),
    ...readAudioManifest('misc'),
    ...readAudioManifest('fillers'),
  ];
  const parts: Float32Array[] = [];
  const texts: string[] = [];
  const gap = new Float32Array(Math.round(0.25 * RATE));
  let total = 0;
  for (let i = 0; total < seconds * RATE; i++) {
    const row = rows[i % rows.length]!;
    const audio = await readWavFile(row.path);
    if (audio.sampleRate !== RATE) throw new Error(`${row.file} is not 16 kHz`);
    const take = Math.min(audio.samples.length, seconds * RATE - total);
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
  return saveClip(`real-stitch-${seconds}s`, pcm, texts.join(' '));
}

/** N threads spinning in a child process that ends itself after 30 minutes at most. */
function startHog(threads: number): ChildProcess {
  const code = `
    const { Worker } = require('node:worker_threads');
    for (let i = 0; i < ${threads}; i++) new Worker('for (;;) {}', { eval: true });
    setTimeout(() => process.exit(0), 30 * 60_000);
    process.on('disconnect', () => process.exit(0));`;
  return spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

const ANCHOR = join(sharedDir(), 'anchors', 'whisper-cpp');
const ANCHOR_MODELS: Partial<Record<ModelId, string>> = { 'whisper-base': 'ggml-base-q8_0.bin' };

/** whisper.cpp greedy with word timestamps on 2 threads: whole-process seconds, or null when absent. */
function anchorSeconds(model: ModelId, clip: Clip): number | null {
  const weights = ANCHOR_MODELS[model];
  if (values['no-anchor'] || !weights || !existsSync(join(ANCHOR, 'models', weights))) return null;
  const started = performance.now();
  const run = spawnSync(
    join(ANCHOR, 'whisper-cli'),
    [
      '-t',
      '2',
      '-m',
      join(ANCHOR, 'models', weights),
      '-f',
      clip.path,
      '-bs',
      '1',
      '-ml',
      '1',
      '-sow',
      '-np',
    ],
    { stdio: 'ignore' },
  );
  if (run.status !== 0) return null;
  return (performance.now() - started) / 1000;
}

const REHEARSE = fileURLToPath(new URL('../bin/rehearse.js', import.meta.url));

/** `rehearse transcribe` as a user runs it: whole-process seconds and the load time it reports. */
function rehearseSeconds(
  model: ModelId,
  verbatim: boolean,
  clip: Clip,
): { seconds: number; loadMs: number } {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      REHEARSE,
      'transcribe',
      clip.path,
      '--model',
      model,
      verbatim ? '--verbatim' : '--plain',
      '--json',
      '--models-dir',
      modelsDir,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`rehearse transcribe failed: ${run.stderr}`);
  const output = JSON.parse(run.stdout) as { timings: { loadMs: number } };
  return { seconds, loadMs: output.timings.loadMs };
}

/** Seconds the naive transformers.js pipeline takes for the clip with word timestamps (model loaded). */
async function naiveSeconds(model: ModelId, clip: Clip): Promise<number> {
  const transformers = await import('@huggingface/transformers');
  transformers.env.allowRemoteModels = false;
  transformers.env.localModelPath = `${modelsDir}/`;
  const asr = await transformers.pipeline('automatic-speech-recognition', model, {
    dtype: 'q8',
    device: 'cpu',
  });
  const started = performance.now();
  await asr(clip.pcm, { return_timestamps: 'word', chunk_length_s: 30, stride_length_s: 5 });
  const seconds = (performance.now() - started) / 1000;
  await asr.dispose();
  return seconds;
}

const clipFilter = values.clips ? new RegExp(values.clips) : null;
const clips = [...(await espeakAnswers()), await realStitch(180)].filter(
  (clip) => !clipFilter || clipFilter.test(clip.name),
);
console.log(`Machine: ${cpus().length} cores, Node ${process.version}`);
for (const clip of clips)
  console.log(`Clip ${clip.name}: ${(clip.pcm.length / RATE).toFixed(1)} s (${clip.path})`);
const hog = busyThreads > 0 ? startHog(busyThreads) : null;
if (hog) console.log(`Busy: ${busyThreads} spinning threads beside the bench (pid ${hog.pid})`);
console.log('');

const header = [
  'model',
  'mode',
  'clip',
  'audio s',
  'enc runs',
  'runs/min',
  'load ms',
  'rehearse s',
  'whisper.cpp s',
  'RTF',
  '× naive',
  'after finish ms',
  'enc after',
  'batch≠incr',
  'peak RSS MB',
  'WER',
];
const rows: string[][] = [];
try {
  for (const model of models) {
    for (const mode of modes) {
      for (const [index, clip] of clips.entries()) {
        const audioSec = clip.pcm.length / RATE;
        const engine = createNodeEngine();
        // As the CLI does: no warm-up run before a one-off transcription (the real-time feed below
        // comes after the batch one, on a warm engine).
        await engine.load({ model, modelsDir, warmUp: false });
        const batch = await engine.transcribe(clip.pcm, { verbatim: mode.verbatim });
        let afterFinish = '-';
        let encoderRunsAfter = '-';
        let agreement = '-';
        // At real time, one clip per model and mode (it takes as long as the audio).
        if (!values['no-realtime'] && index === 0) {
          const incremental = await feedRealtime(engine, clip.pcm, RATE, mode.verbatim);
          afterFinish = `${Math.round(incremental.timings.afterFinishMs ?? 0)}`;
          encoderRunsAfter = `${incremental.timings.encoderRunsAfterFinish ?? '-'}`;
          const diff = wordErrorRate(batch.transcript.text, incremental.transcript.text);
          agreement = `${diff.errors}`;
        }
        const stats = await engine.stats();
        await engine.dispose();
        // Whole processes, one after the other on the same clip.
        const rehearse = rehearseSeconds(model, mode.verbatim, clip);
        const anchor = mode.verbatim ? null : anchorSeconds(model, clip);
        const naive =
          values.naive && !mode.verbatim
            ? (await naiveSeconds(model, clip)) / (batch.timings.transcribeMs / 1000)
            : null;
        const runs = batch.timings.encoderRuns;
        rows.push([
          model,
          mode.name,
          clip.name.slice(0, 28),
          audioSec.toFixed(1),
          `${runs}`,
          ((60 * runs) / audioSec).toFixed(1),
          `${Math.round(rehearse.loadMs)}`,
          rehearse.seconds.toFixed(1),
          anchor === null ? '-' : anchor.toFixed(1),
          (batch.timings.transcribeMs / 1000 / audioSec).toFixed(3),
          naive === null ? '-' : naive.toFixed(1),
          afterFinish,
          encoderRunsAfter,
          agreement,
          `${Math.round(stats.peakRssBytes / 1e6)}`,
          `${(100 * wordErrorRate(clip.reference, batch.transcript.text).wer).toFixed(1)}%`,
        ]);
        console.log(rows.at(-1)!.join(' | '));
      }
    }
  }
} finally {
  hog?.kill();
}

const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string =>
  `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`\n${line(header)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
for (const row of rows) console.log(line(row));
console.log(
  `\nEncoder runs and WER are counts; the times depend on the machine and its load${busyThreads ? ` (here ${busyThreads} busy threads beside it)` : ''}. "load ms" = worker start and model load as \`rehearse transcribe\` reports it; "rehearse s" = that whole process (start, load, transcription, exit); "whisper.cpp s" = its whole process, greedy with word timestamps, 2 threads (plain rows: both without fillers); "after finish ms" and "enc after" = time and encoder runs from the end of the audio to the transcript when the first clip is fed at real time; "× naive" (with --naive) = the transformers.js pipeline's time with word timestamps over the engine's batch time; "batch≠incr" = words that differ between that transcript and the batch one. Goals: rehearse ≤ whisper.cpp, × naive ≥ 3, load ≤ 1500 ms, after finish ≤ 2000 ms busy / ≤ 1000 ms idle, peak RSS ≤ 600 MB.`,
);
