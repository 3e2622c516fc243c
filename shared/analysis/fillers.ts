/**
 * Fillers: um, uh, er, ah, hmm, "you know", "I mean", "sort of", "kind of", "basically",
 * "actually", "literally", and "like", "so" and "right" only where they are fillers.
 *
 * The ambiguous ones are decided from the words around them and the punctuation the recogniser
 * (or the writer) put there:
 * - "like" is a filler when set off by a comma ("it was, like, broken") or next to another filler
 *   ("like, um"); never after a subject or modal ("I like SQL", "would like") or a comparison word
 *   ("looks like", "something like 40 rows").
 * - "so" is a filler as the answer's opener, when set off by a comma at the start of a sentence
 *   ("So, um, basically ...") or before another filler; a conjunction otherwise ("so that",
 *   "so the dashboards were stale").
 * - "right" is a filler as a tag ("..., right?") or an opener ("Right, so ..."); an adjective or
 *   adverb otherwise ("the right answer", "right away").
 * - "you know" is a filler unless it has an object or follows "do/if/as" ("you know the schema",
 *   "do you know"); "I mean" when it opens a sentence or is followed by a comma, but not in "what I
 *   mean is"; "kind of"/"sort of" unless they follow a determiner ("a kind of", "what sort of").
 */
import { endsClause, endsQuestion } from '../transcript/words.ts';
import type { AnswerText } from './answer-text.ts';
import { termsToWords, timedRange } from './answer-text.ts';
import type { AnalyzedWord, FillerOccurrence, FillerReport } from './types.ts';

const ALWAYS = new Map<string, string>([
  ['um', 'um'],
  ['umm', 'um'],
  ['ummm', 'um'],
  ['uhm', 'um'],
  ['erm', 'um'],
  ['uh', 'uh'],
  ['uhh', 'uh'],
  ['uhhh', 'uh'],
  ['er', 'er'],
  ['err', 'er'],
  ['ah', 'ah'],
  ['ahh', 'ah'],
  ['hmm', 'hmm'],
  ['hm', 'hmm'],
  ['hmmm', 'hmm'],
  ['mm', 'hmm'],
  ['basically', 'basically'],
  ['actually', 'actually'],
  ['literally', 'literally'],
]);

/** Words after which "like" is a verb or a comparison, not a filler. */
const LIKE_NOT_FILLER_AFTER = new Set([
  'i',
  'we',
  'you',
  'they',
  'he',
  'she',
  'would',
  "i'd",
  "we'd",
  "you'd",
  "they'd",
  'do',
  'does',
  'did',
  "don't",
  "doesn't",
  "didn't",
  'to',
  'really',
  'also',
  'not',
  'look',
  'looks',
  'looked',
  'looking',
  'seem',
  'seems',
  'seemed',
  'sound',
  'sounds',
  'sounded',
  'feel',
  'feels',
  'felt',
  'something',
  'anything',
  'nothing',
  'everything',
  'things',
  'stuff',
  'more',
  'much',
  'exactly',
  'just',
  'tools',
  'systems',
  'teams',
  'companies',
  'act',
  'acts',
  'acted',
  'behave',
  'behaves',
  'behaved',
  'treat',
  'treated',
  'people',
  'ones',
  'most',
  'unlike',
]);

const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'what',
  'which',
  'some',
  'any',
  'every',
  'each',
  'no',
  'one',
  'same',
  'other',
  'another',
  'my',
  'our',
  'your',
  'their',
  'his',
  'her',
  'its',
  'all',
  'different',
  'new',
  'specific',
  'particular',
  'first',
  'right',
  'best',
  'wrong',
  'only',
  'similar',
]);

const KNOW_OBJECTS = new Set([
  'that',
  'what',
  'how',
  'why',
  'who',
  'where',
  'when',
  'if',
  'whether',
  'it',
  'them',
  'him',
  'her',
  'about',
  'the',
  'a',
  'an',
  'this',
  'these',
  'those',
  'your',
  'my',
  'our',
  'their',
  'exactly',
  'which',
]);
const KNOW_NOT_FILLER_AFTER = new Set([
  'do',
  'did',
  "don't",
  "didn't",
  'if',
  'as',
  'to',
  'would',
  'let',
  'could',
]);

export function findFillers(answer: AnswerText): FillerOccurrence[] {
  const { terms, termWord, words, firstTerm } = answer;
  const sentenceStarts = new Set(answer.sentences.map((sentence) => sentence.startTerm));
  const isWordStart = (term: number): boolean => firstTerm[termWord[term] ?? -1] === term;
  const isWordEnd = (term: number): boolean => termWord[term + 1] !== termWord[term];
  const wordText = (term: number): string => words[termWord[term] ?? -1]?.text ?? '';
  /** A comma (or other clause break) right before term `term`. */
  const commaBefore = (term: number): boolean =>
    term > 0 && isWordStart(term) && endsClause(wordText(term - 1));
  /** A comma (or other clause break) right after term `term`. */
  const commaAfter = (term: number): boolean => isWordEnd(term) && endsClause(wordText(term));
  const plainFiller = (term: number): boolean =>
    ALWAYS.has(terms[term] ?? '') &&
    !['basically', 'actually', 'literally'].includes(terms[term] ?? '');

  const occurrences: FillerOccurrence[] = [];
  /** Terms [start, end) are always real terms here, so both end words exist and carry times. */
  const add = (start: number, end: number, filler: string): void => {
    const { startWord, endWord } = termsToWords(answer, start, end);
    occurrences.push({ ...timedRange(answer, startWord, endWord), filler });
  };

  /**
   * The nearest earlier term in the sentence that is not a plain filler, so an inserted "um"
   * (acoustic filled-pause detection puts them between any two words) does not hide the context:
   * "I um like SQL" is still the verb. Computed for every term in one pass (a run of fillers
   * shares the answer of the term before it), so the scan stays linear.
   */
  const previousAt: { term: string | undefined; index: number }[] = [];
  for (let at = 0; at < terms.length; at += 1) {
    const prev = at - 1;
    if (sentenceStarts.has(at)) previousAt.push({ term: undefined, index: prev });
    else if (prev < 0 || !plainFiller(prev)) previousAt.push({ term: terms[prev], index: prev });
    else if (sentenceStarts.has(prev)) previousAt.push({ term: undefined, index: prev - 1 });
    else previousAt.push(previousAt[prev] ?? { term: undefined, index: -1 });
  }
  const previousContent = (at: number): { term: string | undefined; index: number } =>
    previousAt[at] ?? { term: undefined, index: at - 1 };

  for (let at = 0; at < terms.length; at += 1) {
    const term = terms[at] ?? '';
    const before = previousContent(at);
    const previous = before.term;
    const next = terms[at + 1];
    const opensSentence = sentenceStarts.has(at) || (before.term === undefined && at > 0);
    const always = ALWAYS.get(term);
    if (always !== undefined) {
      add(at, at + 1, always);
      continue;
    }
    if (term === 'you' && next === 'know') {
      const followedBy = terms[at + 2];
      const setOff =
        commaAfter(at + 1) ||
        endsQuestion(wordText(at + 1)) ||
        sentenceStarts.has(at + 2) ||
        at + 2 >= terms.length;
      const verbUse =
        (previous !== undefined && KNOW_NOT_FILLER_AFTER.has(previous)) ||
        (!setOff && followedBy !== undefined && KNOW_OBJECTS.has(followedBy));
      if (!verbUse) {
        add(at, at + 2, 'you know');
        at += 1;
      }
      continue;
    }
    if (term === 'i' && next === 'mean') {
      const quoted = previous === 'what' || previous === 'which' || previous === 'that';
      if (!quoted && (commaAfter(at + 1) || opensSentence || commaBefore(at))) {
        add(at, at + 2, 'I mean');
        at += 1;
      }
      continue;
    }
    if ((term === 'kind' || term === 'sort') && next === 'of') {
      if (previous === undefined || !DETERMINERS.has(previous)) {
        add(at, at + 2, `${term} of`);
        at += 1;
      }
      continue;
    }
    if (term === 'like') {
      const separated = commaBefore(at);
      const grammatical =
        !separated && previous !== undefined && LIKE_NOT_FILLER_AFTER.has(previous);
      const nearFiller =
        (next !== undefined && plainFiller(at + 1)) || (at > 0 && plainFiller(at - 1));
      if (!grammatical && (separated || commaAfter(at) || nearFiller)) add(at, at + 1, 'like');
      continue;
    }
    if (term === 'so') {
      if (next === 'that') continue;
      const opener = at === 0 || opensSentence || commaBefore(at) || before.index < 0;
      const nextIsFiller =
        next !== undefined &&
        (ALWAYS.has(next) || next === 'yeah' || (next === 'like' && commaAfter(at + 1)));
      if ((opener && (commaAfter(at) || at === 0)) || nextIsFiller) add(at, at + 1, 'so');
      continue;
    }
    if (term === 'right') {
      const tag = endsQuestion(wordText(at)) && isWordEnd(at) && (commaBefore(at) || opensSentence);
      const opener = opensSentence && commaAfter(at);
      if (tag || opener) add(at, at + 1, 'right');
    }
  }
  return occurrences;
}

export function summarizeFillers(
  answer: AnswerText,
  occurrences: FillerOccurrence[],
): FillerReport {
  const first = answer.words[0];
  const last = answer.words[answer.words.length - 1];
  const minutes =
    first !== undefined && last !== undefined ? Math.max(0, last.end - first.start) / 60 : 0;
  const byForm: Record<string, number> = {};
  for (const occurrence of occurrences)
    byForm[occurrence.filler] = (byForm[occurrence.filler] ?? 0) + 1;
  return {
    count: occurrences.length,
    perMinute: minutes > 0 ? Math.round((occurrences.length / minutes) * 10) / 10 : 0,
    byForm,
    occurrences,
  };
}

/** Marks the words that the filler occurrences cover (the one place filler flags are set). */
export function markFillers(words: AnalyzedWord[], occurrences: readonly FillerOccurrence[]): void {
  for (const occurrence of occurrences) {
    for (let index = occurrence.startWord; index < occurrence.endWord; index += 1) {
      const word = words[index];
      if (word) word.filler = true;
    }
  }
}
