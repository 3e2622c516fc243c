/** `star.missing-situation`: the answer starts in the middle, with no context. */
import type { Check } from './types.ts';

export const starMissingSituation: Check = {
  code: 'star.missing-situation',
  kinds: 'all',
  detect(context) {
    if (!context.partAbsent('situation')) return undefined;
    const first = context.answer.sentences[0];
    return {
      code: 'star.missing-situation',
      detail:
        'the answer starts straight in the middle, without the system, the symptom or who was affected',
      evidence: first ? [{ startWord: first.startWord, endWord: first.endWord }] : [],
    };
  },
};
