/**
 * Checks on what the answer says, following the guide's pitfalls and its advice on results:
 * vague "we", blaming upstream, no post-incident change, tool-heavy storytelling, no on-call
 * moment, trade-offs without numbers, results without a metric or with only technical outcomes.
 * Each returns a Detection (or nothing); the rubric decides which apply to which question kinds.
 */
import type { CompiledRubric } from '../rubric/compile.ts';
import type { AnswerText, Span } from './answer-text.ts';
import { countWords, spanText } from './answer-text.ts';
import type { Detection, WordSpan } from './detection.ts';
import { compilePhrases, countQuantities, findPhrases, hasPhrase } from './phrases.ts';
import type { StarSection } from './types.ts';

const inRange = (span: Span, range: WordSpan): boolean =>
  span.startWord >= range.startWord && span.endWord <= range.endWord;
const whole = (answer: AnswerText): WordSpan => ({ startWord: 0, endWord: answer.words.length });
const sectionOf = (
  sections: readonly StarSection[],
  part: StarSection['part'],
): StarSection | undefined => sections.find((section) => section.part === part);

/** Terms range of a word range. */
function termRange(answer: AnswerText, range: WordSpan): { from: number; to: number } {
  return {
    from: answer.firstTerm[range.startWord] ?? 0,
    to: answer.firstTerm[range.endWord] ?? answer.terms.length,
  };
}

function quote(answer: AnswerText, range: WordSpan, maxWords = 10): string {
  const text = spanText(
    answer,
    range.startWord,
    Math.min(range.endWord, range.startWord + maxWords),
  );
  return `"${text.replace(/[.,;:!?]+$/u, '')}${range.endWord - range.startWord > maxWords ? ' …' : ''}"`;
}

function countNumbers(answer: AnswerText, from: number, to: number): number {
  return countQuantities(answer.terms, from, to);
}

const I_SUBJECTS = compilePhrases(['i', "i've", "i'd", "i'm", "i'll", 'i personally', 'myself']);
const WE_SUBJECTS = compilePhrases([
  'we',
  "we've",
  "we'd",
  "we're",
  "we'll",
  'our team',
  'the team',
  'my team',
]);

/**
 * `pitfall.vague-we`: in the action part, statements (clauses) whose subject is "we" / "our team"
 * against those whose subject is "I". A clause without a subject ("..., then patched the model")
 * continues the previous clause's subject within the sentence. An explicit ownership statement
 * anywhere ("I led", "I owned", "I was on call") credits some "I" statements.
 */
export interface Statements {
  /** Clauses in the action part whose subject is "I". */
  iCount: number;
  /** Clauses in the action part whose subject is "we" / "our team". */
  weClauses: Span[];
}

/** "I think", "I guess": the speaker hedging, not a statement of what they did. */
const NOT_ACTIONS = new Set([
  'think',
  'guess',
  'believe',
  'mean',
  'feel',
  'suppose',
  'know',
  'remember',
  'hope',
  'would',
  'wish',
]);

/** The clause's subject: the first "I" or "we" that is not "I think" and the like. */
function clauseSubject(answer: AnswerText, clause: Span): 'i' | 'we' | undefined {
  const subjects = [
    ...findPhrases(answer.terms, I_SUBJECTS, clause.startTerm, clause.endTerm).map((match) => ({
      ...match,
      who: 'i' as const,
    })),
    ...findPhrases(answer.terms, WE_SUBJECTS, clause.startTerm, clause.endTerm).map((match) => ({
      ...match,
      who: 'we' as const,
    })),
  ].sort((a, b) => a.start - b.start);
  return subjects.find(
    (match) => match.who === 'we' || !NOT_ACTIONS.has(answer.terms[match.end] ?? ''),
  )?.who;
}

export function countStatements(answer: AnswerText, sections: readonly StarSection[]): Statements {
  const action = sectionOf(sections, 'action') ?? whole(answer);
  const weClauses: Span[] = [];
  let iCount = 0;
  let subject: 'i' | 'we' | undefined;
  let sentenceIndex = -1;
  for (const clause of answer.clauses) {
    const sentence = answer.sentences.findIndex(
      (item) => item.startWord <= clause.startWord && item.endWord >= clause.endWord,
    );
    if (sentence !== sentenceIndex) {
      subject = undefined;
      sentenceIndex = sentence;
    }
    subject = clauseSubject(answer, clause) ?? subject;
    if (!inRange(clause, action)) continue;
    if (subject === 'i') iCount += 1;
    else if (subject === 'we') weClauses.push(clause);
  }
  return { iCount, weClauses };
}

export function checkVagueWe(
  answer: AnswerText,
  sections: readonly StarSection[],
  rubric: CompiledRubric,
): Detection | undefined {
  const limits = rubric.rubric.thresholds.vagueWe;
  const { iCount, weClauses } = countStatements(answer, sections);
  const ownership = findPhrases(answer.terms, rubric.lexicon.ownership)[0];
  const credit = ownership === undefined ? 0 : limits.ownershipCredit;
  const we = weClauses.length;
  if (we < limits.minWeStatements || we / (we + iCount + credit) < limits.maxWeShare)
    return undefined;
  const total = we + iCount;
  const detection: Detection = {
    code: 'pitfall.vague-we',
    detail: `${we} of ${total} statements in the action part say "we"${iCount === 0 ? ' and none says "I"' : ''}`,
    evidence: weClauses.map(({ startWord, endWord }) => ({ startWord, endWord })),
  };
  if (iCount === 0 && ownership === undefined) detection.severity = 'problem';
  return detection;
}

/** How far apart (in terms) an upstream party and its change may be: "a vendor had changed". */
const BLAME_REACH = 6;

/**
 * Where the answer points at another system or team as the cause: explicit blame ("not our fault"),
 * or an upstream party with a change next to it, in either order ("the source team changed their
 * schema", "a schema change upstream"). Returns term ranges.
 */
export function findUpstreamBlame(
  answer: AnswerText,
  rubric: CompiledRubric,
): { start: number; end: number }[] {
  const blames = findPhrases(answer.terms, rubric.lexicon.upstreamBlame).map(({ start, end }) => ({
    start,
    end,
  }));
  for (const party of findPhrases(answer.terms, rubric.lexicon.upstreamParties)) {
    const sentence = answer.sentences.find(
      (item) => item.startTerm <= party.start && item.endTerm > party.start,
    );
    if (sentence === undefined) continue;
    const from = Math.max(sentence.startTerm, party.start - BLAME_REACH);
    const to = Math.min(sentence.endTerm, party.end + BLAME_REACH);
    const change = findPhrases(answer.terms, rubric.lexicon.upstreamChanges, from, to)[0];
    if (change)
      blames.push({
        start: Math.min(party.start, change.start),
        end: Math.max(party.end, change.end),
      });
  }
  return blames.sort((a, b) => a.start - b.start);
}

/**
 * `pitfall.blames-upstream`: an upstream system or another team is named as the cause, and nothing
 * from the blaming sentence on says what the candidate did about it (contracts, checks, monitoring,
 * escalation).
 */
export function checkBlamesUpstream(
  answer: AnswerText,
  rubric: CompiledRubric,
): Detection | undefined {
  const blames = findUpstreamBlame(answer, rubric);
  const first = blames[0];
  if (first === undefined) return undefined;
  const blaming = answer.sentences.filter((sentence) =>
    blames.some((blame) => blame.start >= sentence.startTerm && blame.start < sentence.endTerm),
  );
  // A response anywhere from the blaming sentence on counts ("... changed their schema, so I added a contract test").
  // Blames are sorted and sentences tile the terms in order, so blaming[0] holds first.start.
  const from = blaming[0]?.startTerm ?? first.start;
  if (hasPhrase(answer.terms, rubric.lexicon.upstreamResponse, from)) return undefined;
  return {
    code: 'pitfall.blames-upstream',
    detail: `${quote(answer, blaming[0] ?? whole(answer))} names another system or team as the cause, and nothing after it says how you responded`,
    evidence: blaming.map(({ startWord, endWord }) => ({ startWord, endWord })),
  };
}

/** Sentences that name a durable change: a change verb and a hardening noun ("added a schema contract test"). */
export function hardeningSentences(answer: AnswerText, rubric: CompiledRubric): Span[] {
  return answer.sentences.filter(
    (sentence) =>
      hasPhrase(answer.terms, rubric.lexicon.hardening, sentence.startTerm, sentence.endTerm) &&
      hasPhrase(answer.terms, rubric.lexicon.changeVerbs, sentence.startTerm, sentence.endTerm),
  );
}

/** Where a missing ending should have been: the result section, else the last sentence. */
function ending(answer: AnswerText, sections: readonly StarSection[]): WordSpan {
  const result = sectionOf(sections, 'result');
  if (result) return { startWord: result.startWord, endWord: result.endWord };
  const last = answer.sentences[answer.sentences.length - 1];
  return last ? { startWord: last.startWord, endWord: last.endWord } : whole(answer);
}

/** `pitfall.no-post-incident-change`: the fire got put out but nothing was hardened. */
export function checkPostIncidentChange(
  answer: AnswerText,
  sections: readonly StarSection[],
  rubric: CompiledRubric,
): Detection | undefined {
  if (hardeningSentences(answer, rubric).length > 0) return undefined;
  const end = ending(answer, sections);
  return {
    code: 'pitfall.no-post-incident-change',
    detail: `the story ends at ${quote(answer, end)} with no new test, alert, runbook or contract`,
    evidence: [end],
  };
}

/** `pitfall.tool-heavy`: sentences that explain how a tool works rather than what you decided. */
export function checkToolHeavy(answer: AnswerText, rubric: CompiledRubric): Detection | undefined {
  const { thresholds } = rubric.rubric;
  const explains = (sentence: Span): boolean =>
    hasPhrase(answer.terms, rubric.lexicon.toolExplanation, sentence.startTerm, sentence.endTerm);
  const namesTool = (sentence: Span): boolean =>
    hasPhrase(answer.terms, rubric.lexicon.tools, sentence.startTerm, sentence.endTerm);
  // A sentence that explains a tool, and the explaining sentences right after it ("Basically the way it works is ...").
  const explaining: Span[] = [];
  let onTool = false;
  for (const sentence of answer.sentences) {
    onTool = explains(sentence) && (namesTool(sentence) || onTool);
    if (onTool) explaining.push(sentence);
  }
  const words = explaining.reduce(
    (total, sentence) => total + countWords(answer, sentence.startWord, sentence.endWord),
    0,
  );
  if (
    words < thresholds.toolExplanationWords ||
    words / answer.wordCount < thresholds.toolExplanationShare
  )
    return undefined;
  const start = explaining[0]?.startWord ?? 0;
  const end = explaining[explaining.length - 1]?.endWord ?? start;
  const seconds = (answer.words[end - 1]?.end ?? 0) - (answer.words[start]?.start ?? 0);
  return {
    code: 'pitfall.tool-heavy',
    detail: `${words} words (${Math.round((words / answer.wordCount) * 100)}% of the answer${answer.estimated ? '' : `, about ${Math.round(seconds)} s`}) explain how tools work`,
    evidence: explaining.map(({ startWord, endWord }) => ({ startWord, endWord })),
  };
}

/** `pitfall.no-on-call`: an incident story with no moment of owning production. */
export function checkOnCall(
  answer: AnswerText,
  sections: readonly StarSection[],
  rubric: CompiledRubric,
): Detection | undefined {
  if (hasPhrase(answer.terms, rubric.lexicon.onCall)) return undefined;
  const opening = sectionOf(sections, 'situation') ?? answer.sentences[0] ?? whole(answer);
  return {
    code: 'pitfall.no-on-call',
    detail: 'nothing says you were on call, paged, or that the incident was escalated to you',
    evidence: [{ startWord: opening.startWord, endWord: opening.endWord }],
  };
}

/**
 * `tradeoff.no-numbers`: a cost/velocity answer must name the numbers it chose between. Counts the
 * quantities in the sentences that state the choice and their neighbours (or in the whole answer
 * when no sentence states a choice); fewer than two fires.
 */
export function checkTradeoffNumbers(
  answer: AnswerText,
  rubric: CompiledRubric,
): Detection | undefined {
  const { sentences } = answer;
  const choices = sentences.filter((sentence) =>
    hasPhrase(answer.terms, rubric.lexicon.tradeoff, sentence.startTerm, sentence.endTerm),
  );
  let numbers = 0;
  if (choices.length === 0) {
    // No explicit choice: the numbers may still be there ("spend went from $11K to $4.8K").
    numbers = countNumbers(answer, 0, answer.terms.length);
  } else {
    const counted = new Set<number>();
    for (const choice of choices) {
      const index = sentences.indexOf(choice);
      for (const neighbour of [index - 1, index, index + 1]) {
        const sentence = sentences[neighbour];
        if (sentence === undefined || counted.has(neighbour)) continue;
        counted.add(neighbour);
        numbers += countNumbers(answer, sentence.startTerm, sentence.endTerm);
      }
    }
  }
  if (numbers >= 2) return undefined;
  const evidence =
    choices.length > 0
      ? choices.map(({ startWord, endWord }) => ({ startWord, endWord }))
      : [ending(answer, [])];
  return {
    code: 'tradeoff.no-numbers',
    detail:
      choices.length > 0
        ? `${quote(answer, evidence[0] ?? whole(answer))} names the choice but not the cost, time or SLA numbers behind it`
        : 'the answer never states the options you chose between, or their numbers',
    evidence,
  };
}

const OPERATING_CHANGE = compilePhrases([
  'runbook*',
  'process',
  'the team now',
  'now the team',
  'team uses',
  'we now',
  'now we',
  'every quarter',
  'standard',
  'playbook*',
  'pattern',
  'adopted',
  'now runs',
  'rest of the team',
]);

/** `result.no-metric` and `result.technical-only`, judged on the result section. */
export function checkResult(
  answer: AnswerText,
  sections: readonly StarSection[],
  rubric: CompiledRubric,
): Detection[] {
  const result = sectionOf(sections, 'result');
  if (result === undefined) return [];
  const { from, to } = termRange(answer, result);
  const range = { startWord: result.startWord, endWord: result.endWord };
  const detections: Detection[] = [];
  if (countNumbers(answer, from, to) === 0) {
    const operating = hasPhrase(answer.terms, OPERATING_CHANGE, from, to);
    detections.push({
      code: 'result.no-metric',
      detail: `the result (${quote(answer, range)}) has no number`,
      evidence: [range],
      severity: operating ? 'info' : 'warning',
    });
  }
  const technical = findPhrases(answer.terms, rubric.lexicon.technicalWork, from, to);
  if (technical.length > 0 && !hasPhrase(answer.terms, rubric.lexicon.businessOutcomes, from, to)) {
    detections.push({
      code: 'result.technical-only',
      detail: `the result (${quote(answer, range)}) describes technical work only`,
      evidence: [range],
    });
  }
  return detections;
}
