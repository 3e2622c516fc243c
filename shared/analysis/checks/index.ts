/**
 * The registry: every finding check, in the one place the engine and rubric validation read. A
 * rubric lists the codes it uses (`shared/rubric/`); `analyzeAnswer` runs the listed checks that
 * apply to the story's kind. The order is the order in which "what went well" lines are listed in
 * each dimension; findings are ordered by severity and position, whatever the order here.
 */
import type { FindingCode } from '../types.ts';
import { deliveryFillers } from './delivery-fillers.ts';
import { deliveryPaceFast } from './delivery-pace-fast.ts';
import { deliveryPaceSlow } from './delivery-pace-slow.ts';
import { deliveryRambling } from './delivery-rambling.ts';
import { lengthLong } from './length-long.ts';
import { lengthShort } from './length-short.ts';
import { pitfallBlamesUpstream } from './pitfall-blames-upstream.ts';
import { pitfallNoOnCall } from './pitfall-no-on-call.ts';
import { pitfallNoPostIncidentChange } from './pitfall-no-post-incident-change.ts';
import { pitfallToolHeavy } from './pitfall-tool-heavy.ts';
import { pitfallVagueWe } from './pitfall-vague-we.ts';
import { relevanceOffQuestion } from './relevance-off-question.ts';
import { resultNoMetric } from './result-no-metric.ts';
import { resultTechnicalOnly } from './result-technical-only.ts';
import { starLongSituation } from './star-long-situation.ts';
import { starMissingAction } from './star-missing-action.ts';
import { starMissingResult } from './star-missing-result.ts';
import { starMissingSituation } from './star-missing-situation.ts';
import { starMissingTask } from './star-missing-task.ts';
import { starThinAction } from './star-thin-action.ts';
import { tradeoffNoNumbers } from './tradeoff-no-numbers.ts';
import type { Check } from './types.ts';

export const CHECKS: readonly Check[] = [
  lengthShort,
  lengthLong,
  starMissingSituation,
  starMissingTask,
  starMissingAction,
  starMissingResult,
  starThinAction,
  starLongSituation,
  pitfallNoPostIncidentChange,
  resultNoMetric,
  resultTechnicalOnly,
  tradeoffNoNumbers,
  relevanceOffQuestion,
  pitfallVagueWe,
  pitfallNoOnCall,
  pitfallBlamesUpstream,
  pitfallToolHeavy,
  deliveryRambling,
  deliveryFillers,
  deliveryPaceFast,
  deliveryPaceSlow,
];

const BY_CODE: ReadonlyMap<FindingCode, Check> = new Map(
  CHECKS.map((check) => [check.code, check]),
);

/** The check that raises a finding code, if one is registered. */
export function checkFor(code: FindingCode): Check | undefined {
  return BY_CODE.get(code);
}

/** Every code a check can raise (what a rubric may list). */
export const CHECK_CODES: readonly FindingCode[] = CHECKS.map((check) => check.code);

export { CheckContext, type CheckInput } from './context.ts';
export type { Check } from './types.ts';
