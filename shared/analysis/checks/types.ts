/**
 * A check is a plug-in: one module per finding code says which kinds of story it is meant for,
 * how it detects the problem on the shared context, and what it praises when the answer gets it
 * right. The rubric (data) lists which checks run, how severe they are and what they say; the
 * registry (`index.ts`) is the one place that knows every check.
 */
import type { QuestionKind } from '../../questions/bank.ts';
import type { Detection } from '../detection.ts';
import type { FindingCode } from '../types.ts';
import type { CheckContext } from './context.ts';

export interface Check {
  code: FindingCode;
  /**
   * The kinds of story the check is meant for ('all', or e.g. incidents only). A rubric may narrow
   * this with its rule's `appliesTo`, never widen it.
   */
  kinds: 'all' | readonly QuestionKind[];
  /** Looks for the problem; nothing when the answer does not have it. */
  detect(context: CheckContext): Detection | undefined;
  /**
   * What went well on this point, with the words that show it; asked only when the check applies
   * and did not fire (`fired`: every code that did).
   */
  praise?(context: CheckContext, fired: ReadonlySet<FindingCode>): string | undefined;
}
