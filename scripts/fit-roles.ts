/**
 * Fits the sentence-role model (`shared/analysis/role-model.ts`) on the labelled dev set of real
 * answers (`../shared/answers/`): a multinomial logistic regression over the general cue features
 * of `roles.ts` (no word of any answer is a feature), and role-to-role transition scores from the
 * label sequences, decoded with Viterbi. Prints the 5-fold (split by answer) accuracy first (the honest
 * estimate for answers the model has not seen), then writes the model fitted on all answers.
 *   npx tsx scripts/fit-roles.ts [--dry-run]
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prepareAnswer } from '../shared/analysis/analyze.ts';
import {
  FEATURE_NAMES,
  ROLES,
  readUnits,
  unitFeatures,
  viterbi,
} from '../shared/analysis/roles.ts';
import { starUnits } from '../shared/analysis/star.ts';
import { findQuestion } from '../shared/questions/bank.ts';
import { ROLE_LABELLED_FIXTURES } from '../shared/analysis/fixtures/role-labels.ts';
import { answersDir, type LabelledAnswer } from './dev-set.ts';

const TAG_TO_CLASS: Record<string, number> = { S: 0, T: 1, A: 2, R: 3, O: 4 };
const CLASSES = ROLES.length;
const L2 = Number(process.env.L2 ?? 0.005);
const STEPS = Number(process.env.STEPS ?? 400);
const RATE = 1;
/** Exponent of the class weights (0: none, 1: fully balanced). */
const BALANCE = Number(process.env.BALANCE ?? 0.5);
/** Weight of the transition log-probabilities against the emission log-probabilities. */
const TRANSITION_WEIGHT = Number(process.env.TW ?? 0.6);

interface Sample {
  features: number[];
  label: number;
}
interface Doc {
  file: string;
  samples: Sample[];
  texts: string[];
}

async function loadDocs(): Promise<Doc[]> {
  const dir = answersDir();
  const script = (await import(pathToFileURL(join(dir, 'score-dev-set.mjs')).href)) as {
    parseAnswerFile(text: string, name: string): LabelledAnswer;
  };
  const folder = join(dir, 'real');
  const docs: Doc[] = [];
  for (const file of readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort()) {
    const labelled = script.parseAnswerFile(readFileSync(join(folder, file), 'utf8'), file);
    const question = findQuestion(labelled.question);
    if (question === undefined) throw new Error(`${file}: unknown question`);
    const joined = labelled.sentences.map((sentence) => sentence.text).join(' ');
    const { answer, rubric } = prepareAnswer({ text: joined, words: [] }, question);
    // Each word's labelled sentence, by its position in the joined text (as score-dev-set does).
    const bounds: [number, number][] = [];
    let position = 0;
    for (const sentence of labelled.sentences) {
      bounds.push([position, position + sentence.text.length]);
      position += sentence.text.length + 1;
    }
    let cursor = 0;
    const wordLabel = answer.words.map((word) => {
      let at = joined.indexOf(word.text, cursor);
      if (at < 0) at = cursor;
      cursor = at + Math.max(word.text.length, 1);
      const index = bounds.findIndex(([start, end]) => at >= start && at < end + 1);
      const sentence = labelled.sentences[index < 0 ? labelled.sentences.length - 1 : index];
      return TAG_TO_CLASS[sentence?.role ?? 'O'] ?? 4;
    });
    const units = starUnits(answer);
    const readings = readUnits(answer, units, rubric);
    const samples = units.map((unit, index) => {
      const votes = new Array<number>(CLASSES).fill(0);
      for (let word = unit.startWord; word < unit.endWord; word += 1)
        votes[wordLabel[word] ?? 4] = (votes[wordLabel[word] ?? 4] ?? 0) + 1;
      const label = votes.indexOf(Math.max(...votes));
      return { features: unitFeatures(readings, index), label };
    });
    const texts = units.map((unit) =>
      answer.words
        .slice(unit.startWord, unit.endWord)
        .map((word) => word.text)
        .join(' '),
    );
    docs.push({ file, samples, texts });
  }
  return docs;
}

/** The project's own example answers with their role letters (always in the training set). */
function fixtureDocs(): Doc[] {
  const question = findQuestion('pipeline-broke');
  if (question === undefined) throw new Error('The question bank has no "pipeline-broke".');
  return ROLE_LABELLED_FIXTURES.map((fixture) => {
    const { answer, rubric } = prepareAnswer({ text: fixture.text, words: [] }, question);
    if (answer.sentences.length !== fixture.roles.length)
      throw new Error(
        `${fixture.name}: ${fixture.roles.length} role letters for ${answer.sentences.length} sentences; relabel it.`,
      );
    const units = starUnits(answer);
    const readings = readUnits(answer, units, rubric);
    return {
      file: fixture.name,
      samples: units.map((unit, index) => {
        const sentence = answer.sentences.findIndex(
          (item) => item.startWord <= unit.startWord && item.endWord > unit.startWord,
        );
        return {
          features: unitFeatures(readings, index),
          label: TAG_TO_CLASS[fixture.roles[sentence] ?? 'O'] ?? 4,
        };
      }),
      texts: [],
    };
  });
}

function softmax(values: number[]): number[] {
  const top = Math.max(...values);
  const exps = values.map((value) => Math.exp(value - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

/**
 * Class-balanced, L2-penalised multinomial logistic regression by Nesterov-accelerated gradient
 * descent (the loss is convex; acceleration reaches the optimum in a few hundred steps).
 */
function fitWeights(samples: readonly Sample[]): number[][] {
  const size = FEATURE_NAMES.length;
  const count = samples.length;
  const x = new Float64Array(count * size);
  const labels = new Int32Array(count);
  samples.forEach((sample, index) => {
    labels[index] = sample.label;
    for (let feature = 0; feature < size; feature += 1)
      x[index * size + feature] = sample.features[feature] ?? 0;
  });
  // Class-balanced: each role weighs as much in total (square-root damped), so rare roles (task)
  // are not drowned by common ones.
  const frequency = new Array<number>(CLASSES).fill(0);
  for (const sample of samples) frequency[sample.label] = (frequency[sample.label] ?? 0) + 1;
  const classWeight = Float64Array.from(frequency, (value) =>
    value === 0 ? 0 : (count / CLASSES / value) ** BALANCE,
  );
  const w = new Float64Array(CLASSES * size);
  const previous = new Float64Array(CLASSES * size);
  const look = new Float64Array(CLASSES * size);
  const gradient = new Float64Array(CLASSES * size);
  const scores = new Float64Array(CLASSES);
  for (let step = 0; step < STEPS; step += 1) {
    const momentum = step / (step + 3);
    for (let at = 0; at < look.length; at += 1)
      look[at] = (w[at] ?? 0) + momentum * ((w[at] ?? 0) - (previous[at] ?? 0));
    gradient.fill(0);
    for (let index = 0; index < count; index += 1) {
      const base = index * size;
      let top = -Infinity;
      for (let role = 0; role < CLASSES; role += 1) {
        let total = 0;
        const offset = role * size;
        for (let feature = 0; feature < size; feature += 1)
          total += (look[offset + feature] ?? 0) * (x[base + feature] ?? 0);
        scores[role] = total;
        if (total > top) top = total;
      }
      let sum = 0;
      for (let role = 0; role < CLASSES; role += 1) {
        scores[role] = Math.exp((scores[role] ?? 0) - top);
        sum += scores[role] ?? 0;
      }
      const label = labels[index] ?? 0;
      const weight = classWeight[label] ?? 1;
      for (let role = 0; role < CLASSES; role += 1) {
        const error = ((scores[role] ?? 0) / sum - (role === label ? 1 : 0)) * weight;
        if (error === 0) continue;
        const offset = role * size;
        for (let feature = 0; feature < size; feature += 1)
          gradient[offset + feature] =
            (gradient[offset + feature] ?? 0) + error * (x[base + feature] ?? 0);
      }
    }
    previous.set(w);
    for (let at = 0; at < CLASSES * size; at += 1) {
      const penalty = at % size === 0 ? 0 : L2 * (look[at] ?? 0);
      w[at] = (look[at] ?? 0) - RATE * ((gradient[at] ?? 0) / count + penalty);
    }
  }
  return Array.from({ length: CLASSES }, (_, role) =>
    Array.from(w.slice(role * size, (role + 1) * size)),
  );
}

function fitTransitions(docs: readonly Doc[]): number[][] {
  const counts = Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(1));
  for (const doc of docs) {
    for (let index = 1; index < doc.samples.length; index += 1) {
      const from = doc.samples[index - 1]?.label ?? 0;
      const to = doc.samples[index]?.label ?? 0;
      (counts[from] as number[])[to] = ((counts[from] as number[])[to] ?? 0) + 1;
    }
  }
  // log P(to | from) relative to log P(to): how much more likely a role is after another.
  const totals = new Array<number>(CLASSES).fill(0);
  let all = 0;
  for (const row of counts)
    row.forEach((value, to) => {
      totals[to] = (totals[to] ?? 0) + value;
      all += value;
    });
  return counts.map((row) => {
    const rowTotal = row.reduce((sum, value) => sum + value, 0);
    return row.map(
      (value, to) => TRANSITION_WEIGHT * Math.log(value / rowTotal / ((totals[to] ?? 1) / all)),
    );
  });
}

function decode(doc: Doc, weights: number[][], transitions: number[][]): number[] {
  const scores = doc.samples.map((sample) => {
    const raw = weights.map((row) =>
      row.reduce((total, weight, feature) => total + weight * (sample.features[feature] ?? 0), 0),
    );
    return softmax(raw).map((p) => Math.log(Math.max(p, 1e-9)));
  });
  return viterbi(scores, transitions);
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

const docs = await loadDocs();
// The tidy example answers count twice: they are the shape the app's users rehearse towards.
const fixtures = Array.from(
  { length: Number(process.env.FIXTURE_COPIES ?? 2) },
  fixtureDocs,
).flat();
/** Leave-one-answer-out by default (FOLDS=5 for a quicker 5-fold estimate). */
const FOLDS = Math.min(Number(process.env.FOLDS ?? docs.length), docs.length);
let right = 0;
let total = 0;
const confusion = Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(0));
for (let fold = 0; fold < FOLDS; fold += 1) {
  const held = docs.filter((_, index) => index % FOLDS === fold);
  const train = [...docs.filter((_, index) => index % FOLDS !== fold), ...fixtures];
  const weights = fitWeights(train.flatMap((doc) => doc.samples));
  const transitions = fitTransitions(train);
  for (const doc of held) {
    const labels = decode(doc, weights, transitions);
    doc.samples.forEach((sample, index) => {
      total += 1;
      const got = labels[index] ?? 4;
      (confusion[sample.label] as number[])[got] =
        ((confusion[sample.label] as number[])[got] ?? 0) + 1;
      if (got === sample.label) right += 1;
      else if (process.argv.includes('--errors'))
        console.log(
          `  ${'STARO'[sample.label]}>${'STARO'[got]} ${doc.file.slice(0, 2)} ${doc.texts[index]?.slice(0, 100)}`,
        );
    });
  }
}
console.log(
  `${FOLDS === docs.length ? 'leave-one-answer-out' : `${FOLDS}-fold (by answer)`} unit accuracy: ${right}/${total} (${((100 * right) / total).toFixed(1)}%)`,
);
console.log('held-out confusion (rows: label S T A R O; columns: model)');
for (const row of confusion)
  console.log(`  ${row.map((value) => String(value).padStart(4)).join('')}`);
const weights = fitWeights([...docs, ...fixtures].flatMap((doc) => doc.samples));
const transitions = fitTransitions([...docs, ...fixtures]);
let fitRight = 0;
for (const doc of docs) {
  const labels = decode(doc, weights, transitions);
  doc.samples.forEach((sample, index) => {
    if (labels[index] === sample.label) fitRight += 1;
  });
}
console.log(
  `unit accuracy on the whole set (fitted on it): ${fitRight}/${total} (${((100 * fitRight) / total).toFixed(1)}%)`,
);
if (!process.argv.includes('--dry-run')) {
  const rows = (matrix: number[][]): string =>
    matrix.map((row) => `    [${row.map(round).join(', ')}],`).join('\n');
  const weightRows = weights
    .map(
      (row, role) =>
        `    // ${ROLES[role]}\n    [\n${row.map((weight, feature) => `      ${round(weight)}, // ${FEATURE_NAMES[feature]}`).join('\n')}\n    ],`,
    )
    .join('\n');
  const source = `/**
 * The sentence-role model, written by \`npx tsx scripts/fit-roles.ts\` (do not edit by hand): per
 * role, one weight per feature of \`roles.ts\` (FEATURE_NAMES), fitted by logistic regression on the
 * labelled dev set of real answers (../shared/answers; the texts stay there), and transition scores
 * between roles (rows: from; columns: to; situation, task, action, result, other).
 * 5-fold (by answer) unit accuracy when fitted: ${right}/${total}.
 */
export const ROLE_MODEL: { weights: number[][]; transitions: number[][] } = {
  weights: [
${weightRows}
  ],
  transitions: [
${rows(transitions)}
  ],
};
`;
  const target = fileURLToPath(new URL('../shared/analysis/role-model.ts', import.meta.url));
  writeFileSync(target, source);
  console.log(`wrote ${target}`);
}
