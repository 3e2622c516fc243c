import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidateRoots, downloadModel, hasModel, manifest, resolveModel } from './models.ts';
import { sharedModelsDir } from './testing/shared-data.ts';

/** A fake network that serves the shared model files (or corrupts one). */
function fakeFetch(sourceRoot: string, corrupt?: string): typeof fetch {
  return (async (url: string | URL) => {
    const path = String(url).split('/resolve/')[1]!.split('/').slice(1).join('/');
    const model = String(url).includes('whisper-tiny') ? 'whisper-tiny' : 'whisper-base';
    let bytes = new Uint8Array(readFileSync(join(sourceRoot, model, path)));
    if (path === corrupt) bytes = bytes.map((b, i) => (i === 0 ? b ^ 0xff : b));
    return new Response(bytes);
  }) as typeof fetch;
}

describe('model resolution', () => {
  it('prefers the explicit folder, then REHEARSE_MODELS_DIR, then bundled, then the cache', () => {
    expect(
      candidateRoots({ modelsDir: '/a', cacheDir: '/c' }, { REHEARSE_MODELS_DIR: '/env' }).map(
        (r) => r.root,
      ),
    ).toEqual(['/a']);
    expect(
      candidateRoots({ cacheDir: '/c' }, { REHEARSE_MODELS_DIR: '/env' }).map((r) => r.root),
    ).toEqual(['/env']);
    expect(candidateRoots({ bundledDir: '/b', cacheDir: '/c' }, {}).map((r) => r.root)).toEqual([
      '/b',
      '/c',
    ]);
  });

  it('finds the shared models and rejects a folder without them', async () => {
    const shared = sharedModelsDir();
    expect(await hasModel(shared, 'whisper-tiny')).toBe(true);
    expect(await resolveModel('whisper-tiny', { modelsDir: shared })).toBe(shared);
    const empty = mkdtempSync(join(tmpdir(), 'rehearse-models-'));
    await expect(resolveModel('whisper-tiny', { modelsDir: empty })).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
    });
  });

  it('without a model and without network, says what to do', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'rehearse-models-'));
    const offline = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const previous = process.env.REHEARSE_MODELS_DIR;
    delete process.env.REHEARSE_MODELS_DIR;
    try {
      const error = await resolveModel(
        'whisper-tiny',
        { bundledDir: empty, cacheDir: join(empty, 'cache') },
        { fetchImpl: offline },
      ).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'MODEL_DOWNLOAD_FAILED',
        message: expect.stringMatching(/internet connection.*REHEARSE_MODELS_DIR/),
      });
    } finally {
      if (previous !== undefined) process.env.REHEARSE_MODELS_DIR = previous;
    }
  });

  it('downloads into the cache with byte progress, verifying every file against the manifest', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'rehearse-cache-'));
    const progress: { loadedBytes: number; totalBytes: number }[] = [];
    await downloadModel(
      'whisper-tiny',
      cache,
      (p) => progress.push(p),
      fakeFetch(sharedModelsDir()),
    );
    expect(await hasModel(cache, 'whisper-tiny')).toBe(true);
    const total = manifest.models['whisper-tiny'].files.reduce((sum, f) => sum + f.size, 0);
    expect(progress.at(-1)).toMatchObject({ loadedBytes: total, totalBytes: total });
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.loadedBytes).toBeGreaterThanOrEqual(progress[i - 1]!.loadedBytes);
    const config = manifest.models['whisper-tiny'].files.find((f) => f.path === 'config.json')!;
    expect(
      createHash('sha256')
        .update(readFileSync(join(cache, 'whisper-tiny', 'config.json')))
        .digest('hex'),
    ).toBe(config.sha256);
  });

  it('refuses a download whose checksum does not match', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'rehearse-cache-'));
    await expect(
      downloadModel('whisper-tiny', cache, undefined, fakeFetch(sharedModelsDir(), 'config.json')),
    ).rejects.toMatchObject({
      code: 'MODEL_CHECKSUM_MISMATCH',
    });
    expect(await hasModel(cache, 'whisper-tiny')).toBe(false);
  });
});
