/**
 * The one Whisper model instance of the engine: loads a transformers.js Whisper (q8, English forced)
 * and transcribes windows of at most 30 s into timed tokens grouped as words.
 *
 * Word timings come from the cross-attention alignment heads (DTW), the same method as
 * `return_timestamps: 'word'`, but without timestamp tokens and without the pipeline's overlapping
 * 30 s chunks: the engine cuts the audio at pauses itself and decodes every stretch exactly once.
 */
import type * as TransformersModule from '@huggingface/transformers';
import type { ModelId } from '../../shared/ipc/contract.ts';
import { alignTokens, type AttentionTensor } from './alignment.ts';
import { collectGarbage } from './gc.ts';
import {
  chooseToken,
  compressionRatio,
  COMPRESSION_RATIO_LIMIT,
  isSilence,
  needsFallback,
  probability,
  seededRandom,
  TEMPERATURES,
  type DecodingQuality,
} from './guard.ts';
import { LEAN_SESSION_OPTIONS, leanModelRoot } from './lean-model.ts';
import type { SpeechHints } from '../../shared/vocabulary/types.ts';
import { vocabularyPrompt } from './vocabulary.ts';

/** A word as the recogniser produced it, times relative to the window start. */
export interface RawWord {
  text: string;
  start: number;
  end: number;
}

export interface WindowOptions {
  /** Prime the decoder with a filler prompt so "um"/"uh" are written instead of dropped. */
  verbatim: boolean;
  /** What was said just before this window (the previous window's words): context for the decoder. */
  previousText?: string;
  /** What the answer is likely to say (question, story draft, role terms): see vocabulary.ts. */
  hints?: SpeechHints;
  /** Stops the decoding (between decoder steps) with an AbortError: its result is no longer wanted. */
  signal?: AbortSignal;
}

/** One window's decoding after the hallucination guard (see guard.ts). */
export interface WindowDecoding {
  words: RawWord[];
  /** No temperature gave a decoding to trust: the audio was too unclear to transcribe. */
  unclear: boolean;
  /** The model heard no speech (its words, if any, were dropped). */
  silence: boolean;
}

/** Above this temperature the previous text is left out of the prompt (as OpenAI's transcribe does). */
const CONTEXT_MAX_TEMPERATURE = 0.5;

/** At most this many tokens of previous text go into the prompt (Whisper itself allows 223). */
const MAX_CONTEXT_TOKENS = 96;

/** The short prompt given as previous-text context in verbatim mode (longer prompts drop sentences). */
export const VERBATIM_PROMPT = 'Um, uh, hmm, er.';

const SAMPLE_RATE = 16_000;
/** One encoder position covers 20 ms (two 10 ms mel frames). */
const SECONDS_PER_ENCODER_FRAME = 0.02;
export const MAX_WINDOW_SEC = 30;

// Special tokens of the multilingual Whisper vocabulary, checked against the tokenizer at load.
const SPECIAL = {
  endOfText: '<|endoftext|>',
  startOfTranscript: '<|startoftranscript|>',
  english: '<|en|>',
  transcribe: '<|transcribe|>',
  noTimestamps: '<|notimestamps|>',
  startOfPrevious: '<|startofprev|>',
  noSpeech: '<|nocaptions|>',
} as const;

type Transformers = typeof TransformersModule;
type Processor = Awaited<ReturnType<Transformers['AutoFeatureExtractor']['from_pretrained']>>;
type Tokenizer = Awaited<ReturnType<Transformers['AutoTokenizer']['from_pretrained']>>;
type Model = Awaited<
  ReturnType<Transformers['WhisperForConditionalGeneration']['from_pretrained']>
>;

interface GenerateOutput {
  sequences: { tolist(): bigint[][] };
  /** Per decoding step, per decoder layer. */
  cross_attentions: AttentionTensor[][];
}

export interface LoadProgress {
  file: string;
  loaded: number;
  total: number;
}

interface OrtSession {
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>, fetches?: string[]): Promise<Record<string, unknown>>;
}

/**
 * Makes a session compute and return only the outputs `keep` selects for the given feeds
 * (transformers.js always asks for every output, and each returned output is copied into JS memory).
 */
function fetchOnly(
  session: OrtSession | undefined,
  keep: (name: string, feeds: Record<string, unknown>) => boolean,
): void {
  if (!session)
    throw new Error(
      'The Whisper model has an unexpected layout (encoder/decoder session missing).',
    );
  const run = session.run.bind(session);
  const names = session.outputNames;
  session.run = (feeds) =>
    run(
      feeds,
      names.filter((name) => keep(name, feeds)),
    );
}

/** True when the merged decoder runs its cached branch (every step after the first). */
function usesCache(feeds: Record<string, unknown>): boolean {
  const flag = feeds.use_cache_branch as { data?: ArrayLike<unknown> } | undefined;
  return Boolean(flag?.data?.[0]);
}

export class WhisperRecognizer {
  readonly model: ModelId;
  private readonly processor: Processor;
  private readonly tokenizer: Tokenizer;
  private readonly whisper: Model;
  private readonly plainPrefix: number[];
  private readonly startOfPrevious: number;
  private readonly verbatimPromptTokens: number[];
  /** Encoder runs so far (the warm-up included); a window decoded again reuses its encoder output. */
  encoderRuns = 0;
  /** The last window's audio and its features (same audio object: same features, same encoder run). */
  private lastWindow: { pcm: Float32Array; features: unknown } | null = null;
  private lastEncoded: { input: unknown; output: Record<string, unknown> } | null = null;
  private readonly startOfTranscript: number;
  private readonly noSpeech: number;
  /** Set per decoding: where to read the no-speech probability, and the value read. */
  private noSpeechCapture: { row: number; probability: number } | null = null;
  private readonly newProcessorList: () => { push(item: unknown): void };
  private readonly endOfText: number;
  private readonly alignmentHeads: [number, number][];
  private readonly medianWidth: number;

  private constructor(
    model: ModelId,
    processor: Processor,
    tokenizer: Tokenizer,
    whisper: Model,
    newProcessorList: () => { push(item: unknown): void },
  ) {
    this.model = model;
    this.newProcessorList = newProcessorList;
    this.processor = processor;
    this.tokenizer = tokenizer;
    this.whisper = whisper;
    const id = (token: string): number => {
      const value: unknown = tokenizer.convert_tokens_to_ids(token);
      if (typeof value !== 'number')
        throw new Error(
          `The model's tokenizer has no ${token} token; is this a multilingual Whisper?`,
        );
      return value;
    };
    this.endOfText = id(SPECIAL.endOfText);
    const settings = whisper as unknown as {
      generation_config?: { alignment_heads?: [number, number][] };
      config: { median_filter_width?: number };
    };
    const heads = settings.generation_config?.alignment_heads;
    if (!heads?.length)
      throw new Error(
        `${model} has no alignment_heads in generation_config.json; word timings need them.`,
      );
    this.alignmentHeads = heads;
    this.medianWidth = settings.config.median_filter_width ?? 7;
    this.plainPrefix = [
      id(SPECIAL.startOfTranscript),
      id(SPECIAL.english),
      id(SPECIAL.transcribe),
      id(SPECIAL.noTimestamps),
    ];
    this.startOfPrevious = id(SPECIAL.startOfPrevious);
    this.startOfTranscript = id(SPECIAL.startOfTranscript);
    this.noSpeech = id(SPECIAL.noSpeech);
    this.verbatimPromptTokens = tokenizer.encode(` ${VERBATIM_PROMPT}`, {
      add_special_tokens: false,
    });
    this.reuseEncoderOutput();
    this.captureNoSpeech();
  }

  /**
   * The decoder's first step computes logits for every prompt position; the one at the start of
   * transcript gives the probability of "no speech" (Whisper's own voice-activity estimate).
   */
  private captureNoSpeech(): void {
    const session = (this.whisper as unknown as { sessions: Record<string, OrtSession> }).sessions
      .decoder_model_merged!;
    const run = session.run.bind(session);
    session.run = async (feeds, fetches) => {
      const output = await run(feeds, fetches);
      const capture = this.noSpeechCapture;
      if (capture && !usesCache(feeds)) {
        const logits = output.logits as { dims: readonly number[]; data: Float32Array } | undefined;
        const vocab = logits?.dims.at(-1) ?? 0;
        if (logits && vocab > 0) {
          const row = logits.data.subarray(capture.row * vocab, (capture.row + 1) * vocab);
          capture.probability = probability(row, this.noSpeech);
        }
      }
      return output;
    };
  }

  /**
   * Decoding the same window again (another prompt, another temperature) must not run the encoder
   * again: its output for the last input features is kept and returned for the same features.
   */
  private reuseEncoderOutput(): void {
    const session = (this.whisper as unknown as { sessions: Record<string, OrtSession> }).sessions
      .model!;
    const run = session.run.bind(session);
    session.run = async (feeds, fetches) => {
      const input = feeds.input_features;
      if (this.lastEncoded && input !== undefined && this.lastEncoded.input === input)
        return this.lastEncoded.output;
      this.lastEncoded = null;
      this.encoderRuns++;
      const output = await run(feeds, fetches);
      this.lastEncoded = { input, output };
      return output;
    };
  }

  /** Vocabulary prompt tokens per hints object (one transcription passes the same object). */
  private readonly hintTokens = new WeakMap<SpeechHints, number[]>();

  private vocabularyTokens(hints: SpeechHints | undefined): number[] {
    if (!hints) return [];
    let tokens = this.hintTokens.get(hints);
    if (!tokens) {
      const encode = (text: string): number[] =>
        this.tokenizer.encode(` ${text}`, { add_special_tokens: false });
      const prompt = vocabularyPrompt(hints, (text) => encode(text).length);
      tokens = prompt ? encode(prompt) : [];
      this.hintTokens.set(hints, tokens);
    }
    return tokens;
  }

  /**
   * The decoder prompt: the vocabulary prompt, the filler prompt (verbatim mode) and the previous
   * text, in that order (nearest the task what matters most now), then the task.
   */
  private prefix(options: WindowOptions): number[] {
    const context = options.previousText?.trim()
      ? this.tokenizer
          .encode(` ${options.previousText.trim()}`, { add_special_tokens: false })
          .slice(-MAX_CONTEXT_TOKENS)
      : [];
    const prompt = [
      ...this.vocabularyTokens(options.hints),
      ...(options.verbatim ? this.verbatimPromptTokens : []),
      ...context,
    ];
    return prompt.length
      ? [this.startOfPrevious, ...prompt, ...this.plainPrefix]
      : this.plainPrefix;
  }

  /**
   * Loads `<modelsRoot>/<model>` (transformers.js layout, q8 ONNX). Never touches the network:
   * downloading is the model store's job, before this is called.
   */
  static async load(
    model: ModelId,
    modelsRoot: string,
    { warmUp = true }: { warmUp?: boolean } = {},
  ): Promise<WhisperRecognizer> {
    const transformers = await import('@huggingface/transformers');
    const { env } = transformers;
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    const root = await leanModelRoot(model, modelsRoot);
    env.localModelPath = root.endsWith('/') ? root : `${root}/`;
    const [processor, tokenizer, whisper] = await Promise.all([
      // The feature extractor alone: the processor would load the tokenizer a second time.
      transformers.AutoFeatureExtractor.from_pretrained(model),
      transformers.AutoTokenizer.from_pretrained(model),
      transformers.WhisperForConditionalGeneration.from_pretrained(model, {
        dtype: 'q8',
        device: 'cpu',
        // No CPU memory arena: an arena keeps the largest allocation pattern it has seen (hundreds of MB
        // for one 30 s encoder window) for the life of the session. With the lean decoder (no per-token
        // 106 MB dequantized embedding, see onnx-graph.ts) malloc is as fast as the arena.
        session_options: {
          enableCpuMemArena: false,
          enableMemPattern: false,
          logSeverityLevel: 3,
          ...LEAN_SESSION_OPTIONS,
        },
      }),
    ]);
    // The export returns every attention map; only the decoder's cross-attention is used (word timing).
    // (The encoder's 430 MB of self-attention outputs are removed from its graph by leanModelRoot.)
    const sessions = (whisper as unknown as { sessions: Record<string, OrtSession> }).sessions;
    fetchOnly(sessions.model, (name) => name === 'last_hidden_state');
    // After the first step the merged decoder's encoder key/value outputs are empty placeholders that
    // transformers.js discards (it keeps the first step's); not fetching them saves 12 tensors a token.
    fetchOnly(
      sessions.decoder_model_merged,
      (name, feeds) =>
        !name.startsWith('decoder_attentions') &&
        !(usesCache(feeds) && /^present\.\d+\.encoder\./.test(name)),
    );
    const recognizer = new WhisperRecognizer(
      model,
      processor,
      tokenizer,
      whisper,
      () => new transformers.LogitsProcessorList(),
    );
    collectGarbage(); // loading's garbage (parsed JSON, the tokenizer's tables) before the first window
    if (warmUp) {
      await recognizer.warmUp();
      collectGarbage();
    }
    return recognizer;
  }

  /**
   * The first inference pays for kernel selection and allocation; the app does it at load, not on the
   * user's answer. (A one-off transcription skips it: its first window pays the same cost.)
   */
  private async warmUp(): Promise<void> {
    const quietNoise = new Float32Array(SAMPLE_RATE);
    for (let i = 0; i < quietNoise.length; i++) quietNoise[i] = Math.sin(i / 7) * 1e-3;
    await this.generate(quietNoise, this.plainPrefix, 2, 0, Math.random);
  }

  /**
   * Transcribes one window (≤ 30 s of 16 kHz mono) into words with times relative to the window,
   * falling back to higher temperatures when the decoding looks invented (see guard.ts).
   */
  async transcribeWindow(pcm: Float32Array, options: WindowOptions): Promise<WindowDecoding> {
    if (pcm.length > MAX_WINDOW_SEC * SAMPLE_RATE) {
      throw new RangeError(
        `A window may hold at most ${MAX_WINDOW_SEC} s of audio; got ${(pcm.length / SAMPLE_RATE).toFixed(1)} s.`,
      );
    }
    const seconds = pcm.length / SAMPLE_RATE;
    let best: { tokens: number[]; times: number[]; quality: DecodingQuality } | null = null;
    for (const temperature of TEMPERATURES) {
      options.signal?.throwIfAborted();
      const prefix = this.prefix(
        temperature > CONTEXT_MAX_TEMPERATURE
          ? { verbatim: options.verbatim, previousText: '' }
          : options,
      );
      // Fast speech is about 4-5 tokens per second; the cap also stops a repetition loop early.
      const maxNewTokens = Math.min(440 - prefix.length, Math.ceil(seconds * 7) + 8);
      // Seeded by the audio's length: the same window samples the same way, batch or stream.
      const random = seededRandom(pcm.length * 31 + Math.round(temperature * 10));
      const attempt = await this.generate(
        pcm,
        prefix,
        maxNewTokens,
        temperature,
        random,
        options.signal,
      );
      if (!best || attempt.quality.avgLogProb > best.quality.avgLogProb) best = attempt;
      if (!needsFallback(attempt.quality)) {
        best = attempt;
        break;
      }
    }
    collectGarbage();
    const { tokens, times, quality } = best!;
    const silence = isSilence(quality);
    const unclear = !silence && needsFallback(quality);
    // Nothing is kept of silence, or of a loop no temperature got out of.
    const invented = silence || (unclear && quality.compressionRatio > COMPRESSION_RATIO_LIMIT);
    return {
      words: invented ? [] : this.groupWords(tokens, times, seconds),
      unclear,
      silence,
    };
  }

  private async features(pcm: Float32Array): Promise<unknown> {
    if (this.lastWindow?.pcm === pcm) return this.lastWindow.features;
    const { input_features } = (await this.processor(pcm)) as { input_features: unknown };
    this.lastWindow = { pcm, features: input_features };
    return input_features;
  }

  private async generate(
    pcm: Float32Array,
    prefix: number[],
    maxNewTokens: number,
    temperature: number,
    random: () => number,
    signal?: AbortSignal,
  ): Promise<{ tokens: number[]; times: number[]; quality: DecodingQuality }> {
    const input_features = await this.features(pcm);
    // Runs after Whisper's own token suppression: picks the token (sampled above temperature 0, then
    // forced by leaving only it possible) and adds up the chosen tokens' log-probabilities.
    let logProbSum = 0;
    let chosen = 0;
    const processors = this.newProcessorList();
    processors.push((_ids: unknown, logits: { data: Float32Array }[]) => {
      signal?.throwIfAborted();
      const row = logits[0]!.data;
      const { token, logProb } = chooseToken(row, temperature, random);
      logProbSum += logProb;
      chosen++;
      if (temperature > 0) {
        const keep = row[token]!;
        row.fill(Number.NEGATIVE_INFINITY);
        row[token] = keep;
      }
      return logits;
    });
    const capture = { row: prefix.indexOf(this.startOfTranscript), probability: 0 };
    this.noSpeechCapture = capture;
    let output: GenerateOutput;
    try {
      output = (await this.whisper.generate({
        inputs: input_features,
        decoder_input_ids: prefix,
        max_new_tokens: maxNewTokens,
        output_attentions: true,
        return_dict_in_generate: true,
        logits_processor: processors,
      } as Parameters<Model['generate']>[0])) as unknown as GenerateOutput;
    } finally {
      this.noSpeechCapture = null;
    }
    const noSpeechProb = capture.probability;
    const sequence = (output.sequences.tolist()[0] ?? []).map(Number);
    const times = alignTokens({
      steps: output.cross_attentions,
      alignmentHeads: this.alignmentHeads,
      // Only the frames that hold audio, so DTW cannot align words into the padding.
      numFrames: Math.max(1, Math.floor(pcm.length / SAMPLE_RATE / SECONDS_PER_ENCODER_FRAME)),
      prefixLength: prefix.length,
      medianWidth: this.medianWidth,
    });
    const tokens = sequence.slice(prefix.length);
    const text = this.tokenizer.decode(
      tokens.filter((t) => t < this.endOfText),
      { skip_special_tokens: true },
    );
    return {
      tokens,
      times,
      quality: {
        avgLogProb: chosen > 0 ? logProbSum / chosen : 0,
        compressionRatio: compressionRatio(text),
        noSpeechProb,
      },
    };
  }

  /**
   * Groups tokens into words: a token whose text starts with a space starts a new word; punctuation
   * and word pieces join the word before. A word runs from its first token's time to the next token's.
   */
  private groupWords(tokens: number[], times: number[], windowSec: number): RawWord[] {
    const words: RawWord[] = [];
    let current: { text: string; first: number; last: number } | null = null;
    const close = (): void => {
      if (!current) return;
      const text = current.text.trim();
      const start = times[current.first] ?? 0;
      const end = times[current.last + 1] ?? times[current.last] ?? start;
      if (text)
        words.push({
          text,
          start: Math.min(start, windowSec),
          end: Math.min(Math.max(end, start), windowSec),
        });
      current = null;
    };
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token >= this.endOfText) break; // end of text (or any special token): nothing after it is speech
      const piece = this.tokenizer.decode([token], { skip_special_tokens: true });
      const startsWord = piece.startsWith(' ') && !/^\s*[.,!?;:%)\]}"”'-]+$/.test(piece);
      if (!current || (startsWord && current.text.trim() !== '')) {
        close();
        current = { text: piece, first: i, last: i };
      } else {
        current.text += piece;
        current.last = i;
      }
    }
    close();
    return words;
  }
}
