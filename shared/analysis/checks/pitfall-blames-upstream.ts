/**
 * `pitfall.blames-upstream`: another system or team is named as the cause and nothing from there
 * on says what the speaker did about it (contracts, checks, monitoring, escalation). Saying it was
 * their fault is blaming even when a response follows (then as a warning).
 */
import type { Detection } from '../detection.ts';
import { upstreamResponses } from '../moments.ts';
import { quote, toWordSpan } from './context.ts';
import type { Check } from './types.ts';

export const pitfallBlamesUpstream: Check = {
  code: 'pitfall.blames-upstream',
  kinds: 'all',
  detect(context) {
    const { answer, rubric } = context;
    const { explicit, causes } = context.upstream;
    const first = [...explicit, ...causes].sort((a, b) => a.startTerm - b.startTerm)[0];
    if (first === undefined) return undefined;
    const answered = upstreamResponses(answer, rubric, first.startTerm).length > 0;
    if (answered && explicit.length === 0) return undefined;
    const evidence = explicit.length > 0 ? explicit : causes;
    const shown = evidence[0] ?? first;
    const detection: Detection = {
      code: 'pitfall.blames-upstream',
      detail: answered
        ? `${quote(answer, shown)} puts the fault on another team, although you say what you did about it`
        : `${quote(answer, shown)} names another system or team as the cause, and nothing after it says how you responded`,
      evidence: evidence.map(toWordSpan),
    };
    if (answered) detection.severity = 'warning';
    return detection;
  },
  praise(context) {
    return context.upstream.causes.length > 0
      ? 'You name the upstream cause and what you did about it.'
      : undefined;
  },
};
