/**
 * Benchmark: analysing a 320-word answer (the top of the guide's target window) must take < 20 ms.
 * Prints the median and 95th percentile over 200 runs, for a timed and a text-only transcript.
 *   npx tsx scripts/bench-analysis.ts [runs]
 */
import { performance } from 'node:perf_hooks';
import { ANALYSIS_LIMITS, analyzeAnswer } from '../shared/analysis/index.ts';
import { FLAWED } from '../shared/analysis/fixtures/answers.ts';
import { timedTranscript } from '../shared/analysis/fixtures/timed.ts';
import { findQuestion } from '../shared/questions/bank.ts';
import { splitWords } from '../shared/transcript/words.ts';
import type { Transcript } from '../shared/transcript/types.ts';

const BUDGET_MS = 20;
const runs = Number(process.argv[2] ?? 200);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`Runs must be a positive whole number (got "${process.argv[2]}").`);
  process.exit(2);
}

const question = findQuestion('pipeline-broke');
if (!question) throw new Error('The question bank has no "pipeline-broke".');
const text = splitWords(FLAWED['length.long']?.text ?? '')
  .slice(0, 320)
  .join(' ');
const cases: [string, Transcript][] = [
  [
    'timed (150 wpm, pauses)',
    timedTranscript(text, { wordsPerMinute: 150, pausesAfter: { 40: 0.9, 120: 1.4, 250: 0.7 } }),
  ],
  ['text only', { text, words: [] }],
];

function measure(transcript: Transcript): number[] {
  for (let warm = 0; warm < 20; warm += 1)
    analyzeAnswer(transcript, question as NonNullable<typeof question>);
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    analyzeAnswer(transcript, question as NonNullable<typeof question>);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const at = (sorted: number[], quantile: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? Number.NaN;

let failed = false;
console.log(
  `analyzeAnswer on a ${splitWords(text).length}-word answer, ${runs} runs each (budget ${BUDGET_MS} ms median)`,
);
for (const [name, transcript] of cases) {
  const sorted = measure(transcript);
  const median = at(sorted, 0.5);
  if (median >= BUDGET_MS) failed = true;
  console.log(
    `  ${name.padEnd(26)} median ${median.toFixed(2)} ms   p95 ${at(sorted, 0.95).toFixed(2)} ms   max ${at(sorted, 1).toFixed(2)} ms`,
  );
}
// The largest answers the analysis accepts: every pass is linear, so these stay well under a second.
console.log(`largest accepted inputs (${ANALYSIS_LIMITS.maxWords} words), one run each:`);
for (const [name, words] of [
  ['fillers only ("um, ")', 'um, '],
  ['one-word sentences', 'Fixed. '],
  ['unpunctuated run-on', 'we checked the logs and I added a test '],
] as const) {
  const perRepeat = splitWords(words).length;
  const big = words.repeat(Math.floor(ANALYSIS_LIMITS.maxWords / perRepeat));
  const started = performance.now();
  analyzeAnswer({ text: big, words: [] }, question as NonNullable<typeof question>);
  console.log(`  ${name.padEnd(26)} ${(performance.now() - started).toFixed(0)} ms`);
}
if (failed) {
  console.error(`Over budget: the median must stay under ${BUDGET_MS} ms.`);
  process.exitCode = 1;
}
