import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, type FakeApi } from '../testing/fake-api.ts';
import { createFakeAudioInput } from '../testing/fake-audio-input.ts';
import { createAppStore } from './index.ts';

let api: FakeApi;
const DRAFT =
  'I was on call when the orders pipeline broke after a vendor changed their export. I paused the dbt models, wrote a new parser and backfilled three days. I added a contract test on the vendor file. Finance closed the month on time.';

function makeStore() {
  return createAppStore({ api, audioInput: createFakeAudioInput(16_000), now: () => 0 });
}

async function settle() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** Counts in, records a moment, stops: one answer. */
async function answer(store: ReturnType<typeof makeStore>) {
  store.getState().beginAnswer();
  await vi.advanceTimersByTimeAsync(3000);
  await settle();
  expect(store.getState().recording.phase).toBe('recording');
  await store.getState().stopAnswer('user');
  await settle();
}

beforeEach(() => {
  vi.useFakeTimers();
  api = createFakeApi();
});
afterEach(() => vi.useRealTimers());

describe('stories', () => {
  it('writes a story in the editor, keeps what was typed when saving fails, and saves it', async () => {
    const store = makeStore();
    await store.getState().openStories();
    expect(store.getState().session.screen.name).toBe('stories');
    store.getState().editStory(null);
    store.getState().updateEditor({ title: 'Orders outage', kinds: ['incident'], draft: DRAFT });
    api.failNext('saveStory', new Error('database is locked'));
    await store.getState().saveEditor();
    expect(store.getState().stories.error).toBe('database is locked');
    expect(store.getState().stories.editor?.draft).toBe(DRAFT);
    await store.getState().saveEditor();
    expect(store.getState().stories.error).toBeNull();
    expect(store.getState().stories.list.map((story) => story.title)).toEqual(['Orders outage']);
    expect(store.getState().stories.editor?.id).toBe(store.getState().stories.list[0]?.id);
  });

  it('records an answer from a matrix cell with the story it tells', async () => {
    const story = await api.saveStory({
      title: 'Orders outage',
      kinds: ['incident'],
      draft: DRAFT,
    });
    const store = makeStore();
    await store.getState().openStories('matrix');
    await store.getState().practiceCell(story.id, 'missed-sla');
    expect(store.getState().session.question.id).toBe('missed-sla');
    await answer(store);
    const start = api.calls.find((call) => call.method === 'startAttempt')?.request;
    expect(start).toMatchObject({ question: { id: 'missed-sla' }, storyId: story.id });
    expect(store.getState().session.screen.name).toBe('review');
    // Picking a question on Home afterwards is a plain answer again.
    store.getState().chooseQuestion('pipeline-broke');
    expect(store.getState().session.storyId).toBeNull();
  });

  it('deletes a story after confirmation and forgets it as the next answer’s story', async () => {
    const story = await api.saveStory({ title: 'Orders outage', kinds: ['incident'], draft: '' });
    const store = makeStore();
    await store.getState().openStories();
    await store.getState().practiceCell(story.id, 'missed-sla');
    store.getState().askToDeleteStory(story.id);
    await store.getState().confirmDeleteStory();
    expect(store.getState().stories.list).toEqual([]);
    expect(store.getState().session.storyId).toBeNull();
  });
});

describe('tellings of a story', () => {
  it('loads the analysed tellings of one story, oldest first', async () => {
    const story = await api.saveStory({
      title: 'Orders outage',
      kinds: ['incident'],
      draft: DRAFT,
    });
    const question = { id: 'missed-sla', prompt: 'SLA?', kind: 'incident' as const, custom: false };
    const ids: string[] = [];
    for (const storyId of [story.id, story.id, undefined]) {
      const { attemptId } = await api.startAttempt({
        question,
        sampleRate: 16_000,
        ...(storyId ? { storyId } : {}),
      });
      ids.push(attemptId);
    }
    api.finishAnalysis(ids[0]!);
    api.finishAnalysis(ids[2]!);
    const store = makeStore();
    await store.getState().loadTellings(story.id);
    expect(store.getState().stories.tellings[story.id]?.map((t) => t.attemptId)).toEqual([ids[0]]);
    api.finishAnalysis(ids[1]!);
    await store.getState().loadTellings(story.id);
    expect(store.getState().stories.tellings[story.id]?.map((t) => t.attemptId)).toEqual([
      ids[0],
      ids[1],
    ]);
  });
});

describe('mock panel', () => {
  it('answers the questions back to back without reviews, then builds one report', async () => {
    await api.saveStory({ title: 'Orders outage', kinds: ['incident'], draft: DRAFT });
    const store = makeStore();
    store.getState().openPanel();
    store.getState().configurePanel({ size: 4 });
    await store.getState().startPanel(42);
    const questions = store.getState().panel.questions.map((q) => q.id);
    expect(questions).toHaveLength(4);
    expect(questions[0]).toBe('pipeline-broke');
    for (let index = 0; index < 4; index += 1) {
      expect(store.getState().session.question.id).toBe(questions[index]);
      expect(store.getState().session.screen.name).toBe('record');
      await answer(store);
    }
    expect(store.getState().session.screen.name).toBe('panel');
    expect(store.getState().panel.phase).toBe('waiting');
    for (const attemptId of store.getState().panel.attemptIds) api.finishAnalysis(attemptId);
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    const { panel } = store.getState();
    expect(panel.phase).toBe('report');
    expect(panel.report?.entries.map((entry) => entry.questionId)).toEqual(questions);
    expect(panel.report?.meanScore).toBeGreaterThan(0);
    expect(panel.error).toBeNull();
  });

  it('is abandoned when the user goes Home, so the next answer gets its own review', async () => {
    const store = makeStore();
    store.getState().openPanel();
    await store.getState().startPanel(1);
    store.getState().goHome();
    expect(store.getState().panel.phase).toBe('setup');
    await store.getState().prepareRecording();
    await answer(store);
    expect(store.getState().session.screen.name).toBe('review');
  });
});
