/**
 * A rubric is data: the scored dimensions, the thresholds, the findings that apply to each kind
 * of question, the messages (in the guide's words) and the role's vocabulary. The analysis engine
 * reads all of it from here, so a rubric for another role is a new data module, not an engine
 * change. See README.md in this folder for how the default one was derived from the guide.
 */
import type { FindingCode, Severity } from '../analysis/types.ts';
import type { QuestionKind } from '../questions/bank.ts';

/** A scored dimension. Dimension scores start at 100 and lose the penalties of their findings. */
export interface RubricDimension {
  id: string;
  label: string;
  /** Relative weight in the overall score (normalised over all dimensions). */
  weight: number;
  /** What the dimension is about, for the candidate. */
  description: string;
}

/** When and how a finding applies. Codes not listed in a rubric never fire. */
export interface FindingRule {
  code: FindingCode;
  /** Id of the dimension the finding counts against. */
  dimension: string;
  /**
   * Kinds of story the finding applies to. Without it, the kinds its check is meant for
   * (`shared/analysis/checks/`); a rubric may narrow those, never widen them.
   */
  appliesTo?: 'all' | readonly QuestionKind[];
  /**
   * Severity for findings that are not graded by a threshold (missing parts, pitfalls). Graded
   * findings (length, pace, fillers, shares) take theirs from `RubricThresholds`.
   */
  severity: Severity;
  /** Points taken off the dimension, by the severity the finding fired with. */
  penalty: Record<Severity, number>;
  /**
   * The message, speaking to the candidate. `{detail}` is replaced by what the analysis found
   * (e.g. "9 of 12 statements in the action part say \"we\"").
   */
  message: string;
}

/** Below/above these limits a finding fires with the named severity (the most severe wins). */
export interface SeverityLimits {
  info?: number;
  warning?: number;
  problem?: number;
}

export interface RubricThresholds {
  /** The target window the messages quote. */
  targetWords: { min: number; max: number };
  targetSeconds: { min: number; max: number };
  /** `length.short`: word count below a limit. */
  shortWords: SeverityLimits;
  /** `length.long`: word count above a limit. */
  longWords: SeverityLimits;
  /** `length.short` for timed answers: speech shorter than a limit, in seconds. */
  shortSeconds: SeverityLimits;
  /** `length.long` for timed answers: speech longer than a limit, in seconds. */
  longSeconds: SeverityLimits;
  /** A silence between words at least this long is a pause. */
  pauseSeconds: number;
  /** Window length for pace over time. */
  paceWindowSeconds: number;
  /** `delivery.pace-fast` / `delivery.pace-slow`, words per minute over the whole answer. */
  fastWordsPerMinute: SeverityLimits;
  slowWordsPerMinute: SeverityLimits;
  /** Pace findings need at least this much timed speech. */
  minSecondsForPace: number;
  /**
   * When the overall pace is fine, this many consecutive windows above/below these rates still
   * raise an `info` pace finding on that stretch.
   */
  sustainedPaceWindows: number;
  sustainedFastWordsPerMinute: number;
  sustainedSlowWordsPerMinute: number;
  /** `delivery.fillers`: fillers per minute above a limit, and a minimum count. */
  fillersPerMinute: SeverityLimits;
  minFillerCount: number;
  /** `star.long-situation`: situation's share of the words above a limit. */
  situationShare: SeverityLimits;
  /** `star.thin-action`: action's share of the words below a limit. */
  actionShare: SeverityLimits;
  /** `pitfall.vague-we`. */
  vagueWe: {
    /** Fewest "we" statements in the action part before it can fire. */
    minWeStatements: number;
    /** Share of "we" among "we" + "I" statements at or above which it fires. */
    maxWeShare: number;
    /** "I" statements credited by an explicit ownership statement ("I led", "I owned"). */
    ownershipCredit: number;
  };
  /**
   * `relevance.off-question`: the story is about another kind (at least `minOtherCues` distinct
   * cues of a kind that does not fit the question) while the kinds that fit have at most
   * `maxFitCues`, and the answer uses none of the question's topic words.
   */
  offQuestion: { minOtherCues: number; maxFitCues: number };
  /**
   * A story reads as an incident (and incident checks apply whatever the question) with at least
   * this many distinct incident cues, more than any other kind has.
   */
  storyKind: { minCues: number };
  /** `pitfall.tool-heavy`: words spent explaining tools, absolute and as a share. */
  toolExplanationWords: number;
  toolExplanationShare: number;
  /** `delivery.rambling`. */
  rambling: {
    /** A sentence longer than this with no number and no outcome is a run-on. */
    runOnWords: number;
    /** This many hedges in one sentence (or within `hedgeWindowWords`) is a pile-up. */
    hedgesInWindow: number;
    hedgeWindowWords: number;
    /** Content-word overlap (0..1) with an earlier sentence that counts as circling back. */
    repeatOverlap: number;
    /** Org-chart sentences at the start before it counts as preamble. */
    orgChartSentences: number;
    /** Severity by the number of rambling sections (at least this many). */
    sections: SeverityLimits;
  };
  /**
   * Caps on the overall score by the number of 'problem' findings: entry n is the highest overall
   * score with n problems (the last entry applies to more). A pitfall that tanks an answer must
   * show in the overall score, not only in its dimension.
   */
  overallCapByProblems: readonly number[];
  /**
   * Caps by the weight of all findings together: each finding adds its severity's weight
   * (`findingWeight`), and entry n of `overallCapByWeight` is the highest overall score at total
   * weight n (the last entry applies to more). Several warnings together make a weak answer even
   * when none is a problem on its own.
   */
  findingWeight: Record<Severity, number>;
  overallCapByWeight: readonly number[];
  /**
   * A dimension with no evidence either way (no finding, nothing that went well) gets this score
   * instead of full marks.
   */
  unevidencedScore: number;
  /**
   * An answer shorter than this many words cannot tell situation, action and result with any
   * specifics: its overall score is at most `cap`.
   */
  tooShortToTell: { belowWords: number; cap: number };
  /**
   * An answer whose action part (the meat, in the guide's words) is under `belowShare` of its
   * words, or absent, tells no story of what the speaker did: its overall score is at most `cap`.
   */
  tooLittleAction: { belowShare: number; cap: number };
  /**
   * A strong answer has no gap in what the story says: an answer with a warning or a problem
   * counting against any of these dimensions (the content ones, not length or delivery) is at
   * most `cap`, however few points the finding took off its own dimension.
   */
  contentGap: { dimensions: readonly string[]; cap: number };
}

/**
 * The role's vocabulary. Each entry is a phrase of lower-case words; a word ending in "*"
 * matches any word starting with it ("escalat*"), and "#" matches any number ("42", "$4k", "six").
 */
export interface RubricLexicon {
  /** Tools and platforms of the role (dbt, Airflow, ...). */
  tools: readonly string[];
  /** Words that, next to a tool, mark a sentence as explaining how the tool works. */
  toolExplanation: readonly string[];
  /** Owning production at an inconvenient moment (on call, paged, escalated, 2am...). */
  onCall: readonly string[];
  /**
   * Words that make an on-call moment only when the sentence involves the speaker ("I spent the
   * weekend ...") or says something broke ("it failed at 2am"): a weekend, an outage or a 2am
   * timestamp that happens to nobody in particular is not one.
   */
  onCallContext: readonly string[];
  /** Explicit ownership statements that attribute the team's "we" to the candidate. */
  ownership: readonly string[];
  /** Explicit blame ("not our fault", "broke our pipeline"). */
  upstreamBlame: readonly string[];
  /** Other systems and teams ("upstream", "the source team", "the vendor", "they"). */
  upstreamParties: readonly string[];
  /** What an upstream party did to the pipeline ("changed", "renamed", "deployed"). */
  upstreamChanges: readonly string[];
  /** What the candidate did about an upstream cause (contracts, monitoring, escalation...). */
  upstreamResponse: readonly string[];
  /** Durable changes after an incident (tests, alerts, runbooks, contracts...). */
  hardening: readonly string[];
  /** Verbs that introduce a change ("added", "set up"). */
  changeVerbs: readonly string[];
  /** Business or reliability outcomes (cost, SLA, trust, stakeholders, incidents since...). */
  businessOutcomes: readonly string[];
  /** Purely technical work ("rewrote the models", "added an index"). */
  technicalWork: readonly string[];
  /** Naming a choice between options. */
  tradeoff: readonly string[];
  /** Stakeholders of the role. */
  stakeholders: readonly string[];
}

export interface Rubric {
  id: string;
  label: string;
  /** The role the rubric is for, e.g. "Data engineer". */
  role: string;
  /** Where the rubric comes from. */
  source: string;
  dimensions: readonly RubricDimension[];
  findings: readonly FindingRule[];
  thresholds: RubricThresholds;
  lexicon: RubricLexicon;
}
