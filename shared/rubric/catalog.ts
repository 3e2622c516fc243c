/**
 * Every rubric the app and the CLI can judge by, by id. A rubric for another role is one folder
 * (like `sre/`) plus a line here.
 */
import { DATA_ENGINEER_RUBRIC } from './data-engineer.ts';
import { SRE_RUBRIC } from './sre/index.ts';
import type { Rubric } from './types.ts';

export const RUBRICS: readonly Rubric[] = [DATA_ENGINEER_RUBRIC, SRE_RUBRIC];

export const DEFAULT_RUBRIC = DATA_ENGINEER_RUBRIC;

export function findRubric(id: string): Rubric | undefined {
  return RUBRICS.find((rubric) => rubric.id === id);
}
