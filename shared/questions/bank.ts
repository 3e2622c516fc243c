/**
 * The question bank: the fifteen behavioral questions of the data-engineering guide, plus its
 * inverse cost-vs-velocity question. `listeningFor` is the guide's "what the interviewer is really
 * listening for", kept in the guide's words.
 */

/** Every kind of story a question can ask for, in one list (validation and the schemas use it). */
export const QUESTION_KINDS = [
  'incident',
  'migration',
  'collaboration',
  'cost-tradeoff',
  'scoping',
  'delivery',
  'growth',
  'general',
] as const;

/** What kind of story a question asks for; the rubric decides which findings apply to which kind. */
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** How each kind is named on screen. */
export const QUESTION_KIND_LABELS: Readonly<Record<QuestionKind, string>> = {
  incident: 'Incident',
  migration: 'Migration',
  collaboration: 'Collaboration',
  'cost-tradeoff': 'Cost & trade-offs',
  scoping: 'Scoping',
  delivery: 'Delivery',
  growth: 'Growth',
  general: 'General',
};

export function isQuestionKind(value: unknown): value is QuestionKind {
  return typeof value === 'string' && (QUESTION_KINDS as readonly string[]).includes(value);
}

export interface Question {
  /** Stable id, used in URLs, files and the CLI (`--question pipeline-broke`). */
  id: string;
  /** The question as an interviewer asks it. */
  prompt: string;
  kind: QuestionKind;
  /** What the interviewer is listening for (from the guide). */
  listeningFor: string;
  /** True for a question the user typed in. */
  custom?: boolean;
}

export const QUESTION_BANK: readonly Question[] = [
  {
    id: 'pipeline-broke',
    prompt: 'Tell me about a pipeline that broke in production. What did you do?',
    kind: 'incident',
    listeningFor: 'Detection time, communication, and the durable fix. Not heroics.',
  },
  {
    id: 'bad-data-downstream',
    prompt: 'Describe a time bad data made it downstream into a dashboard or report.',
    kind: 'incident',
    listeningFor: 'Ownership of the blast radius and how you rebuild stakeholder trust.',
  },
  {
    id: 'late-arriving-data',
    prompt: 'Walk me through a late-arriving data problem you solved.',
    kind: 'incident',
    listeningFor:
      'Whether you understood the difference between event time and processing time before you started writing code.',
  },
  {
    id: 'dbt-migration',
    prompt: 'Tell me about a dbt migration or large refactor you led.',
    kind: 'migration',
    listeningFor:
      'Sequencing, rollback strategy, and how you kept the old pipeline running during the cutover.',
  },
  {
    id: 'disagreed-definition',
    prompt:
      'Describe a time you disagreed with an analyst or data scientist about a model or definition.',
    kind: 'collaboration',
    listeningFor: 'Influence without authority and whether you separate taste from correctness.',
  },
  {
    id: 'reduce-cost',
    prompt: 'Tell me about a time you reduced warehouse or compute cost.',
    kind: 'cost-tradeoff',
    listeningFor:
      'Whether you measured first, and whether you avoided breaking SLAs to chase a savings number.',
  },
  {
    id: 'schema-change',
    prompt: 'Describe a schema change you handled in an upstream production system.',
    kind: 'migration',
    listeningFor:
      'Versioning, contracts, and how you handled the breaking change for downstream consumers.',
  },
  {
    id: 'missed-sla',
    prompt: 'Tell me about a time you missed an SLA.',
    kind: 'incident',
    listeningFor: 'Honesty, communication during the miss, and what you changed after.',
  },
  {
    id: 'undocumented-codebase',
    prompt: 'Walk me through a time you onboarded onto an undocumented codebase.',
    kind: 'growth',
    listeningFor: "How you build mental models without burning your team's time.",
  },
  {
    id: 'realtime-vs-batch',
    prompt: 'Describe a time a stakeholder asked for real-time data when batch would solve it.',
    kind: 'cost-tradeoff',
    listeningFor: 'Whether you can scope requirements, not just ship them.',
  },
  {
    id: 'mentored',
    prompt: 'Tell me about a time you mentored or unblocked another engineer.',
    kind: 'collaboration',
    listeningFor: 'Whether you scale beyond your own keyboard.',
  },
  {
    id: 'postmortem',
    prompt: 'Describe an incident post-mortem you ran or contributed to.',
    kind: 'incident',
    listeningFor:
      'Blameless framing, action item follow-through, and whether you write down what you learn.',
  },
  {
    id: 'pushed-back',
    prompt: 'Tell me about a time you pushed back on a request from leadership.',
    kind: 'collaboration',
    listeningFor: 'Whether you can disagree without being defensive.',
  },
  {
    id: 'tight-deadline',
    prompt: 'Describe a project you delivered under a tight deadline.',
    kind: 'delivery',
    listeningFor: 'What you cut and what you refused to cut.',
  },
  {
    id: 'ai-tools',
    prompt: 'Tell me about using AI tools in your daily DE workflow.',
    kind: 'general',
    listeningFor: 'Whether you validate AI-generated SQL against real data before merging.',
  },
  {
    id: 'velocity-over-cleanliness',
    prompt: 'When did you choose velocity over cleanliness, and what bill came due later?',
    kind: 'cost-tradeoff',
    listeningFor:
      'Naming the tradeoff explicitly with the numbers you chose between, and a decision your team can defend in six months.',
  },
];

const BY_ID = new Map(QUESTION_BANK.map((q) => [q.id, q]));

export function findQuestion(id: string): Question | undefined {
  return BY_ID.get(id);
}

/**
 * Cues for guessing the kind of a question the user typed in, checked in this order (the first
 * kind with a match wins, so "the cost of an outage" is a cost question).
 */
const KIND_CUES: readonly (readonly [QuestionKind, RegExp])[] = [
  [
    'cost-tradeoff',
    /\b(cost|costs|spend|spending|budget|cheaper|expensive|trade-?offs?|velocity|real-?time|savings?|bill)\b/u,
  ],
  [
    'incident',
    /\b(broke|broken|break|outage|incidents?|failures?|failed|fail|bad data|missed|sla|slas|post-?mortems?|on-?call|late-arriving|production issue|bug|wrong numbers?|data quality|pag(ed|er))\b/u,
  ],
  [
    'migration',
    /\b(migrat\w*|refactor\w*|schema change|upgrade\w*|cutover|rewrite|re-?platform\w*|legacy|moved? (from|to))\b/u,
  ],
  [
    'collaboration',
    /\b(disagree\w*|conflict|stakeholders?|push(ed)? back|mentor\w*|influence|persuad\w*|convinc\w*|analysts?|data scientists?|cross-?team|teammates?|leadership|unblock\w*)\b/u,
  ],
  ['delivery', /\b(deadline|deliver\w*|ship(ped)?|under pressure|tight|launch\w*)\b/u],
  ['scoping', /\b(requirements?|scop\w*|ambiguous|vague|prioriti[sz]\w*)\b/u],
  [
    'growth',
    /\b(learn\w*|onboard\w*|mistakes?|feedback|undocumented|new codebase|grew|growth|weakness)\b/u,
  ],
];

/** Guesses what kind of story a question asks for, from its words; 'general' when nothing fits. */
export function inferQuestionKind(prompt: string): QuestionKind {
  const text = prompt.toLowerCase();
  for (const [kind, cue] of KIND_CUES) if (cue.test(text)) return kind;
  return 'general';
}

/** A question the user typed in. Its kind is guessed from its words unless the caller knows better. */
export function customQuestion(prompt: string, kind?: QuestionKind): Question {
  const trimmed = prompt.trim();
  if (trimmed.length === 0) throw new Error('A custom question needs some text.');
  const slug = trimmed
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return {
    id: `custom-${slug || 'question'}`,
    prompt: trimmed,
    kind: kind ?? inferQuestionKind(trimmed),
    listeningFor: '',
    custom: true,
  };
}
