/**
 * ASR evaluation (`npm run eval:asr`), for both models, plain vs verbatim:
 * - WER per LibriSpeech/JFK clip, and any filler written on those fluent clips (each one is false);
 * - fillers on the shared disfluent clips, matched by time and kind (±0.3 s, "uh" vs "um");
 * - fillers on the filler dev set (real tokens spliced into the fluent clips, built now from ../shared,
 *   see electron/engine/testing/filler-devset.ts), overall and recall per context.
 * The shared clips are what the engine was developed on; the dev set is what point-1 work is tuned on.
 * Both are printed separately, so overfitting to either shows.
 *
 *   npm run eval:asr [-- --model whisper-tiny] [--limit 5] [--set dev|shared] [--seed 13] [--verbose]
 *     [--split train|test]  (only that part of the dev set: filled-pause detection is designed on train)
 *     [--hosts words.json]  (the dev set's host word times from an earlier --dump: skips re-timing them)
 *     [--dump words.json]   (every transcript's words, and the dev set's host words, for analysis)
 *     [--modes plain,prompt,verbatim]  (only these decodings; default all three)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createNodeEngine, type EngineClient } from '../electron/engine/client.ts';
import {
  fillerWords,
  matchFillers,
  score,
  scoreFillersByTime,
  wordErrorRate,
  type FillerEvent,
  type FillerScore,
} from '../electron/engine/metrics.ts';
import { isModelId, MODEL_IDS, type ModelId } from '../shared/ipc/contract.ts';
import type { EngineResult } from '../electron/engine/protocol.ts';
import type { Word } from '../shared/transcript/types.ts';
import {
  buildSharedFillerDevSet,
  CONTEXTS,
  DEFAULT_DEVSET_OPTIONS,
  DEV_SPLITS,
  devSplit,
  type DevSplit,
  fluentSharedClips,
  readSharedClip,
  referenceFillerEvents,
  type DevClip,
  type FillerContext,
  type LabelledFiller,
} from '../electron/engine/testing/filler-devset.ts';
import { readAudioManifest, sharedModelsDir } from '../electron/engine/testing/shared-data.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', multiple: true },
    limit: { type: 'string' },
    set: { type: 'string' },
    seed: { type: 'string' },
    split: { type: 'string' },
    hosts: { type: 'string' },
    dump: { type: 'string' },
    verbose: { type: 'boolean' },
    modes: { type: 'string' },
  },
});
const models = values.model ?? [...MODEL_IDS];
for (const model of models) if (!isModelId(model)) throw new Error(`Unknown model ${model}`);
const limit = values.limit ? Number(values.limit) : Number.POSITIVE_INFINITY;
const sets = values.set ? [values.set] : ['shared', 'dev'];
for (const set of sets)
  if (set !== 'shared' && set !== 'dev') throw new Error(`Unknown --set ${set} (shared or dev)`);
const split = values.split;
if (split !== undefined && !DEV_SPLITS.includes(split as DevSplit))
  throw new Error(`Unknown --split ${split} (${DEV_SPLITS.join(' or ')})`);
const seed = values.seed ? Number(values.seed) : DEFAULT_DEVSET_OPTIONS.seed;
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer; got ${values.seed}`);

/** plain; prompt = filler prompt only; verbatim = filler prompt + acoustic filled-pause detection (the app's mode). */
const allModes = [
  { name: 'plain', verbatim: false, acousticFillers: false },
  { name: 'prompt', verbatim: true, acousticFillers: false },
  { name: 'verbatim', verbatim: true, acousticFillers: true },
] as const;
type Mode = (typeof allModes)[number];
const modeNames = values.modes?.split(',') ?? allModes.map((m) => m.name);
for (const name of modeNames)
  if (!allModes.some((m) => m.name === name))
    throw new Error(`Unknown mode ${name} in --modes (${allModes.map((m) => m.name).join(', ')})`);
const modes = allModes.filter((m) => modeNames.includes(m.name));
const devModes = modes.filter((m) => m.verbatim);
type ModeName = Mode['name'];

const pad = (text: string, width: number): string => text.padEnd(width);
const pct = (value: number): string => `${(100 * value).toFixed(1)}%`;
const fmt = (s: FillerScore): string =>
  `${s.truePositives}/${s.found}/${s.expected}  P ${s.precision.toFixed(2)} R ${s.recall.toFixed(2)} F1 ${s.f1.toFixed(2)}`;
const showFillers = (found: readonly Word[]): string =>
  found.map((w) => `${w.text}@${w.start.toFixed(2)}${w.detected ? '*' : ''}`).join(' ');
const showLabels = (labels: readonly FillerEvent[]): string =>
  labels.map((l) => `${l.kind}@${l.start.toFixed(2)}`).join(' ');

const dump: {
  hosts: Record<string, readonly { text: string; start: number; end: number }[]>;
  results: { model: string; clip: string; mode: ModeName; words: Word[] }[];
} = { hosts: {}, results: [] };
let currentModel = '';

async function transcribe(
  engine: EngineClient,
  pcm: Float32Array,
  mode: Mode,
  clip: string,
): Promise<EngineResult> {
  const result = await engine.transcribe(pcm, {
    verbatim: mode.verbatim,
    acousticFillers: mode.acousticFillers,
  });
  if (values.dump) {
    dump.results.push({
      model: currentModel,
      clip,
      mode: mode.name,
      words: result.transcript.words,
    });
    writeFileSync(values.dump, JSON.stringify(dump));
  }
  return result;
}

/** Running filler totals, typed (kind must match) and untyped. */
class FillerTally {
  private tp = 0;
  private untypedTp = 0;
  private found = 0;
  private expected = 0;
  add(found: readonly Word[], expected: readonly FillerEvent[]): FillerScore {
    const typed = scoreFillersByTime(found, expected);
    this.tp += typed.truePositives;
    this.untypedTp += scoreFillersByTime(found, expected, false).truePositives;
    this.found += typed.found;
    this.expected += typed.expected;
    return typed;
  }
  get typed(): FillerScore {
    return score(this.tp, this.found, this.expected);
  }
  get untyped(): FillerScore {
    return score(this.untypedTp, this.found, this.expected);
  }
}

async function evalSharedSpeech(engine: EngineClient): Promise<void> {
  console.log(`${pad('clip', 30)} ${modes.map((m) => pad(`${m.name} WER`, 13)).join(' ')}`);
  const totals = Object.fromEntries(
    modes.map((m) => [m.name, { errors: 0, words: 0, ms: 0, fillers: 0 }]),
  ) as Record<ModeName, { errors: number; words: number; ms: number; fillers: number }>;
  let audioSec = 0;
  for (const clip of fluentSharedClips().slice(0, limit)) {
    const cells: string[] = [];
    const pcm = readSharedClip(clip.path);
    for (const mode of modes) {
      const result = await transcribe(engine, pcm, mode, clip.file);
      const wer = wordErrorRate(clip.reference, result.transcript.text);
      const total = totals[mode.name];
      total.errors += wer.errors;
      total.words += wer.referenceWords;
      total.ms += result.timings.transcribeMs;
      total.fillers += fillerWords(result.transcript.words).length;
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
    `${pad('fillers written (all false)', 30)} ${modes.map((m) => pad(String(totals[m.name].fillers), 13)).join(' ')}`,
  );
  console.log(
    `(${totals[modes[0]!.name].words} reference words, ${audioSec.toFixed(0)} s; RTF ${modes.map((m) => `${m.name} ${(totals[m.name].ms / 1000 / audioSec).toFixed(3)}`).join(', ')}; timings depend on machine load)`,
  );
}

async function evalSharedFillers(engine: EngineClient): Promise<Record<ModeName, FillerTally>> {
  console.log(`\n${pad('filler clip (by time and kind)', 34)} ${pad('mode', 9)} TP/found/expected`);
  const tallies = Object.fromEntries(modes.map((m) => [m.name, new FillerTally()])) as Record<
    ModeName,
    FillerTally
  >;
  for (const clip of readAudioManifest('fillers')) {
    const expected = referenceFillerEvents(clip.file);
    const pcm = readSharedClip(clip.path);
    for (const mode of modes) {
      const result = await transcribe(engine, pcm, mode, clip.file);
      const found = fillerWords(result.transcript.words);
      const clipScore = tallies[mode.name].add(found, expected);
      console.log(
        `${pad(clip.file, 34)} ${pad(mode.name, 9)} ${fmt(clipScore)}${values.verbose ? `  found ${showFillers(found)}  expected ${showLabels(expected)}` : ''}`,
      );
      if (values.verbose) console.log(`   ${result.transcript.text}`);
    }
  }
  for (const mode of modes)
    console.log(
      `${pad('ALL shared fillers', 34)} ${pad(mode.name, 9)} ${fmt(tallies[mode.name].typed)}  (kind ignored: F1 ${tallies[mode.name].untyped.f1.toFixed(2)})`,
    );
  return tallies;
}

async function evalDevSet(
  engine: EngineClient,
  devSet: readonly DevClip[],
): Promise<Record<ModeName, FillerTally>> {
  const tallies = Object.fromEntries(modes.map((m) => [m.name, new FillerTally()])) as Record<
    ModeName,
    FillerTally
  >;
  const hits = Object.fromEntries(
    modes.map((m) => [m.name, Object.fromEntries(CONTEXTS.map((c) => [c, { hit: 0, all: 0 }]))]),
  ) as Record<ModeName, Record<FillerContext, { hit: number; all: number }>>;
  for (const clip of devSet) {
    // Plain decoding writes no fillers (see the shared clips); the dev set scores the two verbatim modes.
    for (const mode of devModes) {
      const result = await transcribe(engine, clip.pcm, mode, clip.name);
      const found = fillerWords(result.transcript.words);
      const clipScore = tallies[mode.name].add(found, clip.fillers);
      const matched = matchFillers(found, clip.fillers);
      clip.fillers.forEach((label, i) => {
        const context = hits[mode.name][label.context];
        context.all++;
        if (matched.has(i)) context.hit++;
      });
      if (values.verbose)
        console.log(
          `${pad(clip.name, 22)} ${pad(mode.name, 9)} ${fmt(clipScore)}  found ${showFillers(found)}  expected ${showLabels(clip.fillers)}\n   ${result.transcript.text}`,
        );
    }
  }
  console.log(`\n${pad('filler dev set', 34)} ${pad('mode', 9)} TP/found/expected`);
  for (const mode of devModes) {
    const context = CONTEXTS.map((c) => {
      const h = hits[mode.name][c];
      return `${c} ${h.hit}/${h.all}`;
    }).join(', ');
    console.log(
      `${pad(`ALL dev fillers (${devSet.length} clips)`, 34)} ${pad(mode.name, 9)} ${fmt(tallies[mode.name].typed)}  (kind ignored: F1 ${tallies[mode.name].untyped.f1.toFixed(2)}; recall by context: ${context})`,
    );
  }
  return tallies;
}

const modelsDir = sharedModelsDir();
let devSet: DevClip[] = [];
if (sets.includes('dev')) {
  // Word boundaries for splicing come from whisper-base, whichever model is evaluated.
  const saved = values.hosts
    ? (JSON.parse(readFileSync(values.hosts, 'utf8')) as typeof dump).hosts
    : null;
  const timer = saved ? null : createNodeEngine();
  await timer?.load({ model: 'whisper-base', modelsDir });
  devSet = await buildSharedFillerDevSet(
    {
      transcribe: async (pcm, options) => {
        const key = `#${Object.keys(dump.hosts).length}`;
        const words = saved ? saved[key] : (await timer!.transcribe(pcm, options)).transcript.words;
        if (!words) throw new Error(`${values.hosts} has no host words ${key}.`);
        dump.hosts[key] = words;
        return { transcript: { words } };
      },
    },
    { ...DEFAULT_DEVSET_OPTIONS, seed },
  );
  await timer?.dispose();
  if (split) devSet = devSet.filter((clip) => devSplit(clip.name) === split);
  const labels = devSet.flatMap((c) => c.fillers);
  const count = (f: (l: LabelledFiller) => boolean): number => labels.filter(f).length;
  console.log(
    `Filler dev set (seed ${seed}${split ? `, ${split} part` : ''}): ${devSet.length} clips, ${devSet.reduce((s, c) => s + c.pcm.length, 0) / 16_000} s, ${labels.length} fillers (${count((l) => l.kind === 'uh')} uh, ${count((l) => l.kind === 'um')} um; ${CONTEXTS.map((c) => `${c} ${count((l) => l.context === c)}`).join(', ')})`,
  );
}

const summary: string[] = [];
for (const model of models as ModelId[]) {
  const engine = createNodeEngine();
  await engine.load({ model, modelsDir });
  currentModel = model;
  console.log(`\n## ${model}\n`);
  const parts: Partial<Record<'shared' | 'dev', Record<ModeName, FillerTally>>> = {};
  if (sets.includes('dev')) parts.dev = await evalDevSet(engine, devSet);
  if (sets.includes('shared')) {
    parts.shared = await evalSharedFillers(engine);
    await evalSharedSpeech(engine);
  }
  for (const mode of devModes) {
    const cells = (['shared', 'dev'] as const)
      .filter((set) => parts[set])
      .map((set) => `${set} ${fmt(parts[set]![mode.name].typed)}`);
    summary.push(`${pad(model, 13)} ${pad(mode.name, 9)} ${cells.join('   |   ')}`);
  }
  await engine.dispose();
}
console.log(`\n## Fillers by time and kind (TP/found/expected)\n\n${summary.join('\n')}`);
