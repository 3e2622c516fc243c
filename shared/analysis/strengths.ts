/**
 * What went well, for the dimension reasons: for each finding code that applies and did not fire,
 * a line saying what the answer did right, with the words that show it. Attached to the finding's
 * dimension through the rubric, so another rubric gets them without engine changes.
 */
import type { CompiledRubric } from '../rubric/compile.ts';
import type { AnswerText } from './answer-text.ts';
import { spanText } from './answer-text.ts';
import {
  countStatements,
  findUpstreamBlame,
  firstMetric,
  hardeningSentences,
  resultRegion,
} from './content-checks.ts';
import { onCallMoments } from './moments.ts';
import { findPhrases } from './phrases.ts';
import type {
  FillerReport,
  FindingCode,
  RamblingSection,
  StarSection,
  TimingReport,
} from './types.ts';

export interface Strength {
  code: FindingCode;
  text: string;
}

export interface StrengthInput {
  answer: AnswerText;
  sections: readonly StarSection[];
  timing: TimingReport;
  fillers: FillerReport;
  rambling: readonly RamblingSection[];
  fired: ReadonlySet<FindingCode>;
  applies: (code: FindingCode) => boolean;
  rubric: CompiledRubric;
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

function quoteWords(answer: AnswerText, startWord: number, endWord: number, maxWords = 8): string {
  const text = spanText(answer, startWord, Math.min(endWord, startWord + maxWords)).replace(
    /[.,;:!?]+$/u,
    '',
  );
  return `"${text}${endWord - startWord > maxWords ? ' …' : ''}"`;
}

export function findStrengths(input: StrengthInput): Strength[] {
  const { answer, sections, timing, fillers, rambling, fired, applies, rubric } = input;
  const strengths: Strength[] = [];
  const add = (code: FindingCode, text: string): void => {
    if (applies(code) && !fired.has(code)) strengths.push({ code, text });
  };
  const part = (name: StarSection['part']): StarSection | undefined =>
    sections.find((section) => section.part === name);
  const { targetWords } = rubric.rubric.thresholds;

  if (sections.length === 4) add('star.missing-result', 'All four STAR parts are there, in order.');
  const action = part('action');
  if (action) add('star.thin-action', `Action is ${percent(action.wordShare)} of the answer.`);
  const situation = part('situation');
  if (situation)
    add(
      'star.long-situation',
      `The situation is short (${percent(situation.wordShare)} of the answer).`,
    );

  const { iCount, weClauses } = countStatements(answer, sections);
  const ownership = findPhrases(answer.terms, rubric.lexicon.ownership)[0];
  const owned =
    ownership === undefined
      ? undefined
      : quoteWords(
          answer,
          answer.termWord[ownership.start] ?? 0,
          (answer.termWord[ownership.end - 1] ?? 0) + 1,
        );
  const we = weClauses.length;
  if (owned !== undefined && we > iCount) {
    add(
      'pitfall.vague-we',
      `Ownership is explicit (${owned}), so the team's "we" reads as work you led.`,
    );
  } else if (iCount > 0) {
    add(
      'pitfall.vague-we',
      `You speak for yourself: ${iCount} "I" against ${we} "we" statement${we === 1 ? '' : 's'} in the action part.`,
    );
  }
  const onCall = onCallMoments(answer, rubric)[0];
  if (onCall)
    add(
      'pitfall.no-on-call',
      `On-call moment: ${quoteWords(answer, onCall.startWord, onCall.endWord)}.`,
    );
  if (findUpstreamBlame(answer, rubric).causes.length > 0) {
    add('pitfall.blames-upstream', 'You name the upstream cause and what you did about it.');
  }

  const hardening = hardeningSentences(answer, rubric)[0];
  if (hardening)
    add(
      'pitfall.no-post-incident-change',
      `Durable change: ${quoteWords(answer, hardening.startWord, hardening.endWord, 10)}.`,
    );
  const measured = firstMetric(answer, resultRegion(answer, sections));
  if (measured)
    add(
      'result.no-metric',
      `The result has a number: ${quoteWords(answer, measured.startWord, measured.endWord, 12)}.`,
    );
  if (part('result'))
    add('result.technical-only', 'The result speaks to a business or reliability outcome.');
  add('tradeoff.no-numbers', 'You name the numbers behind the choice.');

  if (!fired.has('length.short') && !fired.has('length.long')) {
    const inside = timing.wordCount >= targetWords.min && timing.wordCount <= targetWords.max;
    add(
      'length.short',
      `${timing.wordCount} words, ${inside ? 'inside' : 'close to'} the ${targetWords.min}–${targetWords.max} word target.`,
    );
  }
  add('pitfall.tool-heavy', 'Tools come up only where they shape the story.');
  if (rambling.length === 0)
    add(
      'delivery.rambling',
      'No rambling: no circling back, run-ons, hedging, digressions or preamble.',
    );
  add(
    'delivery.fillers',
    fillers.count === 0
      ? 'No fillers.'
      : `Only ${fillers.count} filler${fillers.count === 1 ? '' : 's'} (${fillers.perMinute} per minute).`,
  );
  if (timing.estimated) {
    strengths.push({
      code: 'delivery.pace-fast',
      text: `Pace not judged: times are estimated at ${timing.estimatedWordsPerMinute ?? '?'} words per minute (text only).`,
    });
  } else if (!fired.has('delivery.pace-slow')) {
    add(
      'delivery.pace-fast',
      `A steady pace: ${Math.round(timing.wordsPerMinute)} words per minute.`,
    );
  }
  return strengths;
}
