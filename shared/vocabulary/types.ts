/** Words a role's answers are likely to contain, spelled as written. */
export interface RoleVocabulary {
  /** Tools and platforms (dbt, Airflow, ...). */
  tools: readonly string[];
  /** Terms of the trade (backfill, SLA, ...). */
  terms: readonly string[];
}

/**
 * What the speech recogniser is told to expect in one answer: the question asked, the story draft
 * the user picked (when there is one) and the role's vocabulary. Plain text; the engine turns it into
 * a decoder prompt within its token budget.
 */
export interface SpeechHints {
  question?: string;
  draft?: string;
  terms?: readonly string[];
}

/** Longest text a hint may carry (a story draft is about 250 words; this leaves ample room). */
export const MAX_HINT_CHARS = 20_000;
/** Most terms a hint may carry. */
export const MAX_HINT_TERMS = 500;
