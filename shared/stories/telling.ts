/**
 * Told vs written: how a spoken telling of a story compares with its written draft.
 *
 * - Key points: the draft's figures, its on-call moment, its post-incident change, its result and
 *   its named constraint (the task), each found or missing in the telling, with the time it was said.
 * - Recitation: verbatim runs shared with the draft, weighted toward the opening ("Hiring managers
 *   can spot a recited answer in the first sentence"), flagged as `delivery.recited`.
 * - Figures that drifted from the draft ("$4.8K" written, "$6K" said).
 */
import type { AnalyzedWord, AnswerReport, Finding, StarPart } from '../analysis/types.ts';
import { findPhrases, type PhraseSet } from '../analysis/phrases.ts';
import { compileRubric } from '../rubric/compile.ts';
import { DATA_ENGINEER_RUBRIC } from '../rubric/data-engineer.ts';
import type { Rubric } from '../rubric/types.ts';
import { endsSentence, formatClock, normalizeWord, wordTerms } from '../transcript/words.ts';
import { compareFigures, extractFigures, type Figure, type FigureComparison } from './figures.ts';

export type KeyPointKind = 'figure' | 'on-call' | 'post-incident-change' | 'result' | 'constraint';

export const KEY_POINT_LABELS: Readonly<Record<KeyPointKind, string>> = {
  figure: 'Number',
  'on-call': 'On-call moment',
  'post-incident-change': 'Post-incident change',
  result: 'Result',
  constraint: 'Named constraint',
};

export interface KeyPoint {
  kind: KeyPointKind;
  /** The draft's words for it (the figure, or the sentence). */
  draftText: string;
  found: boolean;
  /** Where it was said in the telling (seconds), when found. */
  start?: number;
  /** For a figure said with another value: what was said instead. */
  saidInstead?: string;
}

export interface Recitation {
  /** Words from the start of the telling (fillers aside) that follow the draft word for word. */
  openingRunWords: number;
  /** The longest run of words said exactly as written. */
  longestRunWords: number;
  /** Where that run starts in the telling (seconds). */
  longestRunStart?: number;
  /** Share of the draft's words said as written, in runs of five or more, 0..1. */
  sharedShare: number;
  /** The same share with the draft's first sentence counted three times. */
  weightedShare: number;
  recited: boolean;
}

export interface TellingComparison {
  keyPoints: KeyPoint[];
  figures: FigureComparison;
  recitation: Recitation;
  /** `delivery.recited` when the telling reads the draft back, else undefined. */
  finding?: Finding;
}

/** An opening that matches the draft for this many words reads as recited. */
export const RECITED_OPENING_WORDS = 12;
/** A run this long anywhere in the telling reads as recited. */
export const RECITED_RUN_WORDS = 25;
/** This share of the draft's phrasing (weighted to the opening) said word for word reads as recited. */
export const RECITED_SHARE = 0.5;
/** Words compared at most on each side (bounds the alignment: 1500 × 1500 cells). */
const MAX_COMPARED_WORDS = 1500;
/** Runs shorter than this are shared phrases, not recitation. */
const MIN_RUN_WORDS = 5;
/** An opening run may start this many words in (a "so" or "okay" before the draft's first word). */
const OPENING_SLACK = 2;

/** Words that carry no content, left out when matching a key point by its meaning words. */
const STOP_WORDS = new Set(
  (
    'a an the and or but so then of to in on at for by with from into over about as is are was were ' +
    'be been being it its this that these those i we you he she they me us my our your their them ' +
    'had has have do did does not no yes there here what which who when where how why all any some ' +
    'just also very really up out off if than too can could would should will shall may might must ' +
    'um uh like know mean'
  ).split(' '),
);

function stem(term: string): string {
  return term.length > 6 ? term.slice(0, 6) : term;
}

interface Sentence {
  startWord: number;
  endWord: number;
}

function sentencesOf(words: readonly AnalyzedWord[]): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  words.forEach((word, index) => {
    if (endsSentence(word.text) || index === words.length - 1) {
      sentences.push({ startWord: start, endWord: index + 1 });
      start = index + 1;
    }
  });
  return sentences;
}

function textOf(words: readonly AnalyzedWord[], from: number, to: number): string {
  return words
    .slice(from, to)
    .map((word) => word.text)
    .join(' ');
}

/** Terms of words [from, to) with the word each came from. */
function termsOf(words: readonly AnalyzedWord[], from = 0, to = words.length) {
  const terms: string[] = [];
  for (let index = from; index < to; index += 1) terms.push(...wordTerms(words[index]?.text ?? ''));
  return terms;
}

function sentencesMatching(
  words: readonly AnalyzedWord[],
  sentences: readonly Sentence[],
  set: PhraseSet,
  also?: PhraseSet,
): Sentence[] {
  return sentences.filter((sentence) => {
    const terms = termsOf(words, sentence.startWord, sentence.endWord);
    return findPhrases(terms, set).length > 0 && (!also || findPhrases(terms, also).length > 0);
  });
}

/** Content stems of words [from, to), fillers left out. */
export function contentStems(words: readonly AnalyzedWord[], from: number, to: number): string[] {
  const stems: string[] = [];
  for (let index = from; index < to; index += 1) {
    const word = words[index];
    if (!word || word.filler) continue;
    for (const term of wordTerms(word.text)) {
      if (!STOP_WORDS.has(term)) stems.push(stem(NUMBER_WORDS[term] ?? term.replace(/^\$/u, '')));
    }
  }
  return stems;
}

/**
 * Finds where the telling says what the draft's words [from, to) say: the window of the telling
 * that holds the most of the passage's content stems. Found when it holds at least half of them
 * (and at least two). Returns the telling's word index of the best window, or undefined.
 */
function findPassage(
  draft: readonly AnalyzedWord[],
  from: number,
  to: number,
  told: readonly AnalyzedWord[],
): number | undefined {
  const wanted = new Set(contentStems(draft, from, to));
  if (wanted.size === 0) return undefined;
  const span = Math.max(8, Math.round((to - from) * 1.5));
  const toldStems = told.map((word, index) => contentStems(told, index, index + 1));
  const counts = new Map<string, number>();
  let covered = 0;
  let best = 0;
  let bestAt = 0;
  const add = (index: number, delta: 1 | -1) => {
    for (const item of toldStems[index] ?? []) {
      if (!wanted.has(item)) continue;
      const before = counts.get(item) ?? 0;
      counts.set(item, before + delta);
      if (delta === 1 && before === 0) covered += 1;
      if (delta === -1 && before === 1) covered -= 1;
    }
  };
  for (let index = 0; index < told.length; index += 1) {
    add(index, 1);
    if (index - span >= 0) add(index - span, -1);
    if (covered > best) {
      best = covered;
      bestAt = Math.max(0, index - span + 1);
    }
  }
  if (best < 2 || best < wanted.size / 2) return undefined;
  // Start at the first word of the window that carries one of the passage's stems.
  for (let index = bestAt; index < told.length; index += 1) {
    if ((toldStems[index] ?? []).some((item) => wanted.has(item))) return index;
  }
  return bestAt;
}

/**
 * Finds a passage of one or more draft sentences in the telling: kept when at least half of its
 * sentences are said (each by `findPassage`), so a two-sentence result told in one sentence
 * counts. Returns where the first found sentence was said.
 */
function findSentences(
  draft: readonly AnalyzedWord[],
  passage: Sentence,
  told: readonly AnalyzedWord[],
): number | undefined {
  const inside = sentencesOf(draft.slice(passage.startWord, passage.endWord)).map((sentence) => ({
    startWord: sentence.startWord + passage.startWord,
    endWord: sentence.endWord + passage.startWord,
  }));
  const found = inside
    .map((sentence) => findPassage(draft, sentence.startWord, sentence.endWord, told))
    .filter((at): at is number => at !== undefined);
  if (found.length === 0 || found.length * 2 < inside.length) return undefined;
  return Math.min(...found);
}

function partWords(report: AnswerReport, part: StarPart): Sentence | undefined {
  const sections = report.sections.filter((section) => section.part === part);
  const first = sections[0];
  const last = sections[sections.length - 1];
  if (!first || !last) return undefined;
  return { startWord: first.startWord, endWord: last.endWord };
}

const NUMBER_WORDS: Readonly<Record<string, string>> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7',
  eight: '8', nine: '9', ten: '10', eleven: '11', twelve: '12', fifteen: '15', twenty: '20',
  thirty: '30', forty: '40', fifty: '50', hundred: '100', thousand: '1000',
}; // prettier-ignore

/**
 * A word in the form compared for recitation: normalised, numbers as digits without "$" or
 * thousands commas, so "two", "2" and "$4,800" / "4800" compare equal whatever the recogniser wrote.
 */
function canonical(word: string): string {
  const normal = normalizeWord(word);
  return NUMBER_WORDS[normal] ?? normal.replace(/^\$/u, '').replace(/(?<=\d),(?=\d{3})/gu, '');
}

/** Normalised non-filler words of a telling, with the index of each in `words`. */
function spokenTokens(words: readonly AnalyzedWord[]): { tokens: string[]; index: number[] } {
  const tokens: string[] = [];
  const index: number[] = [];
  for (let at = 0; at < words.length && tokens.length < MAX_COMPARED_WORDS; at += 1) {
    const word = words[at];
    if (!word || word.filler) continue;
    const token = canonical(word.text);
    if (token.length === 0) continue;
    tokens.push(token);
    index.push(at);
  }
  return { tokens, index };
}

/** Words [told, draft] paired by a longest common subsequence, in order. */
function align(told: readonly string[], draft: readonly string[]): [number, number][] {
  const n = told.length;
  const m = draft.length;
  const width = m + 1;
  const table = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i * width + j] =
        told[i] === draft[j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (told[i] === draft[j]) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) i += 1;
    else j += 1;
  }
  return pairs;
}

interface Run {
  /** First pair's told and draft word. */
  told: number;
  draft: number;
  /** Words said as written. */
  matched: number;
  pairs: [number, number][];
}

/**
 * Runs of words said as written, allowing one word misheard, added or left out between matches
 * (a recogniser's slip, not a retelling): "as written" survives an imperfect transcript.
 */
function verbatimRuns(pairs: readonly [number, number][]): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  let previous: [number, number] | undefined;
  for (const pair of pairs) {
    const continues =
      current !== undefined &&
      previous !== undefined &&
      pair[0] - previous[0] - 1 <= 1 &&
      pair[1] - previous[1] - 1 <= 1;
    if (!continues || !current) {
      current = { told: pair[0], draft: pair[1], matched: 0, pairs: [] };
      runs.push(current);
    }
    current.matched += 1;
    current.pairs.push(pair);
    previous = pair;
  }
  return runs;
}

export function measureRecitation(
  draftWords: readonly AnalyzedWord[],
  toldWords: readonly AnalyzedWord[],
): Recitation {
  const draft = spokenTokens(draftWords).tokens;
  const told = spokenTokens(toldWords);
  const runs = verbatimRuns(align(told.tokens, draft));
  const longest = runs.reduce<Run | undefined>(
    (best, run) => (!best || run.matched > best.matched ? run : best),
    undefined,
  );
  const first = runs[0];
  const opening =
    first && first.told <= OPENING_SLACK && first.draft <= OPENING_SLACK ? first.matched : 0;
  const firstSentenceEnd = draftWords.findIndex((word) => endsSentence(word.text));
  const firstSentenceTokens =
    firstSentenceEnd < 0
      ? draft.length
      : spokenTokens(draftWords.slice(0, firstSentenceEnd + 1)).tokens.length;
  const weight = (j: number) => (j < firstSentenceTokens ? 3 : 1);
  let weightedTotal = 0;
  for (let j = 0; j < draft.length; j += 1) weightedTotal += weight(j);
  let shared = 0;
  let weightedShared = 0;
  for (const run of runs) {
    if (run.matched < MIN_RUN_WORDS) continue;
    shared += run.matched;
    for (const [, j] of run.pairs) weightedShared += weight(j);
  }
  const sharedShare = draft.length === 0 ? 0 : shared / draft.length;
  const weightedShare = weightedTotal === 0 ? 0 : weightedShared / weightedTotal;
  const recitation: Recitation = {
    openingRunWords: opening,
    longestRunWords: longest?.matched ?? 0,
    sharedShare,
    weightedShare,
    recited:
      opening >= RECITED_OPENING_WORDS ||
      (longest?.matched ?? 0) >= RECITED_RUN_WORDS ||
      weightedShare >= RECITED_SHARE,
  };
  const start = longest ? toldWords[told.index[longest.told] ?? -1]?.start : undefined;
  if (start !== undefined) recitation.longestRunStart = start;
  return recitation;
}

function recitedFinding(recitation: Recitation, toldWords: readonly AnalyzedWord[]): Finding {
  const details: string[] = [];
  if (recitation.openingRunWords >= RECITED_OPENING_WORDS) {
    details.push(`your first ${recitation.openingRunWords} words match the draft word for word`);
  }
  if (recitation.longestRunWords >= RECITED_RUN_WORDS && recitation.longestRunStart !== undefined) {
    details.push(
      `a ${recitation.longestRunWords}-word run at ${formatClock(recitation.longestRunStart)} matches the draft word for word`,
    );
  }
  if (recitation.weightedShare >= RECITED_SHARE) {
    details.push(
      `${Math.round(recitation.sharedShare * 100)} % of the draft's phrasing is repeated word for word`,
    );
  }
  const detail = details.join('; ');
  const evidenceStart = recitation.openingRunWords >= RECITED_OPENING_WORDS ? 0 : undefined;
  const evidence: Finding['evidence'] = [];
  if (evidenceStart !== undefined && toldWords.length > 0) {
    const end = Math.min(toldWords.length, recitation.openingRunWords);
    evidence.push({
      startWord: 0,
      endWord: end,
      start: toldWords[0]?.start ?? 0,
      end: toldWords[end - 1]?.end ?? 0,
    });
  }
  return {
    code: 'delivery.recited',
    severity: 'warning',
    message: `This sounds recited: ${detail}. Hiring managers can spot a recited answer in the first sentence; tell the story in your own words, so it flexes to the question.`,
    detail,
    evidence,
  };
}

export interface CompareOptions {
  /** The rubric whose on-call and hardening vocabulary marks those key points. */
  rubric?: Rubric;
}

/**
 * Compares a telling with the story's draft. Both are analysis reports: the draft's (analysed as
 * text against the same question) and the telling's.
 */
export function compareTelling(
  draft: AnswerReport,
  told: AnswerReport,
  options: CompareOptions = {},
): TellingComparison {
  const { lexicon } = compileRubric(options.rubric ?? DATA_ENGINEER_RUBRIC);
  const draftWords = draft.words;
  const toldWords = told.words;
  const sentences = sentencesOf(draftWords);
  const keyPoints: KeyPoint[] = [];

  const figures = compareFigures(extractFigures(draftWords), extractFigures(toldWords));
  const byFigure = new Map<Figure, KeyPoint>();
  for (const { reference, said } of figures.kept) {
    const point: KeyPoint = { kind: 'figure', draftText: reference.text, found: true };
    if (said.start !== undefined) point.start = said.start;
    byFigure.set(reference, point);
  }
  for (const { reference, said } of figures.drifted) {
    const point: KeyPoint = {
      kind: 'figure',
      draftText: reference.text,
      found: false,
      saidInstead: said.text,
    };
    if (said.start !== undefined) point.start = said.start;
    byFigure.set(reference, point);
  }
  for (const reference of figures.dropped) {
    byFigure.set(reference, { kind: 'figure', draftText: reference.text, found: false });
  }
  keyPoints.push(
    ...[...byFigure.entries()].sort((a, b) => a[0].word - b[0].word).map(([, p]) => p),
  );

  // Moments by their cue lists or by the draft's own content words: the telling keeps the on-call
  // moment or the post-incident change when it says one in any words the rubric knows, or says
  // what the draft said; the constraint and the result by their content words.
  const toldSentences = sentencesOf(toldWords);
  const moments: [KeyPointKind, PhraseSet, PhraseSet | undefined, 'first' | 'last'][] = [
    ['on-call', lexicon.onCall, undefined, 'first'],
    ['post-incident-change', lexicon.hardening, lexicon.changeVerbs, 'last'],
  ];
  const passages: [KeyPointKind, Sentence | undefined][] = [
    ['constraint', partWords(draft, 'task')],
  ];
  for (const [kind, set, also, which] of moments) {
    const inDraft = sentencesMatching(draftWords, sentences, set, also);
    const sentence = which === 'first' ? inDraft[0] : inDraft[inDraft.length - 1];
    if (!sentence) continue;
    const said =
      sentencesMatching(toldWords, toldSentences, set, also)[0]?.startWord ??
      findPassage(draftWords, sentence.startWord, sentence.endWord, toldWords);
    const point: KeyPoint = {
      kind,
      draftText: textOf(draftWords, sentence.startWord, sentence.endWord),
      found: said !== undefined,
    };
    const start = said === undefined ? undefined : toldWords[said]?.start;
    if (start !== undefined) point.start = start;
    keyPoints.push(point);
  }
  passages.push(['result', partWords(draft, 'result')]);
  for (const [kind, passage] of passages) {
    if (!passage) continue;
    const at = findSentences(draftWords, passage, toldWords);
    const point: KeyPoint = {
      kind,
      draftText: textOf(draftWords, passage.startWord, passage.endWord),
      found: at !== undefined,
    };
    const start = at === undefined ? undefined : toldWords[at]?.start;
    if (start !== undefined) point.start = start;
    keyPoints.push(point);
  }

  const recitation = measureRecitation(draftWords, toldWords);
  const comparison: TellingComparison = { keyPoints, figures, recitation };
  if (recitation.recited) comparison.finding = recitedFinding(recitation, toldWords);
  return comparison;
}

/** The first words of a telling (fillers aside), normalised, for comparing openings. */
export function openingOf(words: readonly AnalyzedWord[], count = 8): string {
  return spokenTokens(words).tokens.slice(0, count).join(' ');
}

/**
 * Tellings of one story that open the same way against different questions: "the goal is stories
 * that flex, not scripts you recite". Returns the repeated opening when at least `questions`
 * different questions got it, else undefined.
 */
export function repeatedOpening(
  tellings: readonly { questionId: string; words: readonly AnalyzedWord[] }[],
  questions = 3,
): { opening: string; questionIds: string[] } | undefined {
  const byOpening = new Map<string, Set<string>>();
  for (const telling of tellings) {
    const opening = openingOf(telling.words);
    if (opening.split(' ').length < 6) continue;
    const ids = byOpening.get(opening) ?? new Set<string>();
    ids.add(telling.questionId);
    byOpening.set(opening, ids);
  }
  for (const [opening, ids] of byOpening) {
    if (ids.size >= questions) return { opening, questionIds: [...ids] };
  }
  return undefined;
}
