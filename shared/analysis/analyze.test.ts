import { describe, expect, it } from 'vitest';
import { customQuestion, findQuestion, type Question } from '../questions/bank.ts';
import { FLAWED, GOOD_INCIDENT, WEAK_COST, WEAK_INCIDENT } from './fixtures/answers.ts';
import { GUIDE_SAMPLES } from './fixtures/guide-samples.ts';
import { timedTranscript } from './fixtures/timed.ts';
import { AnalysisInputError, analyzeAnswer, formatReportText } from './index.ts';
import { scoreAnswer } from './score.ts';
import type { Finding, FindingCode, Severity } from './types.ts';
import { compileRubric } from '../rubric/compile.ts';
import { DATA_ENGINEER_RUBRIC } from '../rubric/data-engineer.ts';

function question(id: string): Question {
  const found = findQuestion(id);
  if (!found) throw new Error(`No question "${id}" in the bank.`);
  return found;
}

describe("the guide's sample answers", () => {
  for (const sample of GUIDE_SAMPLES) {
    describe(sample.questionId, () => {
      for (const mode of ['text only', 'timed'] as const) {
        it(`scores at least 80 with no pitfall, result or missing-part findings (${mode})`, () => {
          const transcript =
            mode === 'timed'
              ? timedTranscript(sample.answer, { wordsPerMinute: 150 })
              : { text: sample.answer, words: [] };
          const report = analyzeAnswer(transcript, question(sample.questionId));
          expect(report.score.overall).toBeGreaterThanOrEqual(80);
          const serious = report.findings.filter((finding) =>
            /^(pitfall\.|result\.|star\.missing-)/u.test(finding.code),
          );
          expect(serious.map((finding) => finding.message)).toEqual([]);
          expect(report.findings.every((finding) => finding.severity !== 'problem')).toBe(true);
          // All four parts, in STAR order of first appearance (the story may come back to one).
          expect([...new Set(report.sections.map((section) => section.part))]).toEqual([
            'situation',
            'task',
            'action',
            'result',
          ]);
        });
      }
    });
  }
});

describe('scores', () => {
  it('lists every rubric dimension with a 0–100 score, its weight and reasons', () => {
    const report = analyzeAnswer({ text: GOOD_INCIDENT, words: [] }, question('pipeline-broke'));
    expect(report.score.dimensions.map((dimension) => dimension.id)).toEqual([
      'structure',
      'ownership',
      'impact',
      'focus',
      'delivery',
    ]);
    for (const dimension of report.score.dimensions) {
      expect(dimension.score).toBeGreaterThanOrEqual(0);
      expect(dimension.score).toBeLessThanOrEqual(100);
      expect(dimension.reasons.length).toBeGreaterThan(0);
    }
    expect(report.score.overall).toBe(100);
  });

  it('takes each finding off its dimension and says why', () => {
    const report = analyzeAnswer(
      { text: FLAWED['pitfall.tool-heavy']?.text ?? '', words: [] },
      question('dbt-migration'),
    );
    const focus = report.score.dimensions.find((dimension) => dimension.id === 'focus');
    expect(focus?.score).toBeLessThan(100);
    expect(focus?.reasons.some((reason) => reason.includes('(pitfall.tool-heavy)'))).toBe(true);
  });

  it('keeps an answer with a problem below 80 and says it was capped', () => {
    const report = analyzeAnswer(
      { text: FLAWED['pitfall.blames-upstream']?.text ?? '', words: [] },
      question('pipeline-broke'),
    );
    const problems = report.findings.filter((finding) => finding.severity === 'problem').length;
    expect(problems).toBeGreaterThanOrEqual(2);
    expect(report.score.overall).toBeLessThanOrEqual(64);
    expect(report.score.reasons?.[0]).toMatch(/^Capped at \d+/u);
  });

  it('caps an answer that hardly tells what the speaker did, and says why', () => {
    const rubric = compileRubric(DATA_ENGINEER_RUBRIC);
    const { belowShare, cap } = rubric.rubric.thresholds.tooLittleAction;
    const little = scoreAnswer([], [], rubric, 300, belowShare / 2);
    expect(little.overall).toBeLessThanOrEqual(cap);
    expect(little.reasons?.[0]).toMatch(/of the answer tells what you did/u);
    expect(scoreAnswer([], [], rubric, 300, belowShare).overall).toBeGreaterThan(cap);
    const noAction = analyzeAnswer(
      { text: FLAWED['star.missing-action']?.text ?? '', words: [] },
      question('reduce-cost'),
    );
    expect(noAction.score.overall).toBeLessThanOrEqual(cap);
  });

  it('keeps an answer with one gap in what the story says out of the strong band, not one that only runs long', () => {
    const rubric = compileRubric(DATA_ENGINEER_RUBRIC);
    const { cap } = rubric.rubric.thresholds.contentGap;
    const finding = (code: FindingCode, severity: Severity): Finding => ({
      code,
      severity,
      message: '',
      detail: 'detail',
      evidence: [],
    });
    // Every dimension has evidence, so the weighted mean is above the cap.
    const strengths = (
      [
        'star.missing-action',
        'pitfall.vague-we',
        'result.no-metric',
        'pitfall.tool-heavy',
        'delivery.fillers',
      ] as const
    ).map((code) => ({ code, text: 'went well' }));
    const noMetric = scoreAnswer([finding('result.no-metric', 'warning')], strengths, rubric, 300);
    expect(noMetric.overall).toBe(cap);
    // Said in words (the finding's detail), never as a code.
    expect(noMetric.reasons?.[0]).toMatch(/no gap in what the story says \(detail\)\.$/u);
    expect(
      scoreAnswer([finding('result.no-metric', 'info')], strengths, rubric, 300).overall,
    ).toBeGreaterThan(cap);
    expect(
      scoreAnswer([finding('length.long', 'warning')], strengths, rubric, 300).overall,
    ).toBeGreaterThan(cap);
  });

  it('ranks a flawed telling below the good one', () => {
    const good = analyzeAnswer({ text: GOOD_INCIDENT, words: [] }, question('pipeline-broke')).score
      .overall;
    for (const code of [
      'pitfall.vague-we',
      'pitfall.no-post-incident-change',
      'star.missing-result',
      'delivery.fillers',
    ] as const) {
      const flawed = FLAWED[code];
      const score = analyzeAnswer(
        { text: flawed?.text ?? '', words: [] },
        question(flawed?.questionId ?? ''),
      ).score.overall;
      expect(score, code).toBeLessThan(good);
    }
  });

  it("scores typical weak answers low, with the guide's pitfalls named", () => {
    const incident = analyzeAnswer({ text: WEAK_INCIDENT, words: [] }, question('pipeline-broke'));
    expect(incident.score.overall).toBeLessThan(50);
    expect(incident.findings.map((finding) => finding.code)).toEqual(
      expect.arrayContaining([
        'pitfall.vague-we',
        'pitfall.blames-upstream',
        'pitfall.no-post-incident-change',
        'pitfall.no-on-call',
        'star.missing-result',
        'delivery.fillers',
        'length.short',
      ]),
    );
    const cost = analyzeAnswer({ text: WEAK_COST, words: [] }, question('reduce-cost'));
    expect(cost.score.overall).toBeLessThan(80);
    expect(cost.findings.map((finding) => finding.code)).toEqual(
      expect.arrayContaining([
        'pitfall.vague-we',
        'pitfall.tool-heavy',
        'tradeoff.no-numbers',
        'result.no-metric',
        'delivery.rambling',
        'star.long-situation',
      ]),
    );
    expect(cost.rambling.map((section) => section.reason)).toEqual([
      'org-chart-preamble',
      'hedging',
    ]);
  });

  it('is deterministic', () => {
    const transcript = timedTranscript(FLAWED['delivery.rambling']?.text ?? '', {
      wordsPerMinute: 170,
      pausesAfter: { 10: 1.2 },
    });
    const first = analyzeAnswer(transcript, question('pipeline-broke'));
    const second = analyzeAnswer(structuredClone(transcript), question('pipeline-broke'));
    expect(second).toEqual(first);
  });
});

describe('report shape', () => {
  it('carries the question, kind and rubric ids, and evidence times', () => {
    const report = analyzeAnswer(
      timedTranscript(FLAWED['pitfall.vague-we']?.text ?? ''),
      question('pipeline-broke'),
    );
    expect(report.questionId).toBe('pipeline-broke');
    expect(report.questionKind).toBe('incident');
    expect(report.rubricId).toBe('data-engineer-2026');
    const evidence = report.findings.flatMap((finding) => finding.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    for (const range of evidence) {
      expect(range.start).toBe(report.words[range.startWord]?.start);
      expect(range.end).toBe(report.words[range.endWord - 1]?.end);
    }
  });

  it('works for a custom question, with findings chosen by its inferred kind', () => {
    const custom = customQuestion('Tell me about a time an upstream outage broke your dashboards.');
    expect(custom.kind).toBe('incident');
    const report = analyzeAnswer(
      { text: FLAWED['pitfall.no-on-call']?.text ?? '', words: [] },
      custom,
    );
    expect(report.questionId).toBe(custom.id);
    expect(report.findings.map((finding) => finding.code)).toContain('pitfall.no-on-call');
  });
});

describe('bad input gets a clear error', () => {
  const q = question('pipeline-broke');
  it('rejects an empty transcript', () => {
    expect(() => analyzeAnswer({ text: '  ', words: [] }, q)).toThrow(AnalysisInputError);
    expect(() => analyzeAnswer({ text: '  ', words: [] }, q)).toThrow(/transcript is empty/u);
    expect(() => analyzeAnswer({ text: ' - … ', words: [] }, q)).toThrow(/only punctuation/u);
  });
  it('rejects broken word timings', () => {
    expect(() => analyzeAnswer({ text: '', words: [{ text: 'hi', start: 2, end: 1 }] }, q)).toThrow(
      /Word 0 \("hi"\) ends at 1s, before it starts at 2s/u,
    );
    expect(() =>
      analyzeAnswer({ text: '', words: [{ text: 'hi', start: Number.NaN, end: 1 }] }, q),
    ).toThrow(/Word 0 \("hi"\) start must be a number/u);
  });
  it('rejects a bad speaking rate or duration', () => {
    expect(() =>
      analyzeAnswer({ text: 'hello there', words: [] }, q, { estimatedWordsPerMinute: 0 }),
    ).toThrow(/positive number of words per minute/u);
    expect(() => analyzeAnswer({ text: 'hello there', words: [] }, q, { durationSec: -3 })).toThrow(
      /duration must be a number of seconds/u,
    );
  });
  it('rejects a question without an id or with an unknown kind', () => {
    expect(() => analyzeAnswer({ text: 'hello', words: [] }, { ...q, id: '' })).toThrow(
      /needs an id/u,
    );
    expect(() =>
      analyzeAnswer({ text: 'hello', words: [] }, { ...q, kind: 'party' as Question['kind'] }),
    ).toThrow(/unknown kind "party"/u);
  });
  it('rejects a transcript without a words array or text', () => {
    expect(() => analyzeAnswer({ text: 'hello' } as never, q)).toThrow(/needs a "words" array/u);
    expect(() => analyzeAnswer(null as never, q)).toThrow(/needs a "words" array/u);
    expect(() => analyzeAnswer({ text: 5, words: [] } as never, q)).toThrow(
      /needs its "text" as a string \(got number\)/u,
    );
  });
});

describe('formatReportText', () => {
  it('renders score, dimensions, timing, fillers, STAR and findings with quoted, timed evidence', () => {
    const transcript = timedTranscript(FLAWED['delivery.fillers']?.text ?? '', {
      wordsPerMinute: 150,
      pausesAfter: { 20: 1.0 },
    });
    const q = question('pipeline-broke');
    const text = formatReportText(analyzeAnswer(transcript, q), q);
    expect(text).toContain('Question: Tell me about a pipeline that broke in production.');
    expect(text).toMatch(/^Score: \d+\/100$/mu);
    expect(text).toMatch(/STAR structure\s+\d+/u);
    expect(text).toMatch(/^Timing$/mu);
    expect(text).toMatch(/1 pause of 0\.6 s or more; longest: 1\.\d s at 0:\d\d/u);
    expect(text).toMatch(/^Fillers: 7 \(/mu);
    expect(text).toMatch(/^ {2}Situation\s+\d+% of words/mu);
    expect(text).toMatch(/delivery\.fillers/u);
    expect(text).toMatch(/\[0:0\d\] "So,"/u);
    expect(text.split('\n').every((line) => line.length <= 110)).toBe(true);
    expect(text).not.toContain('unclear');
  });

  it('says where the audio was too unclear to transcribe', () => {
    const transcript = timedTranscript(FLAWED['delivery.fillers']?.text ?? '', {
      pausesAfter: { 10: 8, 20: 3 },
    });
    const gap = (after: number) => ({
      start: transcript.words[after]!.end + 0.5,
      end: transcript.words[after + 1]!.start - 0.5,
    });
    const q = question('pipeline-broke');
    const report = analyzeAnswer({ ...transcript, unclear: [gap(20), gap(10)] }, q);
    // Wrapped at the report's width: read as one line.
    const text = formatReportText(report, q).replace(/\s+/gu, ' ');
    expect(text).toContain(
      '0 pauses of 0.6 s or more 9 s of audio in 2 places was too unclear to transcribe (not counted as pauses or in the pace): 0:05–0:12, 0:17–0:19',
    );
  });

  it('marks estimated times', () => {
    const q = question('dbt-migration');
    const text = formatReportText(
      analyzeAnswer({ text: GUIDE_SAMPLES[2]?.answer ?? '', words: [] }, q),
      q,
    );
    expect(text).toContain('Timing (estimated: no word timings, 150 words per minute assumed)');
    expect(text).toMatch(/\[~0:00\]/u);
  });
});
