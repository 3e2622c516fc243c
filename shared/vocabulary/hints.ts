/**
 * The speech hints of one answer (see SpeechHints), built from the attempt: its question, the story
 * draft the user picked, and the role's vocabulary; and their validation where they cross into the
 * engine process.
 */
import { DATA_ENGINEER_VOCABULARY } from './data-engineer.ts';
import { MAX_HINT_CHARS, MAX_HINT_TERMS, type RoleVocabulary, type SpeechHints } from './types.ts';

/** Both lists, alternately (each is in order of how often the role says it; a prompt takes a prefix). */
function interleave(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]!);
    if (i < b.length) out.push(b[i]!);
  }
  return out;
}

export function speechHintsFor(
  question: { prompt: string },
  story?: { draft: string } | null,
  vocabulary: RoleVocabulary = DATA_ENGINEER_VOCABULARY,
): SpeechHints {
  const draft = story?.draft.trim() ?? '';
  return {
    question: question.prompt.trim().slice(0, MAX_HINT_CHARS),
    ...(draft ? { draft: draft.slice(0, MAX_HINT_CHARS) } : {}),
    terms: interleave(vocabulary.tools, vocabulary.terms),
  };
}

/** Checks hints received from another process; throws an Error naming what is wrong. */
export function checkSpeechHints(value: unknown): SpeechHints {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('Speech hints must be an object with question, draft and terms.');
  const { question, draft, terms, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    throw new Error(`Speech hints have unknown field(s): ${unknown.join(', ')}.`);
  const text = (name: string, v: unknown): string | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new Error(`Speech hint ${name} must be a string.`);
    if (v.length > MAX_HINT_CHARS)
      throw new Error(`Speech hint ${name} is longer than ${MAX_HINT_CHARS} characters.`);
    return v;
  };
  const hints: SpeechHints = {};
  const q = text('question', question);
  const d = text('draft', draft);
  if (q !== undefined) hints.question = q;
  if (d !== undefined) hints.draft = d;
  if (terms !== undefined) {
    if (!Array.isArray(terms) || terms.some((t) => typeof t !== 'string' || t.length > 100))
      throw new Error('Speech hint terms must be a list of strings of at most 100 characters.');
    if (terms.length > MAX_HINT_TERMS)
      throw new Error(`Speech hints carry at most ${MAX_HINT_TERMS} terms; got ${terms.length}.`);
    hints.terms = terms as string[];
  }
  return hints;
}
