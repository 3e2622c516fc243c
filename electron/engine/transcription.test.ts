import { describe, expect, it } from 'vitest';
import { SerialQueue, skipsSpeech, Transcription, type WindowRecognizer } from './transcription.ts';
import type { RawWord, WindowDecoding, WindowOptions } from './whisper.ts';

const decoded = (words: RawWord[], unclear = false): WindowDecoding => ({
  words,
  unclear,
  silence: false,
});

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
    encoderRuns = 0;
    private lastPcm: Float32Array | null = null;
    async transcribeWindow(pcm: Float32Array, options: WindowOptions): Promise<WindowDecoding> {
      this.calls.push(options.verbatim);
      // Like the real recogniser: the same audio object decoded again reuses its encoder run.
      if (pcm !== this.lastPcm) this.encoderRuns++;
      this.lastPcm = pcm;
      if (options.verbatim)
        return decoded([{ text: 'Hello.', start: 0, end: pcm.length / 16_000 }]);
      return decoded(
        Array.from({ length: Math.floor(pcm.length / 16_000) }, (_, i) => ({
          text: `w${i}`,
          start: i,
          end: i + 0.5,
        })),
      );
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
    expect(outcome.encoderRuns).toBe(1);
    expect(outcome.words.length).toBeGreaterThanOrEqual(7);
  });

  it("gives every window's decoding the answer's speech hints (the same object)", async () => {
    const seen: WindowOptions[] = [];
    const recognizer: WindowRecognizer = {
      encoderRuns: 0,
      transcribeWindow: async (pcm, options) => {
        seen.push(options);
        return decoded([{ text: 'dbt', start: 0.1, end: 0.4 }]);
      },
    };
    const hints = { question: 'Tell me about a dbt migration.', terms: ['dbt'] };
    const transcription = new Transcription(recognizer, new SerialQueue(), {
      sampleRate: 16_000,
      verbatim: true,
      acousticFillers: false,
      hints,
    });
    transcription.append(bursts(40));
    await transcription.finish();
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const options of seen) expect(options.hints).toBe(hints);
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

  /** Hears one word per second; each word carries a digest of the context it was given. */
  class ContextRecognizer implements WindowRecognizer {
    encoderRuns = 0;
    calls = 0;
    unclear = false;
    async transcribeWindow(pcm: Float32Array, options: WindowOptions): Promise<WindowDecoding> {
      this.calls++;
      this.encoderRuns++;
      const digest = (options.previousText ?? '').length;
      return decoded(
        Array.from({ length: Math.floor(pcm.length / 16_000) }, (_, i) => ({
          text: `w${i}c${digest}`,
          start: i + 0.1,
          end: i + 0.6,
        })),
        this.unclear,
      );
    }
  }

  /** 2-5 s bursts of a syllable-like tone with 0.5 s pauses. */
  const bursts = (seconds: number): Float32Array => {
    const out = new Float32Array(16_000 * seconds);
    let at = 0;
    for (let k = 0; at < out.length; k++) {
      const talk = 16_000 * (2 + (k % 4));
      for (let i = 0; i < talk && at + i < out.length; i++)
        out[at + i] = 0.3 * Math.sin(i / 5) * Math.abs(Math.sin((2 * Math.PI * 3 * i) / 16_000));
      at += talk + 8000;
    }
    return out;
  };

  /** Feeds `audio` in 100 ms chunks, letting the speculative work run between chunks; then finishes. */
  async function stream(recognizer: WindowRecognizer, audio: Float32Array) {
    const transcription = new Transcription(recognizer, new SerialQueue(), {
      sampleRate: 16_000,
      verbatim: false,
    });
    for (let at = 0; at < audio.length; at += 1600) {
      transcription.append(audio.subarray(at, at + 1600));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return transcription.finish();
  }

  async function batch(audio: Float32Array) {
    const transcription = new Transcription(new ContextRecognizer(), new SerialQueue(), {
      sampleRate: 16_000,
      verbatim: false,
    });
    transcription.append(audio);
    return transcription.finish();
  }

  it('transcribes the open window while audio arrives; after finish only the last piece is left, and the words equal batch', async () => {
    const audio = bursts(75);
    const expected = await batch(audio);
    const recognizer = new ContextRecognizer();
    const outcome = await stream(recognizer, audio);
    expect(outcome.words).toEqual(expected.words);
    expect(outcome.windows).toBe(expected.windows);
    // 75 s: two full windows, then the tail; all but its last piece was decoded during the audio.
    expect(expected.windows).toBeGreaterThanOrEqual(3);
    expect(outcome.encoderRunsAfterFinish).toBeLessThanOrEqual(1);
  });

  it('when the speaker pauses before Stop, the last window is already done at Stop, with the words of batch', async () => {
    const audio = new Float32Array(16_000 * 72);
    audio.set(bursts(71).subarray(0, 16_000 * 70.5));
    const expected = await batch(audio);
    const recognizer = new ContextRecognizer();
    const outcome = await stream(recognizer, audio);
    expect(outcome.words).toEqual(expected.words);
    expect(outcome.encoderRunsAfterFinish).toBe(0);
  });

  it('stops a speculative decoding of the last window when the speaker goes on', async () => {
    /** Never finishes a decoding by itself: it ends only when its signal aborts it. */
    class HangingRecognizer implements WindowRecognizer {
      encoderRuns = 0;
      signals: AbortSignal[] = [];
      transcribeWindow(_pcm: Float32Array, options: WindowOptions): Promise<WindowDecoding> {
        this.encoderRuns++;
        const signal = options.signal!;
        this.signals.push(signal);
        return new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason as Error)),
        );
      }
    }
    const recognizer = new HangingRecognizer();
    const transcription = new Transcription(recognizer, new SerialQueue(), {
      sampleRate: 16_000,
      verbatim: false,
    });
    const feed = async (audio: Float32Array): Promise<void> => {
      for (let at = 0; at < audio.length; at += 1600) {
        transcription.append(audio.subarray(at, at + 1600));
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await feed(bursts(5).subarray(0, 16_000 * 4)); // 4 s of speech
    await feed(new Float32Array(16_000)); // then 1 s of quiet: the last window is guessed
    expect(recognizer.signals).toHaveLength(1);
    expect(recognizer.signals[0]!.aborted).toBe(false);
    await feed(bursts(2)); // the speaker goes on
    expect(recognizer.signals[0]!.aborted).toBe(true);
    transcription.cancel();
    expect(recognizer.signals.every((signal) => signal.aborted)).toBe(true);
  });

  it('marks the speech of a window the recogniser could not trust as unclear', async () => {
    const recognizer = new ContextRecognizer();
    recognizer.unclear = true;
    const transcription = new Transcription(recognizer, new SerialQueue(), {
      sampleRate: 16_000,
      verbatim: false,
    });
    const audio = new Float32Array(16_000 * 8);
    audio.set(bursts(4), 16_000 * 2); // speech from 2 s to 6 s
    transcription.append(audio);
    const outcome = await transcription.finish();
    expect(outcome.unclear).toHaveLength(1);
    expect(outcome.unclear[0]!.start).toBeCloseTo(2, 0);
    expect(outcome.unclear[0]!.end).toBeCloseTo(6, 0);
  });

  it('decodes the rest of a window again when the decoder stopped early while speech went on', async () => {
    /** Like Whisper after a long filler run: on a long window it writes the first 4 s and stops. */
    class StoppingRecognizer implements WindowRecognizer {
      encoderRuns = 0;
      lengths: number[] = [];
      async transcribeWindow(pcm: Float32Array, options: WindowOptions): Promise<WindowDecoding> {
        this.encoderRuns++;
        this.lengths.push(Math.round(pcm.length / 16_000));
        const seconds = Math.floor(pcm.length / 16_000);
        const heard = seconds > 13 ? 4 : seconds;
        const words = Array.from({ length: heard }, (_, i) => ({
          text: `w${i}c${(options.previousText ?? '').split(' ').length}`,
          start: i + 0.1,
          end: i + 0.6,
        }));
        // Its alignment stretches the last word to the end of the window.
        if (heard < seconds) words[heard - 1]!.end = pcm.length / 16_000;
        return decoded(words);
      }
    }
    const recognizer = new StoppingRecognizer();
    const transcription = new Transcription(recognizer, new SerialQueue(), {
      sampleRate: 16_000,
      verbatim: false,
    });
    const tone = Float32Array.from(
      { length: 16_000 * 16 },
      (_, i) => 0.3 * Math.sin(i / 5) * Math.abs(Math.sin((2 * Math.PI * 3 * i) / 16_000)),
    );
    transcription.append(tone);
    const outcome = await transcription.finish();
    // 16 s window: 4 words, then the rest from the end of the 4th word (3.6 s) decoded again.
    expect(recognizer.lengths).toEqual([16, 12]);
    expect(outcome.words.length).toBeGreaterThanOrEqual(14);
    expect(outcome.words.at(-1)!.start).toBeGreaterThan(14);
    expect(outcome.encoderRuns).toBe(2);
  });
});
