/**
 * A second, small rubric: site reliability engineer behavioral interviews. It exists to prove that
 * a rubric for another role is one folder of data: its own dimensions, the checks it lists (by
 * code, from `shared/analysis/checks/`), its messages and its vocabulary. No engine change.
 *
 * What differs from the data-engineer rubric: incident stories are the heart of the role, so
 * ownership weighs more and a missing on-call moment is a problem; cost trade-off numbers and
 * technical-only results are not judged (an SRE result is often technical: latency, error rate);
 * tools are the SRE stack; outcomes are availability, latency, error budgets and time to recover.
 */
import type { Rubric } from '../types.ts';
import { DATA_ENGINEER_RUBRIC } from '../data-engineer.ts';

const LIGHT = { info: 3, warning: 10, problem: 25 } as const;
const STANDARD = { info: 5, warning: 15, problem: 35 } as const;
const HEAVY = { info: 10, warning: 25, problem: 50 } as const;

export const SRE_RUBRIC: Rubric = {
  id: 'sre-2026',
  label: 'Site reliability engineer behavioral interview',
  role: 'Site reliability engineer',
  source: 'Rehearse test rubric for a second role (incident response, SLOs, blameless follow-up)',
  dimensions: [
    {
      id: 'structure',
      label: 'STAR structure',
      weight: 25,
      description: 'Situation in one sentence, what you were responsible for, action, a result.',
    },
    {
      id: 'response',
      label: 'Incident response',
      weight: 35,
      description: 'You held the pager, owned the response and say what you personally did.',
    },
    {
      id: 'reliability',
      label: 'Reliability outcome',
      weight: 30,
      description: 'A measured outcome (availability, latency, time to recover) and a durable fix.',
    },
    {
      id: 'delivery',
      label: 'Focus and delivery',
      weight: 10,
      description: 'Two to three minutes, few fillers, no rambling.',
    },
  ],
  findings: [
    {
      code: 'length.short',
      dimension: 'delivery',
      severity: 'info',
      penalty: LIGHT,
      message: 'Too short: {detail}. Walk through detection, mitigation and the follow-up.',
    },
    {
      code: 'length.long',
      dimension: 'delivery',
      severity: 'warning',
      penalty: STANDARD,
      message: 'Too long: {detail}. Keep the timeline; cut the architecture tour.',
    },
    {
      code: 'star.missing-action',
      dimension: 'structure',
      severity: 'problem',
      penalty: HEAVY,
      message: 'Say what you did: {detail}. Detection, triage, mitigation, communication.',
    },
    {
      code: 'star.missing-result',
      dimension: 'structure',
      severity: 'problem',
      penalty: HEAVY,
      message: 'How did it end for users and the error budget? {detail}.',
    },
    {
      code: 'star.long-situation',
      dimension: 'structure',
      severity: 'warning',
      penalty: STANDARD,
      message: 'Get to the page faster: {detail}.',
    },
    {
      code: 'pitfall.vague-we',
      dimension: 'response',
      severity: 'warning',
      penalty: STANDARD,
      message: 'Who held the pager and made the calls? {detail}.',
    },
    {
      code: 'pitfall.no-on-call',
      dimension: 'response',
      severity: 'problem',
      penalty: HEAVY,
      message: 'No on-call moment: {detail}. Say when you were paged and what you owned.',
    },
    {
      code: 'pitfall.blames-upstream',
      dimension: 'response',
      severity: 'problem',
      penalty: HEAVY,
      message: 'Keep it blameless: {detail}. Say what you changed so it cannot happen again.',
    },
    {
      code: 'pitfall.no-post-incident-change',
      dimension: 'reliability',
      severity: 'problem',
      penalty: HEAVY,
      message: 'No follow-up: {detail}. Name the alert, runbook, SLO or guardrail you added.',
    },
    {
      code: 'result.no-metric',
      dimension: 'reliability',
      severity: 'warning',
      penalty: STANDARD,
      message: 'Quantify it: {detail}. Minutes to recover, error rate, availability, pages since.',
    },
    {
      code: 'relevance.off-question',
      dimension: 'response',
      severity: 'warning',
      penalty: HEAVY,
      message: 'This story may not answer the question: {detail}.',
    },
    {
      code: 'delivery.fillers',
      dimension: 'delivery',
      severity: 'info',
      penalty: STANDARD,
      message: '{detail}.',
    },
    {
      code: 'delivery.rambling',
      dimension: 'delivery',
      severity: 'info',
      penalty: STANDARD,
      message: '{detail}.',
    },
  ],
  thresholds: {
    ...DATA_ENGINEER_RUBRIC.thresholds,
    // Incident timelines run a little longer; the window is the same two to three minutes.
    longWords: { warning: 400, problem: 520 },
    contentGap: { dimensions: ['structure', 'response', 'reliability'], cap: 79 },
  },
  // prettier-ignore
  lexicon: {
    ...DATA_ENGINEER_RUBRIC.lexicon,
    tools: [
      'kubernetes', 'k8s', 'prometheus', 'grafana', 'terraform', 'envoy', 'istio', 'nginx',
      'haproxy', 'consul', 'vault', 'datadog', 'pagerduty', 'opsgenie', 'argo*', 'helm', 'ansible',
      'linux', 'systemd', 'postgres', 'redis', 'kafka', 'aws', 'gcp', 'azure', 'load balancer*',
    ],
    hardening: [
      ...DATA_ENGINEER_RUBRIC.lexicon.hardening, 'canary', 'canaries', 'rate limit*', 'feature flag*',
      'error budget*', 'autoscal*', 'chaos', 'game day*', 'synthetic*', 'probe*',
    ],
    businessOutcomes: [
      'availability', 'uptime', 'latency', 'error rate', 'error budget*', 'mttr', 'time to recover',
      'slo', 'slos', 'sla', 'slas', 'users', 'customer*', 'requests', 'pages', 'incident*', 'outage*',
      'minutes', 'hours', 'percent', 'since', 'no longer', 'never', 'zero', 'cost*', '$*',
    ],
    stakeholders: [
      'customer*', 'users', 'support', 'product', 'leadership', 'incident commander', 'status page',
      'engineering manager', 'developers', 'service owner*',
    ],
  },
};
