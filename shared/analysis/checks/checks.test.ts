import { describe, expect, it } from 'vitest';
import { customQuestion, findQuestion, type Question } from '../../questions/bank.ts';
import { DATA_ENGINEER_RUBRIC } from '../../rubric/data-engineer.ts';
import type { Rubric } from '../../rubric/types.ts';
import { analyzeAnswer, prepareAnswer } from '../analyze.ts';
import { FLAWED } from '../fixtures/answers.ts';
import { starUnits } from '../star.ts';
import { FINDING_CODES } from '../types.ts';
import type { CheckContext } from './context.ts';
import { CHECKS, CHECK_CODES, checkFor } from './index.ts';
import { starMissingAction } from './star-missing-action.ts';

const question = (id: string): Question => findQuestion(id) as Question;

describe('the check registry', () => {
  it('has one check per finding code, each a known code', () => {
    expect(new Set(CHECK_CODES).size).toBe(CHECKS.length);
    for (const code of CHECK_CODES) expect(FINDING_CODES).toContain(code);
    for (const rule of DATA_ENGINEER_RUBRIC.findings) expect(checkFor(rule.code)).toBeDefined();
  });

  it('runs only the checks the rubric lists', () => {
    const lengthOnly: Rubric = {
      ...DATA_ENGINEER_RUBRIC,
      id: 'length-only',
      findings: DATA_ENGINEER_RUBRIC.findings.filter((rule) => rule.code.startsWith('length.')),
    };
    const flawed = FLAWED['star.missing-action'];
    const text = flawed?.text ?? '';
    const full = analyzeAnswer({ text, words: [] }, question('pipeline-broke'));
    const listed = analyzeAnswer({ text, words: [] }, question('pipeline-broke'), {
      rubric: lengthOnly,
    });
    expect(full.findings.map((finding) => finding.code)).toContain('star.missing-action');
    expect(listed.findings.every((finding) => finding.code.startsWith('length.'))).toBe(true);
  });

  it('applies a check to the kinds it is meant for when the rubric does not narrow it', () => {
    const unnarrowed: Rubric = {
      ...DATA_ENGINEER_RUBRIC,
      id: 'unnarrowed',
      findings: DATA_ENGINEER_RUBRIC.findings.map(({ appliesTo: _dropped, ...rule }) => rule),
    };
    const text = FLAWED['pitfall.no-on-call']?.text ?? '';
    const incident = analyzeAnswer({ text, words: [] }, question('missed-sla'), {
      rubric: unnarrowed,
    });
    const migration = analyzeAnswer({ text, words: [] }, question('dbt-migration'), {
      rubric: unnarrowed,
    });
    const codes = (report: typeof incident) => report.findings.map((finding) => finding.code);
    expect(codes(incident)).toContain('pitfall.no-on-call');
    expect(codes(migration)).not.toContain('pitfall.no-on-call');
  });
});

describe('star.missing-action', () => {
  const stub = (certainty: 'sure' | 'probable', text = 'The report was late.'): CheckContext => {
    const { answer, rubric } = prepareAnswer({ text, words: [] }, question('pipeline-broke'));
    return {
      partAbsent: (part: string) => part === 'action',
      absentCertainty: () => certainty,
      sections: [],
      answer,
      rubric,
      units: starUnits(answer),
    } as unknown as CheckContext;
  };

  it("keeps the rubric's severity when no unit is even a faint action candidate", () => {
    expect(starMissingAction.detect(stub('sure'))?.severity).toBeUndefined();
  });

  it('is a warning when some unit is a faint action candidate', () => {
    expect(starMissingAction.detect(stub('probable'))?.severity).toBe('warning');
  });

  it("is a warning when the model is sure but a sentence reads as the speaker's own move", () => {
    for (const text of [
      'Leadership wants real-time data. I usually start by asking which decisions each report supports.',
      'Leadership wants real-time data. Rewrote the top queries against the new model.',
    ])
      expect(starMissingAction.detect(stub('sure', text))?.severity).toBe('warning');
  });

  it('is a problem on an answer that plainly has no action', () => {
    const flawed = FLAWED['star.missing-action'];
    const report = analyzeAnswer({ text: flawed?.text ?? '', words: [] }, question('reduce-cost'));
    const finding = report.findings.find((item) => item.code === 'star.missing-action');
    expect(finding?.severity).toBe('problem');
  });
});

describe('incident checks follow the story, not only the question', () => {
  // An incident (failed job, duplicate rows, restored table) with no on-call moment and no fix after.
  const incidentText =
    'At nine in the morning the finance dashboard showed wrong numbers: the nightly orders job had failed halfway and left duplicate rows. I traced the root cause to a retry that loaded one file twice, deleted the duplicates and restored the table from the last good snapshot. The dashboard was correct again by noon, and finance rebuilt the forecast with the right figures.';
  const codes = (report: { findings: { code: string }[] }) =>
    report.findings.map((finding) => finding.code);

  it('apply to an incident story told for a question of another kind (read from the answer)', () => {
    const report = analyzeAnswer({ text: incidentText, words: [] }, question('tight-deadline'));
    expect(report.questionKind).toBe('delivery');
    expect(report.incidentStory).toBe('answer');
    expect(codes(report)).toContain('pitfall.no-on-call');
    expect(codes(report)).toContain('pitfall.no-post-incident-change');
  });

  it("follow the attempt's story when it has one", () => {
    const asMigration = analyzeAnswer(
      { text: incidentText, words: [] },
      question('tight-deadline'),
      {
        storyKinds: ['migration'],
      },
    );
    expect(asMigration.incidentStory).toBeUndefined();
    expect(codes(asMigration)).not.toContain('pitfall.no-on-call');
    const cost = FLAWED['relevance.off-question']?.text ?? '';
    const told = analyzeAnswer({ text: cost, words: [] }, question('reduce-cost'), {
      storyKinds: ['incident', 'cost-win'],
    });
    expect(told.incidentStory).toBe('story');
    expect(codes(told)).toContain('pitfall.no-on-call');
  });

  it('stay off a story that is not an incident', () => {
    const cost = FLAWED['relevance.off-question']?.text ?? '';
    const report = analyzeAnswer({ text: cost, words: [] }, question('reduce-cost'));
    expect(report.incidentStory).toBeUndefined();
    expect(codes(report)).not.toContain('pitfall.no-on-call');
    expect(codes(report)).not.toContain('pitfall.no-post-incident-change');
  });
});

describe("your own question's kind", () => {
  it('decides which checks apply', () => {
    // A cost story: not an incident by its words, with no on-call moment.
    const text = FLAWED['relevance.off-question']?.text ?? '';
    const prompt = 'Describe your favourite project.';
    const codes = (kind?: 'incident') =>
      analyzeAnswer({ text, words: [] }, customQuestion(prompt, kind)).findings.map(
        (finding) => finding.code,
      );
    expect(customQuestion(prompt).kind).toBe('general');
    expect(codes()).not.toContain('pitfall.no-on-call');
    expect(codes('incident')).toContain('pitfall.no-on-call');
  });
});
