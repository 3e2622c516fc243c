/**
 * Rambling sections, each with its reason:
 * - circling back: an explicit return ("as I said", "going back to") or a sentence that repeats
 *   most of the content words of an earlier one;
 * - run-on: a very long sentence with no number and no outcome in it, or one that chains
 *   "and then ... and then ..." three times;
 * - hedging pile-up: several hedges ("I think", "maybe", "probably", "kind of") close together;
 * - digression: an aside marked by the speaker ("by the way", "side note", "long story short"),
 *   the sentence before an "anyway," that returns to the story, or a sentence in the middle that
 *   shares no content word with the rest of the answer and none of the role's vocabulary;
 * - org-chart preamble: the answer opens with sentences about the company and team structure.
 * All of it is cue-based and deterministic; the thresholds come from the rubric.
 */
import type { RubricThresholds } from '../rubric/types.ts';
import type { CompiledRubric } from '../rubric/compile.ts';
import { compilePhrases, findPhrases, hasPhrase, isNumberTerm } from './phrases.ts';
import type { AnswerText, Span } from './answer-text.ts';
import { countWords, termsToWords } from './answer-text.ts';
import { tellsOwnStory } from './star.ts';
import type { RamblingSection } from './types.ts';

const CIRCLING_BACK = compilePhrases([
  'as i said',
  'like i said',
  'as i mentioned',
  'like i mentioned',
  'as i was saying',
  'going back to',
  'coming back to',
  'back to what i',
  'to go back',
  'again as i',
  'as i say',
]);
const HEDGES = compilePhrases([
  'i think',
  'i guess',
  'i believe',
  'i suppose',
  'maybe',
  'probably',
  'perhaps',
  'possibly',
  'sort of',
  'kind of',
  'somewhat',
  'might',
  'might have',
  'not sure',
  "i'm not sure",
  'more or less',
  'it seems',
  'seemed like',
  'to some extent',
  'in a way',
  'i feel like',
  'sometimes',
  'i would say',
  'somehow',
  'arguably',
  'could have',
  "i don't know",
]);
const DIGRESSION = compilePhrases([
  'by the way',
  'side note',
  'on a side note',
  'tangent',
  'fun fact',
  'unrelated',
  'that reminds me',
  'long story short',
  'as an aside',
  'funny enough',
  'funnily enough',
  'off topic',
  'speaking of',
  'not that it matters',
  'random',
  'slightly different',
]);
const RETURN_FROM_DIGRESSION = compilePhrases(['anyway', 'anyways', 'but anyway', 'so anyway']);
const ORG_CHART = compilePhrases([
  'i worked at',
  'i work at',
  'i was working at',
  'i was at',
  'company',
  'startup',
  'team of',
  'reported to',
  'report to',
  'reporting to',
  'my manager',
  'our manager',
  'the org',
  'organization',
  'organisation',
  'department',
  'the team was',
  'our team was',
  'team consisted',
  'consisted of',
  'headcount',
  'series a',
  'series b',
  'founded',
  'we were a',
  'reporting line',
  'vp',
  'director',
  'division',
  'business unit',
  'head of',
  'sub team',
  'squad',
  'org chart',
  'employees',
  'people on',
  'org',
  'the team had',
  'our team had',
  'my team had',
  '# engineers',
  '# people',
  '# analysts',
  'we supported',
  'cto',
  'ceo',
  'reported into',
  'part of the',
]);
const CHAINERS = compilePhrases(['and then', 'and so', 'and also']);

const STOPWORDS = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'but',
  'so',
  'to',
  'of',
  'in',
  'on',
  'at',
  'for',
  'with',
  'from',
  'by',
  'as',
  'is',
  'was',
  'were',
  'are',
  'be',
  'been',
  'it',
  'its',
  "it's",
  'this',
  'that',
  'these',
  'those',
  'i',
  'we',
  'you',
  'they',
  'he',
  'she',
  'my',
  'our',
  'their',
  'me',
  'us',
  'them',
  'had',
  'have',
  'has',
  'did',
  'do',
  'not',
  'no',
  'then',
  'there',
  'which',
  'what',
  'when',
  'about',
  'into',
  'just',
  'like',
  'um',
  'uh',
  'very',
  'really',
  'also',
  'all',
  'one',
  'out',
  'up',
  'if',
  'would',
  'could',
  'because',
  'after',
  'before',
  'again',
  'any',
  'some',
  'more',
  'than',
]);

function contentWords(answer: AnswerText, sentence: Span): Set<string> {
  const set = new Set<string>();
  for (let at = sentence.startTerm; at < sentence.endTerm; at += 1) {
    const term = answer.terms[at] ?? '';
    if (term.length >= 3 && !STOPWORDS.has(term)) set.add(term);
  }
  return set;
}

/** Crude stem so "months" and "month" meet. */
const stem = (word: string): string => word.replace(/(?:ies|es|s|ed|ing)$/u, '');

/** A middle sentence of at least this many words with nothing in common with the story is off topic. */
const MIN_OFF_TOPIC_WORDS = 8;

/**
 * Whether the sentence touches the story through the lexicon or the speaker's own part. Numbers and
 * business outcomes also count, but findRambling has already computed those for the run-on check
 * and tests them before calling this.
 */
function onTopic(answer: AnswerText, sentence: Span, rubric: CompiledRubric): boolean {
  const { lexicon } = rubric;
  for (const set of [
    lexicon.tools,
    lexicon.stakeholders,
    lexicon.technicalWork,
    lexicon.hardening,
    lexicon.onCall,
  ]) {
    if (hasPhrase(answer.terms, set, sentence.startTerm, sentence.endTerm)) return true;
  }
  return tellsOwnStory(answer, sentence, rubric);
}

function section(
  answer: AnswerText,
  range: { startWord: number; endWord: number },
  reason: RamblingSection['reason'],
  message: string,
): RamblingSection {
  const start = answer.words[range.startWord]?.start ?? 0;
  const end = answer.words[range.endWord - 1]?.end ?? start;
  return { startWord: range.startWord, endWord: range.endWord, start, end, reason, message };
}

export function findRambling(answer: AnswerText, rubric: CompiledRubric): RamblingSection[] {
  const limits: RubricThresholds['rambling'] = rubric.rubric.thresholds.rambling;
  const { terms, sentences } = answer;
  const found: RamblingSection[] = [];

  // Org-chart preamble: consecutive org-chart sentences at the start.
  let preamble = 0;
  while (preamble < sentences.length) {
    const sentence = sentences[preamble];
    if (
      sentence === undefined ||
      !hasPhrase(terms, ORG_CHART, sentence.startTerm, sentence.endTerm)
    )
      break;
    preamble += 1;
  }
  const lastPreamble = sentences[preamble - 1];
  const firstSentence = sentences[0];
  if (
    preamble >= limits.orgChartSentences &&
    lastPreamble !== undefined &&
    firstSentence !== undefined
  ) {
    found.push(
      section(
        answer,
        { startWord: firstSentence.startWord, endWord: lastPreamble.endWord },
        'org-chart-preamble',
        `${preamble} opening sentences about the company and team before the problem; one sentence of context is enough.`,
      ),
    );
  }

  const contents = sentences.map((sentence) => contentWords(answer, sentence));
  const stems = contents.map((content) => new Set([...content].map(stem)));
  const seen: Set<string>[] = [];
  sentences.forEach((sentence, index) => {
    const words = countWords(answer, sentence.startWord, sentence.endWord);
    // Circling back.
    const explicit = findPhrases(terms, CIRCLING_BACK, sentence.startTerm, sentence.endTerm)[0];
    const content = contents[index] ?? new Set<string>();
    let repeats = -1;
    if (content.size >= 4) {
      seen.forEach((earlier, earlierIndex) => {
        let shared = 0;
        for (const word of content) if (earlier.has(word)) shared += 1;
        if (repeats < 0 && shared / content.size >= limits.repeatOverlap) repeats = earlierIndex;
      });
    }
    seen.push(content);
    if (explicit !== undefined) {
      found.push(
        section(
          answer,
          sentence,
          'circling-back',
          `You come back to something you already said ("${explicit.phrase}").`,
        ),
      );
    } else if (repeats >= 0) {
      found.push(
        section(
          answer,
          sentence,
          'circling-back',
          `This repeats sentence ${repeats + 1} instead of moving the story forward.`,
        ),
      );
    }

    // Run-on.
    let hasNumber = false;
    for (let at = sentence.startTerm; at < sentence.endTerm && !hasNumber; at += 1)
      hasNumber = isNumberTerm(terms[at] ?? '');
    const hasOutcome = hasPhrase(
      terms,
      rubric.lexicon.businessOutcomes,
      sentence.startTerm,
      sentence.endTerm,
    );
    const chains = findPhrases(terms, CHAINERS, sentence.startTerm, sentence.endTerm).length;
    if ((words > limits.runOnWords && !hasNumber && !hasOutcome) || (chains >= 3 && words >= 30)) {
      found.push(
        section(
          answer,
          sentence,
          'run-on',
          `A ${words}-word sentence that chains steps without landing a point; split it and say what it led to.`,
        ),
      );
    }

    // Digression.
    const aside = findPhrases(terms, DIGRESSION, sentence.startTerm, sentence.endTerm)[0];
    const previous = sentences[index - 1];
    if (aside !== undefined) {
      found.push(
        section(
          answer,
          sentence,
          'digression',
          `An aside ("${aside.phrase}") that pulls away from the story.`,
        ),
      );
    } else if (
      previous !== undefined &&
      hasPhrase(
        terms,
        RETURN_FROM_DIGRESSION,
        sentence.startTerm,
        Math.min(sentence.endTerm, sentence.startTerm + 3),
      )
    ) {
      found.push(
        section(
          answer,
          previous,
          'digression',
          'You say "anyway" right after this: it was a detour from the story.',
        ),
      );
    } else if (
      index > 0 &&
      index < sentences.length - 1 &&
      words >= MIN_OFF_TOPIC_WORDS &&
      !hasNumber &&
      !hasOutcome &&
      !onTopic(answer, sentence, rubric)
    ) {
      const own = stems[index] ?? new Set<string>();
      const shared = stems.some(
        (other, otherIndex) => otherIndex !== index && [...own].some((word) => other.has(word)),
      );
      if (!shared)
        found.push(
          section(
            answer,
            sentence,
            'digression',
            'This sentence has nothing in common with the rest of the story.',
          ),
        );
    }
  });

  // Hedging pile-up: clusters of hedges within a window of words.
  const hedges = findPhrases(terms, HEDGES);
  let clusterStart = 0;
  for (let index = 0; index < hedges.length; index += 1) {
    const first = hedges[clusterStart];
    const current = hedges[index];
    if (first === undefined || current === undefined) continue;
    const firstWord = answer.termWord[first.start] ?? 0;
    const currentWord = answer.termWord[current.start] ?? 0;
    if (currentWord - firstWord > limits.hedgeWindowWords) {
      clusterStart += 1;
      index -= 1;
      continue;
    }
    const next = hedges[index + 1];
    const nextFits =
      next !== undefined &&
      (answer.termWord[next.start] ?? 0) - firstWord <= limits.hedgeWindowWords;
    const size = index - clusterStart + 1;
    if (size >= limits.hedgesInWindow && !nextFits) {
      const range = termsToWords(answer, first.start, current.end);
      const phrases = hedges
        .slice(clusterStart, index + 1)
        .map((hedge) => `"${hedge.phrase}"`)
        .join(', ');
      found.push(
        section(
          answer,
          range,
          'hedging',
          `${size} hedges close together (${phrases}); say what you decided.`,
        ),
      );
      clusterStart = index + 1;
    }
  }

  const unique = new Map<string, RamblingSection>();
  for (const item of found) unique.set(`${item.startWord}:${item.endWord}:${item.reason}`, item);
  return [...unique.values()].sort((a, b) => a.startWord - b.startWord || a.endWord - b.endWord);
}
