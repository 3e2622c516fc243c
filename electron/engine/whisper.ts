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
import { leanModelRoot } from './lean-model.ts';

/** A word as the recogniser produced it, times relative to the window start. */
export interface RawWord {
  text: string;
  start: number;
  end: number;
}

export interface WindowOptions {
  /** Prime the decoder with a filler prompt so "um"/"uh" are written instead of dropped. */
  verbatim: boolean;
}

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
} as const;

type Transformers = typeof TransformersModule;
type Processor = Awaited<ReturnType<Transformers['AutoProcessor']['from_pretrained']>>;
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
  private readonly verbatimPrefix: number[];
  private readonly endOfText: number;
  private readonly alignmentHeads: [number, number][];
  private readonly medianWidth: number;

  private constructor(model: ModelId, processor: Processor, tokenizer: Tokenizer, whisper: Model) {
    this.model = model;
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
    const promptTokens = tokenizer.encode(` ${VERBATIM_PROMPT}`, { add_special_tokens: false });
    this.verbatimPrefix = [id(SPECIAL.startOfPrevious), ...promptTokens, ...this.plainPrefix];
  }

  /**
   * Loads `<modelsRoot>/<model>` (transformers.js layout, q8 ONNX). Never touches the network:
   * downloading is the model store's job, before this is called.
   */
  static async load(model: ModelId, modelsRoot: string): Promise<WhisperRecognizer> {
    const transformers = await import('@huggingface/transformers');
    const { env } = transformers;
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    const root = await leanModelRoot(model, modelsRoot);
    env.localModelPath = root.endsWith('/') ? root : `${root}/`;
    const [processor, tokenizer, whisper] = await Promise.all([
      transformers.AutoProcessor.from_pretrained(model),
      transformers.AutoTokenizer.from_pretrained(model),
      transformers.WhisperForConditionalGeneration.from_pretrained(model, {
        dtype: 'q8',
        device: 'cpu',
        // No CPU memory arena: an arena keeps the largest allocation pattern it has seen (hundreds of MB
        // for one 30 s encoder window) for the life of the session. With the lean decoder (no per-token
        // 106 MB dequantized embedding, see onnx-graph.ts) malloc is as fast as the arena.
        session_options: { enableCpuMemArena: false, enableMemPattern: false, logSeverityLevel: 3 },
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
    const recognizer = new WhisperRecognizer(model, processor, tokenizer, whisper);
    collectGarbage(); // loading's garbage (parsed JSON, the tokenizer's tables) before the first window
    await recognizer.warmUp();
    collectGarbage();
    return recognizer;
  }

  /** The first inference pays for kernel selection and allocation; do it at load, not on the user's answer. */
  private async warmUp(): Promise<void> {
    const quietNoise = new Float32Array(SAMPLE_RATE);
    for (let i = 0; i < quietNoise.length; i++) quietNoise[i] = Math.sin(i / 7) * 1e-3;
    await this.generate(quietNoise, this.plainPrefix, 2);
  }

  /** Transcribes one window (≤ 30 s of 16 kHz mono) into words with times relative to the window. */
  async transcribeWindow(pcm: Float32Array, options: WindowOptions): Promise<RawWord[]> {
    if (pcm.length > MAX_WINDOW_SEC * SAMPLE_RATE) {
      throw new RangeError(
        `A window may hold at most ${MAX_WINDOW_SEC} s of audio; got ${(pcm.length / SAMPLE_RATE).toFixed(1)} s.`,
      );
    }
    const prefix = options.verbatim ? this.verbatimPrefix : this.plainPrefix;
    const seconds = pcm.length / SAMPLE_RATE;
    // Fast speech is about 4-5 tokens per second; the cap also stops a repetition loop early.
    const maxNewTokens = Math.min(440 - prefix.length, Math.ceil(seconds * 7) + 8);
    const { tokens, times } = await this.generate(pcm, prefix, maxNewTokens);
    collectGarbage();
    return this.groupWords(tokens, times, seconds);
  }

  private async generate(
    pcm: Float32Array,
    prefix: number[],
    maxNewTokens: number,
  ): Promise<{ tokens: number[]; times: number[] }> {
    const { input_features } = await this.processor(pcm);
    const output = (await this.whisper.generate({
      inputs: input_features,
      decoder_input_ids: prefix,
      max_new_tokens: maxNewTokens,
      output_attentions: true,
      return_dict_in_generate: true,
    } as Parameters<Model['generate']>[0])) as unknown as GenerateOutput;
    const sequence = (output.sequences.tolist()[0] ?? []).map(Number);
    const times = alignTokens({
      steps: output.cross_attentions,
      alignmentHeads: this.alignmentHeads,
      // Only the frames that hold audio, so DTW cannot align words into the padding.
      numFrames: Math.max(1, Math.floor(pcm.length / SAMPLE_RATE / SECONDS_PER_ENCODER_FRAME)),
      prefixLength: prefix.length,
      medianWidth: this.medianWidth,
    });
    return { tokens: sequence.slice(prefix.length), times };
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
