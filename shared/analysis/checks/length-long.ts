/** `length.long`: over the target window, by words and (timed answers) by time. */
import { formatClock } from '../../transcript/words.ts';
import type { AnswerText } from '../answer-text.ts';
import { gradeSeverity } from '../detection.ts';
import type { Check } from './types.ts';
import { lengthTarget, shortSeverity, speechSeconds, worst } from './length-short.ts';

/** Index of the first word whose start is at or after `seconds`. */
export function wordAt(answer: AnswerText, seconds: number): number {
  const index = answer.words.findIndex((word) => word.start >= seconds);
  return index < 0 ? answer.words.length : index;
}

/** The word index after which the answer passes `wordCount` counted words. */
function afterCountedWords(answer: AnswerText, wordCount: number): number {
  let counted = 0;
  for (let word = 0; word < answer.words.length; word += 1) {
    if ((answer.firstTerm[word + 1] ?? 0) > (answer.firstTerm[word] ?? 0)) counted += 1;
    if (counted > wordCount) return word;
  }
  return answer.words.length;
}

export const lengthLong: Check = {
  code: 'length.long',
  kinds: 'all',
  detect(context) {
    if (shortSeverity(context)) return undefined;
    const { answer, thresholds, timing } = context;
    const words = timing.wordCount;
    const seconds = speechSeconds(context);
    const timed = !answer.estimated;
    const long = worst(
      gradeSeverity(words, thresholds.longWords, 'above'),
      timed ? gradeSeverity(seconds, thresholds.longSeconds, 'above') : undefined,
    );
    if (!long) return undefined;
    const first = answer.words[0];
    const overWords = afterCountedWords(answer, thresholds.targetWords.max);
    const overTime = timed
      ? wordAt(answer, (first?.start ?? 0) + thresholds.targetSeconds.max)
      : answer.words.length;
    const from = Math.min(overWords, overTime);
    return {
      code: 'length.long',
      detail: `${words} words${timed ? ` in ${formatClock(seconds)}` : ''}, against the ${lengthTarget(context)}; the part after word ${thresholds.targetWords.max} runs over`,
      evidence: [
        { startWord: Math.min(from, answer.words.length - 1), endWord: answer.words.length },
      ],
      severity: long,
    };
  },
};
