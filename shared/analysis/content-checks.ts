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
import {
  clausesWithActors,
  explicitBlame,
  hardeningMoments,
  onCallMoments,
  outcomeMetrics,
  upstreamCauses,
  upstreamResponses,
} from './moments.ts';
import { compilePhrases, countQuantities, findPhrases, hasPhrase } from './phrases.ts';
import type { RoleUnit } from './roles.ts';
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

export function countStatements(answer: AnswerText, sections: readonly StarSection[]): Statements {
  // The action part; with none, the whole answer (whatever it says was done).
  const actions = sections.filter((section) => section.part === 'action');
  const scope: readonly WordSpan[] = actions.length > 0 ? actions : [whole(answer)];
  const weClauses: Span[] = [];
  let iCount = 0;
  for (const clause of clausesWithActors(answer)) {
    if (!scope.some((range) => inRange(clause, range))) continue;
    if (clause.actor === 'i') iCount += 1;
    else if (clause.actor === 'we') weClauses.push(clause);
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
  // With no "I" at all and no ownership statement, one "we" already hides who did what.
  const minimum = iCount === 0 && ownership === undefined ? 1 : limits.minWeStatements;
  if (we < minimum || we / (we + iCount + credit) < limits.maxWeShare) return undefined;
  const total = we + iCount;
  const detection: Detection = {
    code: 'pitfall.vague-we',
    detail: `${we} of ${total} statements in the action part say "we"${iCount === 0 ? ' and none says "I"' : ''}`,
    evidence: weClauses.map(({ startWord, endWord }) => ({ startWord, endWord })),
  };
  if (iCount === 0 && ownership === undefined) detection.severity = 'problem';
  return detection;
}

/**
 * Where the answer points at another system or team as the cause: explicit fault ("their fault",
 * "not our fault"), or another party as the subject of a breaking change ("the source team changed
 * their schema"). Word ranges of the sentences, in order.
 */
export function findUpstreamBlame(
  answer: AnswerText,
  rubric: CompiledRubric,
): { explicit: Span[]; causes: Span[] } {
  const sentenceOf = (term: number): Span | undefined =>
    answer.sentences.find((item) => item.startTerm <= term && item.endTerm > term);
  const unique = (spans: (Span | undefined)[]): Span[] =>
    [...new Set(spans.filter((span): span is Span => span !== undefined))].sort(
      (a, b) => a.startTerm - b.startTerm,
    );
  return {
    explicit: unique(explicitBlame(answer, rubric).map((span) => sentenceOf(span.startTerm))),
    causes: unique(upstreamCauses(answer, rubric).map((clause) => sentenceOf(clause.startTerm))),
  };
}

/**
 * `pitfall.blames-upstream`: another system or team is named as the cause and nothing from there
 * on says what the speaker did about it (contracts, checks, monitoring, escalation). Saying it was
 * their fault is blaming even when a response follows (then as a warning).
 */
export function checkBlamesUpstream(
  answer: AnswerText,
  rubric: CompiledRubric,
): Detection | undefined {
  const { explicit, causes } = findUpstreamBlame(answer, rubric);
  const first = [...explicit, ...causes].sort((a, b) => a.startTerm - b.startTerm)[0];
  if (first === undefined) return undefined;
  const answered = upstreamResponses(answer, rubric, first.startTerm).length > 0;
  if (answered && explicit.length === 0) return undefined;
  const evidence = explicit.length > 0 ? explicit : causes;
  const shown = evidence[0] ?? first;
  const detection: Detection = {
    code: 'pitfall.blames-upstream',
    detail: answered
      ? `${quote(answer, shown)} puts the fault on another team, although you say what you did about it`
      : `${quote(answer, shown)} names another system or team as the cause, and nothing after it says how you responded`,
    evidence: evidence.map(({ startWord, endWord }) => ({ startWord, endWord })),
  };
  if (answered) detection.severity = 'warning';
  return detection;
}

/** Sentences that name a durable change the speaker or team made ("We added a schema contract test"). */
export function hardeningSentences(answer: AnswerText, rubric: CompiledRubric): Span[] {
  const clauses = hardeningMoments(answer, rubric);
  return answer.sentences.filter((sentence) =>
    clauses.some(
      (clause) => clause.startWord >= sentence.startWord && clause.endWord <= sentence.endWord,
    ),
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
    detail: `nothing from the incident to the end (${quote(answer, end)}) says you added or changed a test, alert, runbook or contract`,
    evidence: [end],
  };
}

/**
 * `pitfall.tool-heavy`: sentences that explain how a tool works rather than what you decided: a
 * sentence that explains and names a tool (and the explaining sentences right after it), and
 * asides outside the story (role "other") about a tool, with the asides that continue them.
 */
export function checkToolHeavy(
  answer: AnswerText,
  rubric: CompiledRubric,
  units: readonly RoleUnit[] = [],
): Detection | undefined {
  const { thresholds } = rubric.rubric;
  const explains = (span: Span): boolean =>
    hasPhrase(answer.terms, rubric.lexicon.toolExplanation, span.startTerm, span.endTerm);
  const namesTool = (span: Span): boolean =>
    hasPhrase(answer.terms, rubric.lexicon.tools, span.startTerm, span.endTerm);
  // A sentence that explains a tool, and the explaining sentences right after it ("Basically the way it works is ...").
  const explaining: Span[] = [];
  let onTool = false;
  for (const sentence of answer.sentences) {
    onTool = explains(sentence) && (namesTool(sentence) || onTool);
    if (onTool) explaining.push(sentence);
  }
  // An aside continues on its subject ("It understood: ...") or as list fragments.
  const continues = (unit: RoleUnit): boolean =>
    unit.endWord - unit.startWord <= 8 ||
    ['it', 'they', 'this', 'that'].includes(answer.terms[unit.startTerm] ?? '');
  let aside = false;
  for (const unit of units) {
    aside = unit.role === 'other' && (namesTool(unit) || (aside && continues(unit)));
    if (
      aside &&
      !explaining.some((span) => span.startWord <= unit.startWord && span.endWord >= unit.endWord)
    )
      explaining.push(unit);
  }
  explaining.sort((a, b) => a.startWord - b.startWord);
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
  if (onCallMoments(answer, rubric).length > 0) return undefined;
  const opening = sectionOf(sections, 'situation') ?? answer.sentences[0] ?? whole(answer);
  return {
    code: 'pitfall.no-on-call',
    detail:
      'nothing says you were on call, paged, took the incident, or that it was escalated to you',
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

/**
 * Where the result is: the result sections, or, when no sentence reads as a result, the last two
 * sentences of the story (so an answer that trails off is judged on how it ends).
 */
export function resultRegion(answer: AnswerText, sections: readonly StarSection[]): WordSpan[] {
  const results = sections.filter((section) => section.part === 'result');
  if (results.length > 0) return results.map(({ startWord, endWord }) => ({ startWord, endWord }));
  const story = answer.sentences.filter((sentence) =>
    sections.some(
      (section) => section.startWord <= sentence.startWord && section.endWord > sentence.startWord,
    ),
  );
  return story.slice(-2).map(({ startWord, endWord }) => ({ startWord, endWord }));
}

/** The first outcome quantity in the spans: its sentence, for quoting. */
export function firstMetric(answer: AnswerText, spans: readonly WordSpan[]): Span | undefined {
  for (const span of spans) {
    const { from, to } = termRange(answer, span);
    const at = outcomeMetrics(answer, from, to)[0];
    if (at !== undefined)
      return answer.sentences.find((sentence) => sentence.startTerm <= at && sentence.endTerm > at);
  }
  return undefined;
}

/** `result.no-metric` and `result.technical-only`, judged on the result. */
export function checkResult(
  answer: AnswerText,
  sections: readonly StarSection[],
  rubric: CompiledRubric,
): Detection[] {
  const region = resultRegion(answer, sections);
  const first = region[0];
  if (first === undefined) return [];
  const detections: Detection[] = [];
  if (firstMetric(answer, region) === undefined) {
    const operating = region.some((span) => {
      const { from, to } = termRange(answer, span);
      return hasPhrase(answer.terms, OPERATING_CHANGE, from, to);
    });
    detections.push({
      code: 'result.no-metric',
      detail: `the result (${quote(answer, first)}) has no outcome number: no money, time, percentage or count of incidents`,
      evidence: region,
      severity: operating ? 'info' : 'warning',
    });
  }
  const results = sections.filter((section) => section.part === 'result');
  const technical = results.some((span) => {
    const { from, to } = termRange(answer, span);
    return findPhrases(answer.terms, rubric.lexicon.technicalWork, from, to).length > 0;
  });
  const business = results.some((span) => {
    const { from, to } = termRange(answer, span);
    return hasPhrase(answer.terms, rubric.lexicon.businessOutcomes, from, to);
  });
  if (technical && !business) {
    const shown = results[0] ?? first;
    detections.push({
      code: 'result.technical-only',
      detail: `the result (${quote(answer, shown)}) describes technical work only`,
      evidence: results.map(({ startWord, endWord }) => ({ startWord, endWord })),
    });
  }
  return detections;
}
