/**
 * What went well, for the dimension reasons: for each check that applies and did not fire, a line
 * saying what the answer did right, with the words that show it (each check's `praise`, see
 * `checks/`). Attached to the finding's dimension through the rubric, so another rubric gets them
 * without engine changes.
 */
import type { FindingCode } from './types.ts';

export interface Strength {
  code: FindingCode;
  text: string;
}
