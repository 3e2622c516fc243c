import { describe, expect, it } from 'vitest';
import { findQuestion, type Question } from '../questions/bank.ts';
import { FLAWED, GOOD_INCIDENT } from './fixtures/answers.ts';
import { timedTranscript } from './fixtures/timed.ts';
import { analyzeAnswer } from './index.ts';
import { toStoredReport, withWords } from './stored-report.ts';

const question = findQuestion('pipeline-broke') as Question;
/** As the report would come back from disk. */
const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('reports stored without their words', () => {
  const fillerText = `Um, so, uh, the pipeline broke at 2 a.m. and, um, I was on call. ${GOOD_INCIDENT}`;

  it('leaves the words out and keeps which are fillers only as occurrences', () => {
    const stored = toStoredReport(analyzeAnswer(timedTranscript(fillerText), question));
    expect(stored).not.toHaveProperty('words');
    expect(stored.fillers.occurrences.length).toBeGreaterThan(2);
  });

  it.each([
    ['a timed transcript', timedTranscript(fillerText)],
    [
      'a timed transcript with pauses',
      timedTranscript(`Uh, ${FLAWED['delivery.rambling']?.text ?? ''}`, {
        pausesAfter: { 5: 2.5 },
      }),
    ],
    ['a text-only transcript with its length', { text: fillerText, words: [], durationSec: 140 }],
    ['a text-only transcript', { text: fillerText, words: [] }],
  ])('rebuilds exactly the report the analysis made, from %s', (_name, transcript) => {
    const report = analyzeAnswer(transcript, question);
    const stored = throughJson(toStoredReport(report));
    expect(withWords(stored, throughJson(transcript))).toEqual(throughJson(report));
    expect(report.words.some((word) => word.filler)).toBe(true);
  });

  it('keeps where the audio was too unclear to transcribe', () => {
    const timed = timedTranscript(fillerText, { pausesAfter: { 5: 6 } });
    const gapStart = timed.words[5]!.end;
    const transcript = { ...timed, unclear: [{ start: gapStart + 0.5, end: gapStart + 5 }] };
    const report = analyzeAnswer(transcript, question);
    expect(report.unclear).toEqual(transcript.unclear);
    const back = withWords(throughJson(toStoredReport(report)), throughJson(transcript));
    expect(back).toEqual(throughJson(report));
    expect(back?.unclear).toEqual(transcript.unclear);
  });

  it('keeps the words of a report stored with them, and has nothing to show without a transcript', () => {
    const report = throughJson(analyzeAnswer(timedTranscript(fillerText), question));
    expect(withWords(report, null)).toEqual(report);
    expect(withWords(toStoredReport(report), null)).toBeNull();
  });
});
