/** `delivery.pace-slow`: too slow overall, or a sustained slow stretch (timed answers only). */
import { detectPace } from './pace.ts';
import type { Check } from './types.ts';

export const deliveryPaceSlow: Check = {
  code: 'delivery.pace-slow',
  kinds: 'all',
  detect: (context) => detectPace(context, 'delivery.pace-slow'),
};
