import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, type FakeApi } from '../testing/fake-api.ts';
import { createFakeAudioInput, type FakeAudioInput } from '../testing/fake-audio-input.ts';
import { createAppStore } from './index.ts';
import { MAX_RECORDING_SEC } from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../shared/ipc/errors.ts';
import { meterLevel, nextMeter } from './recording.ts';

let api: FakeApi;
let mic: FakeAudioInput;
let clock = 0;

function makeStore() {
  return createAppStore({ api, audioInput: mic, now: () => clock });
}

async function settle() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** Runs the 3-2-1 countdown and waits for startAttempt. */
async function countIn(store: ReturnType<typeof makeStore>) {
  store.getState().beginAnswer();
  expect(store.getState().recording.phase).toBe('countdown');
  expect(store.getState().recording.countdown).toBe(3);
  await vi.advanceTimersByTimeAsync(1000);
  expect(store.getState().recording.countdown).toBe(2);
  await vi.advanceTimersByTimeAsync(2000);
  await settle();
  expect(store.getState().recording.phase).toBe('recording');
}

beforeEach(() => {
  vi.useFakeTimers();
  api = createFakeApi();
  mic = createFakeAudioInput(44_100);
  clock = 0;
});
afterEach(() => vi.useRealTimers());

describe('recording an answer', () => {
  it('opens the microphone, counts in, streams PCM in order at the context rate, and stops into Review', async () => {
    const store = makeStore();
    await store.getState().prepareRecording();
    expect(store.getState().session.screen.name).toBe('record');
    expect(store.getState().recording.phase).toBe('ready');
    expect(store.getState().recording.microphones.map((m) => m.label)).toEqual([
      'Desk microphone',
      'Headset',
    ]);

    mic.speak(new Float32Array(10)); // before recording: not sent
    await countIn(store);
    const start = api.calls.find((c) => c.method === 'startAttempt')!.request as {
      sampleRate: number;
      question: { id: string };
    };
    expect(start.sampleRate).toBe(44_100);
    expect(start.question.id).toBe('pipeline-broke');

    mic.speak(Float32Array.from([0.1, 0.2]));
    mic.speak(Float32Array.from([0.3]));
    clock = 65_000;
    await vi.advanceTimersByTimeAsync(100);
    expect(store.getState().recording.elapsedSec).toBeCloseTo(65, 5);
    mic.pending.push(Float32Array.from([0.4, 0.5, 0.6])); // the tail the worklet still holds

    await store.getState().stopAnswer();
    const appended = api.calls
      .filter((c) => c.method === 'appendAudio')
      .map((c) => Array.from((c.request as { pcm: Float32Array }).pcm));
    expect(appended.map((chunk) => chunk.map((v) => Math.round(v * 10)))).toEqual([
      [1, 2],
      [3],
      [4, 5, 6],
    ]);
    expect(api.calls.filter((c) => c.method === 'stopAttempt').map((c) => c.request)).toEqual([
      { attemptId: 'a1', reason: 'user' },
    ]);
    expect(mic.closed).toBe(1);
    expect(store.getState().session.screen).toEqual({ name: 'review', attemptId: 'a1' });
    expect(store.getState().review.status).toBe('processing');
  });

  it('Space toggles: ready → countdown, countdown → back to ready, recording → stop', async () => {
    const store = makeStore();
    await store.getState().prepareRecording();
    store.getState().toggleAnswer();
    expect(store.getState().recording.phase).toBe('countdown');
    store.getState().toggleAnswer();
    expect(store.getState().recording.phase).toBe('ready');
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.calls.some((c) => c.method === 'startAttempt')).toBe(false);
    await countIn(store);
    store.getState().toggleAnswer();
    await settle();
    await vi.waitFor(() => expect(store.getState().session.screen.name).toBe('review'));
  });

  it('keeps what was recorded when the microphone is unplugged mid-answer', async () => {
    const store = makeStore();
    await store.getState().prepareRecording();
    await countIn(store);
    mic.speak(new Float32Array(4410));
    clock = 83_000;
    await vi.advanceTimersByTimeAsync(100);
    mic.unplug();
    await vi.waitFor(() => expect(store.getState().session.screen.name).toBe('review'));
    expect(api.calls.find((c) => c.method === 'stopAttempt')!.request).toEqual({
      attemptId: 'a1',
      reason: 'device-lost',
    });
    expect(api.attempts.get('a1')!.samples).toBe(4410);
    expect(store.getState().review.notice).toMatch(/disconnected.*1:23.*kept/);
  });

  it('explains a denied permission and offers no recording', async () => {
    mic.failOpen = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
    const store = makeStore();
    await store.getState().prepareRecording();
    const { phase, problem } = store.getState().recording;
    expect(phase).toBe('unavailable');
    expect(problem?.title).toBe('Microphone access is blocked');
    expect(problem?.detail).toMatch(/allow microphone access/i);
    store.getState().beginAnswer();
    expect(store.getState().recording.phase).toBe('unavailable');
  });

  it('explains a missing microphone', async () => {
    mic.failOpen = Object.assign(new Error('Requested device not found'), {
      name: 'NotFoundError',
    });
    const store = makeStore();
    await store.getState().prepareRecording();
    expect(store.getState().recording.problem?.title).toBe('No microphone found');
  });

  it('switching microphones reopens the chosen device and remembers it', async () => {
    const store = makeStore();
    await store.getState().prepareRecording();
    await store.getState().chooseMicrophone('mic-2');
    expect(mic.openedWith).toEqual([null, 'mic-2']);
    expect(store.getState().recording.microphoneId).toBe('mic-2');
    await settle();
    expect(api.calls.find((c) => c.method === 'setSettings')!.request).toEqual({
      microphoneId: 'mic-2',
    });
  });

  it('stops with reason "error" when audio cannot be saved, keeping what was saved', async () => {
    const store = makeStore();
    await store.getState().prepareRecording();
    await countIn(store);
    mic.speak(new Float32Array(100));
    await settle();
    api.failNext('appendAudio', new Error('disk full'));
    mic.speak(new Float32Array(100));
    await vi.waitFor(() => expect(store.getState().session.screen.name).toBe('review'));
    expect(api.calls.find((c) => c.method === 'stopAttempt')!.request).toEqual({
      attemptId: 'a1',
      reason: 'error',
    });
    expect(store.getState().review.notice).toMatch(/disk full/);
  });
});

describe('your own question', () => {
  it('shows the guessed kind, lets you change it, and the answer is recorded as that kind', async () => {
    const store = makeStore();
    store.getState().chooseCustomQuestion('Tell me about the data quality framework you built.');
    const guessed = store.getState().session.question;
    expect(guessed.custom).toBe(true);
    expect(guessed.kind).toBe('incident'); // "data quality" reads as an incident question
    store.getState().setCustomQuestionKind('migration');
    expect(store.getState().session.question).toMatchObject({ id: guessed.id, kind: 'migration' });

    await store.getState().prepareRecording();
    await countIn(store);
    const start = api.calls.find((c) => c.method === 'startAttempt')!.request as {
      question: { id: string; kind: string; custom: boolean };
    };
    expect(start.question).toMatchObject({ id: guessed.id, kind: 'migration', custom: true });
  });

  it('refuses to change the kind of a bank question, or to an unknown kind', () => {
    const store = makeStore();
    expect(() => store.getState().setCustomQuestionKind('migration')).toThrow(
      /Only your own question/u,
    );
    store.getState().chooseCustomQuestion('Describe your favourite project.');
    expect(() => store.getState().setCustomQuestionKind('heroics' as never)).toThrow(
      /Unknown kind "heroics"/u,
    );
  });
});

describe('bounds and a Stop that cannot finish', () => {
  it('stops at the 30-minute limit and says why in the Review', async () => {
    const store = makeStore();
    await store.getState().prepareRecording();
    await countIn(store);
    mic.speak(new Float32Array(100));
    clock = (MAX_RECORDING_SEC - 1) * 1000;
    await vi.advanceTimersByTimeAsync(100);
    expect(store.getState().recording.phase).toBe('recording');
    clock = MAX_RECORDING_SEC * 1000;
    await vi.advanceTimersByTimeAsync(100);
    await vi.waitFor(() => expect(store.getState().session.screen.name).toBe('review'));
    expect(api.calls.find((c) => c.method === 'stopAttempt')!.request).toEqual({
      attemptId: 'a1',
      reason: 'limit',
    });
    expect(store.getState().review.notice).toMatch(
      /Recording stopped at the 30-minute limit\. Everything up to 30:00 is saved/,
    );
  });

  it('titles an upload refused at the limit as such, and stops with reason "limit"', async () => {
    const store = makeStore();
    await store.getState().prepareRecording();
    await countIn(store);
    api.failNext(
      'appendAudio',
      new ApiError('limit-reached', 'Recordings stop at 30:00. Everything up to there is saved.'),
    );
    mic.speak(new Float32Array(100));
    await vi.waitFor(() => expect(store.getState().session.screen.name).toBe('review'));
    expect(api.calls.find((c) => c.method === 'stopAttempt')!.request).toMatchObject({
      reason: 'limit',
    });
    expect(store.getState().review.notice).toMatch(/^Recording stopped at the length limit\./);
  });

  it('retries a Stop while the history is busy, then offers "Finish saving"', async () => {
    const store = makeStore();
    await store.getState().prepareRecording();
    await countIn(store);
    mic.speak(new Float32Array(100));
    const busy = () =>
      new ApiError(
        'storage-busy',
        'The recording is saved (0:01), but the history could not be updated.',
      );
    for (let i = 0; i < 3; i++) api.failNext('stopAttempt', busy());
    const stopping = store.getState().stopAnswer();
    await vi.advanceTimersByTimeAsync(3000);
    await stopping;
    expect(api.calls.filter((c) => c.method === 'stopAttempt')).toHaveLength(3);
    expect(store.getState().recording).toMatchObject({
      phase: 'unavailable',
      pendingStop: { attemptId: 'a1', reason: 'user' },
      problem: { title: 'The answer could not be finished' },
    });
    await store.getState().retryStop();
    expect(store.getState().session.screen).toEqual({ name: 'review', attemptId: 'a1' });
    expect(store.getState().recording.pendingStop).toBeNull();
  });
});

describe('meterLevel', () => {
  it('maps -60..0 dBFS onto 0..1', () => {
    expect(meterLevel(0)).toBe(0);
    expect(meterLevel(1)).toBe(1);
    expect(meterLevel(0.001)).toBeCloseTo(0, 5);
    expect(meterLevel(0.1)).toBeCloseTo(2 / 3, 5);
  });
});

describe('nextMeter', () => {
  it('jumps up at once and falls back gently', () => {
    let meter = nextMeter({ level: 0, recentPeak: 0 }, 0.1);
    expect(meter.level).toBeCloseTo(2 / 3, 5);
    meter = nextMeter(meter, 0);
    expect(meter.level).toBeCloseTo(2 / 3 - 0.04, 5);
    expect(meter.recentPeak).toBeCloseTo(2 / 3 - 0.015, 5);
    for (let i = 0; i < 30; i++) meter = nextMeter(meter, 0);
    expect(meter.level).toBe(0);
    expect(meter.recentPeak).toBeCloseTo(2 / 3 - 31 * 0.015, 5);
    for (let i = 0; i < 30; i++) meter = nextMeter(meter, 0);
    expect(meter.recentPeak).toBe(0);
  });
});
