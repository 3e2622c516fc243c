import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { leanModelRoot } from './lean-model.ts';
import { graphOutputNames } from './onnx-graph.ts';
import { sharedModelsDir } from './testing/shared-data.ts';
import { MODEL_TEST_MS, MODEL_WAIT_MS } from '../../test/waits.ts';

const work = mkdtempSync(join(tmpdir(), 'rehearse-lean-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ENCODER = join('onnx', 'encoder_model_quantized.onnx');
const DECODER = join('onnx', 'decoder_model_merged_quantized.onnx');

// Real Whisper models on a machine that may be busy (see test/waits.ts).
vi.setConfig({ testTimeout: MODEL_TEST_MS, hookTimeout: MODEL_WAIT_MS });

describe('leanModelRoot', () => {
  it('builds the edited encoder and decoder once and links every other file', async () => {
    const source = join(sharedModelsDir(), 'whisper-tiny');
    const root = await leanModelRoot('whisper-tiny', sharedModelsDir(), join(work, 'cache'));
    const lean = join(root, 'whisper-tiny');
    expect(graphOutputNames(readFileSync(join(lean, ENCODER)))).toEqual(['last_hidden_state']);
    const decoder = readFileSync(join(lean, DECODER));
    expect(decoder.equals(readFileSync(join(source, DECODER)))).toBe(false);
    expect(decoder.includes('logits/integer_matmul/matmul')).toBe(true);
    expect(readFileSync(join(lean, 'config.json'), 'utf8')).toBe(
      readFileSync(join(source, 'config.json'), 'utf8'),
    );

    const built = statSync(join(lean, ENCODER)).mtimeMs;
    expect(await leanModelRoot('whisper-tiny', sharedModelsDir(), join(work, 'cache'))).toBe(root);
    expect(statSync(join(lean, ENCODER)).mtimeMs).toBe(built);

    // A built file that does not match the marker's size (an interrupted copy) is built again.
    writeFileSync(join(lean, ENCODER), 'truncated');
    expect(await leanModelRoot('whisper-tiny', sharedModelsDir(), join(work, 'cache'))).toBe(root);
    expect(graphOutputNames(readFileSync(join(lean, ENCODER)))).toEqual(['last_hidden_state']);
  });

  it('builds a new copy when a source model changes, and follows symlinked files', async () => {
    // A models folder of symlinks to the shared files, with a real copy of the decoder to touch.
    const source = join(sharedModelsDir(), 'whisper-tiny');
    const models = join(work, 'models');
    mkdirSync(join(models, 'whisper-tiny', 'onnx'), { recursive: true });
    for (const sub of ['', 'onnx'])
      for (const entry of readdirSync(join(source, sub), { withFileTypes: true }))
        if (entry.isFile() && join(sub, entry.name) !== DECODER)
          symlinkSync(join(source, sub, entry.name), join(models, 'whisper-tiny', sub, entry.name));
    copyFileSync(join(source, DECODER), join(models, 'whisper-tiny', DECODER));
    const first = await leanModelRoot('whisper-tiny', models, join(work, 'cache'));
    const fresh = await leanModelRoot('whisper-tiny', sharedModelsDir(), join(work, 'cache'));
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(first, hourAgo, hourAgo);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(models, 'whisper-tiny', DECODER), later, later);
    const second = await leanModelRoot('whisper-tiny', models, join(work, 'cache'));
    expect(second).not.toBe(first);
    expect(existsSync(first)).toBe(false); // the outdated copy is removed,
    expect(existsSync(fresh)).toBe(true); // one just made (maybe loading elsewhere) is kept
    expect(graphOutputNames(readFileSync(join(second, 'whisper-tiny', ENCODER)))).toEqual([
      'last_hidden_state',
    ]);
    expect(statSync(join(second, 'whisper-tiny', 'tokenizer.json')).size).toBe(
      statSync(join(source, 'tokenizer.json')).size,
    );
  });
});
