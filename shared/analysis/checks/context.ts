/**
 * What every check reads, built once per answer by `analyzeAnswer`: the words and sentences, the
 * STAR roles and sections, timing, fillers and rambling, and (computed on first use, then shared)
 * the statements by actor, the moments the guide listens for, the result region and its metric.
 * Also the small quoting helpers the checks' messages share.
 */
import type { Question, QuestionKind } from '../../questions/bank.ts';
import type { CompiledRubric } from '../../rubric/compile.ts';
import type { RubricThresholds } from '../../rubric/types.ts';
import type { AnswerText, Span } from '../answer-text.ts';
import { spanText } from '../answer-text.ts';
import type { WordSpan } from '../detection.ts';
import {
  clausesWithActors,
  explicitBlame,
  hardeningMoments,
  onCallMoments,
  outcomeMetrics,
  upstreamCauses,
  type Clause,
} from '../moments.ts';
import { findPhrases, type PhraseMatch } from '../phrases.ts';
import { MIN_ROLE_PROBABILITY, ROLE_INDEX, type RoleUnit } from '../roles.ts';
import type {
  FillerReport,
  RamblingSection,
  StarPart,
  StarSection,
  TimingReport,
} from '../types.ts';

/** Statements (clauses) in the action part by who does them. */
export interface Statements {
  /** Clauses in the action part whose subject is "I". */
  iCount: number;
  /** Clauses in the action part whose subject is "we" / "our team". */
  weClauses: Span[];
}

export interface CheckInput {
  answer: AnswerText;
  rubric: CompiledRubric;
  /** The question the answer is for. */
  question: Question;
  /** The question's kind. */
  kind: QuestionKind;
  /**
   * The kinds of story the answer is judged as: the question's kind, plus incident when the story
   * is one (`incidentStory`). Checks apply when they are meant for one of them.
   */
  kinds: readonly QuestionKind[];
  timing: TimingReport;
  fillers: FillerReport;
  rambling: readonly RamblingSection[];
  sections: readonly StarSection[];
  units: readonly RoleUnit[];
}

export const inRange = (span: WordSpan, range: WordSpan): boolean =>
  span.startWord >= range.startWord && span.endWord <= range.endWord;
export const whole = (answer: AnswerText): WordSpan => ({
  startWord: 0,
  endWord: answer.words.length,
});
export const percent = (share: number): string => `${Math.round(share * 100)}%`;
export const toWordSpan = ({ startWord, endWord }: WordSpan): WordSpan => ({
  startWord,
  endWord,
});

/** Terms range of a word range. */
export function termRange(answer: AnswerText, range: WordSpan): { from: number; to: number } {
  return {
    from: answer.firstTerm[range.startWord] ?? 0,
    to: answer.firstTerm[range.endWord] ?? answer.terms.length,
  };
}

/** A finding's quote: the first words of a range, in quotes. */
export function quote(answer: AnswerText, range: WordSpan, maxWords = 10): string {
  const text = spanText(
    answer,
    range.startWord,
    Math.min(range.endWord, range.startWord + maxWords),
  );
  return `"${text.replace(/[.,;:!?]+$/u, '')}${range.endWord - range.startWord > maxWords ? ' …' : ''}"`;
}

/** A strength's quote: the first words of a range, in quotes. */
export function quoteWords(
  answer: AnswerText,
  startWord: number,
  endWord: number,
  maxWords = 8,
): string {
  const text = spanText(answer, startWord, Math.min(endWord, startWord + maxWords)).replace(
    /[.,;:!?]+$/u,
    '',
  );
  return `"${text}${endWord - startWord > maxWords ? ' …' : ''}"`;
}

export class CheckContext implements CheckInput {
  readonly answer: AnswerText;
  readonly rubric: CompiledRubric;
  readonly thresholds: RubricThresholds;
  readonly question: Question;
  readonly kind: QuestionKind;
  readonly kinds: readonly QuestionKind[];
  readonly timing: TimingReport;
  readonly fillers: FillerReport;
  readonly rambling: readonly RamblingSection[];
  readonly sections: readonly StarSection[];
  readonly units: readonly RoleUnit[];
  private readonly memo = new Map<string, unknown>();

  constructor(input: CheckInput) {
    this.answer = input.answer;
    this.rubric = input.rubric;
    this.thresholds = input.rubric.rubric.thresholds;
    this.question = input.question;
    this.kind = input.kind;
    this.kinds = input.kinds;
    this.timing = input.timing;
    this.fillers = input.fillers;
    this.rambling = input.rambling;
    this.sections = input.sections;
    this.units = input.units;
  }

  /** Computes a shared value on first use; later checks get the same one. */
  private once<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  /** The first section of a STAR part. */
  section(part: StarPart): StarSection | undefined {
    return this.sections.find((section) => section.part === part);
  }

  /** The answer's clauses with who does them. */
  get clauses(): Clause[] {
    return clausesWithActors(this.answer);
  }

  /**
   * Statements in the action part ("I" against "we" / "our team"): the action sections, or the
   * whole answer when there are none. A clause without a subject ("..., then patched the model")
   * continues the previous clause's subject within the sentence.
   */
  get statements(): Statements {
    return this.once('statements', () => {
      const { answer, sections } = this;
      const actions = sections.filter((section) => section.part === 'action');
      const scope: readonly WordSpan[] = actions.length > 0 ? actions : [whole(answer)];
      const weClauses: Span[] = [];
      let iCount = 0;
      for (const clause of this.clauses) {
        if (!scope.some((range) => inRange(clause, range))) continue;
        if (clause.actor === 'i') iCount += 1;
        else if (clause.actor === 'we') weClauses.push(clause);
      }
      return { iCount, weClauses };
    });
  }

  /** The first explicit ownership statement ("I led", "I owned", "I was on call"). */
  get ownership(): PhraseMatch | undefined {
    return this.once(
      'ownership',
      () => findPhrases(this.answer.terms, this.rubric.lexicon.ownership)[0],
    );
  }

  /** On-call moments said of the speaker. */
  get onCall(): Span[] {
    return this.once('onCall', () => onCallMoments(this.answer, this.rubric));
  }

  /** Sentences that name a durable change the speaker or team made ("We added a schema contract test"). */
  get hardening(): Span[] {
    return this.once('hardening', () => {
      const clauses = hardeningMoments(this.answer, this.rubric);
      return this.answer.sentences.filter((sentence) =>
        clauses.some(
          (clause) => clause.startWord >= sentence.startWord && clause.endWord <= sentence.endWord,
        ),
      );
    });
  }

  /**
   * Where the answer points at another system or team as the cause: explicit fault ("their fault",
   * "not our fault"), or another party as the subject of a breaking change ("the source team changed
   * their schema"). Word ranges of the sentences, in order.
   */
  get upstream(): { explicit: Span[]; causes: Span[] } {
    return this.once('upstream', () => {
      const { answer, rubric } = this;
      const sentenceOf = (term: number): Span | undefined =>
        answer.sentences.find((item) => item.startTerm <= term && item.endTerm > term);
      const unique = (spans: (Span | undefined)[]): Span[] =>
        [...new Set(spans.filter((span): span is Span => span !== undefined))].sort(
          (a, b) => a.startTerm - b.startTerm,
        );
      return {
        explicit: unique(explicitBlame(answer, rubric).map((span) => sentenceOf(span.startTerm))),
        causes: unique(
          upstreamCauses(answer, rubric).map((clause) => sentenceOf(clause.startTerm)),
        ),
      };
    });
  }

  /**
   * Where the result is: the result sections, or, when no sentence reads as a result, the last two
   * sentences of the story (so an answer that trails off is judged on how it ends).
   */
  get resultRegion(): WordSpan[] {
    return this.once('resultRegion', () => {
      const { answer, sections } = this;
      const results = sections.filter((section) => section.part === 'result');
      if (results.length > 0) return results.map(toWordSpan);
      const story = answer.sentences.filter((sentence) =>
        sections.some(
          (section) =>
            section.startWord <= sentence.startWord && section.endWord > sentence.startWord,
        ),
      );
      return story.slice(-2).map(toWordSpan);
    });
  }

  /** The first outcome quantity in the result region: its sentence, for quoting. */
  get metric(): Span | undefined {
    return this.once('metric', () => {
      const { answer } = this;
      for (const span of this.resultRegion) {
        const { from, to } = termRange(answer, span);
        const at = outcomeMetrics(answer, from, to)[0];
        if (at !== undefined)
          return answer.sentences.find(
            (sentence) => sentence.startTerm <= at && sentence.endTerm > at,
          );
      }
      return undefined;
    });
  }

  /** Where a missing ending should have been: the result section, else the last sentence. */
  get ending(): WordSpan {
    const result = this.section('result');
    if (result) return toWordSpan(result);
    const last = this.answer.sentences[this.answer.sentences.length - 1];
    return last ? toWordSpan(last) : whole(this.answer);
  }

  /**
   * True when a STAR part is absent: no section, and no unit even a likely candidate for it. A list
   * of moves the speaker introduced ("What I do is: list the tasks ...") is action.
   */
  partAbsent(part: StarPart): boolean {
    return this.once(`absent:${part}`, () => {
      if (this.sections.some((section) => section.part === part)) return false;
      const index = ROLE_INDEX[part];
      if (this.units.some((unit) => (unit.probabilities[index] ?? 0) >= MIN_ROLE_PROBABILITY))
        return false;
      if (part === 'action' && this.clauses.some((clause) => clause.ownListItem)) return false;
      return true;
    });
  }
}
