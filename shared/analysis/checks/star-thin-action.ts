/** `star.thin-action`: the action is too small a share of the answer, or nothing reads clearly as action. */
import { gradeSeverity } from '../detection.ts';
import { partShare } from '../star.ts';
import { percent, toWordSpan } from './context.ts';
import type { Check } from './types.ts';

export const starThinAction: Check = {
  code: 'star.thin-action',
  kinds: 'all',
  detect(context) {
    const { sections, thresholds } = context;
    const actions = sections.filter((section) => section.part === 'action');
    // No sentence reads clearly as action, yet some might be: thin at best.
    if (actions.length === 0) {
      if (context.partAbsent('action')) return undefined;
      return {
        code: 'star.thin-action',
        detail: 'no sentence reads clearly as something you did',
        evidence: [],
        severity: gradeSeverity(0, thresholds.actionShare, 'below') ?? 'warning',
      };
    }
    const share = partShare(sections, 'action');
    const severity = gradeSeverity(share, thresholds.actionShare, 'below');
    if (!severity) return undefined;
    return {
      code: 'star.thin-action',
      detail: `the action is only ${percent(share)} of the answer`,
      evidence: actions.map(toWordSpan),
      severity,
    };
  },
  praise(context) {
    const action = context.section('action');
    return action ? `Action is ${percent(action.wordShare)} of the answer.` : undefined;
  },
};
