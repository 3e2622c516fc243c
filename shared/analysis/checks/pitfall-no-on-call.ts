/** `pitfall.no-on-call`: an incident story with no moment of owning production. */
import { quoteWords, whole } from './context.ts';
import type { Check } from './types.ts';

export const pitfallNoOnCall: Check = {
  code: 'pitfall.no-on-call',
  kinds: ['incident'],
  detect(context) {
    if (context.onCall.length > 0) return undefined;
    const opening =
      context.section('situation') ?? context.answer.sentences[0] ?? whole(context.answer);
    return {
      code: 'pitfall.no-on-call',
      detail:
        'nothing says you were on call, paged, took the incident, or that it was escalated to you',
      evidence: [{ startWord: opening.startWord, endWord: opening.endWord }],
    };
  },
  praise(context) {
    const onCall = context.onCall[0];
    return onCall
      ? `On-call moment: ${quoteWords(context.answer, onCall.startWord, onCall.endWord)}.`
      : undefined;
  },
};
