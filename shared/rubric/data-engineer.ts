/**
 * The default rubric: data-engineer behavioral interviews, derived from the interview guide
 * (`seeds/000_ee52782448ec8cf0.txt`). Every number here is explained in README.md.
 */
import type { QuestionKind } from '../questions/bank.ts';
import { DATA_ENGINEER_VOCABULARY } from '../vocabulary/data-engineer.ts';
import type { FindingRule, Rubric } from './types.ts';

/** "2am", "2 am", "2 a.m." for the small hours (a 9 AM standup is not an on-call moment). */
const NIGHT_HOURS = [1, 2, 3, 4, 5].flatMap((hour) => [`${hour}am`, `${hour} am`, `${hour} a.m`]);

const INCIDENT: readonly QuestionKind[] = ['incident'];
const COST_TRADEOFF: readonly QuestionKind[] = ['cost-tradeoff'];

/** Penalties (points off a dimension) by severity. */
const LIGHT = { info: 3, warning: 10, problem: 25 } as const;
const STANDARD = { info: 5, warning: 15, problem: 35 } as const;
const HEAVY = { info: 10, warning: 25, problem: 50 } as const;

const findings: FindingRule[] = [
  {
    code: 'length.short',
    dimension: 'focus',
    appliesTo: 'all',
    severity: 'info',
    penalty: LIGHT,
    message:
      'Too short for the story: {detail}. Aim for two to three minutes and spend the extra time on Action and the post-incident follow-up.',
  },
  {
    code: 'length.long',
    dimension: 'focus',
    appliesTo: 'all',
    severity: 'warning',
    penalty: STANDARD,
    message:
      'Too long: {detail}. Tighten the story to two to three minutes; cut context and tool detail before action.',
  },
  {
    code: 'star.missing-situation',
    dimension: 'structure',
    appliesTo: 'all',
    severity: 'warning',
    penalty: STANDARD,
    message:
      'Open with one sentence of situation, with technical and stakeholder context: {detail}.',
  },
  {
    code: 'star.missing-task',
    dimension: 'structure',
    appliesTo: 'all',
    severity: 'warning',
    penalty: LIGHT,
    message:
      'Name the task, what was asked and what you realised the actual problem was: {detail}.',
  },
  {
    code: 'star.missing-action',
    dimension: 'structure',
    appliesTo: 'all',
    severity: 'problem',
    penalty: HEAVY,
    message:
      'Action is the meat: {detail}. Walk through how you scoped the work, who you coordinated with, what you built and the judgment calls you made.',
  },
  {
    code: 'star.missing-result',
    dimension: 'structure',
    appliesTo: 'all',
    severity: 'problem',
    penalty: HEAVY,
    message: 'Result must connect to a business or reliability outcome: {detail}.',
  },
  {
    code: 'star.long-situation',
    dimension: 'structure',
    appliesTo: 'all',
    severity: 'warning',
    penalty: STANDARD,
    message: 'Situation should be one sentence, not three sentences of org chart: {detail}.',
  },
  {
    code: 'star.thin-action',
    dimension: 'structure',
    appliesTo: 'all',
    severity: 'warning',
    penalty: STANDARD,
    message:
      'Spend most of the time on Action: {detail}. Say how you scoped it, who you coordinated with and what you built.',
  },
  {
    code: 'result.no-metric',
    dimension: 'impact',
    appliesTo: 'all',
    severity: 'warning',
    penalty: STANDARD,
    message:
      'Name a metric if you have one: {detail}. Rows, SLA recovery time, dollars saved or hours of downtime avoided; with no number, name what changed about how the team operates.',
  },
  {
    code: 'result.technical-only',
    dimension: 'impact',
    appliesTo: 'all',
    severity: 'warning',
    penalty: STANDARD,
    message:
      '"I rewrote the dbt models" is not a result: {detail}. Connect it to a business or reliability outcome: cost, SLA, stakeholder trust.',
  },
  {
    code: 'pitfall.vague-we',
    dimension: 'ownership',
    appliesTo: 'all',
    severity: 'warning',
    penalty: STANDARD,
    message:
      'Say what you personally did: {detail}. If you owned the dbt rebuild and someone else owned the Airflow DAGs, say so.',
  },
  {
    code: 'pitfall.blames-upstream',
    dimension: 'ownership',
    appliesTo: 'all',
    severity: 'problem',
    penalty: HEAVY,
    message:
      'Blaming upstream is half a story: {detail}. Say what you did about it: schema contracts, defensive parsing, monitoring, escalation.',
  },
  {
    code: 'pitfall.no-post-incident-change',
    dimension: 'impact',
    appliesTo: INCIDENT,
    severity: 'problem',
    penalty: HEAVY,
    message:
      'No post-incident change: {detail}. End with a concrete change to monitoring, tests, runbooks or contracts, so the next on-call does not inherit the same problem.',
  },
  {
    code: 'pitfall.tool-heavy',
    dimension: 'focus',
    appliesTo: 'all',
    severity: 'warning',
    penalty: STANDARD,
    message:
      'Tool-heavy storytelling: {detail}. Mention tools when they shape the story, then say how you thought and what you decided.',
  },
  {
    code: 'pitfall.no-on-call',
    dimension: 'ownership',
    appliesTo: INCIDENT,
    severity: 'warning',
    penalty: STANDARD,
    message:
      'No on-call moment: {detail}. Panels expect a story where something broke at an inconvenient hour and you owned it.',
  },
  {
    code: 'tradeoff.no-numbers',
    dimension: 'impact',
    appliesTo: COST_TRADEOFF,
    severity: 'warning',
    penalty: HEAVY,
    message:
      'Name the explicit numbers you chose between: {detail}. "Streaming would have cost $3K a month more" wins; "we picked the simpler option" does not.',
  },
  {
    code: 'relevance.off-question',
    dimension: 'focus',
    appliesTo: 'all',
    severity: 'warning',
    penalty: HEAVY,
    message:
      'This story may not answer the question: {detail}. Pick a story where you can show what the interviewer listens for.',
  },
  {
    code: 'delivery.fillers',
    dimension: 'delivery',
    appliesTo: 'all',
    severity: 'info',
    penalty: STANDARD,
    message: '{detail}. Where you say "uh" is where you have not yet decided what the point is.',
  },
  {
    code: 'delivery.rambling',
    dimension: 'focus',
    appliesTo: 'all',
    severity: 'info',
    penalty: STANDARD,
    message: '{detail}. The parts where you ramble are the parts to tighten.',
  },
  {
    code: 'delivery.pace-fast',
    dimension: 'delivery',
    appliesTo: 'all',
    severity: 'warning',
    penalty: STANDARD,
    message: 'Too fast: {detail}. Slow down so the panel can follow the sequence.',
  },
  {
    code: 'delivery.pace-slow',
    dimension: 'delivery',
    appliesTo: 'all',
    severity: 'warning',
    penalty: STANDARD,
    message:
      'Slow: {detail}. Keep the story moving; long hesitations sound like you have not decided the point.',
  },
];

export const DATA_ENGINEER_RUBRIC: Rubric = {
  id: 'data-engineer-2026',
  label: 'Data engineer behavioral interview',
  role: 'Data engineer',
  source:
    'Data engineer behavioral interview guide (STAR for data engineers, top 15 questions, pitfalls)',
  dimensions: [
    {
      id: 'structure',
      label: 'STAR structure',
      weight: 30,
      description: 'Situation in one sentence, a named task, action as the meat, a result.',
    },
    {
      id: 'ownership',
      label: 'Ownership',
      weight: 25,
      description:
        'What you personally did, owning production and what you did about upstream causes.',
    },
    {
      id: 'impact',
      label: 'Result and durable fix',
      weight: 25,
      description:
        'A business or reliability outcome with a number, and what was hardened afterwards.',
    },
    {
      id: 'focus',
      label: 'Focus and length',
      weight: 10,
      description: 'Two to three minutes, no tool lectures, no rambling.',
    },
    {
      id: 'delivery',
      label: 'Delivery',
      weight: 10,
      description: 'Few fillers and a pace the panel can follow.',
    },
  ],
  findings,
  thresholds: {
    targetWords: { min: 250, max: 320 },
    targetSeconds: { min: 120, max: 180 },
    shortWords: { info: 200, warning: 150, problem: 90 },
    longWords: { warning: 380, problem: 500 },
    shortSeconds: { info: 105, warning: 75, problem: 40 },
    longSeconds: { warning: 210, problem: 270 },
    pauseSeconds: 0.6,
    paceWindowSeconds: 15,
    fastWordsPerMinute: { warning: 185, problem: 220 },
    slowWordsPerMinute: { warning: 105, problem: 80 },
    minSecondsForPace: 20,
    sustainedPaceWindows: 2,
    sustainedFastWordsPerMinute: 210,
    sustainedSlowWordsPerMinute: 90,
    fillersPerMinute: { info: 3, warning: 6, problem: 12 },
    minFillerCount: 3,
    situationShare: { info: 0.3, warning: 0.35 },
    actionShare: { info: 0.3, warning: 0.25 },
    vagueWe: { minWeStatements: 3, maxWeShare: 0.65, ownershipCredit: 3 },
    offQuestion: { minOtherCues: 3, maxFitCues: 1 },
    storyKind: { minCues: 4 },
    toolExplanationWords: 35,
    toolExplanationShare: 0.15,
    rambling: {
      runOnWords: 55,
      hedgesInWindow: 3,
      hedgeWindowWords: 20,
      repeatOverlap: 0.6,
      orgChartSentences: 2,
      sections: { info: 1, warning: 2, problem: 4 },
    },
    overallCapByProblems: [100, 79, 64, 49],
    findingWeight: { info: 0, warning: 1, problem: 2 },
    overallCapByWeight: [100, 100, 79, 79, 79, 49],
    unevidencedScore: 70,
    tooShortToTell: { belowWords: 110, cap: 49 },
    tooLittleAction: { belowShare: 0.1, cap: 49 },
    contentGap: { dimensions: ['structure', 'ownership', 'impact'], cap: 79 },
  },
  // Vocabulary lists stay packed, several words a line, so they read as lists.
  // prettier-ignore
  lexicon: {
    // The tool names are the role's vocabulary (one copy, shared/vocabulary), plus word patterns.
    tools: [
      ...DATA_ENGINEER_VOCABULARY.tools.map((tool) => tool.toLowerCase()),
      'pubsub', 'pub sub', 'incremental model*', 'materializ*', 'macro*', 'dags', 'operator*',
      'partition*', 'cluster key*', 'warehouse*', 'llms', 'gpt*',
    ],
    toolExplanation: [
      'works', 'work by', 'is a', 'is an', 'are a', 'lets you', 'let you', 'allows', 'allow you',
      'you can', 'you have to', 'you need to', 'you define', 'you write', 'under the hood',
      'which means', 'basically', 'essentially', 'is basically', 'the way', 'how it', 'in other words',
      'what happens is', 'is when', 'is where', 'is like', 'stands for', 'behind the scenes',
    ],
    onCall: [
      'on call', 'paged', 'pager*', 'escalat*', 'i owned the response', 'i owned the incident',
      'i ran the incident', 'incident commander', 'incident command', 'took the incident',
      'war room', 'woke up', 'woken up', 'alert fired',
      'alert went off', 'got an alert', 'sev #', 'sev0', 'sev1', 'sev2', 'first responder',
      'pagerduty', 'opsgenie', 'on duty', 'got the call', 'called me', 'pinged me', 'picked it up',
    ],
    onCallContext: [
      'midnight', ...NIGHT_HOURS, 'middle of the night', 'at night', 'overnight', 'weekend',
      'weekends', 'saturday', 'sunday', 'holiday',
      'outage', 'late at night', 'evening', 'christmas',
    ],
    ownership: [
      'i led', 'i owned', 'i own', 'i was on call', 'i was the on call', 'i was responsible',
      'i took ownership', 'i took the lead', 'i drove', 'i ran the', 'my responsibility', 'i was the owner',
      'i was leading', 'i headed', 'i coordinated', 'i was in charge', 'i was the lead',
    ],
    upstreamBlame: [
      'not our fault', 'their fault', 'was not us', "wasn't us", 'broke our pipeline', 'broke our',
      'blame', 'blamed', 'because of them', 'their mistake', 'their bug',
    ],
    upstreamParties: [
      'upstream', 'source system', 'source systems', 'source team', 'other team', 'another team', 'their team',
      'a team',
      'they', 'vendor', 'provider', 'backend team', 'backend engineers', 'product team', 'app team',
      'platform team', 'engineering team', 'third party',
    ],
    upstreamChanges: [
      'change', 'changes', 'changed', 'changing', 'broke', 'break', 'breaking', 'pushed a change',
      'pushed a breaking', 'deploy', 'deployed', 'deploying', 'renamed',
      'dropped a', 'dropped the', 'removed', 'switched', 'modified', 'altered', 'migrated',
      'messed', 'without telling', 'without warning', 'stopped sending',
    ],
    upstreamResponse: [
      'contract*', 'schema test', 'schema check', 'defensive', 'validat*', 'monitor*', 'alert*',
      'anomaly', 'check', 'checks', 'test', 'tests', 'escalat*', 'reached out', 'talked to',
      'worked with', 'met with', 'agreed', 'versioning', 'versioned', 'quarantin*', 'dead letter',
      'reconcil*', 'guardrail*', 'fail the', 'fails the', 'sla with', 'raised it',
    ],
    hardening: [
      'test', 'tests', 'check', 'checks', 'alert', 'alerts', 'alerting', 'monitor*', 'runbook*',
      'contract*', 'reconciliation', 'validation', 'guardrail*', 'playbook*', 'anomaly detection',
      'circuit breaker', 'post-mortem', 'postmortem', 'post mortem', 'retro*', 'on-call rotation',
      'documentation', 'documented', 'dead letter', 'quarantine', 'rollback plan', 'idempoten*',
      'uniqueness', 'assertion*', 'slo', 'slos',
    ],
    changeVerbs: [
      'added', 'add', 'built', 'set up', 'setup', 'wrote', 'introduced', 'created', 'put in',
      'implemented', 'rebuilt', 'automated', 'shipped', 'documented', 'enforced', 'hardened',
      'changed', 'turned on', 'wired', 'made', 'now', 'since',
    ],
    businessOutcomes: [
      'cost*', '$*', 'dollar*', 'saved', 'saving*', 'spend', 'bill', 'budget', 'sla', 'slas', 'slo',
      'trust*', 'stakeholder*', 'finance', 'marketing', 'sales', 'customer*', 'board', 'cfo', 'ceo',
      'dashboard*', 'report*', 'analyst*', 'team uses', 'rest of the team', 'hours', 'days', 'minutes',
      'faster', 'slower', 'downtime', 'incident*', 'since', 'recurred', 'recover*', 'reliab*',
      'monthly close', 'close', 'sign off', 'signed off', 'revenue', 'forecast*', 'on time',
      'deadline', 'adopted', 'runbook', 'pattern', 'process', 'every quarter', 'discrepanc*',
      'no longer', 'never', 'has not', "hasn't", 'have not', "haven't", 'zero', 'percent',
      'users', 'business', 'decision*', 'operat*', 'onboard*',
    ],
    technicalWork: [
      'rewrote', 'rewritten', 'refactor*', 'index', 'indexes', 'query', 'queries', 'model', 'models',
      'migrated', 'optimi*', 'partition*', 'cluster*', 'schema', 'code', 'pipeline*', 'table*',
      'job*', 'dag*', 'sql', 'upgraded', 'cleaned up', 'merged', 'deployed', 'fixed',
    ],
    tradeoff: [
      'chose', 'choose', 'picked', 'pick', 'went with', 'decided', 'opted', 'instead of', 'instead',
      'rather than', 'trade-off', 'tradeoff', 'trade off', 'versus', 'vs', 'option', 'options',
      'alternative', 'cheaper', 'simpler', 'would have cost', 'would have', 'compared', 'either',
    ],
    stakeholders: [
      'finance', 'marketing', 'sales', 'analyst*', 'stakeholder*', 'cfo', 'ceo', 'cto', 'pm',
      'product manager', 'leadership', 'board', 'customer*', 'data scientist*', 'executive*',
      'ops', 'operations', 'support',
    ],
  },
};
