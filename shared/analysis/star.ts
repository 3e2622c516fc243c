/**
 * STAR segmentation: where the situation, task, action and result are.
 *
 * Approach (heuristic, deterministic):
 * 1. The answer is cut into units: sentences, with very long sentences (no punctuation from the
 *    recogniser, or run-ons) cut further at clause breaks.
 * 2. Each unit gets a score for each part from cue phrases: situation ("we had", "our ... was",
 *    "started", "legacy", and any background before the story's trigger "one Monday ..."), task ("asked me to", "I needed to", "the hard part", "I was on call",
 *    "I led"), action (a subject followed by a past-tense verb: "I checked", "we grouped", and
 *    sequencing words: "then", "first"), result ("since", "went from", "dropped", "now", "still",
 *    numbers, and the rubric's business outcomes: cost, SLA, trust, dashboards). Position adds a
 *    small prior: situation near the start, result near the end.
 * 3. A dynamic programme picks the best labelling in STAR order (every unit gets a part, parts
 *    never go backwards, any part may be empty). Spoken answers do interleave, but contiguous
 *    sections in order are what the candidate can act on, and the order is what the guide teaches.
 * 4. A part whose units carry no cue for it at all (only the position prior) is dropped and the
 *    labelling redone without it, so a missing part is reported missing instead of being
 *    invented from position alone.
 */
import { compilePhrases, findPhrases, hasPhrase, isNumberTerm, type PhraseSet } from './phrases.ts';
import type { AnswerText, Span } from './answer-text.ts';
import { countWords } from './answer-text.ts';
import type { StarPart, StarSection } from './types.ts';
import type { CompiledRubric } from '../rubric/compile.ts';

export const STAR_PARTS: readonly StarPart[] = ['situation', 'task', 'action', 'result'];

const SITUATION_CUES = compilePhrases([
  'we had',
  'we were',
  'we used',
  'our',
  'there was',
  'there were',
  'i worked',
  'i was working',
  'i was at',
  'at my',
  'at the time',
  'started',
  'began',
  'one day',
  'last year',
  'legacy',
  'used to',
  'on a monday',
  'on a tuesday',
  'on a wednesday',
  'on a thursday',
  'on a friday',
  'morning',
  'had grown',
  'was growing',
  'kept',
  'was dropping',
  'dropping',
  'failing',
  'was off',
  'off by',
  'was wrong',
  'were wrong',
  'was slow',
  'the first signal',
  'noticed',
  'surfaced',
  'feeding',
  'built',
  'ran on',
  'company',
  'team',
  'back when',
  'a few months',
  'when i joined',
]);

/**
 * The trigger of the story: the moment something happened. Units before it are background and
 * belong to the situation ("Our team ran 200 DAGs ..." before "One Monday the dashboard showed zero").
 */
const TRIGGER_CUES = compilePhrases([
  'one day',
  'one morning',
  'one night',
  'one week',
  'one quarter',
  'one monday',
  'one tuesday',
  'one wednesday',
  'one thursday',
  'one friday',
  'one saturday',
  'one sunday',
  'last month',
  'started dropping',
  'started failing',
  'broke',
  'failed',
  'went down',
  'noticed',
  'asked me',
  'escalated',
  'paged',
  'showed zero',
  'missed',
  'was off',
]);
/** Background before a trigger within this many units counts as situation. */
const MAX_BACKGROUND_UNITS = 4;
const BACKGROUND_BONUS = 1.0;

const TASK_CUES = compilePhrases([
  'asked me',
  'asked us',
  'asked for',
  'i needed to',
  'we needed to',
  'needed to',
  'i had to',
  'we had to',
  'had to',
  'my job',
  'my task',
  'my role',
  'the goal',
  'our goal',
  'goal was',
  'the task',
  'the challenge',
  'the hard part',
  'the tricky part',
  'the actual problem',
  'the real problem',
  'the problem was',
  'i was on call',
  'i owned',
  'i was responsible',
  'responsible for',
  'i was tasked',
  'tasked',
  'i led',
  'i was asked',
  'the question was',
  'the priority',
  'deadline',
  'constraint',
  'i wanted to',
  'we wanted to',
  'the ask',
  'escalated',
  'was on call',
  'on call',
  'paged',
  'my responsibility',
  'i took ownership',
  'i was leading',
  'without',
  'it was sequencing',
  'i had',
  'we could not',
  "we couldn't",
  'it was about',
]);

const ACTION_CUES = compilePhrases([
  'then',
  'first',
  'next',
  'after that',
  'started by',
  'i started',
  'so i',
  'i decided',
  'i proposed',
  'i talked',
  'i met',
  'i worked with',
  'i coordinated',
  'i wrote',
  'i built',
  'i checked',
  'i traced',
  'i found',
  'i ran',
  'i sent',
  'i joined',
  'i paused',
  'i posted',
  'i patched',
  'i added',
  'i set up',
  'i rebuilt',
  'i rolled back',
  'i moved',
  'i migrated',
  'i designed',
  'i scoped',
  'i pushed',
  'i asked',
  'i called',
  'i fixed',
  'we grouped',
  'we ran',
  'we built',
  'we added',
  'we wrote',
  'we moved',
  'we migrated',
  'we set up',
  'we decided',
  'triggered',
  'backfill*',
  'communicat*',
  'posted',
  'root cause',
  'investigat*',
  'in parallel',
  'coordinat*',
  'diff',
  'logs',
  'showed',
  'checked',
]);

const RESULT_CUES = compilePhrases([
  'as a result',
  'result',
  'outcome',
  'since',
  'now',
  'still',
  'went from',
  'dropped from',
  'dropped to',
  'down from',
  'up from',
  'reduced',
  'saved',
  'cut',
  'improved',
  'faster',
  'has not',
  "hasn't",
  'have not',
  "haven't",
  'no longer',
  'ended up',
  'in the end',
  'today',
  'afterwards',
  'recover*',
  'adopted',
  'the rest of the team',
  'in the months',
  'every quarter',
  'never',
  'zero',
  'trust',
  'happened',
  'recurred',
  'the real outcome',
  'downtime was',
  'were stale',
  'took about',
  'was down',
  'went down',
  'went up',
  'successful',
  'we shipped',
  'on time',
  'the team uses',
]);

/**
 * A subject followed by a past-tense verb ("I checked", "we then grouped"): the action itself.
 * "led" and "owned" are left out: "I led the migration" frames the task.
 */
const SUBJECT = new Set(['i', 'we']);
const ADVERBS = new Set([
  'then',
  'first',
  'also',
  'quickly',
  'immediately',
  'finally',
  'just',
  'personally',
  'eventually',
]);
const STATIVE = new Set([
  'was',
  'were',
  'had',
  'used',
  'wanted',
  'needed',
  'owned',
  'felt',
  'knew',
  'thought',
  'realized',
  'realised',
  'noticed',
  'saw',
]);
const IRREGULAR_PAST = new Set([
  'built',
  'ran',
  'wrote',
  'set',
  'sent',
  'made',
  'took',
  'found',
  'put',
  'got',
  'brought',
  'spoke',
  'met',
  'rebuilt',
  'rewrote',
  'caught',
  'told',
  'chose',
  'drove',
  'did',
  'began',
  'kept',
  'held',
  'split',
  'shut',
  'cut',
  'paid',
  'sat',
  'left',
  'went',
  'gave',
  'shipped',
]);

function isPastAction(term: string | undefined): boolean {
  if (term === undefined || STATIVE.has(term)) return false;
  return IRREGULAR_PAST.has(term) || (term.length > 3 && term.endsWith('ed'));
}

/** True when terms [from, to) tell the story's own moves: "I checked", "we grouped", "my task was". */
export function tellsOwnStory(terms: readonly string[], from: number, to: number): boolean {
  return countActionClauses(terms, from, to) > 0 || hasPhrase(terms, TASK_CUES, from, to);
}

function countActionClauses(terms: readonly string[], from: number, to: number): number {
  let count = 0;
  for (let at = from; at < to; at += 1) {
    if (!SUBJECT.has(terms[at] ?? '')) continue;
    let verb = at + 1;
    while (verb < to && ADVERBS.has(terms[verb] ?? '')) verb += 1;
    if (isPastAction(terms[verb])) count += 1;
  }
  return count;
}

/** Sentences longer than this are cut at clause breaks into units of at least `MIN_UNIT_WORDS`. */
const MAX_UNIT_WORDS = 45;
const MIN_UNIT_WORDS = 12;

/** Units of the answer: sentences, with sentences over `maxWords` words cut at clause breaks. */
export function starUnits(answer: AnswerText, maxWords = MAX_UNIT_WORDS): Span[] {
  const units: Span[] = [];
  let clause = 0;
  for (const sentence of answer.sentences) {
    if (sentence.endWord - sentence.startWord <= maxWords) {
      units.push(sentence);
      continue;
    }
    let current: Span | undefined;
    for (; clause < answer.clauses.length; clause += 1) {
      const piece = answer.clauses[clause];
      if (piece === undefined || piece.startWord >= sentence.endWord) break;
      if (piece.endWord <= sentence.startWord) continue;
      if (current === undefined) current = { ...piece };
      else {
        current.endWord = piece.endWord;
        current.endTerm = piece.endTerm;
      }
      if (current.endWord - current.startWord >= MIN_UNIT_WORDS) {
        units.push(current);
        current = undefined;
      }
    }
    if (current !== undefined) {
      const previous = units[units.length - 1];
      if (previous !== undefined && previous.startWord >= sentence.startWord) {
        previous.endWord = current.endWord;
        previous.endTerm = current.endTerm;
      } else units.push(current);
    }
  }
  return units;
}

const cueCount = (terms: readonly string[], set: PhraseSet, unit: Span): number =>
  findPhrases(terms, set, unit.startTerm, unit.endTerm).length;

/** Cue evidence per unit and part (without the position prior). */
function cueScores(answer: AnswerText, units: readonly Span[], rubric: CompiledRubric): number[][] {
  const { terms } = answer;
  const scores = units.map((unit) => {
    let numbers = 0;
    for (let at = unit.startTerm; at < unit.endTerm; at += 1)
      if (isNumberTerm(terms[at] ?? '')) numbers += 1;
    const actions = countActionClauses(terms, unit.startTerm, unit.endTerm);
    const outcomes = cueCount(terms, rubric.lexicon.businessOutcomes, unit);
    const situation = Math.min(2, 0.7 * cueCount(terms, SITUATION_CUES, unit));
    const task = Math.min(3, 1.2 * cueCount(terms, TASK_CUES, unit));
    const action = Math.min(4, 0.6 * cueCount(terms, ACTION_CUES, unit) + 1.2 * actions);
    const result = Math.min(
      4,
      1.0 * cueCount(terms, RESULT_CUES, unit) +
        0.3 * Math.min(outcomes, 3) +
        0.3 * Math.min(numbers, 2),
    );
    return [situation, task, action, result];
  });
  const trigger = units.findIndex((unit) => cueCount(terms, TRIGGER_CUES, unit) > 0);
  if (trigger > 0 && trigger <= MAX_BACKGROUND_UNITS) {
    for (let unit = 0; unit < trigger; unit += 1) {
      const row = scores[unit];
      if (row) row[0] = (row[0] ?? 0) + BACKGROUND_BONUS;
    }
  }
  return scores;
}

function positionPrior(index: number, count: number): number[] {
  const position = count <= 1 ? 0 : index / (count - 1);
  const first = index === 0 ? 1.2 : 0;
  const last = index === count - 1 && count > 1 ? 0.8 : 0;
  return [
    first + (position < 0.25 ? 0.4 : position > 0.5 ? -1.5 : 0),
    position < 0.5 ? 0.2 : -0.8,
    position > 0.15 && position < 0.9 ? 0.3 : 0,
    last + (position > 0.7 ? 0.4 : position < 0.4 ? -1.5 : 0),
  ];
}

/** Best monotone labelling (parts in STAR order) of the units; disallowed parts are never used. */
function bestLabelling(scores: readonly number[][], allowed: readonly boolean[]): number[] {
  const count = scores.length;
  const NONE = Number.NEGATIVE_INFINITY;
  // best[u][p]: best total for units 0..u with unit u labelled p.
  const best: number[][] = [];
  const from: number[][] = [];
  for (let unit = 0; unit < count; unit += 1) {
    best.push([NONE, NONE, NONE, NONE]);
    from.push([0, 0, 0, 0]);
    for (let part = 0; part < 4; part += 1) {
      if (!allowed[part]) continue;
      const score = scores[unit]?.[part] ?? 0;
      if (unit === 0) {
        (best[0] as number[])[part] = score;
        continue;
      }
      let bestPrevious = NONE;
      let bestPart = 0;
      for (let previous = 0; previous <= part; previous += 1) {
        const value = best[unit - 1]?.[previous] ?? NONE;
        if (value > bestPrevious) {
          bestPrevious = value;
          bestPart = previous;
        }
      }
      (best[unit] as number[])[part] = bestPrevious + score;
      (from[unit] as number[])[part] = bestPart;
    }
  }
  const labels = new Array<number>(count).fill(0);
  let part = 0;
  let top = NONE;
  (best[count - 1] ?? []).forEach((value, index) => {
    if (value > top) {
      top = value;
      part = index;
    }
  });
  for (let unit = count - 1; unit >= 0; unit -= 1) {
    labels[unit] = part;
    part = from[unit]?.[part] ?? 0;
  }
  return labels;
}

export interface StarSegmentation {
  units: Span[];
  /** Part index (0 situation .. 3 result) per unit. */
  labels: number[];
  sections: StarSection[];
}

export function segmentStar(answer: AnswerText, rubric: CompiledRubric): StarSegmentation {
  const units = starUnits(answer);
  const cues = cueScores(answer, units, rubric);
  const scores = cues.map((row, index) => {
    const prior = positionPrior(index, units.length);
    return row.map((value, part) => value + (prior[part] ?? 0));
  });
  const allowed = [true, true, true, true];
  let labels = bestLabelling(scores, allowed);
  for (let round = 0; round < 4; round += 1) {
    const unsupported = STAR_PARTS.findIndex(
      (_, part) =>
        allowed[part] === true &&
        labels.includes(part) &&
        labels.every((label, unit) => label !== part || (cues[unit]?.[part] ?? 0) <= 0),
    );
    if (unsupported < 0 || allowed.filter(Boolean).length === 1) break;
    allowed[unsupported] = false;
    labels = bestLabelling(scores, allowed);
  }

  const first = answer.words[0];
  const last = answer.words[answer.words.length - 1];
  const span =
    first !== undefined && last !== undefined ? Math.max(1e-9, last.end - first.start) : 1;
  const sections: StarSection[] = [];
  units.forEach((unit, index) => {
    const part = STAR_PARTS[labels[index] ?? 0] ?? 'situation';
    const previous = sections[sections.length - 1];
    if (previous !== undefined && previous.part === part) previous.endWord = unit.endWord;
    else
      sections.push({
        part,
        startWord: unit.startWord,
        endWord: unit.endWord,
        wordShare: 0,
        timeShare: 0,
      });
  });
  for (const section of sections) {
    const start = answer.words[section.startWord]?.start ?? 0;
    const end = answer.words[section.endWord - 1]?.end ?? start;
    section.start = start;
    section.end = end;
    section.wordShare =
      Math.round(
        (countWords(answer, section.startWord, section.endWord) / answer.wordCount) * 1000,
      ) / 1000;
    section.timeShare = Math.round(((end - start) / span) * 1000) / 1000;
  }
  return { units, labels, sections };
}
