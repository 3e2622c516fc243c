/** A prepared story: the unit of the guide's practice routine. */
import type { StoryKind } from './kinds.ts';

export interface Story {
  /** Stable id (assigned by storage). */
  id: string;
  title: string;
  /** What the story is about; one story may cover several kinds. */
  kinds: StoryKind[];
  /** The written draft (the guide: about 250 words, prose, not bullets). May be empty. */
  draft: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
}

/** The draft length the guide asks for. */
export const DRAFT_TARGET_WORDS = 250;
/** The inventory size the guide asks for. */
export const INVENTORY_TARGET = { min: 6, max: 8 } as const;

/** What the routine needs to know about one finished attempt. */
export interface RoutineAttempt {
  attemptId: string;
  questionId: string;
  /** The story the attempt told, when the user picked one (or it was detected). */
  storyId?: string;
  /** Overall score 0..100 (absent while not analysed). */
  score?: number;
  /** ISO 8601. */
  createdAt: string;
}
