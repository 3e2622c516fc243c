/** `result.technical-only`: the result names technical work and no business or reliability outcome. */
import { findPhrases, hasPhrase } from '../phrases.ts';
import { quote, termRange, toWordSpan } from './context.ts';
import type { Check } from './types.ts';

export const resultTechnicalOnly: Check = {
  code: 'result.technical-only',
  kinds: 'all',
  detect(context) {
    const { answer, rubric, sections } = context;
    const first = context.resultRegion[0];
    if (first === undefined) return undefined;
    const results = sections.filter((section) => section.part === 'result');
    const technical = results.some((span) => {
      const { from, to } = termRange(answer, span);
      return findPhrases(answer.terms, rubric.lexicon.technicalWork, from, to).length > 0;
    });
    const business = results.some((span) => {
      const { from, to } = termRange(answer, span);
      return hasPhrase(answer.terms, rubric.lexicon.businessOutcomes, from, to);
    });
    if (!technical || business) return undefined;
    const shown = results[0] ?? first;
    return {
      code: 'result.technical-only',
      detail: `the result (${quote(answer, shown)}) describes technical work only`,
      evidence: results.map(toWordSpan),
    };
  },
  praise(context) {
    return context.section('result')
      ? 'The result speaks to a business or reliability outcome.'
      : undefined;
  },
};
