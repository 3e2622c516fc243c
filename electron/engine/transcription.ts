/**
 * One recording being transcribed: audio arrives in chunks at any sample rate, is resampled to 16 kHz,
 * cut into windows at pauses, and each settled window is transcribed in the background while more
 * audio arrives. `finish` transcribes only what is left. A batch transcription is the same thing fed
 * in one piece, which is why the two paths give the same words.
 */
import type { Word } from '../../shared/transcript/types.ts';
import { countSpeechFrames, FRAME_SAMPLES, FRAME_SEC, VoiceActivity } from './audio/activity.ts';
import { Resampler, WHISPER_SAMPLE_RATE } from './audio/resample.ts';
import { findFilledPauses, insertFilledPauses } from './fillers.ts';
import { EngineError } from './protocol.ts';
import { DEFAULT_WINDOW_PLAN, Segmenter, type AudioWindow, type WindowPlan } from './segmenter.ts';
import type { RawWord, WindowOptions } from './whisper.ts';
import { orderWords, settleWindowWords } from './words.ts';

/** What the transcription needs from the recogniser (the real Whisper, or a fake in unit tests). */
export interface WindowRecognizer {
  transcribeWindow(pcm16k: Float32Array, options: WindowOptions): Promise<RawWord[]>;
}

/** Runs jobs one at a time: there is one model instance, and inference must not interleave. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** Growable 16 kHz sample store that forgets audio before the settled point. */
class SampleStore {
  private data = new Float32Array(16_000 * 30);
  private base = 0;
  private length = 0;

  get end(): number {
    return this.base + this.length;
  }

  append(samples: Float32Array): void {
    if (this.length + samples.length > this.data.length) {
      const grown = new Float32Array(Math.max(this.data.length * 2, this.length + samples.length));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(samples, this.length);
    this.length += samples.length;
  }

  slice(from: number, to: number): Float32Array {
    return this.data.slice(
      Math.max(0, from - this.base),
      Math.max(0, Math.min(to, this.end) - this.base),
    );
  }

  forgetBefore(sample: number): void {
    const drop = sample - this.base;
    if (drop < 16_000 * 30) return; // compact rarely
    this.data.copyWithin(0, drop, this.length);
    this.length -= drop;
    this.base = sample;
  }
}

export interface TranscriptionOptions {
  sampleRate: number;
  verbatim: boolean;
  /** In verbatim mode, add filled pauses found acoustically (default true). */
  acousticFillers?: boolean;
  plan?: WindowPlan;
  /** Called after each window is settled. */
  onProgress?: (settledSec: number, words: number) => void;
}

export interface TranscriptionOutcome {
  words: Word[];
  durationSec: number;
  windows: number;
  afterFinishMs: number;
}

/** A stretch this long with no word starting in it, while mostly speech, means words were skipped. */
const SKIPPED_SPEECH_SEC = 3;

/**
 * True when the recogniser's words leave a long stretch of speech where no word starts: the decoder
 * skipped what was said there (its alignment then stretches a neighbouring word over it).
 */
export function skipsSpeech(
  words: readonly RawWord[],
  startFrame: number,
  endFrame: number,
  speech: readonly boolean[],
): boolean {
  const anchors = [0, ...words.map((w) => w.start), (endFrame - startFrame) * FRAME_SEC];
  for (let i = 1; i < anchors.length; i++) {
    const from = anchors[i - 1]!;
    const to = anchors[i]!;
    if (to - from < SKIPPED_SPEECH_SEC) continue;
    const first = startFrame + Math.round(from / FRAME_SEC);
    const last = startFrame + Math.round(to / FRAME_SEC);
    if (countSpeechFrames(speech, first, last) >= 0.5 * (last - first)) return true;
  }
  return false;
}

export class Transcription {
  private readonly resampler: Resampler;
  private readonly activity = new VoiceActivity();
  private readonly segmenter: Segmenter;
  private readonly audio = new SampleStore();
  private readonly words: Word[] = [];
  private readonly pending: Promise<void>[] = [];
  private windows = 0;
  private finished = false;
  private cancelled = false;
  private failure: unknown = null;

  constructor(
    private readonly recognizer: WindowRecognizer,
    private readonly queue: SerialQueue,
    private readonly options: TranscriptionOptions,
  ) {
    if (
      !Number.isFinite(options.sampleRate) ||
      options.sampleRate < 1000 ||
      options.sampleRate > 768_000
    ) {
      throw new EngineError(
        'BAD_REQUEST',
        `Sample rate ${options.sampleRate} Hz is out of range (1000-768000).`,
      );
    }
    this.resampler = new Resampler(options.sampleRate, WHISPER_SAMPLE_RATE);
    this.segmenter = new Segmenter(this.activity, options.plan ?? DEFAULT_WINDOW_PLAN);
  }

  append(pcm: Float32Array): void {
    if (this.finished) throw new EngineError('BAD_REQUEST', 'Audio appended after finish.');
    if (this.cancelled) throw new EngineError('CANCELLED', 'This transcription was cancelled.');
    this.ingest(this.resampler.push(pcm));
    this.scheduleSettled(false);
  }

  async finish(): Promise<TranscriptionOutcome> {
    if (this.finished)
      throw new EngineError('BAD_REQUEST', 'finish was already called for this transcription.');
    const finishedAt = performance.now();
    this.finished = true;
    this.ingest(this.resampler.flush());
    // Pad the last partial 10 ms frame so the activity detector sees every sample.
    const remainder = this.audio.end % FRAME_SAMPLES;
    if (remainder > 0) this.ingest(new Float32Array(FRAME_SAMPLES - remainder));
    this.scheduleSettled(true);
    await Promise.all(this.pending);
    if (this.cancelled) throw new EngineError('CANCELLED', 'This transcription was cancelled.');
    if (this.failure) throw this.failure;
    return {
      words: orderWords(this.words),
      durationSec: this.audio.end / WHISPER_SAMPLE_RATE,
      windows: this.windows,
      afterFinishMs: performance.now() - finishedAt,
    };
  }

  cancel(): void {
    this.cancelled = true;
  }

  private ingest(samples: Float32Array): void {
    if (samples.length === 0) return;
    for (const value of samples) {
      if (!Number.isFinite(value))
        throw new EngineError('BAD_AUDIO', 'The audio contains NaN or infinite samples.');
    }
    this.audio.append(samples);
    this.activity.push(samples);
  }

  private scheduleSettled(final: boolean): void {
    for (let window = this.segmenter.next(final); window; window = this.segmenter.next(final)) {
      const job = this.queue
        .run(() => this.transcribeWindow(window))
        .catch((error: unknown) => {
          this.failure ??= error;
        });
      this.pending.push(job);
    }
  }

  private async transcribeWindow(window: AudioWindow): Promise<void> {
    if (this.cancelled || this.failure) return;
    const from = window.startFrame * FRAME_SAMPLES;
    const to = window.endFrame * FRAME_SAMPLES;
    const offsetSec = from / WHISPER_SAMPLE_RATE;
    if (window.hasSpeech) {
      const pcm = this.audio.slice(from, to);
      let raw = await this.recognizer.transcribeWindow(pcm, { verbatim: this.options.verbatim });
      // The filler prompt occasionally makes Whisper skip a whole sentence; then this window is
      // decoded again without it (its fillers then come from acoustic detection only).
      if (
        this.options.verbatim &&
        skipsSpeech(raw, window.startFrame, window.endFrame, this.activity.speech)
      ) {
        raw = await this.recognizer.transcribeWindow(pcm, { verbatim: false });
      }
      let words = settleWindowWords(raw, offsetSec, this.activity);
      if (this.options.verbatim && this.options.acousticFillers !== false)
        words = insertFilledPauses(words, findFilledPauses(pcm, offsetSec, this.activity.speech));
      this.words.push(...words);
      this.windows++;
    }
    this.audio.forgetBefore(to);
    this.options.onProgress?.(to / WHISPER_SAMPLE_RATE, this.words.length);
  }
}
