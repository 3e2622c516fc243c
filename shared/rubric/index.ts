export type {
  FindingRule,
  Rubric,
  RubricDimension,
  RubricLexicon,
  RubricThresholds,
  SeverityLimits,
} from './types.ts';
export { DATA_ENGINEER_RUBRIC } from './data-engineer.ts';
export { compileRubric, validateRubric, type CompiledRubric } from './compile.ts';
export { DEFAULT_RUBRIC, RUBRICS, findRubric } from './catalog.ts';
export { SRE_RUBRIC } from './sre/index.ts';
