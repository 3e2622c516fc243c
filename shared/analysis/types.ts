import type { QuestionKind } from '../questions/bank.ts';
import type { UnclearSpan } from '../transcript/types.ts';

/** A half-open range of word indexes into `AnswerReport.words`: [startWord, endWord). */
export interface WordRange {
  startWord: number;
  endWord: number;
  /** Seconds, present when the transcript is timed (or estimated; see `TimingReport.estimated`). */
  start?: number;
  end?: number;
}

export type Severity = 'info' | 'warning' | 'problem';

/** Stable finding codes. New codes may be added; existing ones never change meaning. */
export const FINDING_CODES = [
  'length.short',
  'length.long',
  'star.missing-situation',
  'star.missing-task',
  'star.missing-action',
  'star.missing-result',
  'star.long-situation',
  'star.thin-action',
  'result.no-metric',
  'result.technical-only',
  'pitfall.vague-we',
  'pitfall.blames-upstream',
  'pitfall.no-post-incident-change',
  'pitfall.tool-heavy',
  'pitfall.no-on-call',
  'tradeoff.no-numbers',
  'relevance.off-question',
  'delivery.fillers',
  'delivery.rambling',
  'delivery.recited',
  'delivery.pace-fast',
  'delivery.pace-slow',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** Speaks to the candidate in the guide's terms. */
  message: string;
  /** What was found, without the advice (also the dimension score's reason line). */
  detail?: string;
  /** Where in the answer it shows; may be empty for something that is missing. */
  evidence: WordRange[];
}

/** A word of the analysed answer: the transcript's word plus its (possibly estimated) times. */
export interface AnalyzedWord {
  text: string;
  start: number;
  end: number;
  /** True when this word is a filler (um, uh, "you know", filler "like", ...). */
  filler?: boolean;
}

export interface Pause {
  /** Index of the word after which the pause falls. */
  afterWord: number;
  start: number;
  end: number;
  durationSec: number;
}

export interface PaceSample {
  /** Start of the window, seconds. */
  start: number;
  end: number;
  wordsPerMinute: number;
}

export interface TimingReport {
  durationSec: number;
  wordCount: number;
  /** Time spent speaking: duration minus pauses. */
  speakingSec: number;
  wordsPerMinute: number;
  /** Words per minute in consecutive windows (15 s by default). */
  paceOverTime: PaceSample[];
  pauses: Pause[];
  /** True when the transcript had no word timings and times were estimated. */
  estimated: boolean;
  /** The speaking rate used for estimation, when `estimated`. */
  estimatedWordsPerMinute?: number;
}

export interface FillerOccurrence extends WordRange {
  /** The filler in normal form: "um", "uh", "you know", "like", ... */
  filler: string;
}

export interface FillerReport {
  count: number;
  perMinute: number;
  /** Count per filler form, e.g. { um: 3, like: 2 }. */
  byForm: Record<string, number>;
  occurrences: FillerOccurrence[];
}

export type RamblingReason =
  'circling-back' | 'run-on' | 'hedging' | 'digression' | 'org-chart-preamble';

export interface RamblingSection extends WordRange {
  reason: RamblingReason;
  /** A short explanation for the candidate. */
  message: string;
}

export type StarPart = 'situation' | 'task' | 'action' | 'result';

export interface StarSection extends WordRange {
  part: StarPart;
  /** Share of the answer's words, 0..1. */
  wordShare: number;
  /** Share of the answer's time, 0..1. */
  timeShare: number;
}

/** What a sentence (or a clause of a long run-on) does in the story. */
export type SentenceRole = StarPart | 'other';

export interface RoleSpan extends WordRange {
  role: SentenceRole;
  /** 0..1: how sure the analysis is of the role. */
  confidence: number;
}

export interface DimensionScore {
  id: string;
  label: string;
  /** 0..100 */
  score: number;
  weight: number;
  /** Why the score is what it is, one line each. */
  reasons: string[];
}

export interface ScoreReport {
  /** 0..100, the weighted mean of the dimensions (capped when there are 'problem' findings). */
  overall: number;
  dimensions: DimensionScore[];
  /** Why the overall score is not simply the weighted mean (e.g. capped by problems). */
  reasons?: string[];
}

export interface AnswerReport {
  questionId: string;
  questionKind: QuestionKind;
  /**
   * Set when the question is not an incident question but the story is an incident, so incident
   * checks applied: told by the attempt's story (`'story'`) or read from the answer (`'answer'`).
   */
  incidentStory?: 'story' | 'answer';
  rubricId: string;
  words: AnalyzedWord[];
  /**
   * Where the audio was too unclear to transcribe, as the analysis used it (in time order, never
   * overlapping; see `normalizeUnclear`): no pauses there, and pace leaves it out. Absent = none.
   */
  unclear?: UnclearSpan[];
  timing: TimingReport;
  fillers: FillerReport;
  rambling: RamblingSection[];
  /**
   * STAR sections in order of appearance: each run of sentences with the same role. A part may
   * have several sections when the story interleaves; a missing part has none. Sentences whose
   * role is "other" (preamble, asides, lessons, tool explanations) are in no section.
   */
  sections: StarSection[];
  /** The role of every sentence (or clause of a long run-on), in order. */
  roles?: RoleSpan[];
  findings: Finding[];
  score: ScoreReport;
}
