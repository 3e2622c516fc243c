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
