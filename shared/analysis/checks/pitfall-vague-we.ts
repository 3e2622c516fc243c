/**
 * `pitfall.vague-we`: in the action part, statements whose subject is "we" / "our team" against
 * those whose subject is "I"; an explicit ownership statement anywhere ("I led", "I owned",
 * "I was on call") credits some "I" statements.
 */
import { quoteWords, toWordSpan } from './context.ts';
import type { Check } from './types.ts';

export const pitfallVagueWe: Check = {
  code: 'pitfall.vague-we',
  kinds: 'all',
  detect(context) {
    const limits = context.thresholds.vagueWe;
    const { iCount, weClauses } = context.statements;
    const ownership = context.ownership;
    const credit = ownership === undefined ? 0 : limits.ownershipCredit;
    const we = weClauses.length;
    // With no "I" at all and no ownership statement, one "we" already hides who did what.
    const minimum = iCount === 0 && ownership === undefined ? 1 : limits.minWeStatements;
    if (we < minimum || we / (we + iCount + credit) < limits.maxWeShare) return undefined;
    const total = we + iCount;
    return {
      code: 'pitfall.vague-we',
      detail: `${we} of ${total} statements in the action part say "we"${iCount === 0 ? ' and none says "I"' : ''}`,
      evidence: weClauses.map(toWordSpan),
      ...(iCount === 0 && ownership === undefined ? { severity: 'problem' as const } : {}),
    };
  },
  praise(context) {
    const { answer } = context;
    const { iCount, weClauses } = context.statements;
    const ownership = context.ownership;
    const we = weClauses.length;
    if (ownership !== undefined && we > iCount) {
      const owned = quoteWords(
        answer,
        answer.termWord[ownership.start] ?? 0,
        (answer.termWord[ownership.end - 1] ?? 0) + 1,
      );
      return `Ownership is explicit (${owned}), so the team's "we" reads as work you led.`;
    }
    if (iCount > 0)
      return `You speak for yourself: ${iCount} "I" against ${we} "we" statement${we === 1 ? '' : 's'} in the action part.`;
    return undefined;
  },
};
