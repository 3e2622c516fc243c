/**
 * analyzeAnswer: transcript + question → AnswerReport. Pure and deterministic; the same code runs
 * in the CLI, the main process and the renderer.
 */
import { QUESTION_KINDS, type Question, type QuestionKind } from '../questions/bank.ts';
import type { StoryKind } from '../stories/kinds.ts';
import { compileRubric, type CompiledRubric } from '../rubric/compile.ts';
import { DATA_ENGINEER_RUBRIC } from '../rubric/data-engineer.ts';
import type { Rubric } from '../rubric/types.ts';
import type { Transcript } from '../transcript/types.ts';
import {
  AnalysisInputError,
  buildAnswerText,
  timedRange,
  type AnswerText,
  type WordSource,
} from './answer-text.ts';
import { CHECKS, CheckContext } from './checks/index.ts';
import type { Detection } from './detection.ts';
import { findFillers, markFillers, summarizeFillers } from './fillers.ts';
import { appliesTo, toFindings } from './findings.ts';
import { findRambling } from './rambling.ts';
import { scoreAnswer } from './score.ts';
import type { RoleModel } from './roles.ts';
import { partShare, segmentStar } from './star.ts';
import { incidentStory } from './story-kind.ts';
import type { Strength } from './strengths.ts';
import { measureTiming } from './timing.ts';
import type { AnswerReport, FillerReport, TimingReport } from './types.ts';

/** The speaking rate assumed for a text-only transcript, stated in the report. */
export const DEFAULT_ESTIMATED_WORDS_PER_MINUTE = 150;

export interface AnalyzeOptions {
  /** The rubric to judge by; `DATA_ENGINEER_RUBRIC` by default. */
  rubric?: Rubric;
  /** Length of the recording, when the transcript does not say. */
  durationSec?: number;
  /** Speaking rate for estimating times of a text-only transcript (default 150, stated in the report). */
  estimatedWordsPerMinute?: number;
  /**
   * The kinds of the story the attempt tells, when it has one: they decide whether incident checks
   * apply to a question of another kind (without them, the answer's words do).
   */
  storyKinds?: readonly StoryKind[];
  /** The sentence-role model; the fitted `ROLE_MODEL` by default (the fit's cross-validation passes its own). */
  roleModel?: RoleModel;
}

function checkQuestion(question: Question): void {
  if (
    question === null ||
    typeof question !== 'object' ||
    typeof question.id !== 'string' ||
    question.id.length === 0
  ) {
    throw new AnalysisInputError('The question needs an id (e.g. "pipeline-broke").');
  }
  if (!QUESTION_KINDS.includes(question.kind)) {
    throw new AnalysisInputError(
      `Question "${question.id}" has unknown kind "${String(question.kind)}"; expected one of ${QUESTION_KINDS.join(', ')}.`,
    );
  }
}

/** The answer as every later step sees it: words (fillers marked), sentences, the rubric. */
export interface PreparedAnswer {
  answer: AnswerText;
  rubric: CompiledRubric;
  timing: TimingReport;
  fillers: FillerReport;
}

/** Checks the input and builds the answer text, timing and fillers (the first steps of `analyzeAnswer`). */
export function prepareAnswer(
  transcript: Transcript,
  question: Question,
  options: AnalyzeOptions = {},
): PreparedAnswer {
  checkQuestion(question);
  const rubric = compileRubric(options.rubric ?? DATA_ENGINEER_RUBRIC);
  const { thresholds } = rubric.rubric;
  const source: WordSource = {
    estimatedWordsPerMinute: options.estimatedWordsPerMinute ?? DEFAULT_ESTIMATED_WORDS_PER_MINUTE,
    pauseSeconds: thresholds.pauseSeconds,
  };
  const durationSec = options.durationSec ?? transcript?.durationSec;
  if (durationSec !== undefined) source.durationSec = durationSec;
  const answer = buildAnswerText(transcript, source);

  const timing = measureTiming(answer, thresholds);
  const fillerOccurrences = findFillers(answer);
  markFillers(answer.words, fillerOccurrences);
  const fillers = summarizeFillers(answer, fillerOccurrences);
  return { answer, rubric, timing, fillers };
}

export function analyzeAnswer(
  transcript: Transcript,
  question: Question,
  options: AnalyzeOptions = {},
): AnswerReport {
  const { answer, rubric, timing, fillers } = prepareAnswer(transcript, question, options);
  const { thresholds } = rubric.rubric;
  const rambling = findRambling(answer, rubric);
  const { sections, units } = segmentStar(answer, rubric, options.roleModel);

  const kind = question.kind;
  const incident =
    kind === 'incident' ? undefined : incidentStory(answer, thresholds, options.storyKinds);
  const kinds: QuestionKind[] = incident === undefined ? [kind] : [kind, 'incident'];
  const context = new CheckContext({
    answer,
    rubric,
    question,
    kind,
    kinds,
    timing,
    fillers,
    rambling,
    sections,
    units,
  });
  // The checks the rubric lists, for this kind of story.
  const checks = CHECKS.filter((check) => appliesTo(rubric, check.code, kinds));
  const detections = checks
    .map((check) => check.detect(context))
    .filter((item): item is Detection => item !== undefined);
  const findings = toFindings(answer, detections, rubric, kinds);
  const fired = new Set(findings.map((finding) => finding.code));
  const strengths: Strength[] = [];
  for (const check of checks) {
    if (fired.has(check.code) || check.praise === undefined) continue;
    const text = check.praise(context, fired);
    if (text !== undefined) strengths.push({ code: check.code, text });
  }

  return {
    questionId: question.id,
    questionKind: kind,
    ...(incident === undefined ? {} : { incidentStory: incident }),
    rubricId: rubric.rubric.id,
    words: answer.words,
    ...(answer.unclear.length > 0 ? { unclear: answer.unclear } : {}),
    timing,
    fillers,
    rambling,
    sections,
    roles: units.map((unit) => ({
      ...timedRange(answer, unit.startWord, unit.endWord),
      role: unit.role,
      confidence: unit.confidence,
    })),
    findings,
    score: scoreAnswer(
      findings,
      strengths,
      rubric,
      answer.wordCount,
      partShare(sections, 'action'),
    ),
  };
}
