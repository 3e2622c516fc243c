/**
 * What an answer's story is about: for each story kind (`shared/stories/kinds.ts`), the distinct
 * cues of that kind the answer uses (`STORY_KIND_CUES`), and the kind it is mostly about. Used to
 * tell whether the story answers the question (`relevance.off-question`) and whether it is an
 * incident whatever the question (`pitfall.no-on-call`, `pitfall.no-post-incident-change`).
 */
import { STORY_KINDS, type StoryKind } from '../stories/kinds.ts';
import type { RubricThresholds } from '../rubric/types.ts';
import type { AnswerText } from './answer-text.ts';
import { STORY_KIND_CUES } from './cues-en.ts';
import { compilePhrases, findPhrases, type PhraseMatch, type PhraseSet } from './phrases.ts';

const CUE_SETS: ReadonlyMap<StoryKind, PhraseSet> = new Map(
  STORY_KINDS.map((kind) => [kind, compilePhrases(STORY_KIND_CUES[kind])]),
);

export interface KindEvidence {
  kind: StoryKind;
  /** Distinct cues of the kind in the answer (each counted once however often it occurs). */
  cues: string[];
  /** Every match, in order (for quoting where the story shows it). */
  matches: PhraseMatch[];
}

const cache = new WeakMap<AnswerText, KindEvidence[]>();

/** The evidence for each story kind, strongest first (ties in the order of `STORY_KINDS`). */
export function storyKindEvidence(answer: AnswerText): KindEvidence[] {
  const cached = cache.get(answer);
  if (cached !== undefined) return cached;
  const evidence = STORY_KINDS.map((kind) => {
    const set = CUE_SETS.get(kind);
    const matches = set === undefined ? [] : findPhrases(answer.terms, set);
    return { kind, cues: [...new Set(matches.map((match) => match.phrase))], matches };
  }).sort((a, b) => b.cues.length - a.cues.length);
  cache.set(answer, evidence);
  return evidence;
}

/** The distinct cues of one kind in the answer. */
export function kindCueCount(answer: AnswerText, kind: StoryKind): number {
  return storyKindEvidence(answer).find((item) => item.kind === kind)?.cues.length ?? 0;
}

/**
 * Whether the story is an incident, whatever the question: from the attempt's story when it has
 * one (`'story'`: its kinds include incident), else from the answer (`'answer'`: at least
 * `storyKind.minCues` distinct incident cues, more than any other kind has). Undefined when not.
 */
export function incidentStory(
  answer: AnswerText,
  thresholds: RubricThresholds,
  storyKinds?: readonly StoryKind[],
): 'story' | 'answer' | undefined {
  if (storyKinds !== undefined && storyKinds.length > 0)
    return storyKinds.includes('incident') ? 'story' : undefined;
  const [top, next] = storyKindEvidence(answer);
  if (top === undefined || top.kind !== 'incident') return undefined;
  const cues = top.cues.length;
  return cues >= thresholds.storyKind.minCues && cues > (next?.cues.length ?? 0)
    ? 'answer'
    : undefined;
}
