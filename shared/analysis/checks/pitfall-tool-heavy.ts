/**
 * `pitfall.tool-heavy`: sentences that explain how a tool works rather than what you decided: a
 * sentence that explains and names a tool (and the explaining sentences right after it), and
 * asides outside the story (role "other") about a tool, with the asides that continue them.
 */
import type { Span } from '../answer-text.ts';
import { countWords } from '../answer-text.ts';
import { CHECK_CUES } from '../cues-en.ts';
import { hasPhrase } from '../phrases.ts';
import type { RoleUnit } from '../roles.ts';
import { toWordSpan } from './context.ts';
import type { Check } from './types.ts';

const CONTINUES_ASIDE = new Set(CHECK_CUES.continuesAside);

export const pitfallToolHeavy: Check = {
  code: 'pitfall.tool-heavy',
  kinds: 'all',
  detect({ answer, rubric, thresholds, units }) {
    const explains = (span: Span): boolean =>
      hasPhrase(answer.terms, rubric.lexicon.toolExplanation, span.startTerm, span.endTerm);
    const namesTool = (span: Span): boolean =>
      hasPhrase(answer.terms, rubric.lexicon.tools, span.startTerm, span.endTerm);
    // A sentence that explains a tool, and the explaining sentences right after it ("Basically the way it works is ...").
    const explaining: Span[] = [];
    let onTool = false;
    for (const sentence of answer.sentences) {
      onTool = explains(sentence) && (namesTool(sentence) || onTool);
      if (onTool) explaining.push(sentence);
    }
    // An aside continues on its subject ("It understood: ...") or as list fragments.
    const continues = (unit: RoleUnit): boolean =>
      unit.endWord - unit.startWord <= 8 || CONTINUES_ASIDE.has(answer.terms[unit.startTerm] ?? '');
    let aside = false;
    for (const unit of units) {
      aside = unit.role === 'other' && (namesTool(unit) || (aside && continues(unit)));
      if (
        aside &&
        !explaining.some((span) => span.startWord <= unit.startWord && span.endWord >= unit.endWord)
      )
        explaining.push(unit);
    }
    explaining.sort((a, b) => a.startWord - b.startWord);
    const words = explaining.reduce(
      (total, sentence) => total + countWords(answer, sentence.startWord, sentence.endWord),
      0,
    );
    if (
      words < thresholds.toolExplanationWords ||
      words / answer.wordCount < thresholds.toolExplanationShare
    )
      return undefined;
    const start = explaining[0]?.startWord ?? 0;
    const end = explaining[explaining.length - 1]?.endWord ?? start;
    const seconds = (answer.words[end - 1]?.end ?? 0) - (answer.words[start]?.start ?? 0);
    return {
      code: 'pitfall.tool-heavy',
      detail: `${words} words (${Math.round((words / answer.wordCount) * 100)}% of the answer${answer.estimated ? '' : `, about ${Math.round(seconds)} s`}) explain how tools work`,
      evidence: explaining.map(toWordSpan),
    };
  },
  praise() {
    return 'Tools come up only where they shape the story.';
  },
};
