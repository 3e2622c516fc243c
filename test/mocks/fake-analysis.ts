/** A minimal `analyzeAnswer` stand-in: scores by word count so tests can see it ran on the transcript. */
import type { AnswerReport } from '../../shared/analysis/types.ts';
import type { Question } from '../../shared/questions/bank.ts';
import type { Transcript } from '../../shared/transcript/types.ts';

export function fakeAnalyze(transcript: Transcript, question: Question): AnswerReport {
  const durationSec = transcript.durationSec ?? 0;
  const wordCount = transcript.words.length;
  return {
    questionId: question.id,
    questionKind: question.kind,
    rubricId: 'fake',
    words: transcript.words.map((w) => ({ text: w.text, start: w.start, end: w.end })),
    timing: {
      durationSec,
      wordCount,
      speakingSec: durationSec,
      wordsPerMinute: 0,
      paceOverTime: [],
      pauses: [],
      estimated: false,
    },
    fillers: { count: 0, perMinute: 0, byForm: {}, occurrences: [] },
    rambling: [],
    sections: [],
    findings: [],
    score: { overall: wordCount * 10, dimensions: [] },
  };
}
