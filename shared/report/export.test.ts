import { describe, expect, it } from 'vitest';
import type { AnalyzedWord } from '../analysis/types.ts';
import { transcriptSrt, transcriptText, transcriptVtt } from './export.ts';

const word = (text: string, start: number): AnalyzedWord =>
  ({ text, start, end: start + 0.4, filler: false }) as AnalyzedWord;
const words = [
  word('The', 1),
  word('job', 1.5),
  word('failed.', 2),
  word('I', 9),
  word('fixed', 9.5),
  word('it.', 10),
];
const unclear = [{ start: 3, end: 8.5 }];

describe('transcript files with audio too unclear to transcribe', () => {
  it('marks the span in the text where it falls', () => {
    expect(transcriptText(words, unclear)).toBe(
      'The job failed. [unclear 0:03–0:09] I fixed it.\n',
    );
    expect(transcriptText(words)).toBe('The job failed. I fixed it.\n');
    expect(transcriptText(words, [{ start: 11, end: 14 }])).toBe(
      'The job failed. I fixed it. [unclear 0:11–0:14]\n',
    );
  });

  it('gives the span a subtitle cue of its own, and no word cue runs across it', () => {
    expect(transcriptSrt(words, unclear)).toBe(
      [
        '1\n00:00:01,000 --> 00:00:02,400\nThe job failed.\n',
        '2\n00:00:03,000 --> 00:00:08,500\n[audio too unclear to transcribe]\n',
        '3\n00:00:09,000 --> 00:00:10,400\nI fixed it.\n',
      ].join('\n'),
    );
    // Without a sentence end before it, the words before the span still end their cue there.
    const run = [word('The', 1), word('job', 1.5), word('and', 9), word('then', 9.5)];
    expect(transcriptVtt(run, unclear)).toBe(
      'WEBVTT\n\n00:00:01.000 --> 00:00:01.900\nThe job\n\n00:00:03.000 --> 00:00:08.500\n[audio too unclear to transcribe]\n\n00:00:09.000 --> 00:00:09.900\nand then\n',
    );
  });
});
