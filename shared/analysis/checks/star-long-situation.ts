/** `star.long-situation`: the situation takes too large a share of the answer. */
import { gradeSeverity } from '../detection.ts';
import { partShare } from '../star.ts';
import { percent, toWordSpan } from './context.ts';
import type { Check } from './types.ts';

export const starLongSituation: Check = {
  code: 'star.long-situation',
  kinds: 'all',
  detect({ answer, sections, thresholds }) {
    const situations = sections.filter((section) => section.part === 'situation');
    if (situations.length === 0) return undefined;
    const share = partShare(sections, 'situation');
    const severity = gradeSeverity(share, thresholds.situationShare, 'above');
    if (!severity) return undefined;
    const count = answer.sentences.filter((sentence) =>
      situations.some(
        (situation) =>
          sentence.startWord >= situation.startWord && sentence.endWord <= situation.endWord,
      ),
    ).length;
    return {
      code: 'star.long-situation',
      detail: `the situation takes ${percent(share)} of the answer (${count} sentence${count === 1 ? '' : 's'})`,
      evidence: situations.map(toWordSpan),
      severity,
    };
  },
  praise(context) {
    const situation = context.section('situation');
    return situation
      ? `The situation is short (${percent(situation.wordShare)} of the answer).`
      : undefined;
  },
};
