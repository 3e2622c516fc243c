/**
 * Writes the filler dev set (see electron/engine/testing/filler-devset.ts) as WAV files with a
 * labels.tsv, for listening to it or feeding it to `rehearse transcribe`. The eval builds the same
 * clips in memory; this copy goes to a git-ignored folder (the audio is third-party: never commit it).
 *
 *   npx tsx scripts/build-filler-devset.ts [--out .rehearse-dev/filler-devset] [--seed 13]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeWav } from '../electron/engine/audio/wav.ts';
import { createNodeEngine } from '../electron/engine/client.ts';
import {
  buildSharedFillerDevSet,
  DEFAULT_DEVSET_OPTIONS,
} from '../electron/engine/testing/filler-devset.ts';
import { sharedModelsDir } from '../electron/engine/testing/shared-data.ts';

const { values } = parseArgs({
  options: { out: { type: 'string' }, seed: { type: 'string' } },
});
const out = values.out ?? '.rehearse-dev/filler-devset';
const seed = values.seed ? Number(values.seed) : DEFAULT_DEVSET_OPTIONS.seed;
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer; got ${values.seed}`);

const engine = createNodeEngine();
await engine.load({ model: 'whisper-base', modelsDir: sharedModelsDir() });
const clips = await buildSharedFillerDevSet(engine, { ...DEFAULT_DEVSET_OPTIONS, seed });
await engine.dispose();

mkdirSync(out, { recursive: true });
const rows = ['file\tkind\tstart\tend\tcontext\ttoken'];
for (const clip of clips) {
  const file = `${clip.name}.wav`;
  writeFileSync(join(out, file), encodeWav(clip.pcm, 16_000));
  for (const f of clip.fillers)
    rows.push([file, f.kind, f.start.toFixed(3), f.end.toFixed(3), f.context, f.token].join('\t'));
  writeFileSync(join(out, `${clip.name}.txt`), `${clip.text}\n`);
}
writeFileSync(join(out, 'labels.tsv'), `${rows.join('\n')}\n`);
console.log(`${clips.length} clips, ${rows.length - 1} fillers written to ${out}`);
