/**
 * STAR segmentation: where the situation, task, action and result are.
 *
 * 1. The answer is cut into units: sentences, with very long sentences (no punctuation from the
 *    recogniser, or run-ons) cut further at clause breaks.
 * 2. Each unit gets a role, situation, task, action, result or other, with a confidence, from what
 *    it does (see `roles.ts`); position in the answer is a weak signal, not the decider.
 * 3. Each run of units with the same STAR role is a section, in order of appearance; "other" units
 *    (preamble, asides, lessons, tool explanations) belong to no section. A part may have several
 *    sections when the story interleaves; its share is the sum of theirs (`partShare`).
 */
import type { AnswerText, Span } from './answer-text.ts';
import { countWords } from './answer-text.ts';
import { TASK_CUES } from './cues-en.ts';
import { compilePhrases, hasPhrase } from './phrases.ts';
import { clausesWithActors } from './moments.ts';
import { classifyUnits, readUnit, readUnits, type RoleModel, type RoleUnit } from './roles.ts';
import type { StarPart, StarSection } from './types.ts';
import type { CompiledRubric } from '../rubric/compile.ts';

export const STAR_PARTS: readonly StarPart[] = ['situation', 'task', 'action', 'result'];

const TASK = compilePhrases(TASK_CUES);

/** Share of the answer's words in a part's sections. */
export function partShare(sections: readonly StarSection[], part: StarPart): number {
  return sections
    .filter((section) => section.part === part)
    .reduce((total, section) => total + section.wordShare, 0);
}

/** True when a span tells the story's own moves: "I checked", "Rewrote the queries", "my task was". */
export function tellsOwnStory(answer: AnswerText, span: Span, rubric: CompiledRubric): boolean {
  const reading = readUnit(answer, span, rubric);
  return (
    reading.moves > 0 ||
    reading.verbFirst ||
    hasPhrase(answer.terms, TASK, span.startTerm, span.endTerm)
  );
}

/** Sentences longer than this are cut at clause breaks into units of at least `MIN_UNIT_WORDS`. */
const MAX_UNIT_WORDS = 30;
const MIN_UNIT_WORDS = 8;

/** Units of the answer: sentences, with sentences over `maxWords` words cut at clause breaks. */
export function starUnits(answer: AnswerText, maxWords = MAX_UNIT_WORDS): Span[] {
  const units: Span[] = [];
  let clause = 0;
  for (const sentence of answer.sentences) {
    if (sentence.endWord - sentence.startWord <= maxWords) {
      units.push(sentence);
      continue;
    }
    let current: Span | undefined;
    for (; clause < answer.clauses.length; clause += 1) {
      const piece = answer.clauses[clause];
      if (piece === undefined || piece.startWord >= sentence.endWord) break;
      if (piece.endWord <= sentence.startWord) continue;
      if (current === undefined) current = { ...piece };
      else {
        current.endWord = piece.endWord;
        current.endTerm = piece.endTerm;
      }
      if (current.endWord - current.startWord >= MIN_UNIT_WORDS) {
        units.push(current);
        current = undefined;
      }
    }
    if (current !== undefined) {
      const previous = units[units.length - 1];
      if (previous !== undefined && previous.startWord >= sentence.startWord) {
        previous.endWord = current.endWord;
        previous.endTerm = current.endTerm;
      } else units.push(current);
    }
  }
  return units;
}

export interface StarSegmentation {
  /** The units with their roles and confidences. */
  units: RoleUnit[];
  sections: StarSection[];
}

/**
 * Sections from the units' roles: each run of units with the same STAR role is a section; units
 * whose role is "other" belong to no section.
 */
export function segmentStar(
  answer: AnswerText,
  rubric: CompiledRubric,
  model?: RoleModel,
): StarSegmentation {
  const spans = starUnits(answer);
  const units = classifyUnits(spans, readUnits(answer, spans, rubric), model);
  // Items of a list the speaker introduced as their own steps ("What I do is: list the tasks,
  // decide with product ...") are action, whatever their grammar.
  const items = clausesWithActors(answer).filter((clause) => clause.ownListItem);
  let itemSentence = -1;
  let sentence = 0;
  for (const unit of units) {
    if (items.length === 0) break;
    while ((answer.sentences[sentence]?.endWord ?? Infinity) <= unit.startWord) sentence += 1;
    const item = items.some(
      (clause) => clause.startWord < unit.endWord && clause.endWord > unit.startWord,
    );
    if (item) itemSentence = sentence;
    // The rest of an item's sentence belongs to the item ("decide ..., which others can wait").
    if (unit.role === 'other' && (item || sentence === itemSentence)) unit.role = 'action';
  }
  const first = answer.words[0];
  const last = answer.words[answer.words.length - 1];
  const span =
    first !== undefined && last !== undefined ? Math.max(1e-9, last.end - first.start) : 1;
  const sections: StarSection[] = [];
  let previousUnit: RoleUnit | undefined;
  for (const unit of units) {
    const part = unit.role;
    const previous = sections[sections.length - 1];
    if (part !== 'other') {
      if (previous !== undefined && previous.part === part && previousUnit?.role === part)
        previous.endWord = unit.endWord;
      else
        sections.push({
          part,
          startWord: unit.startWord,
          endWord: unit.endWord,
          wordShare: 0,
          timeShare: 0,
        });
    }
    previousUnit = unit;
  }
  for (const section of sections) {
    const start = answer.words[section.startWord]?.start ?? 0;
    const end = answer.words[section.endWord - 1]?.end ?? start;
    section.start = start;
    section.end = end;
    section.wordShare =
      Math.round(
        (countWords(answer, section.startWord, section.endWord) / answer.wordCount) * 1000,
      ) / 1000;
    section.timeShare = Math.round(((end - start) / span) * 1000) / 1000;
  }
  return { units, sections };
}
