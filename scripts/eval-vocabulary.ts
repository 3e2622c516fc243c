/**
 * Vocabulary evaluation (`npm run eval:vocabulary`), for both models, in the app's mode (verbatim):
 * - espeak-ng reads sentences a data engineer says (generated now, never stored); the share of their
 *   role terms (dbt, Airflow, Fivetran, backfill, SLA, ...) the transcript spells right, without
 *   speech hints, with the app's hints for a question and no story, and with a story draft too;
 * - LibriSpeech/JFK WER without and with the hints (the hints must not hurt speech they do not fit),
 *   and how many role terms the hints put into those transcripts (each one invented).
 *
 *   npm run eval:vocabulary [-- --model whisper-tiny] [--verbose]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resample } from '../electron/engine/audio/resample.ts';
import { createNodeEngine } from '../electron/engine/client.ts';
import { wordErrorRate } from '../electron/engine/metrics.ts';
import { fluentSharedClips, readSharedClip } from '../electron/engine/testing/filler-devset.ts';
import { sharedModelsDir } from '../electron/engine/testing/shared-data.ts';
import { readWavFile } from '../electron/engine/transcribe-file.ts';
import { isModelId, MODEL_IDS, type ModelId } from '../shared/ipc/contract.ts';
import { findQuestion } from '../shared/questions/bank.ts';
import { DATA_ENGINEER_VOCABULARY } from '../shared/vocabulary/data-engineer.ts';
import { speechHintsFor } from '../shared/vocabulary/hints.ts';
import type { SpeechHints } from '../shared/vocabulary/types.ts';

const { values } = parseArgs({
  options: { model: { type: 'string', multiple: true }, verbose: { type: 'boolean' } },
});
const models = values.model ?? [...MODEL_IDS];
for (const model of models) if (!isModelId(model)) throw new Error(`Unknown model ${model}`);

/** What a data engineer says in an answer; each sentence names role terms. */
const SENTENCES = [
  'We moved the nightly jobs from cron to Airflow and rewrote the transforms in dbt.',
  'Fivetran loads the orders table into Snowflake every hour.',
  'I ran a backfill for the three missing days before the SLA was breached.',
  'The Kafka topic fed a Spark job that wrote Parquet files to S3.',
  'Our dbt models broke when the upstream schema changed without warning.',
  'We added Great Expectations checks so bad data never reached the Looker dashboards.',
  'The Airflow DAG retried three times and then paged the on-call engineer.',
  'I migrated the warehouse from Redshift to BigQuery over one quarter.',
  'Debezium streamed the change events from Postgres into our data lake.',
  'We cut the Databricks bill in half by partitioning the largest tables.',
  'The Fivetran connector failed silently, so the backfill took all weekend.',
  'Every SLA on the finance dashboards was met after the Snowflake migration.',
];

/** A story draft a user might have written (it names some of the terms, not all). */
const DRAFT =
  'Last spring our Fivetran sync into Snowflake started failing at night. I owned the dbt project, ' +
  'so I traced it to an upstream schema change, ran a backfill for the missing days and added ' +
  'tests in Airflow so it could not happen quietly again. We met the SLA every week after that.';

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);

const TERMS = [...DATA_ENGINEER_VOCABULARY.tools, ...DATA_ENGINEER_VOCABULARY.terms];

/** The role terms `text` contains, as word sequences (a term once per place it occurs). */
function termsIn(text: string): string[] {
  const said = words(text);
  const found: string[] = [];
  for (const term of TERMS) {
    const t = words(term);
    for (let i = 0; i + t.length <= said.length; i++)
      if (t.every((w, k) => said[i + k] === w)) found.push(t.join(' '));
  }
  return found;
}

/** How many of `expected` (with repeats) `heard` contains. */
function hits(expected: string[], heard: string[]): number {
  const pool = [...heard];
  let count = 0;
  for (const term of expected) {
    const at = pool.indexOf(term);
    if (at >= 0) {
      count++;
      pool.splice(at, 1);
    }
  }
  return count;
}

const dir = mkdtempSync(join(tmpdir(), 'rehearse-vocab-'));
const spoken: { text: string; pcm: Float32Array }[] = [];
try {
  for (const [i, text] of SENTENCES.entries()) {
    const path = join(dir, `s${i}.wav`);
    execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', path, text]);
    const audio = await readWavFile(path);
    spoken.push({ text, pcm: resample(audio.samples, audio.sampleRate) });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const question = findQuestion('pipeline-broke');
if (!question) throw new Error('The question bank has no pipeline-broke question.');
const conditions: { name: string; hints?: SpeechHints }[] = [
  { name: 'no hints' },
  { name: 'question + role terms', hints: speechHintsFor(question) },
  { name: '+ story draft', hints: speechHintsFor(question, { draft: DRAFT }) },
];

const summary: string[] = [];
for (const model of models as ModelId[]) {
  const engine = createNodeEngine();
  await engine.load({ model, modelsDir: sharedModelsDir() });
  console.log(`\n## ${model}\n`);
  for (const condition of conditions) {
    let hit = 0;
    let all = 0;
    for (const sentence of spoken) {
      const result = await engine.transcribe(sentence.pcm, {
        verbatim: true,
        ...(condition.hints ? { hints: condition.hints } : {}),
      });
      const expected = termsIn(sentence.text);
      const got = hits(expected, termsIn(result.transcript.text));
      hit += got;
      all += expected.length;
      if (values.verbose)
        console.log(`  ${condition.name}: ${got}/${expected.length}  ${result.transcript.text}`);
    }
    const line = `${model.padEnd(13)} espeak role terms, ${condition.name.padEnd(22)} ${hit}/${all} = ${((100 * hit) / all).toFixed(0)}%`;
    console.log(line);
    summary.push(line);
  }
  for (const condition of conditions.slice(0, 2)) {
    let errors = 0;
    let total = 0;
    let invented = 0;
    for (const clip of fluentSharedClips()) {
      const result = await engine.transcribe(readSharedClip(clip.path), {
        verbatim: true,
        ...(condition.hints ? { hints: condition.hints } : {}),
      });
      const wer = wordErrorRate(clip.reference, result.transcript.text);
      errors += wer.errors;
      total += wer.referenceWords;
      invented += Math.max(
        0,
        termsIn(result.transcript.text).length - termsIn(clip.reference).length,
      );
      if (values.verbose && wer.wer > 0)
        console.log(`  ${condition.name}: ${result.transcript.text}`);
    }
    const line = `${model.padEnd(13)} LibriSpeech+JFK WER, ${condition.name.padEnd(21)} ${((100 * errors) / total).toFixed(1)}% (${errors}/${total}); role terms invented ${invented}`;
    console.log(line);
    summary.push(line);
  }
  await engine.dispose();
}
console.log(`\n## Summary\n\n${summary.join('\n')}`);
