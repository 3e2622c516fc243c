import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../electron/main/services/settings-store.ts';
import { FakeEngine } from '../mocks/fake-engine.ts';
import { makeDataDir } from './helpers/data-dir.ts';
import { startServices } from './helpers/services.ts';

let data: ReturnType<typeof makeDataDir>;
beforeEach(() => (data = makeDataDir()));
afterEach(() => data.remove());

describe('settings', () => {
  it('start at the defaults, persist changes, and survive a restart', async () => {
    const t = startServices(data.dir);
    expect(await t.services.handlers.getSettings({})).toEqual({
      model: 'whisper-base',
      modelsDir: null,
      microphoneId: null,
    });
    expect(await t.services.handlers.setSettings({ microphoneId: 'usb-mic-1' })).toEqual({
      model: 'whisper-base',
      modelsDir: null,
      microphoneId: 'usb-mic-1',
    });
    await t.services.close();
    expect(JSON.parse(readFileSync(join(data.dir, 'settings.json'), 'utf8'))).toEqual({
      model: 'whisper-base',
      modelsDir: null,
      microphoneId: 'usb-mic-1',
    });
    const again = startServices(data.dir);
    expect(await again.services.handlers.getSettings({})).toMatchObject({
      microphoneId: 'usb-mic-1',
    });
    await again.services.close();
  });

  it('moves an invalid settings file aside and says so, instead of failing to start', () => {
    writeFileSync(join(data.dir, 'settings.json'), '{"model":"whisper-huge"}');
    const store = new SettingsStore(data.dir);
    expect(store.get().model).toBe('whisper-base');
    expect(store.warning).toMatch(
      /settings file was invalid \(model: .*\); it was moved to .*settings\.invalid\.json/,
    );
    expect(existsSync(join(data.dir, 'settings.invalid.json'))).toBe(true);

    writeFileSync(join(data.dir, 'settings.json'), 'not json');
    expect(new SettingsStore(data.dir).warning).toMatch(/not valid JSON/);
  });
});

describe('engine status', () => {
  it('loads the chosen model on start and reloads when the model changes', async () => {
    const engine = new FakeEngine();
    const t = startServices(data.dir, { engine, loadModelOnStart: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(engine.loads).toEqual([{ model: 'whisper-base', modelsDir: null }]);
    expect(await t.services.handlers.getEngineStatus({})).toEqual({
      state: 'ready',
      model: 'whisper-base',
    });

    await t.services.handlers.setSettings({ model: 'whisper-tiny' });
    await new Promise((r) => setTimeout(r, 0));
    expect(engine.loads.at(-1)).toEqual({ model: 'whisper-tiny', modelsDir: null });
    await t.services.handlers.setSettings({ microphoneId: 'x' }); // no reload for a microphone change
    expect(engine.loads).toHaveLength(2);
    // The first 'loading' went out before the test subscribed.
    expect(t.engineStatuses.map((s) => s.state)).toEqual(['ready', 'loading', 'ready']);
    await t.services.close();
  });

  it('reports a load failure with its message', async () => {
    const engine = new FakeEngine();
    engine.failLoad = new Error('Model whisper-base not found in /nowhere.');
    const t = startServices(data.dir, { engine, loadModelOnStart: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(await t.services.handlers.getEngineStatus({})).toEqual({
      state: 'error',
      model: 'whisper-base',
      error: { code: 'engine-load-failed', message: 'Model whisper-base not found in /nowhere.' },
    });
    await t.services.close();
  });

  it('follows the engine’s download progress and crash events', async () => {
    const t = startServices(data.dir);
    t.services.engineStatus.follow({
      type: 'download',
      model: 'whisper-tiny',
      file: 'encoder.onnx',
      loadedBytes: 10,
      totalBytes: 100,
      percent: 10,
    });
    expect(await t.services.handlers.getEngineStatus({})).toEqual({
      state: 'downloading',
      model: 'whisper-tiny',
      download: { loadedBytes: 10, totalBytes: 100 },
    });
    t.services.engineStatus.follow({
      type: 'status',
      state: 'error',
      model: null,
      error: { code: 'WORKER_CRASHED', message: 'The engine crashed; restarting.' },
    });
    expect(await t.services.handlers.getEngineStatus({})).toEqual({
      state: 'error',
      model: 'whisper-tiny',
      error: { code: 'WORKER_CRASHED', message: 'The engine crashed; restarting.' },
    });
    t.services.engineStatus.follow({ type: 'log', level: 'info', message: 'ignored' });
    expect(t.engineStatuses).toHaveLength(2);
    await t.services.close();
  });
});

describe('download progress', () => {
  it('reaches the renderer in steps of 0.1%, with the first and the last chunk', async () => {
    const t = startServices(data.dir);
    const total = 81_285_000;
    for (let loaded = 0; loaded <= total; loaded += 16_384) {
      t.services.engineStatus.follow({
        type: 'download',
        model: 'whisper-base',
        file: 'onnx/decoder_model_merged_quantized.onnx',
        loadedBytes: loaded,
        totalBytes: total,
        percent: (loaded / total) * 100,
      });
    }
    t.services.engineStatus.follow({
      type: 'download',
      model: 'whisper-base',
      file: 'onnx/decoder_model_merged_quantized.onnx',
      loadedBytes: total,
      totalBytes: total,
      percent: 100,
    });
    const loaded = t.engineStatuses.map((s) => s.download?.loadedBytes ?? -1);
    expect(loaded[0]).toBe(0);
    expect(loaded.at(-1)).toBe(total);
    expect(t.engineStatuses.length).toBeGreaterThan(900);
    expect(t.engineStatuses.length).toBeLessThanOrEqual(1002);
    // Every step moves forward.
    expect(loaded.every((value, i) => i === 0 || value > loaded[i - 1]!)).toBe(true);
    await t.services.close();
  });
});
