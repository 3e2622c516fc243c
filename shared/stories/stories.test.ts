import { describe, expect, it } from 'vitest';
import { analyzeAnswer } from '../analysis/analyze.ts';
import { QUESTION_BANK, findQuestion, type Question } from '../questions/bank.ts';
import { compareFigures, extractFigures } from './figures.ts';
import { summarizeInventory, draftWordCount } from './inventory.ts';
import { buildMatrix, matrixCell } from './matrix.ts';
import { buildPanelReport, detectStory, pickPanel } from './panel.ts';
import { planWeek } from './plan.ts';
import { compareTelling, measureRecitation, repeatedOpening } from './telling.ts';
import type { RoutineAttempt, Story } from './types.ts';

const question = findQuestion('pipeline-broke') as Question;

// Written for these tests (not taken from any source).
const DRAFT = [
  'Last spring our nightly orders pipeline in Airflow started failing after a vendor changed their export format.',
  'I was on call that week and got paged at 2am when the revenue dashboard went stale.',
  'My task was to restore the dashboard before the 9am finance review without loading bad rows.',
  'I paused the downstream dbt models, wrote a parser for the new format, and backfilled the three missing days.',
  'I then added a schema contract test on the vendor file so a format change fails loudly at ingestion.',
  'The dashboard was current by 7am, finance closed the month on time, and we have had zero format incidents since.',
  'The fix also cut the retry cost by $4.8K a month.',
].join(' ');

const RETOLD = [
  'So, um, this was an incident with our orders pipeline.',
  'A vendor quietly switched how they export files and the nightly load broke.',
  'I had the pager and the alert woke me up around two in the morning because revenue numbers stopped updating.',
  'What I needed was the dashboard fixed before the finance review at nine, and no bad rows getting in.',
  'First I stopped the dbt models downstream, then I wrote a new parser and backfilled the days we missed.',
  'After that I put a contract test on the vendor file, so if the format changes again ingestion fails right away.',
  'By seven the dashboard was current, finance closed the month on time, and there have been zero incidents like that since.',
  'And the retries now cost about $6K a month less.',
].join(' ');

function report(text: string) {
  return analyzeAnswer({ text, words: [] }, question);
}

function story(id: string, kinds: Story['kinds'], draft = ''): Story {
  return {
    id,
    title: id,
    kinds,
    draft,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
  };
}

describe('figures', () => {
  it('reads money, percent, durations and counts in written and spoken forms', () => {
    const words = (text: string) => text.split(' ').map((word) => ({ text: word }));
    const figures = extractFigures(
      words('saved $4.8K a month, 40 percent of 14 tables in three hours at 2am'),
    );
    expect(figures.map((figure) => [figure.unit, figure.value])).toEqual([
      ['money', 4800],
      ['percent', 40],
      ['count:table', 14],
      ['duration', 10800],
    ]);
    const spoken = extractFigures(words('about 4,800 dollars and forty two percent'));
    expect(spoken.map((figure) => [figure.unit, figure.value])).toEqual([
      ['money', 4800],
      ['percent', 42],
    ]);
  });

  it('finds kept, drifted and dropped figures', () => {
    const words = (text: string) => text.split(' ').map((word) => ({ text: word }));
    const result = compareFigures(
      extractFigures(words('$11K before, $4.8K saved, 3 engineers')),
      extractFigures(words('it was $11K and we saved $6K')),
    );
    expect(result.kept.map((pair) => pair.reference.text)).toEqual(['$11K']);
    expect(result.drifted.map((pair) => [pair.reference.text, pair.said.text])).toEqual([
      ['$4.8K', '$6K'],
    ]);
    expect(result.dropped.map((figure) => figure.text)).toEqual(['3 engineers']);
  });
});

describe('told vs written', () => {
  it('flags a verbatim reading as recited, with the opening run as evidence', () => {
    const comparison = compareTelling(report(DRAFT), report(DRAFT));
    expect(comparison.recitation.openingRunWords).toBeGreaterThanOrEqual(20);
    expect(comparison.recitation.sharedShare).toBeGreaterThan(0.95);
    expect(comparison.finding?.code).toBe('delivery.recited');
    expect(comparison.finding?.message).toMatch(/first \d+ words match the draft word for word/u);
  });

  it('still flags a reading whose transcript has recogniser slips and spells numbers differently', () => {
    // Every seventh word misheard, numbers as digits: what Whisper makes of a read-out draft.
    const misheard = DRAFT.split(' ')
      .map((word, index) => (index % 7 === 6 ? 'planned' : word))
      .join(' ')
      .replace('three missing', '3 missing');
    const recitation = measureRecitation(report(DRAFT).words, report(misheard).words);
    expect(recitation.sharedShare).toBeGreaterThan(0.7);
    expect(recitation.recited).toBe(true);
  });

  it('does not flag a free retelling, and finds its key points and the drifted figure', () => {
    const comparison = compareTelling(report(DRAFT), report(RETOLD));
    expect(comparison.recitation.recited).toBe(false);
    expect(comparison.recitation.openingRunWords).toBeLessThan(3);
    expect(comparison.recitation.sharedShare).toBeLessThan(0.3);
    expect(comparison.finding).toBeUndefined();
    const points = Object.fromEntries(
      comparison.keyPoints.filter((point) => point.kind !== 'figure').map((p) => [p.kind, p.found]),
    );
    expect(points['on-call']).toBe(true);
    expect(points['post-incident-change']).toBe(true);
    expect(points.result).toBe(true);
    const money = comparison.keyPoints.find((point) => point.draftText === '$4.8K');
    expect(money).toMatchObject({ found: false, saidInstead: '$6K' });
  });

  it('reports key points missing from a telling that leaves them out', () => {
    const short = report('Our pipeline broke and I fixed the parser. It works now.');
    const comparison = compareTelling(report(DRAFT), short);
    const change = comparison.keyPoints.find((point) => point.kind === 'post-incident-change');
    expect(change?.found).toBe(false);
    expect(comparison.keyPoints.filter((point) => point.kind === 'figure' && point.found)).toEqual(
      [],
    );
  });

  it('ignores fillers when measuring verbatim runs', () => {
    const withFillers = report(`Um, ${DRAFT.replace('started failing', 'uh started failing')}`);
    expect(
      measureRecitation(report(DRAFT).words, withFillers.words).openingRunWords,
    ).toBeGreaterThan(12);
  });

  it('flags the same opening told to three different questions', () => {
    const words = report(RETOLD).words;
    const tellings = ['a', 'b', 'c'].map((questionId) => ({ questionId, words }));
    expect(repeatedOpening(tellings)?.questionIds).toEqual(['a', 'b', 'c']);
    expect(repeatedOpening(tellings.slice(0, 2))).toBeUndefined();
  });
});

describe('inventory and matrix', () => {
  it('counts stories against 6–8 and lists uncovered guide kinds', () => {
    const summary = summarizeInventory([
      story('s1', ['incident'], DRAFT),
      story('s2', ['cost-win']),
    ]);
    expect(summary.status).toBe('short');
    expect(summary.uncoveredKinds).toEqual([
      'migration',
      'schema-change',
      'stakeholder-conflict',
      'cross-team',
    ]);
    expect(summary.withoutDraft).toEqual(['s2']);
    expect(draftWordCount(DRAFT)).toBeGreaterThan(100);
  });

  it('marks a story that scored well on three questions as flexing and those questions covered', () => {
    const stories = [story('s1', ['incident']), story('s2', ['cost-win'])];
    const attempts: RoutineAttempt[] = [
      {
        attemptId: '1',
        questionId: 'pipeline-broke',
        storyId: 's1',
        score: 70,
        createdAt: '2026-11-01T10:00:00Z',
      },
      {
        attemptId: '2',
        questionId: 'pipeline-broke',
        storyId: 's1',
        score: 85,
        createdAt: '2026-11-02T10:00:00Z',
      },
      {
        attemptId: '3',
        questionId: 'missed-sla',
        storyId: 's1',
        score: 82,
        createdAt: '2026-11-02T11:00:00Z',
      },
      {
        attemptId: '4',
        questionId: 'postmortem',
        storyId: 's1',
        score: 90,
        createdAt: '2026-11-03T10:00:00Z',
      },
      {
        attemptId: '5',
        questionId: 'reduce-cost',
        storyId: 's2',
        score: 60,
        createdAt: '2026-11-03T10:00:00Z',
      },
      {
        attemptId: '6',
        questionId: 'reduce-cost',
        storyId: 'gone',
        score: 60,
        createdAt: '2026-11-03T10:00:00Z',
      },
    ];
    const matrix = buildMatrix(stories, QUESTION_BANK, attempts);
    expect(matrixCell(matrix, 's1', 'pipeline-broke')).toMatchObject({
      attempts: 2,
      best: 85,
      latest: 85,
      good: true,
    });
    expect(matrix.stories.find((row) => row.storyId === 's1')?.flexes).toBe(true);
    expect(matrix.stories.find((row) => row.storyId === 's2')?.flexes).toBe(false);
    const covered = matrix.questions.filter((column) => column.covered).map((c) => c.questionId);
    expect(covered.sort()).toEqual(['missed-sla', 'pipeline-broke', 'postmortem']);
    expect(matrix.questions.find((c) => c.questionId === 'reduce-cost')?.suggestedStories).toEqual([
      's2',
    ]);
    expect(matrix.unmatchedAttempts).toBe(1);
  });

  it('warns when one story carries too many questions', () => {
    const ids = [
      'pipeline-broke',
      'missed-sla',
      'postmortem',
      'late-arriving-data',
      'bad-data-downstream',
    ];
    const attempts = ids.map((questionId, index) => ({
      attemptId: String(index),
      questionId,
      storyId: 's1',
      score: 50,
      createdAt: '2026-11-01T00:00:00Z',
    }));
    const matrix = buildMatrix([story('s1', ['incident'])], QUESTION_BANK, attempts);
    expect(matrix.stories[0]?.overloaded).toBe(true);
  });
});

describe('panels', () => {
  it('opens with the pipeline question, draws distinct questions, and is reproducible by seed', () => {
    const panel = pickPanel(QUESTION_BANK, { size: 5, seed: 7 });
    expect(panel[0]?.id).toBe('pipeline-broke');
    expect(new Set(panel.map((q) => q.id)).size).toBe(5);
    expect(pickPanel(QUESTION_BANK, { size: 5, seed: 7 })).toEqual(panel);
    expect(() => pickPanel(QUESTION_BANK, { size: 7, seed: 1 })).toThrow(/4 to 6/u);
  });

  it('draws uncovered questions more often than covered ones', () => {
    const covered = new Set(QUESTION_BANK.slice(0, 8).map((q) => q.id));
    let fromCovered = 0;
    let total = 0;
    for (let seed = 1; seed <= 200; seed += 1) {
      for (const q of pickPanel(QUESTION_BANK, {
        size: 4,
        seed,
        coveredIds: covered,
        openWithPipeline: false,
      })) {
        total += 1;
        if (covered.has(q.id)) fromCovered += 1;
      }
    }
    expect(fromCovered / total).toBeLessThan(0.4);
  });

  it('detects the story told, reports collisions and what to rehearse next', () => {
    const stories = [
      story('orders', ['incident'], DRAFT),
      story(
        'costs',
        ['cost-win'],
        'I cut our Snowflake bill by clustering the events table and pausing idle warehouses; finance saw the spend drop by a third.',
      ),
    ];
    const draftWords = (s: Story) => report(s.draft).words;
    expect(
      detectStory(
        report(RETOLD).words,
        stories.map((s) => ({ id: s.id, draftWords: draftWords(s) })),
      ),
    ).toBe('orders');
    const answers = [
      { question, report: report(RETOLD) },
      { question: findQuestion('missed-sla') as Question, report: report(RETOLD) },
    ];
    const panel = buildPanelReport(answers, stories, draftWords);
    expect(panel.entries.map((entry) => [entry.storyId, entry.storyDetected])).toEqual([
      ['orders', true],
      ['orders', true],
    ]);
    expect(panel.collisions).toEqual([
      { storyId: 'orders', questionIds: ['pipeline-broke', 'missed-sla'] },
    ]);
    expect(panel.totalSec).toBeGreaterThan(0);
  });
});

describe('the week before', () => {
  it('plans every story to three good questions before the onsite, weak cells first', () => {
    const stories = [story('s1', ['incident']), story('s2', ['cost-win'])];
    const attempts: RoutineAttempt[] = [
      {
        attemptId: '1',
        questionId: 'reduce-cost',
        storyId: 's2',
        score: 55,
        createdAt: '2026-11-20T00:00:00Z',
      },
    ];
    const matrix = buildMatrix(stories, QUESTION_BANK, attempts);
    const plan = planWeek('2026-12-01', '2026-12-04', stories, QUESTION_BANK, matrix);
    expect(plan.map((day) => day.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    const cells = plan.flatMap((day) => day.cells);
    expect(cells.filter((cell) => cell.storyId === 's1')).toHaveLength(3);
    expect(cells.filter((cell) => cell.storyId === 's2')).toHaveLength(3);
    expect(cells.find((cell) => cell.storyId === 's2')).toMatchObject({
      questionId: 'reduce-cost',
      reason: 'weak',
    });
    expect(() => planWeek('2026-12-05', '2026-12-04', stories, QUESTION_BANK, matrix)).toThrow(
      /before today/u,
    );
  });
});
