/**
 * Filled-pause decision, offline: re-scores the acoustic detector and its decision on the filler dev
 * set from the decoder's words saved by `npm run eval:asr -- --dump words.json` (its "prompt" mode:
 * the decoder with the filler prompt, no acoustic detection), so a change to fillers.ts / the
 * decision is measured in seconds instead of re-running Whisper. Scores per dev split (design on
 * train, report on test; see DEV_SPLITS) and per model. The end-to-end figure is eval:asr's.
 *
 *   npx tsx scripts/fillers-offline.ts words.json [--verbose]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { VoiceActivity } from '../electron/engine/audio/activity.ts';
import { findFilledPauses, insertFilledPauses } from '../electron/engine/fillers.ts';
import {
  fillerWords,
  matchFillers,
  score,
  scoreFillersByTime,
  type FillerScore,
} from '../electron/engine/metrics.ts';
import {
  buildFillerDevSet,
  DEFAULT_DEVSET_OPTIONS,
  devSplit,
  fluentSharedClips,
  loadFillerTokens,
  readSharedClip,
  type HostClip,
} from '../electron/engine/testing/filler-devset.ts';
import type { Word } from '../shared/transcript/types.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { verbose: { type: 'boolean' }, seed: { type: 'string' } },
});
const dumpPath = positionals[0];
if (!dumpPath) throw new Error('Usage: fillers-offline.ts words.json [--verbose]');
const dump = JSON.parse(readFileSync(dumpPath, 'utf8')) as {
  hosts: Record<string, HostClip['words']>;
  results: { model: string; clip: string; mode: string; words: Word[] }[];
};
const hosts: HostClip[] = fluentSharedClips().map((clip, i) => {
  const words = dump.hosts[`#${i}`];
  if (!words) throw new Error(`The dump has no host words for ${clip.file}.`);
  return { name: clip.file, pcm: readSharedClip(clip.path), words };
});
const seed = values.seed ? Number(values.seed) : DEFAULT_DEVSET_OPTIONS.seed;
const devSet = buildFillerDevSet(hosts, loadFillerTokens(), { ...DEFAULT_DEVSET_OPTIONS, seed });

const fmt = (s: FillerScore): string =>
  `${s.truePositives}/${s.found}/${s.expected}  P ${s.precision.toFixed(2)} R ${s.recall.toFixed(2)} F1 ${s.f1.toFixed(2)}`;

// The fluent host clips themselves (no fillers): every filler the decision adds there is false.
const falseByPart = new Map<string, number>();
for (const host of hosts) {
  const activity = new VoiceActivity();
  activity.push(host.pcm);
  const words = insertFilledPauses(
    host.words.map((w) => ({ ...w })),
    findFilledPauses(host.pcm, 0, activity.speech),
    activity.speech,
  );
  const added = words.filter((w) => w.detected);
  const part = devSplit(host.name);
  falseByPart.set(part, (falseByPart.get(part) ?? 0) + added.length);
  if (values.verbose && added.length)
    console.log(
      `fluent ${part} ${host.name}: ${added.map((w) => `${w.text}@${w.start.toFixed(2)}`).join(' ')}`,
    );
}
console.log(
  `fluent host clips (whisper-base plain words), fillers added (all false): ${[...falseByPart].map(([k, v]) => `${k} ${v}`).join(', ')}`,
);

const models = [...new Set(dump.results.map((r) => r.model))];
for (const model of models) {
  const tallies = new Map<string, { tp: number; found: number; expected: number }>();
  const contexts = new Map<string, { hit: number; all: number }>();
  const add = (key: string, s: FillerScore): void => {
    const t = tallies.get(key) ?? { tp: 0, found: 0, expected: 0 };
    t.tp += s.truePositives;
    t.found += s.found;
    t.expected += s.expected;
    tallies.set(key, t);
  };
  for (const clip of devSet) {
    const prompt = dump.results.find(
      (r) => r.model === model && r.clip === clip.name && r.mode === 'prompt',
    );
    if (!prompt) continue;
    const activity = new VoiceActivity();
    activity.push(clip.pcm);
    const pauses = findFilledPauses(clip.pcm, 0, activity.speech);
    const words = insertFilledPauses(prompt.words, pauses, activity.speech);
    const found = fillerWords(words);
    const s = scoreFillersByTime(found, clip.fillers);
    const part = devSplit(clip.name);
    add(part, s);
    add('all', s);
    add(`${part} decoder only`, scoreFillersByTime(fillerWords(prompt.words), clip.fillers));
    const matchedAll = matchFillers(found, clip.fillers);
    clip.fillers.forEach((label, i) => {
      const c = contexts.get(label.context) ?? { hit: 0, all: 0 };
      c.all++;
      if (matchedAll.has(i)) c.hit++;
      contexts.set(label.context, c);
    });
    if (values.verbose) {
      const matched = matchFillers(found, clip.fillers);
      const missed = clip.fillers.filter((_, i) => !matched.has(i));
      console.log(
        `${model} ${part} ${clip.name.padEnd(22)} ${fmt(s)}\n   detected ${pauses.map((p) => `${p.kind}@${p.start.toFixed(2)}-${p.end.toFixed(2)}`).join(' ')}\n   decoder ${prompt.words.map((w) => `${w.text}@${w.start.toFixed(2)}-${w.end.toFixed(2)}`).join(' ')}\n   found ${found.map((w) => `${w.text}@${w.start.toFixed(2)}-${w.end.toFixed(2)}${w.detected ? '*' : ''}`).join(' ')}\n   missed ${missed.map((l) => `${l.kind}@${l.start.toFixed(2)}-${l.end.toFixed(2)}(${l.context} ${l.token})`).join(' ')}`,
      );
    }
  }
  console.log(
    `${model.padEnd(13)} recall by context (all): ${[...contexts].map(([c, h]) => `${c} ${h.hit}/${h.all}`).join(', ')}`,
  );
  for (const [key, t] of [...tallies].sort())
    console.log(`${model.padEnd(13)} ${key.padEnd(22)} ${fmt(score(t.tp, t.found, t.expected))}`);
}
