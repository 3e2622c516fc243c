import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/ipc/errors.ts';
import { createFakeApi, type FakeApi } from '../testing/fake-api.ts';
import { createFakeAudioInput, type FakeAudioInput } from '../testing/fake-audio-input.ts';
import { createAppStore } from './index.ts';

let api: FakeApi;
let mic: FakeAudioInput;

function makeStore() {
  return createAppStore({ api, audioInput: mic, now: () => 0 });
}

const settingsCalls = () =>
  api.calls.filter((c) => c.method === 'setSettings').map((c) => c.request);

beforeEach(() => {
  api = createFakeApi();
  mic = createFakeAudioInput();
});

describe('the Settings screen', () => {
  it('opens with the saved settings and the microphones', async () => {
    const store = makeStore();
    await api.setSettings({ model: 'whisper-tiny', microphoneId: 'mic-2' });
    await store.getState().openSettings();
    const { settings, session } = store.getState();
    expect(session.screen).toEqual({ name: 'settings' });
    expect(settings.saved).toEqual({
      model: 'whisper-tiny',
      modelsDir: null,
      microphoneId: 'mic-2',
    });
    expect(settings.microphones.map((m) => m.label)).toEqual(['Desk microphone', 'Headset']);
    expect(settings.errors).toEqual({});
  });

  it('saves a model change and says what it did; choosing the current model saves nothing', async () => {
    const store = makeStore();
    await store.getState().openSettings();
    await store.getState().chooseModel('whisper-base');
    expect(settingsCalls()).toEqual([]);
    await store.getState().chooseModel('whisper-tiny');
    expect(settingsCalls()).toEqual([{ model: 'whisper-tiny' }]);
    expect(store.getState().settings.saved?.model).toBe('whisper-tiny');
    expect(store.getState().settings.notice).toBe('Saved. Rehearse now uses Whisper tiny.');
    expect(store.getState().settings.saving).toBeNull();
    // Persisted: a fresh store (a reload) sees it.
    const reloaded = makeStore();
    await reloaded.getState().openSettings();
    expect(reloaded.getState().settings.saved?.model).toBe('whisper-tiny');
  });

  it('shows a refused folder next to the folder field and keeps the saved settings', async () => {
    const store = makeStore();
    await store.getState().openSettings();
    const refusal =
      'The folder /nowhere does not exist. Choose the folder that holds the model folders, or clear the field to use the bundled models.';
    api.failNext('setSettings', new ApiError('models-folder-invalid', refusal));
    await store.getState().saveModelsFolder('  /nowhere ');
    expect(settingsCalls()).toEqual([{ modelsDir: '/nowhere' }]);
    expect(store.getState().settings.errors).toEqual({ modelsDir: refusal });
    expect(store.getState().settings.saved?.modelsDir).toBeNull();
    expect(store.getState().settings.notice).toBeNull();

    // A good folder clears the error; an empty field clears the setting.
    await store.getState().saveModelsFolder('/opt/models');
    expect(store.getState().settings.errors).toEqual({});
    expect(store.getState().settings.saved?.modelsDir).toBe('/opt/models');
    expect(store.getState().settings.notice).toBe('Saved. Models come from /opt/models.');
    await store.getState().saveModelsFolder('   ');
    expect(settingsCalls().at(-1)).toEqual({ modelsDir: null });
    expect(store.getState().settings.saved?.modelsDir).toBeNull();
  });

  it('puts a model the folder lacks next to the model choice, whatever field was saved', async () => {
    const store = makeStore();
    await store.getState().openSettings();
    api.failNext(
      'setSettings',
      new ApiError('model-not-in-folder', '/opt/models does not hold Whisper tiny.'),
    );
    await store.getState().chooseModel('whisper-tiny');
    expect(store.getState().settings.errors).toEqual({
      model: '/opt/models does not hold Whisper tiny.',
    });
    expect(store.getState().settings.saved?.model).toBe('whisper-base');
    // Any other failure (e.g. the service is gone) stays with the field that was being saved.
    api.failNext(
      'setSettings',
      new ApiError('unreachable', 'Rehearse’s background service is not answering.'),
    );
    await store.getState().chooseDefaultMicrophone('mic-1');
    expect(store.getState().settings.errors).toEqual({
      model: '/opt/models does not hold Whisper tiny.',
      microphone: 'Rehearse’s background service is not answering.',
    });
  });

  it('saves the default microphone, which the next recording opens', async () => {
    const store = makeStore();
    await store.getState().openSettings();
    await store.getState().chooseDefaultMicrophone('mic-2');
    expect(settingsCalls()).toEqual([{ microphoneId: 'mic-2' }]);
    expect(store.getState().settings.notice).toBe('Saved. New answers use Headset.');
    await store.getState().prepareRecording();
    expect(mic.openedWith).toEqual(['mic-2']);
    store.getState().leaveRecording();
    await store.getState().openSettings();
    await store.getState().chooseDefaultMicrophone(null);
    expect(store.getState().settings.notice).toBe(
      'Saved. New answers use the system’s default microphone.',
    );
    expect(store.getState().recording.microphoneId).toBeNull();
  });

  it('says when the microphones cannot be listed, and still shows the settings', async () => {
    mic.listMicrophones = () => Promise.reject(new Error('This window cannot access microphones.'));
    const store = makeStore();
    await store.getState().openSettings();
    expect(store.getState().settings.saved).not.toBeNull();
    expect(store.getState().settings.errors).toEqual({
      microphone: 'This window cannot access microphones.',
    });
  });
});

describe('the speech model status', () => {
  it('follows download progress and errors from the main side, and Retry reloads the model', async () => {
    const store = makeStore();
    const stop = store.getState().initialize();
    await Promise.resolve();
    api.emit('engineStatus', {
      state: 'downloading',
      model: 'whisper-base',
      download: { loadedBytes: 34_200_000, totalBytes: 112_000_000 },
    });
    expect(store.getState().session.engine).toEqual({
      state: 'downloading',
      model: 'whisper-base',
      download: { loadedBytes: 34_200_000, totalBytes: 112_000_000 },
    });
    const error = {
      code: 'MODEL_DOWNLOAD_FAILED',
      message: 'Could not download whisper-base. Check the internet connection.',
    };
    api.emit('engineStatus', { state: 'error', model: 'whisper-base', error });
    expect(store.getState().session.engine?.error).toEqual(error);

    await store.getState().reloadModel();
    expect(api.calls.filter((c) => c.method === 'reloadModel')).toHaveLength(1);
    api.emit('engineStatus', { state: 'loading', model: 'whisper-base' });
    expect(store.getState().session.engine?.state).toBe('loading');
    stop();
  });

  it('opens the logs folder, or says why it could not', async () => {
    const store = makeStore();
    await store.getState().openLogsFolder();
    expect(api.calls.filter((c) => c.method === 'openLogsFolder')).toHaveLength(1);
    expect(store.getState().settings.logs).toBe('Opened /data/logs.');
    api.failNext('openLogsFolder', new ApiError('unavailable', 'This Rehearse keeps no log file.'));
    await store.getState().openLogsFolder();
    expect(store.getState().settings.logs).toBe(
      'Could not open the logs folder: This Rehearse keeps no log file.',
    );
  });

  it('shows a failed Retry as a problem', async () => {
    const store = makeStore();
    api.failNext(
      'reloadModel',
      new ApiError('unreachable', 'The background service is not answering.'),
    );
    await store.getState().reloadModel();
    expect(store.getState().session.error).toBe(
      'Could not load the speech model again: The background service is not answering.',
    );
  });
});
