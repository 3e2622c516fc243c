/**
 * `relevance.off-question`: the answer tells a different story from the one the question asks
 * for. The story's kind comes from what it talks about (`story-kind.ts`); it is off the question
 * when a kind that cannot answer the question (`storyFitsQuestion`) clearly dominates, the kinds
 * that can are hardly there, and none of the question's own topic words comes up. The detail says
 * which of the points the interviewer listens for (`listeningFor`) the answer never touches.
 */
import type { Question } from '../../questions/bank.ts';
import { STORY_KIND_LABELS, storyFitsQuestion } from '../../stories/kinds.ts';
import { wordTerms } from '../../transcript/words.ts';
import type { AnswerText } from '../answer-text.ts';
import { QUESTION_FILLER_WORDS } from '../cues-en.ts';
import { storyKindEvidence, type KindEvidence } from '../story-kind.ts';
import { quote, toWordSpan } from './context.ts';
import type { Check } from './types.ts';

const FILLER = new Set(QUESTION_FILLER_WORDS);

/** A loose stem, so "migration" meets "migrated" and "mentored" meets "mentoring". */
const stem = (term: string): string => term.slice(0, Math.max(4, Math.min(6, term.length - 2)));

/** The content words of a text, as stems. */
function topicStems(text: string): string[] {
  const terms = text
    .split(/\s+/u)
    .flatMap((word) => wordTerms(word))
    .filter((term) => term.length > 2 && !FILLER.has(term));
  return [...new Set(terms.map(stem))];
}

/**
 * The points the interviewer listens for, from `listeningFor`: its parts split at commas and
 * sentence ends ("Detection time, communication, and the durable fix. Not heroics." → three
 * points; what the answer should not do is not a point).
 */
export function listeningPoints(question: Question): string[] {
  return question.listeningFor
    .split(/[.;]\s*|,\s*(?:and\s+)?/u)
    .map((part) => part.trim())
    .filter((part) => part.length > 0 && !/^(not|no|never)\b/iu.test(part));
}

/** The listening points none of whose content words the answer uses. */
function missingPoints(answer: AnswerText, question: Question): string[] {
  const said = new Set(answer.terms.map(stem));
  return listeningPoints(question).filter((point) =>
    topicStems(point).every((word) => !said.has(word)),
  );
}

/** The first words the story's kind shows in (four distinct cues, as said). */
function said4(answer: AnswerText, evidence: KindEvidence): string {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const match of evidence.matches) {
    if (seen.has(match.phrase) || words.length >= 4) continue;
    seen.add(match.phrase);
    words.push(`"${answer.terms.slice(match.start, match.end).join(' ')}"`);
  }
  return words.join(', ');
}

export const relevanceOffQuestion: Check = {
  code: 'relevance.off-question',
  kinds: 'all',
  detect({ answer, question, kind, thresholds, sections }) {
    const limits = thresholds.offQuestion;
    const evidence = storyKindEvidence(answer);
    const fits = evidence.filter((item) => storyFitsQuestion([item.kind], kind));
    const other = evidence.find((item) => !storyFitsQuestion([item.kind], kind));
    const fit = Math.max(0, ...fits.map((item) => item.cues.length));
    if (other === undefined || other.cues.length < limits.minOtherCues || fit > limits.maxFitCues)
      return undefined;
    const said = new Set(answer.terms.map(stem));
    if (topicStems(question.prompt).some((word) => said.has(word))) return undefined;
    // Where the story shows its kind: the sentences with its first cues.
    const shown = answer.sentences.filter((sentence) =>
      other.matches.some(
        (match) => match.start >= sentence.startTerm && match.start < sentence.endTerm,
      ),
    );
    const missing = missingPoints(answer, question);
    const label = STORY_KIND_LABELS[other.kind].toLowerCase();
    const first = shown[0] ?? sections[0];
    return {
      code: 'relevance.off-question',
      detail:
        `it tells ${/^[aeiou]/u.test(label) ? 'an' : 'a'} ${label} story (${said4(answer, other)}${first ? `: ${quote(answer, first)}` : ''}), ` +
        `while the question asks "${question.prompt}"` +
        (missing.length > 0 ? `; nothing in it speaks to ${missing.join(', ').toLowerCase()}` : ''),
      evidence: shown.slice(0, 3).map(toWordSpan),
    };
  },
};
