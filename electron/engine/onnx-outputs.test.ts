import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropGraphOutputs, graphOutputNames } from './onnx-outputs.ts';
import { sharedModelsDir } from './testing/shared-data.ts';

describe('dropGraphOutputs', () => {
  it('removes the encoder attention outputs and leaves a model ONNX Runtime runs', async () => {
    const encoder = readFileSync(
      join(sharedModelsDir(), 'whisper-tiny', 'onnx', 'encoder_model_quantized.onnx'),
    );
    expect(graphOutputNames(encoder)).toContain('encoder_attentions.0');
    const lean = dropGraphOutputs(encoder, (name) => name.startsWith('encoder_attentions'));
    expect(graphOutputNames(lean)).toEqual(['last_hidden_state']);
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(lean);
    const features = new ort.Tensor('float32', new Float32Array(80 * 3000), [1, 80, 3000]);
    const output = await session.run({ input_features: features });
    expect(Object.keys(output)).toEqual(['last_hidden_state']);
    expect(output.last_hidden_state!.dims).toEqual([1, 1500, 384]);
  }, 60_000);

  it('rejects bytes that are not an ONNX model', () => {
    expect(() => dropGraphOutputs(new Uint8Array([0x08, 0x07]), () => true)).toThrow(/no graph/);
    expect(() => dropGraphOutputs(new Uint8Array([0x0a, 0x7f, 0x01]), () => true)).toThrow(
      /Malformed/,
    );
  });
});
