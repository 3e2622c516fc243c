import { describe, expect, it } from 'vitest';
import { findQuestion, type Question } from '../questions/bank.ts';
import { FLAWED, GOOD_INCIDENT } from './fixtures/answers.ts';
import { GUIDE_SAMPLES } from './fixtures/guide-samples.ts';
import { locate } from './fixtures/locate.ts';
import { timedTranscript } from './fixtures/timed.ts';
import { analyzeAnswer } from './index.ts';
import { splitWords } from '../transcript/words.ts';
import type { AnswerReport, StarPart } from './types.ts';

const analyze = (text: string, id: string): AnswerReport =>
  analyzeAnswer({ text, words: [] }, findQuestion(id) as Question);

/** The parts in order of first appearance (a story may come back to a part). */
const partOrder = (report: AnswerReport): StarPart[] => [
  ...new Set(report.sections.map((section) => section.part)),
];

/** The STAR part that contains the first word of `phrase`. */
function partOf(report: AnswerReport, phrase: string): StarPart | undefined {
  const { startWord } = locate(report.words, phrase);
  return report.sections.find(
    (section) => section.startWord <= startWord && section.endWord > startWord,
  )?.part;
}

describe('STAR segmentation', () => {
  it('finds the four parts of guide sample 1 where the guide puts them', () => {
    const report = analyze(GUIDE_SAMPLES[0]?.answer ?? '', 'pipeline-broke');
    expect(partOrder(report)).toEqual(['situation', 'task', 'action', 'result']);
    expect(partOf(report, 'Our customer event pipeline started dropping')).toBe('situation');
    expect(partOf(report, 'I paused the dashboard refresh')).toBe('action');
    expect(partOf(report, 'No silent partial-sync failure has happened')).toBe('result');
  });

  it('finds the parts of guide samples 2 and 3', () => {
    const second = analyze(GUIDE_SAMPLES[1]?.answer ?? '', 'bad-data-downstream');
    expect(partOf(second, 'Our finance team built quarterly forecasts')).toBe('situation');
    expect(partOf(second, 'The CFO escalated and I owned the response.')).toBe('task');
    expect(partOf(second, 'I ran the corrected numbers within four hours')).toBe('action');
    expect(partOf(second, 'Trust took about a quarter')).toBe('result');
    const third = analyze(GUIDE_SAMPLES[2]?.answer ?? '', 'dbt-migration');
    expect(partOf(third, 'We had about 800 legacy stored procedures')).toBe('situation');
    expect(partOf(third, 'The hard part was not the SQL translation.')).toBe('task');
    expect(partOf(third, 'We grouped models into seven slices')).toBe('action');
    expect(partOf(third, 'Monthly close went from three days to one')).toBe('result');
  });

  it('sections are in order, never overlap, and their word shares are the words they cover', () => {
    // Sections are runs of sentence roles: "other" sentences (asides, lessons) are in none, so the
    // shares add up to the story's share of the answer, at most 1.
    for (const sample of GUIDE_SAMPLES) {
      const report = analyze(sample.answer, sample.questionId);
      let next = 0;
      let covered = 0;
      for (const section of report.sections) {
        expect(section.startWord).toBeGreaterThanOrEqual(next);
        expect(section.endWord).toBeGreaterThan(section.startWord);
        next = section.endWord;
        covered += section.endWord - section.startWord;
      }
      const total = report.sections.reduce((sum, section) => sum + section.wordShare, 0);
      expect(total).toBeLessThanOrEqual(1.005); // shares are rounded to 3 decimals
      expect(total).toBeCloseTo(covered / report.words.length, 2);
    }
  });

  it('leaves preamble, asides and lessons outside every section', () => {
    const text = `I want to share a story about a pipeline. ${GUIDE_SAMPLES[0]?.answer ?? ''} The lesson I took from it is that you should always test your assumptions.`;
    const report = analyze(text, 'pipeline-broke');
    expect(partOf(report, 'I want to share a story')).toBeUndefined();
    expect(partOf(report, 'The lesson I took from it')).toBeUndefined();
    expect(report.roles?.find((role) => role.role === 'other')).toBeDefined();
  });

  it('gives time shares from the word timings', () => {
    // The action of the good answer is spoken slowly, so its time share exceeds its word share.
    const actionStart = splitWords(GOOD_INCIDENT).indexOf('First');
    expect(actionStart).toBeGreaterThan(0);
    const report = analyzeAnswer(
      timedTranscript(GOOD_INCIDENT, { wordsPerMinute: 180, rateFrom: { [actionStart]: 110 } }),
      findQuestion('pipeline-broke') as Question,
    );
    const action = report.sections.find((section) => section.part === 'action');
    expect(action).toBeDefined();
    expect(action?.timeShare ?? 0).toBeGreaterThan((action?.wordShare ?? 1) + 0.05);
    expect(action?.start).toBe(report.words[action?.startWord ?? 0]?.start);
  });

  it('reports a part as missing instead of inventing it from position', () => {
    const noSituation = analyze(FLAWED['star.missing-situation']?.text ?? '', 'pipeline-broke');
    expect(noSituation.sections.map((section) => section.part)).not.toContain('situation');
    const noResult = analyze(FLAWED['star.missing-result']?.text ?? '', 'pipeline-broke');
    expect(noResult.sections.map((section) => section.part)).not.toContain('result');
    const noAction = analyze(FLAWED['star.missing-action']?.text ?? '', 'reduce-cost');
    expect(noAction.sections.map((section) => section.part)).toEqual([
      'situation',
      'task',
      'result',
    ]);
  });

  it('counts background before the story trigger as situation', () => {
    const report = analyze(FLAWED['star.long-situation']?.text ?? '', 'pipeline-broke');
    expect(partOf(report, 'We ran about two hundred Airflow DAGs')).toBe('situation');
    expect(partOf(report, 'I traced it to an expired API token')).toBe('action');
  });

  it('uses pauses as sentence ends when a timed transcript has no punctuation', () => {
    for (const sample of GUIDE_SAMPLES) {
      const written = splitWords(sample.answer);
      const pausesAfter = Object.fromEntries(
        written.flatMap((word, index) => (/[.?!]$/u.test(word) ? [[index, 0.9]] : [])),
      );
      const spoken = sample.answer
        .replace(/[.,;:!?]/gu, '')
        .toLowerCase()
        .replace(/\bi\b/gu, 'I');
      const report = analyzeAnswer(
        timedTranscript(spoken, { wordsPerMinute: 150, pausesAfter }),
        findQuestion(sample.questionId) as Question,
      );
      expect(partOrder(report), sample.questionId).toEqual([
        'situation',
        'task',
        'action',
        'result',
      ]);
      expect(report.score.overall).toBeGreaterThanOrEqual(80);
    }
  });

  it('cuts a long unpunctuated answer into clauses instead of one unit', () => {
    const unpunctuated = GOOD_INCIDENT.replace(/[.]/gu, ',');
    const report = analyze(unpunctuated, 'pipeline-broke');
    expect(report.sections.length).toBeGreaterThanOrEqual(3);
    expect(report.sections.map((section) => section.part)).toContain('action');
  });
});
