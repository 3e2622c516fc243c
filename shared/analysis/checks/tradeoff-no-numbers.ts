/**
 * `tradeoff.no-numbers`: a cost/velocity answer must name the numbers it chose between. Counts the
 * quantities in the sentences that state the choice and their neighbours (or in the whole answer
 * when no sentence states a choice); fewer than two fires.
 */
import { countQuantities, hasPhrase } from '../phrases.ts';
import { quote, toWordSpan, whole } from './context.ts';
import type { Check } from './types.ts';

export const tradeoffNoNumbers: Check = {
  code: 'tradeoff.no-numbers',
  kinds: ['cost-tradeoff'],
  detect({ answer, rubric }) {
    const { sentences } = answer;
    const choices = sentences.filter((sentence) =>
      hasPhrase(answer.terms, rubric.lexicon.tradeoff, sentence.startTerm, sentence.endTerm),
    );
    let numbers = 0;
    if (choices.length === 0) {
      // No explicit choice: the numbers may still be there ("spend went from $11K to $4.8K").
      numbers = countQuantities(answer.terms, 0, answer.terms.length);
    } else {
      const counted = new Set<number>();
      for (const choice of choices) {
        const index = sentences.indexOf(choice);
        for (const neighbour of [index - 1, index, index + 1]) {
          const sentence = sentences[neighbour];
          if (sentence === undefined || counted.has(neighbour)) continue;
          counted.add(neighbour);
          numbers += countQuantities(answer.terms, sentence.startTerm, sentence.endTerm);
        }
      }
    }
    if (numbers >= 2) return undefined;
    // With no choice stated, the evidence is where the answer ends.
    const last = sentences[sentences.length - 1];
    const evidence =
      choices.length > 0 ? choices.map(toWordSpan) : [last ? toWordSpan(last) : whole(answer)];
    return {
      code: 'tradeoff.no-numbers',
      detail:
        choices.length > 0
          ? `${quote(answer, evidence[0] ?? whole(answer))} names the choice but not the cost, time or SLA numbers behind it`
          : 'the answer never states the options you chose between, or their numbers',
      evidence,
    };
  },
  praise() {
    return 'You name the numbers behind the choice.';
  },
};
