import type { AnswerReport } from '../../../shared/analysis/types.ts';

/**
 * A small but complete AnswerReport for renderer tests: 12 words at 0.5 s each, one filler ("um"
 * at word 2), one rambling section (words 4-6), STAR situation (0-4) / action (4-9) / result (9-12).
 */
export function sampleReport(): AnswerReport {
  const texts = [
    'Our',
    'pipeline',
    'um',
    'broke.',
    'I',
    'paged',
    'the',
    'on-call',
    'and',
    'we',
    'fixed',
    'it.',
  ];
  const words = texts.map((text, i) => ({
    text,
    start: i * 0.5,
    end: i * 0.5 + 0.4,
    ...(text === 'um' ? { filler: true } : {}),
  }));
  return {
    questionId: 'pipeline-broke',
    questionKind: 'incident',
    rubricId: 'data-engineer',
    words,
    timing: {
      durationSec: 6,
      wordCount: 12,
      speakingSec: 6,
      wordsPerMinute: 120,
      paceOverTime: [
        { start: 0, end: 3, wordsPerMinute: 120 },
        { start: 3, end: 6, wordsPerMinute: 140 },
      ],
      pauses: [],
      estimated: false,
    },
    fillers: {
      count: 1,
      perMinute: 10,
      byForm: { um: 1 },
      occurrences: [{ filler: 'um', startWord: 2, endWord: 3, start: 1, end: 1.4 }],
    },
    rambling: [
      {
        startWord: 4,
        endWord: 7,
        start: 2,
        end: 3.4,
        reason: 'hedging',
        message: 'Say what you did.',
      },
    ],
    sections: [
      { part: 'situation', startWord: 0, endWord: 4, wordShare: 4 / 12, timeShare: 4 / 12 },
      { part: 'action', startWord: 4, endWord: 9, wordShare: 5 / 12, timeShare: 5 / 12 },
      { part: 'result', startWord: 9, endWord: 12, wordShare: 3 / 12, timeShare: 3 / 12 },
    ],
    findings: [
      {
        code: 'result.no-metric',
        severity: 'warning',
        message: 'Give the result a number.',
        evidence: [{ startWord: 9, endWord: 12, start: 4.5, end: 6 }],
      },
      {
        code: 'star.missing-task',
        severity: 'problem',
        message: 'Say what you were asked to do.',
        evidence: [],
      },
    ],
    score: {
      overall: 62,
      dimensions: [
        { id: 'structure', label: 'Structure', score: 55, weight: 0.5, reasons: ['No task.'] },
        { id: 'delivery', label: 'Delivery', score: 70, weight: 0.5, reasons: ['One filler.'] },
      ],
    },
  };
}
