/**
 * Sentence roles: what each sentence (or clause of a long run-on) does in the story, situation,
 * task, action, result, or other (preamble, aside, lesson, tool explanation, a question to the
 * reader), each with a confidence.
 *
 * 1. Every unit is read for cues (`readUnit`): the speaker's own moves (a first-person subject with
 *    a past-tense move, a verb-first fragment "Rewrote the top queries", a habitual "I usually start
 *    by ..."), goal and obligation wording, outcome and after-change markers, setting and time
 *    anchors, and lesson, reflection, generalisation and question markers. Fillers are skipped.
 * 2. The cues give each role a score; the position in the answer adds a weak prior.
 * 3. A Viterbi pass over the units prefers the STAR order and keeping a role, but lets a story
 *    interleave (a result, then the action that got there) when the cues are clear.
 * 4. The confidence of a unit's role is its softmax share of the unit's scores; a part counts as
 *    absent only when no unit carries it and none is even a likely candidate.
 */
import type { AnswerText, Span } from './answer-text.ts';
import {
  CUE_GROUPS,
  FIRST_PERSON,
  FIRST_PERSON_ANY,
  HABITUAL_MARKERS,
  HYPOTHETICAL,
  IRREGULAR_PAST,
  LEADING_DISCOURSE,
  LESSON_CUES,
  NOT_MOVES,
  OTHER_CUES,
  OUTCOME_VERBS,
  PAST_FORMS,
  PRESENT_FORMS,
  RESULT_CUES,
  SITUATION_CUES,
  STATIVE_PAST,
  TASK_CUES,
  THIRD_PERSON,
  TIME_ANCHORS,
  VERB_ADVERBS,
} from './cues-en.ts';
import { ROLE_MODEL } from './role-model.ts';
import { compilePhrases, findPhrases, isNumberTerm, type PhraseSet } from './phrases.ts';
import type { CompiledRubric } from '../rubric/compile.ts';

export type Role = 'situation' | 'task' | 'action' | 'result' | 'other';
export const ROLES: readonly Role[] = ['situation', 'task', 'action', 'result', 'other'];
const S = 0;
const T = 1;
const A = 2;
const R = 3;
const O = 4;

const CUES = {
  task: compilePhrases(TASK_CUES),
  result: compilePhrases(RESULT_CUES),
  situation: compilePhrases(SITUATION_CUES),
  other: compilePhrases(OTHER_CUES),
  lesson: compilePhrases(LESSON_CUES),
  anchor: compilePhrases(TIME_ANCHORS),
};
type CueGroup = keyof typeof CUE_GROUPS;
const GROUP_NAMES = Object.keys(CUE_GROUPS) as CueGroup[];
const GROUPS = Object.fromEntries(
  GROUP_NAMES.map((name) => [name, compilePhrases(CUE_GROUPS[name])]),
) as Record<CueGroup, PhraseSet>;
const BE_FORMS = new Set(['was', 'is', 'were', 'are', "wasn't", "isn't", 'became']);

/** What a unit says, as counts of cues. Exported for the evaluation's explanations. */
export interface UnitReading {
  words: number;
  /** First-person subject + a move in the past ("I checked", "we then grouped"). */
  moves: number;
  /** First-person subject + a move that is itself an outcome ("I reduced", "we cleared"). */
  outcomeMoves: number;
  /** A sentence that starts with a past-tense move and no subject ("Rewrote the queries"). */
  verbFirst: boolean;
  /** First-person subject + a habitual present move ("I usually start by ..."). */
  habitual: number;
  /** First-person subject + a state or thought ("I was", "I knew", "I think"). */
  firstPersonStates: number;
  firstPerson: boolean;
  /** The sentence opens with a first-person subject. */
  opensFirstPerson: boolean;
  /** A third-person subject with a past verb: something that happened ("the job failed"). */
  event: boolean;
  task: number;
  result: number;
  situation: number;
  other: number;
  lesson: number;
  /** Opens with a time or place anchor ("One morning", "At my last company"). */
  anchor: boolean;
  numbers: number;
  /** "$8 → $2", "45 seconds → 4 seconds". */
  arrow: boolean;
  past: number;
  present: number;
  hypothetical: number;
  question: boolean;
  exclamation: boolean;
  /** Ends with a colon: introduces a list. */
  colon: boolean;
  /** "you" as a generic subject. */
  generic: boolean;
  outcomes: number;
  hardening: number;
  /** The goal or problem named as such: "my immediate task was", "the real challenge is". */
  goalFrame: boolean;
  groups: Record<CueGroup, number>;
}

function isPastMove(term: string | undefined): boolean {
  if (term === undefined || STATIVE_PAST.has(term)) return false;
  return IRREGULAR_PAST.has(term) || (term.length > 3 && term.endsWith('ed'));
}

function isPastForm(term: string): boolean {
  return (
    PAST_FORMS.has(term) || IRREGULAR_PAST.has(term) || (term.length > 3 && term.endsWith('ed'))
  );
}

/** A present-tense move after a subject: "start", "slow", "rely", "capture" (not a state or hedge). */
function isPresentMove(term: string | undefined): boolean {
  if (term === undefined || NOT_MOVES.has(term)) return false;
  return /^[a-z]{3,}$/u.test(term) && !term.endsWith('ed') && !term.endsWith('ing');
}

const count = (terms: readonly string[], set: PhraseSet, from: number, to: number): number =>
  findPhrases(terms, set, from, to).length;

/** Participles that open a description, not a move ("Based on ...", "Combined with ..."). */
const NOT_VERB_FIRST = new Set([
  'used',
  'based',
  'combined',
  'compared',
  'related',
  'called',
  'named',
]);

/**
 * Reads a unit. `skip(term)` is true for filler terms ("um", "you know"), which are left out so
 * "I, uh, patched" still reads as a move.
 */
export function readUnit(
  answer: AnswerText,
  unit: Span,
  rubric: CompiledRubric,
  skip: (term: number) => boolean = () => false,
): UnitReading {
  const terms: string[] = [];
  for (let at = unit.startTerm; at < unit.endTerm; at += 1)
    if (!skip(at)) terms.push(answer.terms[at] ?? '');
  const to = terms.length;
  let moves = 0;
  let outcomeMoves = 0;
  let habitual = 0;
  let firstPersonStates = 0;
  let past = 0;
  let present = 0;
  let numbers = 0;
  let hypothetical = 0;
  let firstPerson = false;
  let generic = false;
  for (let at = 0; at < to; at += 1) {
    const term = terms[at] ?? '';
    if (isNumberTerm(term)) numbers += 1;
    if (FIRST_PERSON_ANY.has(term)) firstPerson = true;
    if (HYPOTHETICAL.has(term)) hypothetical += 1;
    if (term === 'you' && (PRESENT_FORMS.has(terms[at + 1] ?? '') || isPresentMove(terms[at + 1])))
      generic = true;
    if (isPastForm(term)) past += 1;
    else if (PRESENT_FORMS.has(term)) present += 1;
    if (!FIRST_PERSON.has(term)) continue;
    let verb = at + 1;
    let sawHabit = false;
    while (verb < to && VERB_ADVERBS.has(terms[verb] ?? '')) {
      if (HABITUAL_MARKERS.has(terms[verb] ?? '')) sawHabit = true;
      verb += 1;
    }
    const next = terms[verb];
    if (next !== undefined && OUTCOME_VERBS.has(next)) outcomeMoves += 1;
    else if (isPastMove(next)) moves += 1;
    else if (next !== undefined && (STATIVE_PAST.has(next) || NOT_MOVES.has(next)))
      firstPersonStates += 1;
    else if (isPresentMove(next) && (sawHabit || term === 'i' || term === 'we')) habitual += 1;
  }
  let first = 0;
  while (first < to && LEADING_DISCOURSE.has(terms[first] ?? '')) first += 1;
  const head = terms[first];
  // A verb-first fragment: "Implemented clustering on ...", "Tested with sample payloads".
  const verbFirst =
    head !== undefined && isPastMove(head) && !NOT_VERB_FIRST.has(head) && to - first >= 3;
  let subjectEnd = first;
  while (subjectEnd < Math.min(to, first + 5) && !isPastForm(terms[subjectEnd] ?? ''))
    subjectEnd += 1;
  const event =
    head !== undefined &&
    !FIRST_PERSON.has(head) &&
    (THIRD_PERSON.has(head) || !isPastForm(head)) &&
    subjectEnd > first &&
    subjectEnd < to;
  const text = answer.words
    .slice(unit.startWord, unit.endWord)
    .map((word) => word.text)
    .join(' ');
  const trimmed = text.replace(/["'\u201d\u2019)\]\s]+$/u, '');
  return {
    words: unit.endWord - unit.startWord,
    moves,
    outcomeMoves,
    verbFirst,
    habitual,
    firstPersonStates,
    firstPerson,
    opensFirstPerson: head !== undefined && (FIRST_PERSON.has(head) || head === "i'm"),
    event,
    task: count(terms, CUES.task, 0, to),
    result: count(terms, CUES.result, 0, to),
    situation: count(terms, CUES.situation, 0, to),
    other: count(terms, CUES.other, 0, to),
    lesson: count(terms, CUES.lesson, 0, to),
    anchor: findPhrases(terms, CUES.anchor, first, to).some((match) => match.start <= first + 1),
    numbers,
    arrow: /\u2192|->/u.test(text),
    past,
    present,
    hypothetical,
    question: trimmed.endsWith('?'),
    exclamation: trimmed.endsWith('!'),
    colon: trimmed.endsWith(':'),
    generic,
    outcomes: count(terms, rubric.lexicon.businessOutcomes, 0, to),
    hardening: count(terms, rubric.lexicon.hardening, 0, to),
    goalFrame: findPhrases(terms, GROUPS.goalNouns, 0, to).some((match) =>
      terms.slice(match.end, match.end + 3).some((term) => BE_FORMS.has(term)),
    ),
    groups: Object.fromEntries(
      GROUP_NAMES.map((name) => [name, count(terms, GROUPS[name], 0, to)]),
    ) as Record<CueGroup, number>,
  };
}

/** Names of the features the role model weighs, in order (see `unitFeatures`). */
export const FEATURE_NAMES = [
  'bias',
  'moves',
  'outcomeMoves',
  'verbFirst',
  'habitual',
  'firstPersonStates',
  'firstPerson',
  'opensFirstPerson',
  'event',
  'task',
  'result',
  'situation',
  'other',
  'lesson',
  'anchor',
  'numbers',
  'arrow',
  'past',
  'presentOnly',
  'noVerb',
  'hypothetical',
  'question',
  'exclamation',
  'colon',
  'generic',
  'outcomes',
  'hardening',
  'short',
  'long',
  'position',
  'first',
  'last',
  'afterColon',
  'afterOwnColon',
  'previousMoves',
  'nextMoves',
  'goalFrame',
  ...GROUP_NAMES,
  'early',
  'late',
  'eventEarly',
  'eventLate',
  'pastLate',
  'statesEarly',
  'noFirstPerson',
  'previousTask',
  'previousOther',
  'nextOther',
  'nearGeneral',
  'nearMoves',
  'nearOther',
  'nearResult',
  'nearPast',
  'answerGeneral',
  'answerMoves',
  'beforeFirstMove',
  'afterLastMove',
] as const;

/** Indicators averaged over neighbouring units and the whole answer (context features). */
const indicators = (r: UnitReading): number[] => {
  const story = r.past > 0 || r.moves > 0 || r.verbFirst || r.outcomeMoves > 0;
  return [
    !story && r.present > 0 ? 1 : 0,
    r.moves + r.outcomeMoves > 0 || r.verbFirst ? 1 : 0,
    r.other + r.lesson > 0 || r.generic || r.question ? 1 : 0,
    r.result > 0 || r.numbers > 0 ? 1 : 0,
    r.past > 0 ? 1 : 0,
  ];
};

function contextMeans(readings: readonly UnitReading[], index: number, reach: number): number[] {
  const sums = [0, 0, 0, 0, 0];
  let n = 0;
  for (let at = index - reach; at <= index + reach; at += 1) {
    const reading = readings[at];
    if (at === index || reading === undefined) continue;
    indicators(reading).forEach((value, k) => (sums[k] = (sums[k] ?? 0) + value));
    n += 1;
  }
  return sums.map((value) => (n === 0 ? 0 : value / n));
}

const cap = (value: number, limit: number): number => Math.min(value, limit) / limit;

/** Means of the context indicators over the whole answer, per answer (computed once). */
const answerMeans = new WeakMap<readonly UnitReading[], number[]>();
function wholeAnswerMeans(readings: readonly UnitReading[], index: number): number[] {
  let totals = answerMeans.get(readings);
  if (totals === undefined) {
    totals = [0, 0, 0, 0, 0];
    for (const reading of readings)
      indicators(reading).forEach((value, k) => {
        if (totals) totals[k] = (totals[k] ?? 0) + value;
      });
    answerMeans.set(readings, totals);
  }
  const own = readings[index] === undefined ? [0, 0, 0, 0, 0] : indicators(readings[index]);
  const others = readings.length - 1;
  return totals.map((value, k) => (others <= 0 ? 0 : (value - (own[k] ?? 0)) / others));
}

/** The feature vector of unit `index` (its reading, its neighbours', its position). */
export function unitFeatures(readings: readonly UnitReading[], index: number): number[] {
  const r = readings[index];
  if (r === undefined) return FEATURE_NAMES.map(() => 0);
  const previous = readings[index - 1];
  const next = readings[index + 1];
  const count = readings.length;
  const position = count <= 1 ? 0 : index / (count - 1);
  const storyVerb = r.past > 0 || r.moves > 0 || r.verbFirst || r.outcomeMoves > 0;
  const bit = (value: boolean): number => (value ? 1 : 0);
  return [
    1,
    cap(r.moves, 2),
    cap(r.outcomeMoves, 1),
    bit(r.verbFirst),
    cap(r.habitual, 2),
    cap(r.firstPersonStates, 2),
    bit(r.firstPerson),
    bit(r.opensFirstPerson),
    bit(r.event),
    cap(r.task, 2),
    cap(r.result, 3),
    cap(r.situation, 3),
    cap(r.other, 3),
    cap(r.lesson, 2),
    bit(r.anchor),
    cap(r.numbers, 3),
    bit(r.arrow),
    cap(r.past, 3),
    bit(!storyVerb && r.present > 0),
    bit(!storyVerb && r.present === 0),
    cap(r.hypothetical, 2),
    bit(r.question),
    bit(r.exclamation),
    bit(r.colon),
    bit(r.generic),
    cap(r.outcomes, 3),
    cap(r.hardening, 2),
    bit(r.words <= 5),
    bit(r.words >= 25),
    position,
    bit(index === 0),
    bit(index === count - 1 && count > 1),
    bit(previous?.colon === true),
    // A list the speaker introduced as their own ("What I usually do is: list the tasks ...").
    bit(previous?.colon === true && previous.firstPerson),
    previous === undefined ? 0 : cap(previous.moves + bit(previous.verbFirst), 2),
    next === undefined ? 0 : cap(next.moves + bit(next.verbFirst), 2),
    bit(r.goalFrame),
    ...GROUP_NAMES.map((name) => cap(r.groups[name], 2)),
    bit(position < 0.2),
    bit(position > 0.8),
    bit(r.event && position < 0.3),
    bit(r.event && position > 0.6),
    bit(r.past > 0 && !r.firstPerson && position > 0.6),
    bit(r.firstPersonStates > 0 && position < 0.3),
    bit(!r.firstPerson),
    previous === undefined ? 0 : bit(previous.task > 0 || previous.goalFrame),
    previous === undefined ? 0 : bit(previous.other + previous.lesson > 0 || previous.generic),
    next === undefined ? 0 : bit(next.other + next.lesson > 0 || next.generic),
    ...contextMeans(readings, index, 2),
    ...wholeAnswerMeans(readings, index).filter((_, k) => k < 2),
    // Where the unit sits against the speaker's own moves: the setting comes before the first,
    // the outcome and the lesson after the last.
    bit(index <= moveSpan(readings)[0]),
    bit(index >= moveSpan(readings)[1]),
  ];
}

/** The unit tells a move of the speaker's ("I checked", "Rewrote the queries", "we cut"). */
const tellsMove = (reading: UnitReading): boolean =>
  reading.moves + reading.outcomeMoves > 0 || reading.verbFirst;

/** Index of the first and of the last unit that tells a move, per answer (computed once). */
const moveSpans = new WeakMap<readonly UnitReading[], [number, number]>();
function moveSpan(readings: readonly UnitReading[]): [number, number] {
  let span = moveSpans.get(readings);
  if (span === undefined) {
    const first = readings.findIndex(tellsMove);
    let last = -1;
    for (let at = readings.length - 1; at >= 0 && last < 0; at -= 1)
      if (tellsMove(readings[at] as UnitReading)) last = at;
    // No move at all: every unit is before the first and after the last.
    span = first < 0 ? [readings.length, -1] : [first, last];
    moveSpans.set(readings, span);
  }
  return span;
}

/**
 * A sentence-role model: per role (situation, task, action, result, other) one weight per feature
 * of FEATURE_NAMES, and transition scores between roles (rows: from; columns: to). The fitted one
 * is ROLE_MODEL (`role-model.ts`); the fit's cross-validation passes models fitted without the
 * answer it scores.
 */
export interface RoleModel {
  weights: readonly (readonly number[])[];
  transitions: readonly (readonly number[])[];
  /**
   * A unit whose Viterbi role has a probability below this stays "other" (a fit setting chosen by
   * cross-validation; `DEFAULT_CLAIM_PROBABILITY` when the model does not say).
   */
  claimProbability?: number;
}

/** The claim threshold of a model that does not state its own. */
export const DEFAULT_CLAIM_PROBABILITY = 0.3;

/** Log-scores per role (situation, task, action, result, other) from the model's weights. */
export function emissionScores(
  features: readonly number[],
  model: RoleModel = ROLE_MODEL,
): number[] {
  return model.weights.map((row) =>
    row.reduce((total, weight, feature) => total + weight * (features[feature] ?? 0), 0),
  );
}

export function viterbi(
  scores: readonly number[][],
  transitions: readonly (readonly number[])[] = ROLE_MODEL.transitions,
): number[] {
  const count = scores.length;
  if (count === 0) return [];
  const best: number[][] = [scores[0]?.slice() ?? [0, 0, 0, 0, 0]];
  const back: number[][] = [[0, 0, 0, 0, 0]];
  for (let unit = 1; unit < count; unit += 1) {
    const row: number[] = [];
    const from: number[] = [];
    for (let role = 0; role < 5; role += 1) {
      let top = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let previous = 0; previous < 5; previous += 1) {
        const value = (best[unit - 1]?.[previous] ?? 0) + (transitions[previous]?.[role] ?? 0);
        if (value > top) {
          top = value;
          arg = previous;
        }
      }
      row.push(top + (scores[unit]?.[role] ?? 0));
      from.push(arg);
    }
    best.push(row);
    back.push(from);
  }
  const labels = new Array<number>(count).fill(0);
  let role = 0;
  let top = Number.NEGATIVE_INFINITY;
  (best[count - 1] ?? []).forEach((value, index) => {
    if (value > top) {
      top = value;
      role = index;
    }
  });
  for (let unit = count - 1; unit >= 0; unit -= 1) {
    labels[unit] = role;
    role = back[unit]?.[role] ?? 0;
  }
  return labels;
}

export interface RoleUnit extends Span {
  role: Role;
  /** 0..1: the role's share of the unit's evidence (softmax of the role scores). */
  confidence: number;
  /** Softmax probability of each role (situation, task, action, result, other). */
  probabilities: number[];
}

function softmax(values: readonly number[]): number[] {
  const top = Math.max(...values);
  const exps = values.map((value) => Math.exp(value - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

/** The units of an answer (see `starUnits`) and what each says; filler words are skipped. */
export function readUnits(
  answer: AnswerText,
  units: readonly Span[],
  rubric: CompiledRubric,
): UnitReading[] {
  const skip = (term: number): boolean =>
    answer.words[answer.termWord[term] ?? -1]?.filler === true;
  return units.map((unit) => readUnit(answer, unit, rubric, skip));
}

/** Below this probability a unit is not even a candidate for a part: a part no unit reaches it for is absent. */
export const MIN_ROLE_PROBABILITY = 0.3;

/**
 * A missing part is a sure thing only when no unit gives it even this probability; between this
 * and `MIN_ROLE_PROBABILITY` the part is probably missing, and a finding about it is graded down
 * (on the dev set, `star.missing-action` in that band was right on 2 of 3 answers).
 */
export const SURE_ABSENT_PROBABILITY = 0.1;

export function classifyUnits(
  units: readonly Span[],
  readings: readonly UnitReading[],
  model: RoleModel = ROLE_MODEL,
): RoleUnit[] {
  const probabilities = units.map((_, index) =>
    softmax(emissionScores(unitFeatures(readings, index), model)),
  );
  const labels = viterbi(
    probabilities.map((row) => row.map((p) => Math.log(Math.max(p, 1e-9)))),
    model.transitions,
  );
  const claim = model.claimProbability ?? DEFAULT_CLAIM_PROBABILITY;
  return units.map((unit, index) => {
    const probabilities_ = probabilities[index] ?? [0.2, 0.2, 0.2, 0.2, 0.2];
    let label = labels[index] ?? O;
    // A STAR role the unit itself hardly supports is not claimed: the unit stays outside the parts.
    if (label !== O && (probabilities_[label] ?? 0) < claim) label = O;
    return {
      ...unit,
      role: ROLES[label] ?? 'other',
      confidence: Math.round((probabilities_[label] ?? 0) * 1000) / 1000,
      probabilities: probabilities_,
    };
  });
}

export const ROLE_INDEX = { situation: S, task: T, action: A, result: R, other: O } as const;
