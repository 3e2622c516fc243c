import { describe, expect, it } from 'vitest';
import { analyzeAnswer } from '../analysis/index.ts';
import { FLAWED } from '../analysis/fixtures/answers.ts';
import { findQuestion, type Question } from '../questions/bank.ts';
import {
  DATA_ENGINEER_RUBRIC,
  RUBRICS,
  SRE_RUBRIC,
  compileRubric,
  findRubric,
  validateRubric,
  type Rubric,
} from './index.ts';

const question = (id: string): Question => findQuestion(id) as Question;

describe('the default rubric', () => {
  it('is valid and lists every finding code once', () => {
    expect(() => validateRubric(DATA_ENGINEER_RUBRIC)).not.toThrow();
    const codes = DATA_ENGINEER_RUBRIC.findings.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(21);
  });

  it('keeps the target window of the guide', () => {
    expect(DATA_ENGINEER_RUBRIC.thresholds.targetWords).toEqual({ min: 250, max: 320 });
    expect(DATA_ENGINEER_RUBRIC.thresholds.targetSeconds).toEqual({ min: 120, max: 180 });
    expect(DATA_ENGINEER_RUBRIC.thresholds.pauseSeconds).toBe(0.6);
  });

  it('limits incident pitfalls to incident questions and trade-off numbers to cost questions', () => {
    const rule = (code: string) => DATA_ENGINEER_RUBRIC.findings.find((item) => item.code === code);
    expect(rule('pitfall.no-on-call')?.appliesTo).toEqual(['incident']);
    expect(rule('pitfall.no-post-incident-change')?.appliesTo).toEqual(['incident']);
    expect(rule('tradeoff.no-numbers')?.appliesTo).toEqual(['cost-tradeoff']);
  });

  it('is compiled once per rubric object', () => {
    expect(compileRubric(DATA_ENGINEER_RUBRIC)).toBe(compileRubric(DATA_ENGINEER_RUBRIC));
  });
});

describe('a rubric for another role needs no engine change', () => {
  // An analytics-engineer rubric: no incident pitfalls, stricter on fillers, its own tools.
  const analytics: Rubric = {
    ...DATA_ENGINEER_RUBRIC,
    id: 'analytics-engineer-test',
    role: 'Analytics engineer',
    findings: DATA_ENGINEER_RUBRIC.findings
      .filter((rule) => rule.code !== 'pitfall.no-on-call')
      .map((rule) =>
        rule.code === 'pitfall.vague-we' ? { ...rule, message: 'Own it: {detail}.' } : rule,
      ),
    thresholds: {
      ...DATA_ENGINEER_RUBRIC.thresholds,
      fillersPerMinute: { problem: 0.5 },
      minFillerCount: 1,
    },
    lexicon: { ...DATA_ENGINEER_RUBRIC.lexicon, tools: ['lookml', 'looker'] },
  };

  it('drops findings it does not list and uses its own messages and thresholds', () => {
    const noOnCall = FLAWED['pitfall.no-on-call'];
    const report = analyzeAnswer(
      { text: noOnCall?.text ?? '', words: [] },
      question('missed-sla'),
      { rubric: analytics },
    );
    expect(report.rubricId).toBe('analytics-engineer-test');
    expect(report.findings.map((finding) => finding.code)).not.toContain('pitfall.no-on-call');

    const vague = analyzeAnswer(
      { text: FLAWED['pitfall.vague-we']?.text ?? '', words: [] },
      question('pipeline-broke'),
      { rubric: analytics },
    );
    expect(vague.findings.find((finding) => finding.code === 'pitfall.vague-we')?.message).toMatch(
      /^Own it: /u,
    );

    const oneFiller = analyzeAnswer(
      { text: `Um, ${FLAWED['pitfall.no-on-call']?.text ?? ''}`, words: [] },
      question('missed-sla'),
      { rubric: analytics },
    );
    expect(
      oneFiller.findings.find((finding) => finding.code === 'delivery.fillers')?.severity,
    ).toBe('problem');
  });

  it('uses its own vocabulary', () => {
    const toolHeavy = FLAWED['pitfall.tool-heavy']?.text ?? '';
    const report = analyzeAnswer({ text: toolHeavy, words: [] }, question('dbt-migration'), {
      rubric: analytics,
    });
    expect(report.findings.map((finding) => finding.code)).not.toContain('pitfall.tool-heavy');
  });
});

describe('rubric validation', () => {
  const broken = (change: Partial<Rubric>): Rubric => ({
    ...DATA_ENGINEER_RUBRIC,
    id: 'broken',
    ...change,
  });

  it('names what is wrong', () => {
    expect(() => validateRubric(broken({ dimensions: [] }))).toThrow(
      'Rubric "broken" has no dimensions.',
    );
    expect(() =>
      validateRubric(
        broken({
          findings: [...DATA_ENGINEER_RUBRIC.findings, DATA_ENGINEER_RUBRIC.findings[0] as never],
        }),
      ),
    ).toThrow(/lists finding "length.short" twice/u);
    expect(() =>
      validateRubric(
        broken({
          findings: [
            ...DATA_ENGINEER_RUBRIC.findings,
            {
              ...(DATA_ENGINEER_RUBRIC.findings[0] as never as object),
              code: 'star.missing-vibe',
            } as never,
          ],
        }),
      ),
    ).toThrow(/lists unknown finding "star.missing-vibe"/u);
    expect(() =>
      validateRubric(
        broken({
          findings: DATA_ENGINEER_RUBRIC.findings.map((rule) =>
            rule.code === 'pitfall.no-on-call' ? { ...rule, appliesTo: 'all' as const } : rule,
          ),
        }),
      ),
    ).toThrow(/"pitfall.no-on-call" is meant for incident stories; it cannot apply to all kinds/u);
    expect(() =>
      validateRubric(
        broken({
          thresholds: { ...DATA_ENGINEER_RUBRIC.thresholds, overallCapByWeight: [100, 120] },
        }),
      ),
    ).toThrow(/overallCapByWeight entries must be between 0 and 100/u);
    expect(() =>
      validateRubric(
        broken({
          thresholds: {
            ...DATA_ENGINEER_RUBRIC.thresholds,
            contentGap: { dimensions: ['nope'], cap: 79 },
          },
        }),
      ),
    ).toThrow(/contentGap needs a cap between 0 and 100 and dimensions the rubric has/u);
    expect(() =>
      validateRubric(
        broken({
          findings: DATA_ENGINEER_RUBRIC.findings.map((rule) => ({ ...rule, dimension: 'nope' })),
        }),
      ),
    ).toThrow(/counts against unknown dimension "nope"/u);
    expect(() =>
      validateRubric(
        broken({
          findings: DATA_ENGINEER_RUBRIC.findings.map((rule) => ({
            ...rule,
            message: 'no placeholder',
          })),
        }),
      ),
    ).toThrow(/needs a \{detail\} placeholder/u);
    expect(() =>
      validateRubric(
        broken({
          dimensions: DATA_ENGINEER_RUBRIC.dimensions.map((dimension) => ({
            ...dimension,
            weight: 0,
          })),
        }),
      ),
    ).toThrow(/at least one dimension needs a weight above 0/u);
  });

  it('is checked before analysing', () => {
    const bad = broken({ lexicon: { ...DATA_ENGINEER_RUBRIC.lexicon, tools: ['dbt', ' '] } });
    expect(() =>
      analyzeAnswer({ text: 'hello', words: [] }, question('pipeline-broke'), { rubric: bad }),
    ).toThrow(/A rubric phrase is empty/u);
  });
});

describe('the catalog of rubrics', () => {
  it('holds valid rubrics with unique ids, found by id', () => {
    expect(new Set(RUBRICS.map((rubric) => rubric.id)).size).toBe(RUBRICS.length);
    for (const rubric of RUBRICS) {
      expect(() => validateRubric(rubric)).not.toThrow();
      expect(findRubric(rubric.id)).toBe(rubric);
    }
    expect(findRubric('nope')).toBeUndefined();
  });
});

describe('the SRE rubric (a second role, one folder of data)', () => {
  const analyze = (code: string, questionId?: string) => {
    const fixture = FLAWED[code];
    return analyzeAnswer(
      { text: fixture?.text ?? '', words: [] },
      question(questionId ?? fixture?.questionId ?? 'pipeline-broke'),
      { rubric: SRE_RUBRIC },
    );
  };

  it('judges by its own dimensions, severities and messages', () => {
    const report = analyze('pitfall.no-on-call');
    expect(report.rubricId).toBe('sre-2026');
    expect(report.score.dimensions.map((dimension) => dimension.id)).toEqual([
      'structure',
      'response',
      'reliability',
      'delivery',
    ]);
    const onCall = report.findings.find((finding) => finding.code === 'pitfall.no-on-call');
    expect(onCall?.severity).toBe('problem');
    expect(onCall?.message).toMatch(/^No on-call moment: .*Say when you were paged/u);
  });

  it('runs only the checks it lists', () => {
    const listed = new Set<string>(SRE_RUBRIC.findings.map((rule) => rule.code));
    for (const code of ['tradeoff.no-numbers', 'result.technical-only', 'star.missing-task']) {
      expect(listed.has(code)).toBe(false);
      const fixture = FLAWED[code] as { questionId: string; text: string };
      const codes = analyze(code).findings.map((finding) => finding.code);
      expect(codes).not.toContain(code);
      const byDefault = analyzeAnswer(
        { text: fixture.text, words: [] },
        question(fixture.questionId),
      );
      expect(byDefault.findings.map((finding) => finding.code)).toContain(code);
    }
  });

  it('keeps incident checks to incident stories (from the checks, not restated in the rubric)', () => {
    expect(SRE_RUBRIC.findings.every((rule) => rule.appliesTo === undefined)).toBe(true);
    const codes = analyze('pitfall.no-on-call', 'dbt-migration').findings.map(
      (finding) => finding.code,
    );
    expect(codes).not.toContain('pitfall.no-on-call');
  });
});
