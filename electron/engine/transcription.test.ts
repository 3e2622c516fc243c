import { describe, expect, it } from 'vitest';
import { SerialQueue, skipsSpeech, Transcription, type WindowRecognizer } from './transcription.ts';
import type { RawWord, WindowOptions } from './whisper.ts';

const speechEverywhere = (frames: number): boolean[] => Array.from({ length: frames }, () => true);

describe('skipsSpeech', () => {
  const words = (starts: number[]): RawWord[] =>
    starts.map((start) => ({ text: 'w', start, end: start + 0.3 }));

  it('flags a long stretch of speech where no word starts (a skipped sentence)', () => {
    expect(skipsSpeech(words([0.2, 0.6, 1.0, 5.5, 6.0]), 0, 700, speechEverywhere(700))).toBe(true);
  });

  it('accepts steady speech, and long silences without words', () => {
    expect(
      skipsSpeech(words([0.2, 0.8, 1.5, 2.4, 3.3, 4.1, 5.0, 6.2]), 0, 700, speechEverywhere(700)),
    ).toBe(false);
    const pause = Array.from({ length: 700 }, (_, f) => f < 150 || f > 560);
    expect(skipsSpeech(words([0.2, 0.6, 1.0, 5.8, 6.2]), 0, 700, pause)).toBe(false);
  });
});

describe('Transcription', () => {
  /** A recogniser that skips everything in verbatim mode and hears one word per second in plain mode. */
  class SkippingRecognizer implements WindowRecognizer {
    calls: boolean[] = [];
    async transcribeWindow(pcm: Float32Array, options: WindowOptions): Promise<RawWord[]> {
      this.calls.push(options.verbatim);
      if (options.verbatim) return [{ text: 'Hello.', start: 0, end: pcm.length / 16_000 }];
      return Array.from({ length: Math.floor(pcm.length / 16_000) }, (_, i) => ({
        text: `w${i}`,
        start: i,
        end: i + 0.5,
      }));
    }
  }

  it('decodes a window again without the filler prompt when the prompt made it skip speech', async () => {
    const recognizer = new SkippingRecognizer();
    const transcription = new Transcription(recognizer, new SerialQueue(), {
      sampleRate: 16_000,
      verbatim: true,
      acousticFillers: false,
    });
    // Syllable-like: a voice-band tone whose loudness rises and falls three times a second.
    const tone = Float32Array.from(
      { length: 16_000 * 8 },
      (_, i) => 0.3 * Math.sin(i / 5) * Math.abs(Math.sin((2 * Math.PI * 3 * i) / 16_000)),
    );
    transcription.append(tone);
    const outcome = await transcription.finish();
    expect(recognizer.calls).toEqual([true, false]);
    expect(outcome.words.length).toBeGreaterThanOrEqual(7);
  });

  it('rejects audio after finish and an impossible sample rate', async () => {
    const transcription = new Transcription(new SkippingRecognizer(), new SerialQueue(), {
      sampleRate: 16_000,
      verbatim: false,
    });
    await transcription.finish();
    expect(() => transcription.append(new Float32Array(10))).toThrow(/after finish/);
    expect(
      () =>
        new Transcription(new SkippingRecognizer(), new SerialQueue(), {
          sampleRate: 5,
          verbatim: false,
        }),
    ).toThrow(/out of range/);
  });
});
