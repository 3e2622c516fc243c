/** `pitfall.no-post-incident-change`: the fire got put out but nothing was hardened. */
import { quote, quoteWords } from './context.ts';
import type { Check } from './types.ts';

export const pitfallNoPostIncidentChange: Check = {
  code: 'pitfall.no-post-incident-change',
  kinds: ['incident'],
  detect(context) {
    if (context.hardening.length > 0) return undefined;
    const end = context.ending;
    return {
      code: 'pitfall.no-post-incident-change',
      detail: `nothing from the incident to the end (${quote(context.answer, end)}) says you added or changed a test, alert, runbook or contract`,
      evidence: [end],
    };
  },
  praise(context) {
    const hardening = context.hardening[0];
    return hardening
      ? `Durable change: ${quoteWords(context.answer, hardening.startWord, hardening.endWord, 10)}.`
      : undefined;
  },
};
