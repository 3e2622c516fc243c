/**
 * `star.missing-action`: no part tells the steps the speaker took. A `problem` only when the role
 * model is sure no unit is action; when some unit is a faint candidate the finding is a warning
 * (on the dev set of real answers the faint-candidate case was right on 2 of 3 answers, too
 * unreliable to sink an answer on its own).
 */
import { toWordSpan } from './context.ts';
import type { Check } from './types.ts';

export const starMissingAction: Check = {
  code: 'star.missing-action',
  kinds: 'all',
  detect(context) {
    if (!context.partAbsent('action')) return undefined;
    const sure = context.absentCertainty('action') === 'sure';
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
