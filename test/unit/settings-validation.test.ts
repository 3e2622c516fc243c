import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelId } from '../../shared/ipc/contract.ts';
import { manifest } from '../../electron/engine/models.ts';
import {
  checkSettingsChange,
  DEFAULT_SETTINGS,
} from '../../electron/main/services/settings-store.ts';
import { FakeEngine } from '../mocks/fake-engine.ts';
import { makeDataDir, tone } from './helpers/data-dir.ts';
import { PIPELINE_QUESTION, startServices } from './helpers/services.ts';
import { modelsDir as sharedModelsDir } from './helpers/shared-data.ts';

/** A folder laid out like models/ with `models` in it: sparse files of the manifest's sizes. */
function fakeModelsFolder(root: string, models: ModelId[]): string {
  for (const model of models) {
    for (const file of manifest.models[model].files) {
      const path = join(root, model, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, '');
      truncateSync(path, file.size);
    }
  }
  return root;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

let data: ReturnType<typeof makeDataDir>;
beforeEach(() => (data = makeDataDir()));
afterEach(() => data.remove());

describe('checking a models folder before saving it', () => {
  it('accepts a folder that holds the chosen model, stored as a full path', async () => {
    const folder = fakeModelsFolder(join(data.dir, 'models'), ['whisper-base']);
    await expect(
      checkSettingsChange(DEFAULT_SETTINGS, { modelsDir: `${folder}/ ` }),
    ).resolves.toEqual({
      modelsDir: folder,
    });
  });

  it('accepts the real shared models folder for both models', async () => {
    const folder = sharedModelsDir();
    await expect(checkSettingsChange(DEFAULT_SETTINGS, { modelsDir: folder })).resolves.toEqual({
      modelsDir: folder,
    });
    const tinyThere = { ...DEFAULT_SETTINGS, modelsDir: folder };
    await expect(checkSettingsChange(tinyThere, { model: 'whisper-tiny' })).resolves.toEqual({
      model: 'whisper-tiny',
    });
  });

  it('expands ~ to the home folder', async () => {
    fakeModelsFolder(join(data.dir, 'models'), ['whisper-base']);
    await expect(
      checkSettingsChange(DEFAULT_SETTINGS, { modelsDir: '~/models' }, data.dir),
    ).resolves.toEqual({ modelsDir: join(data.dir, 'models') });
  });

  it('refuses a folder that does not exist, naming it', async () => {
    const missing = join(data.dir, 'nowhere');
    await expect(
      checkSettingsChange(DEFAULT_SETTINGS, { modelsDir: missing }),
    ).rejects.toMatchObject({
      code: 'models-folder-invalid',
      message: `The folder ${missing} does not exist. Choose the folder that holds the model folders, or clear the field to use the bundled models.`,
    });
  });

  it('refuses a file, a relative path, and a folder without the model', async () => {
    const file = join(data.dir, 'notes.txt');
    writeFileSync(file, 'hello');
    await expect(checkSettingsChange(DEFAULT_SETTINGS, { modelsDir: file })).rejects.toMatchObject({
      code: 'models-folder-invalid',
      message: expect.stringMatching(/notes\.txt is a file, not a folder\./),
    });
    await expect(
      checkSettingsChange(DEFAULT_SETTINGS, { modelsDir: 'models' }),
    ).rejects.toMatchObject({
      code: 'models-folder-invalid',
      message: expect.stringMatching(/^"models" is not a full path\./),
    });
    await expect(
      checkSettingsChange(DEFAULT_SETTINGS, { modelsDir: data.dir }),
    ).rejects.toMatchObject({
      code: 'models-folder-invalid',
      message: expect.stringMatching(
        /does not hold Whisper base: there is no whisper-base folder in it\./,
      ),
    });
  });

  it('says a model folder is incomplete when a file is missing or truncated', async () => {
    const folder = fakeModelsFolder(join(data.dir, 'models'), ['whisper-base']);
    truncateSync(join(folder, 'whisper-base', 'onnx', 'encoder_model_quantized.onnx'), 1000);
    await expect(
      checkSettingsChange(DEFAULT_SETTINGS, { modelsDir: folder }),
    ).rejects.toMatchObject({
      code: 'models-folder-invalid',
      message: expect.stringMatching(
        /whisper-base is incomplete: some files of Whisper base are missing/,
      ),
    });
  });

  it('refuses switching to a model the chosen folder lacks, and says what to do', async () => {
    const folder = fakeModelsFolder(join(data.dir, 'models'), ['whisper-base']);
    const current = { ...DEFAULT_SETTINGS, modelsDir: folder };
    await expect(checkSettingsChange(current, { model: 'whisper-tiny' })).rejects.toMatchObject({
      code: 'model-not-in-folder',
      message: `${folder} does not hold Whisper tiny: there is no whisper-tiny folder in it. Put whisper-tiny/ in that folder, clear the models folder, or keep Whisper base.`,
    });
    // Without a folder of its own the engine finds (or downloads) the model: nothing to check.
    await expect(checkSettingsChange(DEFAULT_SETTINGS, { model: 'whisper-tiny' })).resolves.toEqual(
      {
        model: 'whisper-tiny',
      },
    );
    // Clearing the folder is always allowed.
    await expect(checkSettingsChange(current, { modelsDir: null })).resolves.toEqual({
      modelsDir: null,
    });
  });
});

describe('setSettings with a models folder', () => {
  it('saves nothing and loads nothing when the folder is refused', async () => {
    const t = startServices(data.dir);
    await expect(
      t.services.handlers.setSettings({ model: 'whisper-tiny', modelsDir: join(data.dir, 'nope') }),
    ).rejects.toMatchObject({ code: 'models-folder-invalid' });
    expect(await t.services.handlers.getSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(t.engine.loads).toEqual([]);
    await t.services.close();
  });

  it('saves a good folder and loads the model from it; clearing it goes back to the default search', async () => {
    const folder = fakeModelsFolder(join(data.dir, 'models'), ['whisper-base', 'whisper-tiny']);
    const t = startServices(data.dir);
    expect(
      await t.services.handlers.setSettings({ modelsDir: folder, model: 'whisper-tiny' }),
    ).toEqual({
      model: 'whisper-tiny',
      modelsDir: folder,
      microphoneId: null,
    });
    await tick();
    expect(t.engine.loads).toEqual([{ model: 'whisper-tiny', modelsDir: folder }]);
    expect(JSON.parse(readFileSync(join(data.dir, 'settings.json'), 'utf8'))).toMatchObject({
      modelsDir: folder,
      model: 'whisper-tiny',
    });
    await t.services.handlers.setSettings({ modelsDir: null });
    await tick();
    expect(t.engine.loads.at(-1)).toEqual({ model: 'whisper-tiny', modelsDir: null });
    await t.services.close();
  });
});

describe('answering while the model is missing', () => {
  it('keeps the recording, fails the attempt with a retry, and the retry works once the model loads', async () => {
    const engine = new FakeEngine();
    const notFound = Object.assign(
      new Error(
        'Model whisper-base was not found in /app/models. Run "npm run fetch-models" (needs internet), or point REHEARSE_MODELS_DIR at a folder that holds whisper-base/.',
      ),
      { code: 'MODEL_NOT_FOUND' },
    );
    engine.failLoad = notFound;
    engine.failStart = new Error('No model is loaded; send "load" first.');
    const t = startServices(data.dir, { engine, loadModelOnStart: true });
    await tick();
    expect(await t.services.handlers.getEngineStatus({})).toEqual({
      state: 'error',
      model: 'whisper-base',
      error: { code: 'MODEL_NOT_FOUND', message: notFound.message },
    });

    const { attemptId } = await t.services.handlers.startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: 16_000,
    });
    await t.services.handlers.appendAudio({ attemptId, pcm: tone(16_000, 16_000) });
    await t.services.handlers.stopAttempt({ attemptId, reason: 'user' });
    await t.services.attempts.whenIdle();
    const failed = await t.services.handlers.getAttempt({ attemptId });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      /No model is loaded.*The recording is saved; analyse it again to retry\./,
    );
    expect(readFileSync(t.services.attempts.recordingFile(attemptId)).length).toBe(44 + 16_000 * 2);

    // The model becomes available: Retry reloads it, then the attempt is analysed from its WAV.
    engine.failLoad = null;
    engine.failStart = null;
    expect(await t.services.handlers.reloadModel({})).toEqual({
      state: 'loading',
      model: 'whisper-base',
    });
    await tick();
    expect(await t.services.handlers.getEngineStatus({})).toEqual({
      state: 'ready',
      model: 'whisper-base',
    });
    await t.services.handlers.analyzeAttempt({ attemptId });
    await t.services.attempts.whenIdle();
    expect(await t.services.handlers.getAttempt({ attemptId })).toMatchObject({
      status: 'ready',
      error: null,
    });
    await t.services.close();
  });
});

describe('settings changes made quickly one after another', () => {
  it('are checked and saved in order, each against the one before', async () => {
    const folder = fakeModelsFolder(join(data.dir, 'models'), ['whisper-base']);
    const t = startServices(data.dir);
    // The folder (base only) is saved first, so switching to tiny right after is checked against it.
    const [withFolder, withTiny] = await Promise.allSettled([
      t.services.handlers.setSettings({ modelsDir: folder }),
      t.services.handlers.setSettings({ model: 'whisper-tiny' }),
    ]);
    expect(withFolder).toMatchObject({ status: 'fulfilled', value: { modelsDir: folder } });
    expect(withTiny).toMatchObject({ status: 'rejected', reason: { code: 'model-not-in-folder' } });
    expect(await t.services.handlers.getSettings({})).toEqual({
      ...DEFAULT_SETTINGS,
      modelsDir: folder,
    });
    // A refusal does not block the next change.
    await expect(t.services.handlers.setSettings({ microphoneId: 'mic-1' })).resolves.toMatchObject(
      {
        microphoneId: 'mic-1',
      },
    );
    await t.services.close();
  });
});
