/** `delivery.fillers`: fillers per minute above the rubric's limits. */
import { gradeSeverity } from '../detection.ts';
import { toWordSpan } from './context.ts';
import type { Check } from './types.ts';

export const deliveryFillers: Check = {
  code: 'delivery.fillers',
  kinds: 'all',
  detect({ fillers, thresholds }) {
    if (fillers.count < thresholds.minFillerCount) return undefined;
    const severity = gradeSeverity(fillers.perMinute, thresholds.fillersPerMinute, 'above');
    if (!severity) return undefined;
    const forms = Object.entries(fillers.byForm)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([form, count]) => `"${form}" ×${count}`)
      .join(', ');
    return {
      code: 'delivery.fillers',
      detail: `${fillers.count} fillers, ${fillers.perMinute} per minute (${forms})`,
      evidence: fillers.occurrences.map(toWordSpan),
      severity,
    };
  },
  praise({ fillers }) {
    return fillers.count === 0
      ? 'No fillers.'
      : `Only ${fillers.count} filler${fillers.count === 1 ? '' : 's'} (${fillers.perMinute} per minute).`;
  },
};
