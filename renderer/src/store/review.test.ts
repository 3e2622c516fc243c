import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, type FakeApi } from '../testing/fake-api.ts';
import { createFakeAudioInput } from '../testing/fake-audio-input.ts';
import { createAppStore } from './index.ts';

let api: FakeApi;

async function recordedAttempt(): Promise<string> {
  const { attemptId } = await api.startAttempt({
    question: {
      id: 'missed-sla',
      prompt: 'Tell me about a time you missed an SLA.',
      kind: 'incident',
      custom: false,
    },
    sampleRate: 48_000,
  });
  await api.stopAttempt({ attemptId, reason: 'user' });
  return attemptId;
}

beforeEach(() => {
  vi.useFakeTimers();
  api = createFakeApi();
});
afterEach(() => vi.useRealTimers());

describe('review', () => {
  it('shows progress from events and loads the report and audio when ready', async () => {
    const store = createAppStore({ api, audioInput: createFakeAudioInput(), now: () => 0 });
    const unsubscribe = store.getState().initialize();
    const id = await recordedAttempt();
    await store.getState().openReview(id);
    expect(store.getState().review.status).toBe('processing');

    api.emit('attemptProgress', { attemptId: id, stage: 'transcribing', fraction: 0.4 });
    expect(store.getState().review.progress).toEqual({
      attemptId: id,
      stage: 'transcribing',
      fraction: 0.4,
    });
    api.emit('attemptProgress', { attemptId: 'other', stage: 'analyzing' });
    expect(store.getState().review.progress?.stage).toBe('transcribing');

    api.finishAnalysis(id);
    api.emit('attemptProgress', { attemptId: id, stage: 'ready' });
    await vi.waitFor(() => expect(store.getState().review.status).toBe('ready'));
    expect(store.getState().review.detail?.report?.words).toHaveLength(12);
    expect(store.getState().review.audio).toBe('/api/recordings/a1.wav');
    unsubscribe();
  });

  it('loads the attempts at the same question and those telling the same story for the comparison', async () => {
    const store = createAppStore({ api, audioInput: createFakeAudioInput(), now: () => 0 });
    const record = async (id: string, storyId?: string) => {
      const question = { id, prompt: `Question ${id}?`, kind: 'incident' as const, custom: false };
      const { attemptId } = await api.startAttempt({
        question,
        sampleRate: 48_000,
        ...(storyId ? { storyId } : {}),
      });
      await api.stopAttempt({ attemptId, reason: 'user' });
      api.finishAnalysis(attemptId);
      return attemptId;
    };
    const told = await record('q1', 's1');
    const other = await record('q2');
    const again = await record('q2', 's1');
    await store.getState().openReview(again);
    await vi.waitFor(() => expect(store.getState().review.siblings).not.toBeNull());
    expect(
      store
        .getState()
        .review.siblings?.map((point) => point.attemptId)
        .sort(),
    ).toEqual([told, other, again].sort());
    expect(api.calls.filter((call) => call.method === 'getProgress').map((c) => c.request)).toEqual(
      [{ questionId: 'q2' }, { storyId: 's1' }],
    );
  });

  it('shows the stage stored on the attempt when opened mid-analysis, then follows events', async () => {
    const store = createAppStore({ api, audioInput: createFakeAudioInput(), now: () => 0 });
    const unsubscribe = store.getState().initialize();
    const id = await recordedAttempt();
    Object.assign(api.attempts.get(id)!, { progress: { stage: 'transcribing', fraction: 0.7 } });
    await store.getState().openReview(id);
    expect(store.getState().review.progress).toEqual({
      attemptId: id,
      stage: 'transcribing',
      fraction: 0.7,
    });
    // No polling: nothing changes until the main side says so.
    api.finishAnalysis(id);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.getState().review.status).toBe('processing');
    api.emit('attemptProgress', { attemptId: id, stage: 'ready' });
    await vi.waitFor(() => expect(store.getState().review.status).toBe('ready'));
    unsubscribe();
  });

  it('shows the reason when analysis failed, and a missing attempt clearly', async () => {
    const store = createAppStore({ api, audioInput: createFakeAudioInput(), now: () => 0 });
    const id = await recordedAttempt();
    Object.assign(api.attempts.get(id)!, {
      status: 'failed',
      error: 'The Whisper model could not be loaded.',
    });
    await store.getState().openReview(id);
    expect(store.getState().review.status).toBe('failed');
    expect(store.getState().review.error).toBe('The Whisper model could not be loaded.');

    await store.getState().openReview('nope');
    expect(store.getState().review.status).toBe('failed');
    expect(store.getState().review.error).toBe('No attempt nope.');
  });

  it('"Try again" records a new attempt at the same question and keeps the first', async () => {
    const mic = createFakeAudioInput();
    const store = createAppStore({ api, audioInput: mic, now: () => 0 });
    const id = await recordedAttempt();
    api.finishAnalysis(id);
    await store.getState().openReview(id);
    await store.getState().tryAgain();
    expect(store.getState().session.screen.name).toBe('record');
    expect(store.getState().session.question.id).toBe('missed-sla');
    expect(store.getState().session.question.listeningFor).toMatch(/Honesty/);
    store.getState().beginAnswer();
    await vi.advanceTimersByTimeAsync(3000);
    await vi.waitFor(() => expect(store.getState().recording.phase).toBe('recording'));
    expect([...api.attempts.keys()]).toEqual([id, 'a2']);
    expect(api.attempts.get('a2')!.question.id).toBe('missed-sla');
  });

  it('offers interrupted recordings on Home and analyses them on request', async () => {
    const store = createAppStore({ api, audioInput: createFakeAudioInput(), now: () => 0 });
    const id = await recordedAttempt();
    api.attempts.get(id)!.status = 'interrupted';
    store.getState().initialize();
    await vi.waitFor(() =>
      expect(store.getState().session.interrupted.map((a) => a.id)).toEqual([id]),
    );
    await store.getState().analyzeInterrupted(id);
    expect(api.calls.some((c) => c.method === 'analyzeAttempt')).toBe(true);
    expect(store.getState().session.interrupted).toEqual([]);
    expect(store.getState().session.screen).toEqual({ name: 'review', attemptId: id });
  });
});

describe('findings', () => {
  it('choosing a finding outlines its evidence and plays from a second before it', async () => {
    const store = createAppStore({ api, audioInput: createFakeAudioInput(), now: () => 0 });
    const id = await recordedAttempt();
    api.finishAnalysis(id);
    await store.getState().openReview(id);
    const seeks: number[] = [];
    let plays = 0;
    store.getState().attachPlayer({
      setTime: (t) => seeks.push(t),
      play: () => void plays++,
      pause: () => undefined,
      setRate: () => undefined,
    });
    store.getState().showEvidence({ startWord: 9, endWord: 12 }, 4.5);
    expect(store.getState().review.evidence).toEqual({ startWord: 9, endWord: 12 });
    expect(seeks).toEqual([3.5]);
    expect(plays).toBe(1);
    expect(store.getState().playback.activeWord).toBe(7);
    store.getState().showEvidence({ startWord: 0, endWord: 2 }, 0.5);
    expect(seeks.at(-1)).toBe(0);
    await store.getState().openReview(id);
    expect(store.getState().review.evidence).toBeNull();
  });
});

describe('processing progress', () => {
  it('estimates the time left from the transcription pace so far', async () => {
    let clock = 0;
    const store = createAppStore({ api, audioInput: createFakeAudioInput(), now: () => clock });
    const id = await recordedAttempt();
    await store.getState().openReview(id);
    const send = (fraction: number) =>
      store.getState().receiveProgress({ attemptId: id, stage: 'transcribing', fraction });
    send(0.1);
    expect(store.getState().review.etaSec).toBeNull();
    clock = 2_000;
    send(0.12); // 2 % in 2 s: too little to go by
    expect(store.getState().review.etaSec).toBeNull();
    clock = 10_000;
    send(0.5); // 40 % in 10 s → 50 % left takes 12.5 s
    expect(store.getState().review.etaSec).toBe(13);
    expect(store.getState().review.progress?.fraction).toBe(0.5);
  });
});
