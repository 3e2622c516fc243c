/**
 * STAR structure checks: missing parts, a long situation, a thin action. A missing part's evidence
 * points at where it should have been (the neighbouring section), so the review screen can show it.
 */
import type { RubricThresholds } from '../rubric/types.ts';
import type { AnswerText } from './answer-text.ts';
import { gradeSeverity, type Detection, type WordSpan } from './detection.ts';
import { clausesWithActors } from './moments.ts';
import { MIN_ROLE_PROBABILITY, ROLE_INDEX, type RoleUnit } from './roles.ts';
import { partShare } from './star.ts';
import type { StarPart, StarSection } from './types.ts';

const percent = (share: number): string => `${Math.round(share * 100)}%`;

const MISSING: Record<
  StarPart,
  (answer: AnswerText, sections: readonly StarSection[]) => { detail: string; evidence: WordSpan[] }
> = {
  situation: (answer) => {
    const first = answer.sentences[0];
    return {
      detail:
        'the answer starts straight in the middle, without the system, the symptom or who was affected',
      evidence: first ? [{ startWord: first.startWord, endWord: first.endWord }] : [],
    };
  },
  task: (_answer, sections) => {
    const next = sections.find((section) => section.part === 'action' || section.part === 'result');
    return {
      detail:
        'it never says what you were asked to do, what you owned, or what the real problem turned out to be',
      evidence: next ? [{ startWord: next.startWord, endWord: next.endWord }] : [],
    };
  },
  action: (_answer, sections) => ({
    detail: 'there is no part where you describe the steps you took',
    evidence: sections.map(({ startWord, endWord }) => ({ startWord, endWord })),
  }),
  result: (answer) => {
    const last = answer.sentences[answer.sentences.length - 1];
    return {
      detail:
        'the story stops without saying how it ended for the business, the stakeholders or the on-call',
      evidence: last ? [{ startWord: last.startWord, endWord: last.endWord }] : [],
    };
  },
};

export function checkStructure(
  answer: AnswerText,
  sections: readonly StarSection[],
  units: readonly RoleUnit[],
  thresholds: RubricThresholds,
): Detection[] {
  const detections: Detection[] = [];
  for (const part of ['situation', 'task', 'action', 'result'] as const) {
    if (sections.some((section) => section.part === part)) continue;
    const index = ROLE_INDEX[part];
    // Absent only when no unit is even a likely candidate for the part.
    if (units.some((unit) => (unit.probabilities[index] ?? 0) >= MIN_ROLE_PROBABILITY)) continue;
    // A list of moves the speaker introduced ("What I do is: list the tasks ...") is action.
    if (part === 'action' && clausesWithActors(answer).some((clause) => clause.ownListItem))
      continue;
    detections.push({ code: `star.missing-${part}`, ...MISSING[part](answer, sections) });
  }
  const situations = sections.filter((section) => section.part === 'situation');
  if (situations.length > 0) {
    const share = partShare(sections, 'situation');
    const severity = gradeSeverity(share, thresholds.situationShare, 'above');
    if (severity) {
      const count = answer.sentences.filter((sentence) =>
        situations.some(
          (situation) =>
            sentence.startWord >= situation.startWord && sentence.endWord <= situation.endWord,
        ),
      ).length;
      detections.push({
        code: 'star.long-situation',
        detail: `the situation takes ${percent(share)} of the answer (${count} sentence${count === 1 ? '' : 's'})`,
        evidence: situations.map(({ startWord, endWord }) => ({ startWord, endWord })),
        severity,
      });
    }
  }
  const actions = sections.filter((section) => section.part === 'action');
  // No sentence reads clearly as action, yet some might be: thin at best.
  if (actions.length === 0 && !detections.some((item) => item.code === 'star.missing-action')) {
    detections.push({
      code: 'star.thin-action',
      detail: 'no sentence reads clearly as something you did',
      evidence: [],
      severity: gradeSeverity(0, thresholds.actionShare, 'below') ?? 'warning',
    });
  }
  if (actions.length > 0) {
    const share = partShare(sections, 'action');
    const severity = gradeSeverity(share, thresholds.actionShare, 'below');
    if (severity) {
      detections.push({
        code: 'star.thin-action',
        detail: `the action is only ${percent(share)} of the answer`,
        evidence: actions.map(({ startWord, endWord }) => ({ startWord, endWord })),
        severity,
      });
    }
  }
  return detections;
}
