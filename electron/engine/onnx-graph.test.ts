import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readWavFile } from './transcribe-file.ts';
import {
  chunkAttention,
  dropGraphOutputs,
  graphOutputNames,
  quantizeLmHead,
} from './onnx-graph.ts';
import { sharedAudio, sharedModelsDir } from './testing/shared-data.ts';
import { MODEL_TEST_MS, MODEL_WAIT_MS } from '../../test/waits.ts';

// Real Whisper models on a machine that may be busy (see test/waits.ts).
vi.setConfig({ testTimeout: MODEL_TEST_MS, hookTimeout: MODEL_WAIT_MS });

const tinyDir = (): string => join(sharedModelsDir(), 'whisper-tiny');
const readModel = (file: string): Uint8Array => readFileSync(join(tinyDir(), 'onnx', file));
const isAttentionOutput = (name: string): boolean => name.startsWith('encoder_attentions');

let ort: typeof Ort;
let encoderFile: Uint8Array;
let decoderFile: Uint8Array;
/** JFK's first 30 s as whisper-tiny log-mel features. */
let features: Ort.Tensor;

beforeAll(async () => {
  ort = await import('onnxruntime-node');
  encoderFile = readModel('encoder_model_quantized.onnx');
  decoderFile = readModel('decoder_model_merged_quantized.onnx');
  const transformers = await import('@huggingface/transformers');
  transformers.env.allowRemoteModels = false;
  transformers.env.localModelPath = `${sharedModelsDir()}/`;
  const processor = await transformers.AutoProcessor.from_pretrained('whisper-tiny');
  const audio = await readWavFile(sharedAudio('misc/jfk.wav'));
  const { input_features } = (await processor(audio.samples)) as {
    input_features: { data: Float32Array; dims: number[] };
  };
  features = new ort.Tensor('float32', input_features.data, input_features.dims);
});

async function encode(model: Uint8Array): Promise<Ort.Tensor> {
  const session = await ort.InferenceSession.create(model);
  const output = await session.run({ input_features: features }, ['last_hidden_state']);
  await session.release();
  return output.last_hidden_state!;
}

/** Runs a merged decoder for the prefix, then one cached step; returns both steps' logits. */
async function decode(model: Uint8Array, hidden: Ort.Tensor): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(model);
  const layers = session.inputNames.filter((name) => name.endsWith('.decoder.key')).length;
  const heads = 6;
  const empty = new ort.Tensor('float32', new Float32Array(0), [1, heads, 0, 64]);
  const past: Record<string, Ort.Tensor> = {};
  for (let l = 0; l < layers; l++)
    for (const kind of ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'])
      past[`past_key_values.${l}.${kind}`] = empty;
  // <|startoftranscript|> <|en|> <|transcribe|> <|notimestamps|>
  const prefix = [50258n, 50259n, 50359n, 50363n];
  const first = await session.run({
    input_ids: new ort.Tensor('int64', BigInt64Array.from(prefix), [1, prefix.length]),
    encoder_hidden_states: hidden,
    use_cache_branch: new ort.Tensor('bool', [false], [1]),
    ...past,
  });
  const firstLogits = first.logits!.data as Float32Array;
  const vocabulary = first.logits!.dims[2]!;
  const last = firstLogits.subarray(firstLogits.length - vocabulary);
  const next = BigInt(last.indexOf(Math.max(...last)));
  for (const name of Object.keys(past))
    past[name] = first[name.replace('past_key_values', 'present')]!;
  const second = await session.run({
    input_ids: new ort.Tensor('int64', BigInt64Array.from([next]), [1, 1]),
    encoder_hidden_states: hidden,
    use_cache_branch: new ort.Tensor('bool', [true], [1]),
    ...past,
  });
  await session.release();
  return [firstLogits, second.logits!.data as Float32Array];
}

function argmaxRows(logits: Float32Array, vocabulary: number): number[] {
  const rows: number[] = [];
  for (let at = 0; at < logits.length; at += vocabulary) {
    const row = logits.subarray(at, at + vocabulary);
    rows.push(row.indexOf(Math.max(...row)));
  }
  return rows;
}

describe('dropGraphOutputs', () => {
  it('removes the encoder attention outputs and leaves a model ONNX Runtime runs', async () => {
    expect(graphOutputNames(encoderFile)).toContain('encoder_attentions.0');
    const lean = dropGraphOutputs(encoderFile, isAttentionOutput);
    expect(graphOutputNames(lean)).toEqual(['last_hidden_state']);
    const session = await ort.InferenceSession.create(lean);
    const output = await session.run({ input_features: features });
    expect(Object.keys(output)).toEqual(['last_hidden_state']);
    expect(output.last_hidden_state!.dims).toEqual([1, 1500, 384]);
  });

  it('rejects bytes that are not an ONNX model', () => {
    expect(() => dropGraphOutputs(new Uint8Array([0x08, 0x07]), () => true)).toThrow(/no graph/);
    expect(() => dropGraphOutputs(new Uint8Array([0x0a, 0x7f, 0x01]), () => true)).toThrow(
      /Malformed/,
    );
  });
});

describe('chunkAttention', () => {
  it('slices every encoder layer and computes the same hidden states', async () => {
    const lean = dropGraphOutputs(encoderFile, isAttentionOutput);
    const chunked = chunkAttention(lean, 4);
    expect(chunked.edited).toBe(4); // whisper-tiny has 4 encoder layers
    const [expected, actual] = [await encode(lean), await encode(chunked.model)];
    expect(actual.dims).toEqual(expected.dims);
    const a = actual.data as Float32Array;
    const e = expected.data as Float32Array;
    let worst = 0;
    for (let i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i]! - e[i]!));
    expect(worst).toBeLessThan(1e-4);
  });

  it('leaves attention whose maps are graph outputs alone, and models without attention', () => {
    expect(chunkAttention(encoderFile, 4).edited).toBe(0);
    const none = chunkAttention(decoderFile, 4); // the decoder's attention sits inside If branches
    expect(none.edited).toBe(0);
    expect(none.model).toBe(decoderFile);
  });
});

describe('quantizeLmHead', () => {
  it('rewrites both branches of the merged decoder, which then predicts the same tokens', async () => {
    const lean = quantizeLmHead(decoderFile);
    expect(lean.edited).toBe(2);
    expect(lean.model.length).toBeLessThan(decoderFile.length + 4096);
    const hidden = await encode(dropGraphOutputs(encoderFile, isAttentionOutput));
    const expected = await decode(decoderFile, hidden);
    const actual = await decode(lean.model, hidden);
    for (let step = 0; step < 2; step++) {
      const e = expected[step]!;
      const a = actual[step]!;
      expect(a.length).toBe(e.length);
      expect(argmaxRows(a, 51865)).toEqual(argmaxRows(e, 51865));
      let worst = 0;
      let spread = 0;
      for (let i = 0; i < e.length; i++) {
        worst = Math.max(worst, Math.abs(a[i]! - e[i]!));
        spread = Math.max(spread, Math.abs(e[i]!));
      }
      // Quantizing the final hidden state moves a logit by at most 1.8% of the largest one (measured
      // here); the greedy choices above are what matters, and they are the same.
      expect(worst / spread).toBeLessThan(0.03);
    }
  });

  it('returns a model without the pattern unchanged', () => {
    const none = quantizeLmHead(encoderFile);
    expect(none.edited).toBe(0);
    expect(none.model).toBe(encoderFile);
  });
});
