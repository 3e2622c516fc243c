import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../testing/sample-report.ts';
import type { AttemptSummary } from '../../../../shared/ipc/contract.ts';
import { DATA_ENGINEER_RUBRIC } from '../../../../shared/rubric/data-engineer.ts';
import {
  answerFigures,
  describeFigures,
  dimensionStrengths,
  hearItFrom,
  rankFindings,
} from '../../../../shared/report/coach.ts';
import {
  reportHtml,
  reportMarkdown,
  transcriptSrt,
  transcriptVtt,
} from '../../../../shared/report/export.ts';
import {
  attemptNumbers,
  carriedFocus,
  compareAttempts,
  comparisonTargets,
  progressPoint,
  questionMarks,
} from '../../../../shared/report/progress.ts';

const question = {
  id: 'pipeline-broke',
  prompt: 'Tell me about a pipeline that broke.',
  kind: 'incident' as const,
  custom: false,
};

function summary(id: string, createdAt: string, questionId = question.id): AttemptSummary {
  return {
    id,
    question: { ...question, id: questionId },
    createdAt,
    durationSec: 6,
    status: 'ready',
    model: 'whisper-base',
    score: 62,
    wordCount: 12,
    error: null,
  };
}

describe('coach view', () => {
  it('ranks findings by the points they cost under the rubric, each once', () => {
    const report = { ...sampleReport(), rubricId: DATA_ENGINEER_RUBRIC.id };
    report.findings.push({ ...report.findings[0]! });
    const ranked = rankFindings(report);
    expect(ranked.map((f) => f.finding.code)).toEqual(['star.missing-task', 'result.no-metric']);
    expect(ranked[0]!.title).toBe('Your task is never named');
    expect(ranked[0]!.points).toBeGreaterThan(ranked[1]!.points);
    expect(ranked[1]!.at).toBe(4.5);
    expect(ranked[0]!.at).toBeNull();
  });

  it('falls back to severity order for an unknown rubric', () => {
    expect(rankFindings(sampleReport()).map((f) => f.finding.code)).toEqual([
      'star.missing-task',
      'result.no-metric',
    ]);
  });

  it('gives each figure one rounding', () => {
    const report = sampleReport();
    report.timing.wordsPerMinute = 121.6;
    report.fillers.perMinute = 3.249;
    const figures = answerFigures(report);
    expect(figures).toMatchObject({ score: 62, wordsPerMinute: 122, fillersPerMinute: 3.2 });
    expect(figures.spokenSec).toBeCloseTo(5.9);
    expect(describeFigures(figures)).toBe('12 words in 0:06 · 122 wpm · 3.2 fillers/min');
    expect(hearItFrom(4.5)).toBe(3.5);
    expect(hearItFrom(0.4)).toBe(0);
    expect(dimensionStrengths(['−5 Rambling (delivery.rambling).', 'A steady pace.'])).toEqual([
      'A steady pace.',
    ]);
  });
});

describe('progress', () => {
  it('numbers attempts per question, oldest first', () => {
    const numbers = attemptNumbers([
      summary('c', '2026-12-03T00:00:00Z'),
      summary('a', '2026-12-01T00:00:00Z'),
      summary('x', '2026-12-02T00:00:00Z', 'other'),
      summary('b', '2026-12-02T00:00:00Z'),
    ]);
    expect([...numbers.entries()].sort()).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['x', 1],
    ]);
  });

  it('compares with the previous and the best attempt, and says what was fixed and what is new', () => {
    const report = sampleReport();
    const first = progressPoint(summary('a', '2026-12-01T00:00:00Z'), report, 1);
    const better = sampleReport();
    better.score.overall = 80;
    better.fillers.perMinute = 2;
    better.findings = [
      { code: 'delivery.pace-fast', severity: 'info', message: 'Slow down.', evidence: [] },
    ];
    const second = progressPoint(summary('b', '2026-12-02T00:00:00Z'), better, 2);
    const worse = { ...second, attemptId: 'c', createdAt: '2026-12-03T00:00:00Z', score: 70 };
    const targets = comparisonTargets([first, second, worse], worse);
    expect(targets.previous?.attemptId).toBe('b');
    expect(targets.best?.attemptId).toBe('b');
    const change = compareAttempts(first, second);
    expect(change.changes[0]).toMatchObject({ label: 'Score', before: 62, after: 80, delta: 18 });
    expect(change.changes.find((c) => c.label === 'Fillers per minute')).toMatchObject({
      delta: -8,
      better: 'down',
    });
    expect(change.fixed).toEqual(['Your task is never named', 'No number in the result']);
    expect(change.added).toEqual(['Speaking too fast']);
    expect(carriedFocus(first)).toBe(
      'Last time (attempt 1, score 62): Your task is never named; 10.0 fillers a minute.',
    );
    // A story's tellings are compared across questions; the question's attempts by question.
    const told = (
      id: string,
      at: string,
      questionId: string,
      storyId: string | null,
      score: number,
    ) => ({
      ...progressPoint({ ...summary(id, at, questionId), storyId }, report, 1),
      score,
    });
    const tellings = [
      told('s1', '2026-12-01T00:00:00Z', 'q1', 'story', 75),
      told('s2', '2026-12-02T00:00:00Z', 'q2', 'story', 60),
      told('n1', '2026-12-03T00:00:00Z', 'q3', null, 90),
      told('s3', '2026-12-04T00:00:00Z', 'q3', 'story', 70),
    ];
    const now = tellings[3]!;
    expect(comparisonTargets(tellings, now)).toMatchObject({
      previous: { attemptId: 'n1' },
      best: { attemptId: 'n1' },
    });
    expect(comparisonTargets(tellings, now, 'story')).toMatchObject({
      previous: { attemptId: 's2' },
      best: { attemptId: 's1' },
    });
    expect(comparisonTargets(tellings, tellings[2]!, 'story')).toEqual({
      previous: null,
      best: null,
    });
    const marks = questionMarks([second, first]);
    expect(marks.get(question.id)).toMatchObject({ attempts: 2, best: 80 });
    expect(marks.get(question.id)!.last.attemptId).toBe('b');
  });
});

describe('export texts', () => {
  it('writes subtitles by sentence and the report without rule codes', () => {
    const report = sampleReport();
    expect(transcriptSrt(report.words)).toBe(
      '1\n00:00:00,000 --> 00:00:01,900\nOur pipeline um broke.\n\n2\n00:00:02,000 --> 00:00:05,900\nI paged the on-call and we fixed it.\n',
    );
    expect(transcriptVtt(report.words).split('\n').slice(0, 4)).toEqual([
      'WEBVTT',
      '',
      '00:00:00.000 --> 00:00:01.900',
      'Our pipeline um broke.',
    ]);
    const detail = { ...summary('a', '2026-12-01T09:30:00.000Z'), transcript: null, report };
    const markdown = reportMarkdown(detail);
    expect(markdown).toContain(
      '**Score: 62 / 100** · 12 words in 0:06 · 120 wpm · 10.0 fillers/min',
    );
    expect(markdown).toContain(
      '1. **Your task is never named** (Fix). Say what you were asked to do.',
    );
    expect(markdown).toContain('   - [0:05] “we fixed it.”');
    expect(markdown).toContain('Our pipeline ~~um~~ broke.');
    expect(markdown).not.toMatch(/result\.no-metric|star\.missing-task/);
  });

  it('marks where the audio was too unclear to transcribe in the report, in time order', () => {
    const report = { ...sampleReport(), unclear: [{ start: 1.9, end: 4.6 }] };
    const detail = { ...summary('a', '2026-12-01T09:30:00.000Z'), transcript: null, report };
    const markdown = reportMarkdown(detail);
    expect(markdown).toContain(
      'Our pipeline ~~um~~ broke. _[unclear 0:02–0:05]_ **[Action]** I paged',
    );
    expect(markdown).toContain(
      '3 s of audio was too unclear to transcribe; it is marked _[unclear …]_ where it falls.',
    );
    const html = reportHtml(detail);
    expect(html).toContain(
      'broke. <span class="unclear" title="Audio too unclear to transcribe from 0:02 to 0:05">[unclear 0:02–0:05]</span> <span class="part">Action</span> I',
    );
    expect(html).toContain('3 s of audio was too unclear to transcribe');
    // Without unclear audio, neither says anything about it.
    const clear = { ...detail, report: sampleReport() };
    expect(reportMarkdown(clear)).not.toContain('unclear');
    expect(reportHtml(clear)).not.toMatch(/\[unclear|too unclear/u);
  });
});
