/** The answer-analysis core: the one entry point other parts of the app call. */
export {
  analyzeAnswer,
  DEFAULT_ESTIMATED_WORDS_PER_MINUTE,
  type AnalyzeOptions,
} from './analyze.ts';
export { AnalysisInputError, ANALYSIS_LIMITS } from './answer-text.ts';
export { formatReportText } from './format.ts';
export type * from './types.ts';
