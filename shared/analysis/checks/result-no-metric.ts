/** `result.no-metric`: the result has no outcome number. */
import { CHECK_CUES } from '../cues-en.ts';
import { compilePhrases, hasPhrase } from '../phrases.ts';
import { quote, quoteWords, termRange } from './context.ts';
import type { Check } from './types.ts';

const OPERATING_CHANGE = compilePhrases(CHECK_CUES.operatingChange);

export const resultNoMetric: Check = {
  code: 'result.no-metric',
  kinds: 'all',
  detect(context) {
    const { answer } = context;
    const region = context.resultRegion;
    const first = region[0];
    if (first === undefined || context.metric !== undefined) return undefined;
    const operating = region.some((span) => {
      const { from, to } = termRange(answer, span);
      return hasPhrase(answer.terms, OPERATING_CHANGE, from, to);
    });
    return {
      code: 'result.no-metric',
      detail: `the result (${quote(answer, first)}) has no outcome number: no money, time, percentage or count of incidents`,
      evidence: region,
      severity: operating ? 'info' : 'warning',
    };
  },
  praise(context) {
    const measured = context.metric;
    return measured
      ? `The result has a number: ${quoteWords(context.answer, measured.startWord, measured.endWord, 12)}.`
      : undefined;
  },
};
