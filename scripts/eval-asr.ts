/**
 * ASR evaluation on the shared real-speech set (`npm run eval:asr`): WER per LibriSpeech/JFK clip and
 * filler precision/recall/F1 per disfluent clip, plain vs verbatim, for both models.
 *
 *   npm run eval:asr [-- --model whisper-tiny] [--limit 5]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resample } from '../electron/engine/audio/resample.ts';
import { createNodeEngine } from '../electron/engine/client.ts';
import {
  countReferenceFillers,
  fillerCuesFromVtt,
  fillerWords,
  score,
  scoreFillersByCount,
  scoreFillersByTime,
  wordErrorRate,
  type FillerScore,
} from '../electron/engine/metrics.ts';
import { isModelId, MODEL_IDS } from '../shared/ipc/contract.ts';
import type { EngineResult } from '../electron/engine/protocol.ts';
import {
  readAudioManifest,
  sharedAudio,
  sharedModelsDir,
  type ManifestRow,
} from '../electron/engine/testing/shared-data.ts';
import { readWavFile } from '../electron/engine/transcribe-file.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', multiple: true },
    limit: { type: 'string' },
    verbose: { type: 'boolean' },
  },
});
const models = values.model ?? [...MODEL_IDS];
for (const model of models) if (!isModelId(model)) throw new Error(`Unknown model ${model}`);
const limit = values.limit ? Number(values.limit) : Number.POSITIVE_INFINITY;

const speechClips: ManifestRow[] = [
  ...readAudioManifest('librispeech').slice(0, limit),
  ...readAudioManifest('misc'),
];
const fillerClips = readAudioManifest('fillers');
/** plain; prompt = filler prompt only; verbatim = filler prompt + acoustic filled-pause detection (the app's mode). */
const modes = [
  { name: 'plain', verbatim: false, acousticFillers: false },
  { name: 'prompt', verbatim: true, acousticFillers: false },
  { name: 'verbatim', verbatim: true, acousticFillers: true },
] as const;
type ModeName = (typeof modes)[number]['name'];

const pad = (text: string, width: number): string => text.padEnd(width);
const pct = (value: number): string => `${(100 * value).toFixed(1)}%`;
const fmt = (s: FillerScore): string =>
  `${s.truePositives}/${s.found}/${s.expected}  P ${s.precision.toFixed(2)} R ${s.recall.toFixed(2)} F1 ${s.f1.toFixed(2)}`;

/** A clip as 16 kHz mono, read once for all modes. */
async function readClip(path: string): Promise<Float32Array> {
  const audio = await readWavFile(path);
  return resample(audio.samples, audio.sampleRate);
}

function transcribe(
  engine: ReturnType<typeof createNodeEngine>,
  pcm: Float32Array,
  mode: (typeof modes)[number],
): Promise<EngineResult> {
  return engine.transcribe(pcm, {
    verbatim: mode.verbatim,
    acousticFillers: mode.acousticFillers,
  });
}

const modelsDir = sharedModelsDir();
for (const model of models) {
  const engine = createNodeEngine();
  await engine.load({ model: model as 'whisper-base', modelsDir });
  console.log(`\n## ${model}\n`);
  console.log(`${pad('clip', 30)} ${modes.map((m) => pad(`${m.name} WER`, 13)).join(' ')}`);
  const totals = Object.fromEntries(
    modes.map((m) => [m.name, { errors: 0, words: 0, ms: 0 }]),
  ) as Record<ModeName, { errors: number; words: number; ms: number }>;
  let audioSec = 0;
  for (const clip of speechClips) {
    const cells: string[] = [];
    const pcm = await readClip(clip.path);
    for (const mode of modes) {
      const result = await transcribe(engine, pcm, mode);
      const wer = wordErrorRate(clip.reference, result.transcript.text);
      totals[mode.name].errors += wer.errors;
      totals[mode.name].words += wer.referenceWords;
      totals[mode.name].ms += result.timings.transcribeMs;
      cells.push(pad(pct(wer.wer), 13));
      if (values.verbose && wer.wer > 0) console.log(`   ${mode.name}: ${result.transcript.text}`);
      if (mode.name === 'plain') audioSec += result.durationSec;
    }
    console.log(`${pad(clip.file, 30)} ${cells.join(' ')}`);
  }
  console.log(
    `${pad('ALL (word-weighted)', 30)} ${modes.map((m) => pad(pct(totals[m.name].errors / totals[m.name].words), 13)).join(' ')}`,
  );
  console.log(
    `(${totals.plain.words} reference words, ${audioSec.toFixed(0)} s; RTF ${modes.map((m) => `${m.name} ${(totals[m.name].ms / 1000 / audioSec).toFixed(3)}`).join(', ')})`,
  );

  console.log(`\n${pad('filler clip', 34)} ${pad('mode', 9)} TP/found/expected`);
  const sum = Object.fromEntries(
    modes.map((m) => [m.name, { tp: 0, found: 0, expected: 0 }]),
  ) as Record<ModeName, { tp: number; found: number; expected: number }>;
  for (const clip of fillerClips) {
    const cues = clip.file.startsWith('crisperwhisper')
      ? fillerCuesFromVtt(
          readFileSync(sharedAudio(`fillers/${clip.file.replace(/\.wav$/, '.vtt')}`), 'utf8'),
        )
      : null;
    const pcm = await readClip(clip.path);
    for (const mode of modes) {
      const result = await transcribe(engine, pcm, mode);
      const found = fillerWords(result.transcript.words);
      const clipScore = cues
        ? scoreFillersByTime(found, cues)
        : scoreFillersByCount(found.length, countReferenceFillers(clip.reference));
      sum[mode.name].tp += clipScore.truePositives;
      sum[mode.name].found += clipScore.found;
      sum[mode.name].expected += clipScore.expected;
      const how = cues ? 'by time' : 'by count';
      console.log(
        `${pad(clip.file, 34)} ${pad(mode.name, 9)} ${fmt(clipScore)}  (${how}) ${values.verbose ? found.map((w) => `${w.text}@${w.start.toFixed(2)}${w.detected ? '*' : ''}`).join(' ') : ''}`,
      );
      if (values.verbose) console.log(`   ${result.transcript.text}`);
    }
  }
  for (const mode of modes) {
    const s = sum[mode.name];
    console.log(
      `${pad('ALL fillers', 34)} ${pad(mode.name, 9)} ${fmt(score(s.tp, s.found, s.expected))}`,
    );
  }
  await engine.dispose();
}
