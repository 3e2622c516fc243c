/** `star.missing-action`: no part tells the steps the speaker took. */
import { toWordSpan } from './context.ts';
import type { Check } from './types.ts';

export const starMissingAction: Check = {
  code: 'star.missing-action',
  kinds: 'all',
  detect(context) {
    if (!context.partAbsent('action')) return undefined;
    return {
      code: 'star.missing-action',
      detail: 'there is no part where you describe the steps you took',
      evidence: context.sections.map(toWordSpan),
    };
  },
};
