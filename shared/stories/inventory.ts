/** The story inventory at a glance: how many stories, which guide kinds are still uncovered. */
import { splitWords } from '../transcript/words.ts';
import { GUIDE_STORY_KINDS, type StoryKind } from './kinds.ts';
import { DRAFT_TARGET_WORDS, INVENTORY_TARGET, type Story } from './types.ts';

export interface InventorySummary {
  count: number;
  target: typeof INVENTORY_TARGET;
  /** 'short' below the guide's six stories, 'many' above eight. */
  status: 'short' | 'ok' | 'many';
  /** Guide kinds no story covers yet, in the guide's order. */
  uncoveredKinds: StoryKind[];
  /** Stories whose draft is still empty. */
  withoutDraft: string[];
}

/** Words in a draft, counted the way the analysis counts words of a text answer. */
export function draftWordCount(draft: string): number {
  return splitWords(draft).length;
}

/** "183 / 250 words": the draft's length against the guide's target. */
export function draftLengthLabel(draft: string): string {
  return `${draftWordCount(draft)} / ${DRAFT_TARGET_WORDS} words`;
}

export function summarizeInventory(stories: readonly Story[]): InventorySummary {
  const covered = new Set(stories.flatMap((story) => story.kinds));
  const count = stories.length;
  return {
    count,
    target: INVENTORY_TARGET,
    status: count < INVENTORY_TARGET.min ? 'short' : count > INVENTORY_TARGET.max ? 'many' : 'ok',
    uncoveredKinds: GUIDE_STORY_KINDS.filter((kind) => !covered.has(kind)),
    withoutDraft: stories.filter((story) => story.draft.trim().length === 0).map((s) => s.id),
  };
}
