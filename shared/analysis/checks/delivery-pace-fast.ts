/** `delivery.pace-fast`: too fast overall, or a sustained fast stretch (timed answers only). */
import { detectPace } from './pace.ts';
import type { Check } from './types.ts';

export const deliveryPaceFast: Check = {
  code: 'delivery.pace-fast',
  kinds: 'all',
  detect: (context) => detectPace(context, 'delivery.pace-fast'),
  praise({ timing }, fired) {
    if (timing.estimated)
      return `Pace not judged: times are estimated at ${timing.estimatedWordsPerMinute ?? '?'} words per minute (text only).`;
    if (fired.has('delivery.pace-slow')) return undefined;
    return `A steady pace: ${Math.round(timing.wordsPerMinute)} words per minute.`;
  },
};
