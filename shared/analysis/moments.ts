/**
 * Moments the guide listens for, found per clause by what the clause does, not by a word anywhere:
 * - on-call: owning production at a bad moment, said of the speaker ("I was on call", "I took
 *   incident command", "the alert fired at 6 AM and I picked it up"); a weekend or an outage that
 *   happens to nobody in particular is not one;
 * - hardening: a durable change the speaker or their team made (a first-person or verb-first
 *   clause with a change verb, gerunds included, and a test/alert/runbook/contract noun);
 * - upstream blame: explicit fault ("their fault") or another party as the subject of a breaking
 *   change ("the vendor renamed two fields"), and the response to it by the speaker;
 * - outcome metrics: quantities of an outcome (money, percentages, durations, counts of
 *   incidents or records, "from X to Y"), not times of day, years, versions or head counts.
 */
import type { CompiledRubric } from '../rubric/compile.ts';
import type { AnswerText, Span } from './answer-text.ts';
import { FIRST_PERSON, FIRST_PERSON_ANY, NOT_MOVES, VERB_ADVERBS } from './cues-en.ts';
import { compilePhrases, findPhrases, hasPhrase, isNumberTerm } from './phrases.ts';

export type Actor = 'i' | 'we' | 'other';

export interface Clause extends Span {
  /** Who does what the clause says: the speaker, their team, or someone or something else. */
  actor: Actor;
  /** Index of the sentence the clause belongs to. */
  sentence: number;
  /** An item of a list the speaker introduced as their own moves ("What I do is: list ..."). */
  ownListItem?: boolean;
}

const isPastForm = (term: string): boolean => term.length > 3 && term.endsWith('ed');

/** Words that introduce the speaker's own steps: "What I do is:", "My approach was:". */
const MOVE_INTROS = new Set([
  'do',
  'did',
  'does',
  'steps',
  'approach',
  'plan',
  'process',
  'try',
  'tried',
]);
function introducesMoves(answer: AnswerText, from: number, to: number): boolean {
  for (let at = from; at < to; at += 1) if (MOVE_INTROS.has(answer.terms[at] ?? '')) return true;
  return false;
}

/**
 * The answer's clauses with their actors. A clause with no subject of its own ("..., then
 * patched the model", "Rewrote the top queries") continues the sentence's subject, or the
 * speaker when it opens the sentence.
 */
export function clausesWithActors(answer: AnswerText): Clause[] {
  const cached = actorCache.get(answer);
  if (cached !== undefined) return cached;
  const clauses = readActors(answer);
  actorCache.set(answer, clauses);
  return clauses;
}

/** Clauses per answer, computed once: every moment check reads them. */
const actorCache = new WeakMap<AnswerText, Clause[]>();

function readActors(answer: AnswerText): Clause[] {
  const { terms } = answer;
  const clauses: Clause[] = [];
  let sentence = 0;
  let current: Actor | undefined;
  // After "What I usually do is:", the list items are the speaker's moves ("list the tasks").
  let listOf: Actor | undefined;
  let firstClause = true;
  for (const clause of answer.clauses) {
    while (
      sentence < answer.sentences.length - 1 &&
      (answer.sentences[sentence]?.endWord ?? 0) <= clause.startWord
    ) {
      const ended = answer.sentences[sentence];
      const last = answer.words[(ended?.endWord ?? 1) - 1]?.text ?? '';
      if (/:["')\]]*$/u.test(last)) listOf = current;
      sentence += 1;
      current = undefined;
      firstClause = true;
    }
    // "What I do is: list the tasks ..." within one sentence: the list starts after the colon.
    const before = answer.words[clause.startWord - 1]?.text ?? '';
    if (
      !firstClause &&
      /:["')\]]*$/u.test(before) &&
      current !== undefined &&
      introducesMoves(answer, answer.sentences[sentence]?.startTerm ?? 0, clause.startTerm)
    ) {
      listOf = current;
      firstClause = true;
    }
    let actor: Actor | undefined;
    let listItem = false;
    for (let at = clause.startTerm; at < Math.min(clause.endTerm, clause.startTerm + 6); at += 1) {
      const term = terms[at] ?? '';
      if (FIRST_PERSON.has(term) || term === "i'm" || term === "we're") {
        let next = at + 1;
        while (next < clause.endTerm && VERB_ADVERBS.has(terms[next] ?? '')) next += 1;
        if (term.startsWith('i') && NOT_MOVES.has(terms[next] ?? '') && terms[next] !== 'had')
          continue;
        actor = term.startsWith('i') ? 'i' : 'we';
        break;
      }
      if (['my', 'our'].includes(term) && ['team', 'squad'].includes(terms[at + 1] ?? '')) {
        actor = 'we';
        break;
      }
    }
    if (actor === undefined) {
      const head = terms[clause.startTerm] ?? '';
      const second = terms[clause.startTerm + 1] ?? '';
      const verbFirst =
        isPastForm(head) ||
        head.endsWith('ing') ||
        (['then', 'and', 'also', 'so', 'finally'].includes(head) &&
          (isPastForm(second) || second.endsWith('ing')));
      if (firstClause && listOf !== undefined) {
        actor = listOf;
        listItem = actor !== 'other';
      } else actor = verbFirst ? (current ?? 'i') : 'other';
    } else if (firstClause) listOf = undefined;
    firstClause = false;
    current = actor === 'other' ? current : actor;
    clauses.push(
      listItem ? { ...clause, actor, sentence, ownListItem: true } : { ...clause, actor, sentence },
    );
  }
  return clauses;
}

const firstPersonIn = (answer: AnswerText, span: Span): boolean => {
  for (let at = span.startTerm; at < span.endTerm; at += 1)
    if (FIRST_PERSON_ANY.has(answer.terms[at] ?? '')) return true;
  return false;
};

/** Something breaking: what turns "at 2am" into an incident. */
const FAILURES = compilePhrases([
  'broke',
  'broken',
  'failed',
  'failing',
  'went down',
  'crashed',
  'died',
  'stopped',
  'stalled',
  'hung',
  'errored',
  'down',
  'fired',
  'alert',
  'alerts',
  'paged',
  'woke',
]);

/**
 * Sentences with an on-call moment: a page, an escalation, a night-time break, or a weekend or
 * outage that the speaker or their team lived through.
 */
export function onCallMoments(answer: AnswerText, rubric: CompiledRubric): Span[] {
  const { terms, lexicon } = { terms: answer.terms, lexicon: rubric.lexicon };
  return answer.sentences.filter(
    (sentence) =>
      hasPhrase(terms, lexicon.onCall, sentence.startTerm, sentence.endTerm) ||
      (hasPhrase(terms, lexicon.onCallContext, sentence.startTerm, sentence.endTerm) &&
        (firstPersonIn(answer, sentence) ||
          hasPhrase(terms, FAILURES, sentence.startTerm, sentence.endTerm))),
  );
}

const GERUND_CHANGES = compilePhrases([
  'adding',
  'introducing',
  'building',
  'setting up',
  'writing',
  'creating',
  'implementing',
  'automating',
  'documenting',
  'enforcing',
  'putting in',
  'wiring',
]);

const SETTING = new Set(['while', 'when', 'before', 'after', 'during', 'by']);

/** Clauses that make a durable change: by the speaker or team, with a hardening noun. */
export function hardeningMoments(answer: AnswerText, rubric: CompiledRubric): Clause[] {
  const { terms, lexicon } = { terms: answer.terms, lexicon: rubric.lexicon };
  const clauses = clausesWithActors(answer);
  return clauses.filter((clause, index) => {
    if (clause.actor === 'other') return false;
    // A hardening noun in this clause or, for a list ("a check, a test and an alert"), the clauses
    // that continue it in the same sentence.
    const hardens = hasPhrase(terms, lexicon.hardening, clause.startTerm, clause.endTerm);
    if (!hardens) return false;
    for (let back = index; back >= 0; back -= 1) {
      const item = clauses[back];
      if (item === undefined || item.sentence !== clause.sentence) break;
      if (hasPhrase(terms, lexicon.changeVerbs, item.startTerm, item.endTerm))
        return item.actor !== 'other';
      // "I championed adding monitoring", but not "while building a check" (what they were doing).
      const gerund = findPhrases(terms, GERUND_CHANGES, item.startTerm, item.endTerm)[0];
      if (gerund !== undefined && !SETTING.has(terms[gerund.start - 1] ?? ''))
        return item.actor !== 'other';
    }
    return false;
  });
}

/** Explicit fault: "their fault", "not our fault", "blame". Term ranges. */
export function explicitBlame(answer: AnswerText, rubric: CompiledRubric): Span[] {
  return findPhrases(answer.terms, rubric.lexicon.upstreamBlame).map((match) => ({
    startTerm: match.start,
    endTerm: match.end,
    startWord: answer.termWord[match.start] ?? 0,
    endWord: (answer.termWord[match.end - 1] ?? 0) + 1,
  }));
}

/** How far after an upstream party its change may come: "the vendor had quietly renamed". */
const CAUSE_REACH = 4;

/**
 * Clauses that name another party as the cause: the party is the subject of a breaking change
 * ("the credit bureau had renamed two fields", "a team broke all the processes").
 */
export function upstreamCauses(answer: AnswerText, rubric: CompiledRubric): Clause[] {
  const { terms, lexicon } = { terms: answer.terms, lexicon: rubric.lexicon };
  return clausesWithActors(answer).filter((clause) => {
    if (clause.actor !== 'other') return false;
    for (const party of findPhrases(
      terms,
      lexicon.upstreamParties,
      clause.startTerm,
      clause.endTerm,
    )) {
      const change = findPhrases(
        terms,
        lexicon.upstreamChanges,
        party.end,
        Math.min(clause.endTerm, party.end + CAUSE_REACH),
      )[0];
      if (change !== undefined) return true;
    }
    return false;
  });
}

/** Clauses where the speaker or team responds to an upstream cause (contract, check, escalation). */
export function upstreamResponses(
  answer: AnswerText,
  rubric: CompiledRubric,
  fromTerm = 0,
): Clause[] {
  return clausesWithActors(answer).filter(
    (clause) =>
      clause.endTerm > fromTerm &&
      clause.actor !== 'other' &&
      hasPhrase(answer.terms, rubric.lexicon.upstreamResponse, clause.startTerm, clause.endTerm),
  );
}

const OUTCOME_UNITS = compilePhrases([
  'second*',
  'minute*',
  'min',
  'mins',
  'hour*',
  'hrs',
  'day*',
  'week*',
  'month*',
  'quarter*',
  'year*',
  'ms',
  'x',
  'times',
  'fold',
  'percent',
  'row*',
  'record*',
  'incident*',
  'failure*',
  'error*',
  'outage*',
  'ticket*',
  'quer*',
  'job*',
  'customer*',
  'user*',
  'client*',
  'order*',
  'application*',
  'sign* up*',
  'account*',
  'dollar*',
  'credit*',
  'k',
  'million*',
  'billion*',
  'gb',
  'tb',
  'pipeline*',
  'integration*',
  'bug*',
  'change*',
  'version*',
  'more',
  'fewer',
  'less',
  'faster',
  'slower',
  'cheaper',
  'per',
]);
const PEOPLE = compilePhrases([
  'people',
  'person',
  'engineer*',
  'developer*',
  'analyst*',
  'intern*',
  'member*',
  'colleague*',
  'of us',
  'of them',
  'guys',
  'folks',
  'teammate*',
  'manager*',
  'director*',
  'languages',
]);
const DURATIONS = new Set(['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year', 'sprint']);
const CLOCK = /^\d{1,2}(?::\d\d)?(?:am|pm|a\.m|p\.m)?$/u;
const TIME_OF_DAY = new Set(['am', 'pm', 'a.m', 'p.m', "o'clock"]);

/** Outcome quantities in terms [from, to): money, %, durations, counts of outcomes, "x → y". */
export function outcomeMetrics(answer: AnswerText, from: number, to: number): number[] {
  const { terms } = answer;
  const found: number[] = [];
  for (let at = from; at < to; at += 1) {
    const term = terms[at] ?? '';
    // "about a quarter", "within an hour": a duration.
    if ((term === 'a' || term === 'an') && DURATIONS.has(terms[at + 1] ?? '') && at > from) {
      if (
        ['about', 'within', 'in', 'for', 'than', 'took', 'under', 'over'].includes(
          terms[at - 1] ?? '',
        )
      )
        found.push(at);
      continue;
    }
    if (!isNumberTerm(term)) continue;
    const next = terms[at + 1] ?? '';
    const before = terms[at - 1] ?? '';
    // Times of day ("6 AM", "at 9", "10:00 PM"), years ("in 2018"), versions ("9.6", "3.0").
    if (TIME_OF_DAY.has(next) || /(?:am|pm)$/u.test(term)) continue;
    if (CLOCK.test(term) && ['at', 'around', 'by', 'until', 'before', 'after'].includes(before))
      continue;
    if (/^(?:19|20)\d\d$/u.test(term)) continue;
    if (/^\d+\.\d+$/u.test(term) && !hasPhrase(terms, OUTCOME_UNITS, at + 1, at + 2)) continue;
    if (hasPhrase(terms, PEOPLE, at + 1, Math.min(to, at + 3))) continue;
    const money = term.startsWith('$') || /k$/u.test(term);
    const percent = term.endsWith('%') || next === 'percent' || next === '%';
    const unit = hasPhrase(terms, OUTCOME_UNITS, at + 1, Math.min(to, at + 3));
    const multiple =
      /^\d+(?:\.\d+)?x$/u.test(term) ||
      ['half', 'twice', 'double', 'doubled', 'triple', 'tripled', 'tenth'].includes(term);
    if (money || percent || unit || multiple) found.push(at);
  }
  return found;
}
