/** `star.missing-task`: nothing says what was asked, owned, or what the real problem was. */
import type { Check } from './types.ts';

export const starMissingTask: Check = {
  code: 'star.missing-task',
  kinds: 'all',
  detect(context) {
    if (!context.partAbsent('task')) return undefined;
    // Where the task should have been: before the first action or result.
    const next = context.sections.find(
      (section) => section.part === 'action' || section.part === 'result',
    );
    return {
      code: 'star.missing-task',
      detail:
        'it never says what you were asked to do, what you owned, or what the real problem turned out to be',
      evidence: next ? [{ startWord: next.startWord, endWord: next.endWord }] : [],
    };
  },
};
