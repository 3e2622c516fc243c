/** `star.missing-result`: the story stops without an outcome. */
import type { Check } from './types.ts';

export const starMissingResult: Check = {
  code: 'star.missing-result',
  kinds: 'all',
  detect(context) {
    if (!context.partAbsent('result')) return undefined;
    const last = context.answer.sentences[context.answer.sentences.length - 1];
    return {
      code: 'star.missing-result',
      detail:
        'the story stops without saying how it ended for the business, the stakeholders or the on-call',
      evidence: last ? [{ startWord: last.startWord, endWord: last.endWord }] : [],
    };
  },
  praise(context) {
    return context.sections.length === 4 ? 'All four STAR parts are there, in order.' : undefined;
  },
};
