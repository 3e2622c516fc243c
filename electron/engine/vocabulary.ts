/**
 * The vocabulary prompt: what the decoder is told to expect before it hears an answer. Whisper reads
 * text placed after <|startofprev|> as what was said before, and spells what it hears the way that
 * text does; OpenAI's `initial_prompt` works this way. The prompt is built from the answer's speech
 * hints (shared/vocabulary) within a token budget, in order of how likely the words are to be said:
 *
 * 1. the question, as a sentence (the user answers it, often in its words);
 * 2. the draft's rare words: words Whisper's tokenizer splits into two or more pieces (its own
 *    measure of rarity; common words are one piece and need no help), proper names, numbers;
 * 3. the role's terms, those the question or draft mention first.
 *
 * Words are listed, not the draft's sentences: a long prompt of sentences makes Whisper skip or copy
 * text, a short list only shifts its spelling.
 */
import type { SpeechHints } from '../../shared/vocabulary/types.ts';

/** Tokens the vocabulary prompt may use (Whisper's whole prompt allows 223; see whisper.ts). */
export const VOCABULARY_TOKENS = 96;
/** A question longer than this many tokens is left out (a custom question can be anything). */
const MAX_QUESTION_TOKENS = 48;

const normalise = (word: string): string => word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** The draft's words worth priming, in order of first appearance, without repeats. */
function draftKeywords(draft: string, pieces: (word: string) => number): string[] {
  const seen = new Set<string>();
  const keywords: string[] = [];
  const sentences = draft.split(/(?<=[.!?])\s+/u);
  for (const sentence of sentences) {
    const words = sentence.split(/\s+/u);
    words.forEach((raw, index) => {
      const word = raw.replace(/^[^\p{L}\p{N}$]+|[^\p{L}\p{N}%]+$/gu, '');
      const key = normalise(word);
      if (key.length < 2 || seen.has(key)) return;
      const named = index > 0 && /\p{Lu}/u.test(word); // a capital mid-sentence: a name
      const rare = pieces(word) >= 2 && key.length >= 4;
      if (!named && !rare && !/\d/u.test(word)) return;
      seen.add(key);
      keywords.push(word);
    });
  }
  return keywords;
}

/**
 * The prompt text for `hints` in at most `budget` tokens (`count` gives the token count of a text as
 * it would follow other text, i.e. with its leading space). Empty when there is nothing to say.
 */
export function vocabularyPrompt(
  hints: SpeechHints,
  count: (text: string) => number,
  budget = VOCABULARY_TOKENS,
): string {
  const question = hints.question?.trim().replace(/\s+/gu, ' ') ?? '';
  const parts: string[] = [];
  let used = 0;
  if (question && count(question) <= Math.min(MAX_QUESTION_TOKENS, budget)) {
    parts.push(/[.!?]$/u.test(question) ? question : `${question}.`);
    used = count(parts[0]!);
  }
  const draft = hints.draft ? draftKeywords(hints.draft, count) : [];
  const phrase = (text: string): string => ` ${text.split(/\s+/u).map(normalise).join(' ')} `;
  const mentioned = phrase(`${question} ${hints.draft ?? ''}`);
  const terms = [...(hints.terms ?? [])];
  const said = terms.filter((t) => mentioned.includes(phrase(t)));
  const other = terms.filter((t) => !mentioned.includes(phrase(t)));
  const words: string[] = [];
  const inQuestion = new Set(question.split(/\s+/u).map(normalise));
  const seen = new Set<string>();
  for (const word of [...draft, ...said, ...other]) {
    const key = normalise(word);
    // A word the question already says is primed by it.
    if (seen.has(key) || inQuestion.has(key)) continue;
    // A list of words, comma-separated, ending in a full stop.
    const cost = count(`${word},`);
    if (used + cost + 1 > budget) continue;
    seen.add(key);
    words.push(word);
    used += cost;
  }
  if (words.length > 0) parts.push(`${words.join(', ')}.`);
  return parts.join(' ');
}
