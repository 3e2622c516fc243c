/** `delivery.rambling`: circling back, run-ons, hedging, digressions, org-chart preamble. */
import { formatClock } from '../../transcript/words.ts';
import { gradeSeverity } from '../detection.ts';
import type { RamblingSection } from '../types.ts';
import { toWordSpan } from './context.ts';
import type { Check } from './types.ts';

const REASON_LABEL: Record<RamblingSection['reason'], string> = {
  'circling-back': 'circling back',
  'run-on': 'run-on',
  hedging: 'hedging pile-up',
  digression: 'digression',
  'org-chart-preamble': 'org-chart preamble',
};

export const deliveryRambling: Check = {
  code: 'delivery.rambling',
  kinds: 'all',
  detect({ answer, rambling, thresholds }) {
    const graded = gradeSeverity(rambling.length, thresholds.rambling.sections, 'atLeast');
    if (rambling.length === 0 || graded === undefined) return undefined;
    const list = rambling
      .map(
        (section) =>
          `${REASON_LABEL[section.reason]}${answer.estimated ? '' : ` at ${formatClock(section.start ?? 0)}`}`,
      )
      .join(', ');
    return {
      code: 'delivery.rambling',
      detail: `${rambling.length} rambling section${rambling.length === 1 ? '' : 's'}: ${list}`,
      evidence: rambling.map(toWordSpan),
      severity: graded,
    };
  },
  praise({ rambling }) {
    return rambling.length === 0
      ? 'No rambling: no circling back, run-ons, hedging, digressions or preamble.'
      : undefined;
  },
};
