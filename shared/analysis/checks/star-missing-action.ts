/**
 * `star.missing-action`: no part tells the steps the speaker took. A `problem` only when the role
 * model is sure no unit is action and no unit even reads as a move of the speaker's (a
 * first-person move, a verb-first step, a habitual "I usually start by ..."); otherwise a warning
 * (on the dev set of real answers the faint-candidate case was right on 2 of 3 answers, too
 * unreliable to sink an answer on its own).
 */
import { readUnits } from '../roles.ts';
import { toWordSpan } from './context.ts';
import type { Check } from './types.ts';

export const starMissingAction: Check = {
  code: 'star.missing-action',
  kinds: 'all',
  detect(context) {
    if (!context.partAbsent('action')) return undefined;
    const sure =
      context.absentCertainty('action') === 'sure' &&
      !readUnits(context.answer, context.units, context.rubric).some(
        (reading) =>
          reading.moves + reading.outcomeMoves + reading.habitual > 0 || reading.verbFirst,
      );
    return {
      code: 'star.missing-action',
      detail: sure
        ? 'there is no part where you describe the steps you took'
        : 'no sentence clearly describes a step you took',
      evidence: context.sections.map(toWordSpan),
      ...(sure ? {} : { severity: 'warning' as const }),
    };
  },
};
