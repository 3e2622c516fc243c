/**
 * One recording being transcribed: audio arrives in chunks at any sample rate, is resampled to 16 kHz,
 * cut into windows at pauses, and each settled window is transcribed in the background while more
 * audio arrives. `finish` transcribes only what is left. A batch transcription is the same thing fed
 * in one piece, which is why the two paths give the same words.
 */
import type { UnclearSpan, Word } from '../../shared/transcript/types.ts';
import type { SpeechHints } from '../../shared/vocabulary/types.ts';
import { countSpeechFrames, FRAME_SAMPLES, FRAME_SEC, VoiceActivity } from './audio/activity.ts';
import { Resampler, WHISPER_SAMPLE_RATE } from './audio/resample.ts';
import { findFilledPauses, insertFilledPauses } from './fillers.ts';
import { EngineError } from './protocol.ts';
import { DEFAULT_WINDOW_PLAN, Segmenter, type AudioWindow, type WindowPlan } from './segmenter.ts';
import type { RawWord, WindowDecoding, WindowOptions } from './whisper.ts';
import { orderWords, settleWindowWords, transcriptText } from './words.ts';

/** What the transcription needs from the recogniser (the real Whisper, or a fake in unit tests). */
export interface WindowRecognizer {
  /** Decoding the same `pcm` object again reuses its encoder run. */
  transcribeWindow(pcm16k: Float32Array, options: WindowOptions): Promise<WindowDecoding>;
  /** Encoder runs so far (a count that only grows). */
  readonly encoderRuns: number;
}

/** The previous window's last words given to the decoder as context. */
const CONTEXT_WORDS = 40;

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
  /** Words the answer is likely to contain, for the decoder's prompt. */
  hints?: SpeechHints;
  plan?: WindowPlan;
  /** Called after each window is settled. */
  onProgress?: (settledSec: number, words: number) => void;
}

export interface TranscriptionOutcome {
  words: Word[];
  /** Where the audio was too unclear to transcribe, in time order. */
  unclear: UnclearSpan[];
  durationSec: number;
  windows: number;
  encoderRuns: number;
  /** Encoder runs from `finish` on (the live tail; a batch transcription does all of its runs then). */
  encoderRunsAfterFinish: number;
  afterFinishMs: number;
}

/** A stretch this long with no word starting in it, while mostly speech, means words were skipped. */
const SKIPPED_SPEECH_SEC = 3;

/**
 * Where the recogniser's words leave a long stretch of speech in which no word starts (seconds from
 * the window start), or null: the decoder skipped what was said there, or stopped early while the
 * speaker went on (its alignment then stretches the word before over it). The skipped speech is taken
 * to begin where that word ends, at most a second after it starts.
 */
export function skippedSpeechFrom(
  words: readonly RawWord[],
  startFrame: number,
  endFrame: number,
  speech: readonly boolean[],
): number | null {
  const anchors = [0, ...words.map((w) => w.start), (endFrame - startFrame) * FRAME_SEC];
  for (let i = 1; i < anchors.length; i++) {
    const from = anchors[i - 1]!;
    const to = anchors[i]!;
    if (to - from < SKIPPED_SPEECH_SEC) continue;
    const first = startFrame + Math.round(from / FRAME_SEC);
    const last = startFrame + Math.round(to / FRAME_SEC);
    if (countSpeechFrames(speech, first, last) < 0.5 * (last - first)) continue;
    const before = words[i - 2];
    return before ? Math.min(before.end, before.start + MAX_WORD_SEC) : 0;
  }
  return null;
}

export function skipsSpeech(
  words: readonly RawWord[],
  startFrame: number,
  endFrame: number,
  speech: readonly boolean[],
): boolean {
  return skippedSpeechFrom(words, startFrame, endFrame, speech) !== null;
}

/** A word the decoder wrote before skipped speech is taken to last at most this long. */
const MAX_WORD_SEC = 1;
/** Skipped speech is decoded again at most this many times per window. */
const MAX_RECOVERIES = 2;

export class Transcription {
  private readonly resampler: Resampler;
  private readonly activity = new VoiceActivity();
  private readonly segmenter: Segmenter;
  private readonly audio = new SampleStore();
  private readonly words: Word[] = [];
  private readonly unclear: UnclearSpan[] = [];
  private readonly pending: Promise<void>[] = [];
  private windows = 0;
  private encoderRuns = 0;
  /** Settled windows queued and not yet transcribed. */
  private inFlight = 0;
  /** Their keys. */
  private readonly settling = new Set<string>();
  /** The speculative decoding queued or running, and how to stop it. */
  private speculation: { key: string; abort: AbortController } | null = null;
  /** Words of speculatively transcribed tail windows, by window. */
  private readonly speculative = new Map<string, WindowWords>();
  /** The last window guessed at (its key), and the end of the last one decoded. */
  private guess: string | null = null;
  private guessedUpTo = Number.NEGATIVE_INFINITY;
  private finished = false;
  private cancelled = false;
  private failure: unknown = null;
  /** The hints for every window's decoding (one object: its prompt is built once). */
  private get hints(): { hints?: SpeechHints } {
    return this.options.hints ? { hints: this.options.hints } : {};
  }

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
    const encoderRunsAtFinish = this.recognizer.encoderRuns;
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
      unclear: this.unclear,
      durationSec: this.audio.end / WHISPER_SAMPLE_RATE,
      windows: this.windows,
      encoderRuns: this.encoderRuns,
      encoderRunsAfterFinish: this.recognizer.encoderRuns - encoderRunsAtFinish,
      afterFinishMs: performance.now() - finishedAt,
    };
  }

  cancel(): void {
    this.cancelled = true;
    this.speculation?.abort.abort();
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
      // A full window cut while the user speaks makes the speculative tail windows obsolete.
      if (!final) this.speculative.clear();
      this.settling.add(windowKey(window));
      this.inFlight++;
      const job = this.queue
        .run(() => this.settleWindow(window))
        .catch((error: unknown) => {
          this.failure ??= error;
        })
        .finally(() => {
          this.inFlight--;
          if (!this.finished) this.scheduleSpeculation();
        });
      this.pending.push(job);
    }
    // At Stop, a speculative decoding goes on only when its window is one still to be transcribed.
    if (final) this.abortSpeculationUnless(this.settling);
    else this.scheduleSpeculation();
  }

  /** Stops the speculative decoding in progress when its window is not among `wanted`. */
  private abortSpeculationUnless(wanted: ReadonlySet<string>): void {
    const running = this.speculation;
    if (running && !wanted.has(running.key)) running.abort.abort();
  }

  /**
   * Speculative tail: while the user speaks, transcribe the open window's audio in the windows the
   * segmenter will cut there if the recording ends now (cuts that more audio cannot change, and the
   * last window once the speaker has paused), one at a time, at the engine's low priority, and only
   * when the settled windows are done. A speculative decoding whose window more audio has made
   * obsolete (the speaker went on, or a full window was cut) is stopped. At Stop the windows that
   * match (same audio, same context) are taken as they are, hence the same words as batch; only the
   * rest is decoded.
   *
   * (Verifying a speculative draft of the open window at Stop in one teacher-forced decoder pass would
   * not give the batch words: the q8 decoder quantizes its activations per tensor, so a pass over many
   * tokens rounds each one differently from one-token steps. On two 25 s windows of an espeak answer
   * the argmax of such a pass disagreed with greedy decoding at 9 of 77 and 8 of 74 tokens, by up to
   * 1.0 in logit.)
   */
  private scheduleSpeculation(): void {
    if (this.finished || this.cancelled) return;
    const settled = this.segmenter.settledFrame;
    const windows = this.segmenter.tailWindowsFrom(settled);
    const from = windows.at(-1)?.endFrame ?? settled;
    const last = this.segmenter.lastWindowIfQuiet(from, SPECULATE_AFTER_QUIET_SEC);
    // A guess at the last window again only once enough new audio has come since the last guess.
    if (last && last.endFrame >= this.guessedUpTo + GUESS_AGAIN_AFTER_FRAMES) {
      windows.push(last);
      this.guess = windowKey(last);
    } else if (last && this.guess === windowKey(last)) windows.push(last);
    const keys = new Set(windows.map(windowKey));
    this.abortSpeculationUnless(keys);
    for (const key of this.speculative.keys()) if (!keys.has(key)) this.speculative.delete(key);
    if (this.speculation || this.inFlight > 0) return;
    const next = windows.find((w) => !this.speculative.has(windowKey(w)));
    if (!next) return;
    const before = windows.slice(0, windows.indexOf(next));
    const running = { key: windowKey(next), abort: new AbortController() };
    this.speculation = running;
    if (running.key === this.guess) this.guessedUpTo = next.endFrame;
    const job = this.queue
      .run(async () => {
        if (running.abort.signal.aborted || this.cancelled || this.failure) return;
        const context = [
          ...this.words,
          ...before.flatMap((w) => this.speculative.get(windowKey(w))?.words ?? []),
        ];
        if (!before.every((w) => this.speculative.has(windowKey(w)))) return;
        const result = await this.decodeWindow(next, context, running.abort.signal);
        if (!running.abort.signal.aborted) this.speculative.set(running.key, result);
      })
      .catch((error: unknown) => {
        if (!isAbort(error)) this.failure ??= error;
      })
      .finally(() => {
        if (this.speculation === running) this.speculation = null;
        this.scheduleSpeculation();
      });
    this.pending.push(job);
  }

  private async settleWindow(window: AudioWindow): Promise<void> {
    this.settling.delete(windowKey(window));
    if (this.cancelled || this.failure) return;
    const to = window.endFrame * FRAME_SAMPLES;
    const speculated = this.speculative.get(windowKey(window));
    const { words, unclear } =
      speculated && speculated.context === contextText(this.words)
        ? speculated
        : await this.decodeWindow(window, this.words);
    if (window.hasSpeech) this.windows++;
    this.words.push(...words);
    this.unclear.push(...unclear);
    this.audio.forgetBefore(to);
    this.options.onProgress?.(to / WHISPER_SAMPLE_RATE, this.words.length);
  }

  /** The words of one window, given the words before it (the decoder's context). */
  private async decodeWindow(
    window: AudioWindow,
    before: readonly Word[],
    signal?: AbortSignal,
  ): Promise<WindowWords> {
    const context = contextText(before);
    if (!window.hasSpeech) return { words: [], unclear: [], context };
    const encoderRunsBefore = this.recognizer.encoderRuns;
    try {
      return await this.decodeWindowAudio(window, before, context, signal);
    } finally {
      this.encoderRuns += this.recognizer.encoderRuns - encoderRunsBefore;
    }
  }

  private async decodeWindowAudio(
    window: AudioWindow,
    before: readonly Word[],
    context: string,
    signal: AbortSignal | undefined,
  ): Promise<WindowWords> {
    const from = window.startFrame * FRAME_SAMPLES;
    const offsetSec = from / WHISPER_SAMPLE_RATE;
    const pcm = this.audio.slice(from, window.endFrame * FRAME_SAMPLES);
    // Only the window's own frames: later audio (present in a batch, not yet in a stream) must not
    // change how its words are fitted.
    const frames = { speech: this.activity.speech.slice(0, window.endFrame) };
    const previousText = context;
    let decoding = await this.recognizer.transcribeWindow(pcm, {
      verbatim: this.options.verbatim,
      previousText,
      ...this.hints,
      signal,
    });
    // The filler prompt occasionally makes Whisper skip a whole sentence; then this window is
    // decoded again without it (its fillers then come from acoustic detection only).
    if (
      this.options.verbatim &&
      skipsSpeech(decoding.words, window.startFrame, window.endFrame, frames.speech)
    ) {
      decoding = await this.recognizer.transcribeWindow(pcm, {
        verbatim: false,
        previousText,
        ...this.hints,
        signal,
      });
    }
    decoding = await this.recoverSkippedSpeech(
      window,
      pcm,
      decoding,
      frames.speech,
      before,
      signal,
    );
    let words = settleWindowWords(decoding.words, offsetSec, frames);
    if (this.options.verbatim && this.options.acousticFillers !== false)
      words = insertFilledPauses(
        words,
        findFilledPauses(pcm, offsetSec, frames.speech),
        frames.speech,
      );
    // Speech the recogniser could not trust, or called silence although a second or more of it is
    // there: say so where it is.
    const speechFrames = countSpeechFrames(frames.speech, window.startFrame, window.endFrame);
    const unclear =
      decoding.unclear || (decoding.silence && speechFrames * FRAME_SEC >= UNCLEAR_MIN_SPEECH_SEC)
        ? [speechSpan(frames.speech, window)]
        : [];
    return { words, unclear, context };
  }

  /**
   * No lost words: when the decoding stopped early or skipped a stretch of speech (a run of fillers
   * can do that), the audio from there to the window's end is decoded on its own, with the words
   * before it as context, and its words replace what the first decoding had there.
   */
  private async recoverSkippedSpeech(
    window: AudioWindow,
    pcm: Float32Array,
    decoding: WindowDecoding,
    speech: readonly boolean[],
    before: readonly Word[],
    signal?: AbortSignal,
  ): Promise<WindowDecoding> {
    for (let attempt = 0; attempt < MAX_RECOVERIES && decoding.words.length > 0; attempt++) {
      const from = skippedSpeechFrom(decoding.words, window.startFrame, window.endFrame, speech);
      if (from === null) return decoding;
      const cutFrame = Math.round(from / FRAME_SEC);
      if (cutFrame <= 0) return decoding; // the same audio again would decode the same way
      const kept = decoding.words.filter((w) => w.start < from);
      const context = [...before.map((w) => w.text), ...kept.map((w) => w.text)];
      const rest = await this.recognizer.transcribeWindow(pcm.slice(cutFrame * FRAME_SAMPLES), {
        verbatim: this.options.verbatim,
        previousText: context.slice(-CONTEXT_WORDS).join(' '),
        ...this.hints,
        signal,
      });
      const recovered = rest.words.map((w) => ({
        ...w,
        start: w.start + cutFrame * FRAME_SEC,
        end: w.end + cutFrame * FRAME_SEC,
      }));
      const replaced = decoding.words.length - kept.length;
      if (recovered.length <= replaced) return decoding;
      decoding = { ...decoding, words: [...kept, ...recovered] };
    }
    return decoding;
  }
}

const windowKey = (window: AudioWindow): string => `${window.startFrame}-${window.endFrame}`;

interface WindowWords {
  words: Word[];
  unclear: UnclearSpan[];
  /** The decoder context the words were decoded with. */
  context: string;
}

/** The decoder context for a window: the last words before it. */
const contextText = (before: readonly Word[]): string =>
  transcriptText(before.slice(-CONTEXT_WORDS));

/**
 * The last window is decoded speculatively once the speaker has been quiet this long: long enough not
 * to start a decoding at every short pause (it is stopped when they go on), short enough that the
 * last window is usually done by the time the user presses Stop.
 */
const SPECULATE_AFTER_QUIET_SEC = 0.5;
/** A new guess at the last window needs this much more audio than the last one decoded (3 s). */
const GUESS_AGAIN_AFTER_FRAMES = Math.round(3 / FRAME_SEC);

const isAbort = (error: unknown): boolean => error instanceof Error && error.name === 'AbortError';

/** Speech the model calls silence is reported as unclear only from this much speech up. */
const UNCLEAR_MIN_SPEECH_SEC = 1;

/** From the window's first speech frame to the end of its last (seconds). */
function speechSpan(speech: readonly boolean[], window: AudioWindow): UnclearSpan {
  let first = window.startFrame;
  let last = window.endFrame - 1;
  while (first < last && !speech[first]) first++;
  while (last > first && !speech[last]) last--;
  const round = (sec: number): number => Math.round(sec * 1000) / 1000;
  return { start: round(first * FRAME_SEC), end: round((last + 1) * FRAME_SEC) };
}
