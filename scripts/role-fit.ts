/**
 * Fitting the sentence-role model (`shared/analysis/role-model.ts`), shared by `fit-roles.ts` (which
 * cross-validates and writes the model) and the test that checks the committed model is what the fit
 * gives. Deterministic: the samples are the runtime's own units and features (`starUnits`,
 * `readUnits`, `unitFeatures`, fillers skipped), in file-name order, then the labelled fixtures;
 * the fit starts from zero weights and runs a fixed number of full-batch steps (no random draw, so
 * no seed is needed); the weights are rounded to 3 decimals as written, and every figure is measured
 * with the rounded model, the one the runtime loads.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareAnswer } from '../shared/analysis/analyze.ts';
import { ROLE_LABELLED_FIXTURES } from '../shared/analysis/fixtures/role-labels.ts';
import { FEATURE_NAMES, ROLES, readUnits, unitFeatures } from '../shared/analysis/roles.ts';
import { starUnits } from '../shared/analysis/star.ts';
import { findQuestion } from '../shared/questions/bank.ts';
import { answersDir, type LabelledAnswer } from './dev-set.ts';

const TAG_TO_CLASS: Record<string, number> = { S: 0, T: 1, A: 2, R: 3, O: 4 };
const CLASSES = ROLES.length;

export interface FitSettings {
  /** L2 penalty on every weight but the bias. */
  l2: number;
  /** Full-batch Nesterov steps from zero weights. */
  steps: number;
  /** Exponent of the class weights (0: none, 1: fully balanced). */
  balance: number;
  /** Weight of the transition log-ratios against the emission log-probabilities. */
  transitionWeight: number;
  /** How many times the tidy example answers (fixtures) join the training set. */
  fixtureCopies: number;
  /** Below this probability a unit's Viterbi role is not claimed (it stays "other"). */
  claimProbability: number;
  /** Features whose weights stay at zero (for a feature search: DROP=name,name). */
  dropped: readonly string[];
}

/** The settings the committed model was fitted with (the best leave-one-answer-out figures found). */
export const FIT_SETTINGS: FitSettings = {
  l2: 0.005,
  steps: 400,
  balance: 0.5,
  transitionWeight: 0.6,
  fixtureCopies: 2,
  claimProbability: 0,
  dropped: [],
};

/** FIT_SETTINGS with the environment's overrides (L2, STEPS, BALANCE, TW, FIXTURE_COPIES, CLAIM, DROP). */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): FitSettings {
  const pick = (name: string, fallback: number): number =>
    env[name] === undefined ? fallback : Number(env[name]);
  return {
    l2: pick('L2', FIT_SETTINGS.l2),
    steps: pick('STEPS', FIT_SETTINGS.steps),
    balance: pick('BALANCE', FIT_SETTINGS.balance),
    transitionWeight: pick('TW', FIT_SETTINGS.transitionWeight),
    fixtureCopies: pick('FIXTURE_COPIES', FIT_SETTINGS.fixtureCopies),
    claimProbability: pick('CLAIM', FIT_SETTINGS.claimProbability),
    dropped: env.DROP === undefined ? FIT_SETTINGS.dropped : env.DROP.split(',').filter(Boolean),
  };
}

interface Sample {
  features: number[];
  label: number;
}
export interface RoleDoc {
  file: string;
  samples: Sample[];
}

/** The labelled dev-set answers as training documents, in file-name order. */
export async function loadRoleDocs(dir = answersDir()): Promise<RoleDoc[]> {
  const script = (await import(pathToFileURL(join(dir, 'score-dev-set.mjs')).href)) as {
    parseAnswerFile(text: string, name: string): LabelledAnswer;
  };
  const folder = join(dir, 'real');
  const docs: RoleDoc[] = [];
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
      // The unit's label: the role of most of its words (the first such role on a tie).
      const votes = new Array<number>(CLASSES).fill(0);
      for (let word = unit.startWord; word < unit.endWord; word += 1)
        votes[wordLabel[word] ?? 4] = (votes[wordLabel[word] ?? 4] ?? 0) + 1;
      const label = votes.indexOf(Math.max(...votes));
      return { features: unitFeatures(readings, index), label };
    });
    docs.push({ file, samples });
  }
  return docs;
}

/** The project's own example answers with their role letters (always in the training set). */
export function fixtureDocs(): RoleDoc[] {
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
    };
  });
}

/**
 * Class-balanced, L2-penalised multinomial logistic regression by Nesterov-accelerated gradient
 * descent from zero weights (the loss is convex; acceleration reaches the optimum in a few hundred
 * steps).
 */
function fitWeights(samples: readonly Sample[], settings: FitSettings): number[][] {
  const size = FEATURE_NAMES.length;
  const count = samples.length;
  const x = new Float64Array(count * size);
  const labels = new Int32Array(count);
  const keep = FEATURE_NAMES.map((name) => !settings.dropped.includes(name));
  samples.forEach((sample, index) => {
    if (sample.features.length !== size)
      throw new Error(`A sample has ${sample.features.length} features, not ${size}.`);
    labels[index] = sample.label;
    for (let feature = 0; feature < size; feature += 1)
      x[index * size + feature] = keep[feature] ? (sample.features[feature] ?? 0) : 0;
  });
  // Class-balanced: each role weighs as much in total (damped by `balance`), so rare roles (task)
  // are not drowned by common ones.
  const frequency = new Array<number>(CLASSES).fill(0);
  for (const sample of samples) frequency[sample.label] = (frequency[sample.label] ?? 0) + 1;
  const classWeight = Float64Array.from(frequency, (value) =>
    value === 0 ? 0 : (count / CLASSES / value) ** settings.balance,
  );
  const rate = 1;
  const w = new Float64Array(CLASSES * size);
  const previous = new Float64Array(CLASSES * size);
  const look = new Float64Array(CLASSES * size);
  const gradient = new Float64Array(CLASSES * size);
  const scores = new Float64Array(CLASSES);
  for (let step = 0; step < settings.steps; step += 1) {
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
      const penalty = at % size === 0 ? 0 : settings.l2 * (look[at] ?? 0);
      w[at] = (look[at] ?? 0) - rate * ((gradient[at] ?? 0) / count + penalty);
    }
  }
  return Array.from({ length: CLASSES }, (_, role) =>
    Array.from(w.slice(role * size, (role + 1) * size)),
  );
}

/** log P(to | from) relative to log P(to), from the label sequences (add-one smoothed). */
function fitTransitions(docs: readonly RoleDoc[], settings: FitSettings): number[][] {
  const counts = Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(1));
  for (const doc of docs) {
    for (let index = 1; index < doc.samples.length; index += 1) {
      const from = doc.samples[index - 1]?.label ?? 0;
      const to = doc.samples[index]?.label ?? 0;
      (counts[from] as number[])[to] = ((counts[from] as number[])[to] ?? 0) + 1;
    }
  }
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
      (value, to) =>
        settings.transitionWeight * Math.log(value / rowTotal / ((totals[to] ?? 1) / all)),
    );
  });
}

/** As written to role-model.ts: 3 decimals, no negative zero. */
export const roundWeight = (value: number): number => Math.round(value * 1000) / 1000 || 0;

/** The model fitted on these documents, rounded as it is written (the model the runtime loads). */
export function fitRoleModel(
  docs: readonly RoleDoc[],
  settings: FitSettings = FIT_SETTINGS,
): { weights: number[][]; transitions: number[][]; claimProbability: number } {
  return {
    claimProbability: settings.claimProbability,
    weights: fitWeights(
      docs.flatMap((doc) => doc.samples),
      settings,
    ).map((row) => row.map(roundWeight)),
    transitions: fitTransitions(docs, settings).map((row) => row.map(roundWeight)),
  };
}

/** The training documents: the dev-set answers given, then the fixtures `fixtureCopies` times. */
export function trainingDocs(answers: readonly RoleDoc[], settings: FitSettings): RoleDoc[] {
  const fixtures = fixtureDocs();
  return [...answers, ...Array.from({ length: settings.fixtureCopies }, () => fixtures).flat()];
}
