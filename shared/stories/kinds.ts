/**
 * Story kinds: what a prepared story is about, in the guide's practice-routine terms. The guide asks
 * for six to eight stories covering at least its six core kinds (an incident, a migration, a
 * schema change, a stakeholder conflict, a cost-cutting win, a cross-team collaboration), plus a
 * velocity-over-cleanliness story for the inverse cost question.
 */
import type { QuestionKind } from '../questions/bank.ts';

export const STORY_KINDS = [
  'incident',
  'migration',
  'schema-change',
  'stakeholder-conflict',
  'cost-win',
  'cross-team',
  'velocity-over-cleanliness',
  'mentoring',
  'deadline',
  'onboarding',
] as const;

export type StoryKind = (typeof STORY_KINDS)[number];

export function isStoryKind(value: unknown): value is StoryKind {
  return typeof value === 'string' && (STORY_KINDS as readonly string[]).includes(value);
}

/** The six kinds the guide's inventory must cover ("Practice routine"). */
export const GUIDE_STORY_KINDS: readonly StoryKind[] = [
  'incident',
  'migration',
  'schema-change',
  'stakeholder-conflict',
  'cost-win',
  'cross-team',
];

export const STORY_KIND_LABELS: Readonly<Record<StoryKind, string>> = {
  incident: 'Incident',
  migration: 'Migration',
  'schema-change': 'Schema change',
  'stakeholder-conflict': 'Stakeholder conflict',
  'cost-win': 'Cost-cutting win',
  'cross-team': 'Cross-team collaboration',
  'velocity-over-cleanliness': 'Velocity over cleanliness',
  mentoring: 'Mentoring',
  deadline: 'Tight deadline',
  onboarding: 'Onboarding / learning',
};

/** Which question kinds a story of each kind can answer (a story can flex to several). */
const FITS: Readonly<Record<StoryKind, readonly QuestionKind[]>> = {
  incident: ['incident', 'delivery', 'growth', 'general'],
  migration: ['migration', 'delivery', 'scoping', 'general'],
  'schema-change': ['migration', 'incident', 'collaboration', 'general'],
  'stakeholder-conflict': ['collaboration', 'scoping', 'cost-tradeoff', 'general'],
  'cost-win': ['cost-tradeoff', 'scoping', 'general'],
  'cross-team': ['collaboration', 'migration', 'incident', 'general'],
  'velocity-over-cleanliness': ['cost-tradeoff', 'delivery', 'general'],
  mentoring: ['collaboration', 'growth', 'general'],
  deadline: ['delivery', 'scoping', 'cost-tradeoff', 'general'],
  onboarding: ['growth', 'general'],
};

/** True when a story of these kinds suits a question of this kind. */
export function storyFitsQuestion(
  kinds: readonly StoryKind[],
  questionKind: QuestionKind,
): boolean {
  return kinds.some((kind) => FITS[kind].includes(questionKind));
}
