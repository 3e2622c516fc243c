import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../testing/fake-api.ts';
import { createFakeAudioInput } from '../testing/fake-audio-input.ts';
import { createAppStore } from './index.ts';

async function seed() {
  const api = createFakeApi();
  for (const id of ['pipeline-broke', 'missed-sla', 'pipeline-broke']) {
    await api.startAttempt({
      question: { id, prompt: id, kind: 'incident', custom: false },
      sampleRate: 16_000,
    });
  }
  const store = createAppStore({ api, audioInput: createFakeAudioInput(), now: () => 0 });
  return { api, store };
}

describe('history', () => {
  it('lists attempts newest first and filters by question', async () => {
    const { store } = await seed();
    await store.getState().openHistory();
    expect(store.getState().session.screen.name).toBe('history');
    expect(store.getState().history.attempts.map((a) => a.id)).toEqual(['a3', 'a2', 'a1']);
    await store.getState().filterHistory('pipeline-broke');
    expect(store.getState().history.attempts.map((a) => a.id)).toEqual(['a3', 'a1']);
    await store.getState().filterHistory(null);
    expect(store.getState().history.attempts).toHaveLength(3);
  });

  it('offers questions the user typed in as filters', async () => {
    const { api, store } = await seed();
    await api.startAttempt({
      question: { id: 'custom-my-q', prompt: 'My question?', kind: 'general', custom: true },
      sampleRate: 16_000,
    });
    await store.getState().openHistory();
    expect(store.getState().history.customQuestions.map((q) => q.prompt)).toEqual(['My question?']);
    await store.getState().filterHistory('custom-my-q');
    expect(store.getState().history.attempts.map((a) => a.id)).toEqual(['a4']);
    expect(store.getState().history.customQuestions).toHaveLength(1);
  });

  it('deletes only after confirmation', async () => {
    const { api, store } = await seed();
    await store.getState().openHistory();
    store.getState().askToDelete('a2');
    store.getState().cancelDelete();
    await store.getState().confirmDelete();
    expect(api.attempts.has('a2')).toBe(true);
    store.getState().askToDelete('a2');
    await store.getState().confirmDelete();
    expect(api.attempts.has('a2')).toBe(false);
    expect(store.getState().history.attempts.map((a) => a.id)).toEqual(['a3', 'a1']);
  });

  it('says why a delete failed', async () => {
    const { api, store } = await seed();
    await store.getState().openHistory();
    api.failNext('deleteAttempt', new Error('database is locked'));
    store.getState().askToDelete('a1');
    await store.getState().confirmDelete();
    expect(store.getState().history.error).toBe(
      'The attempt could not be deleted: database is locked',
    );
    expect(store.getState().history.attempts).toHaveLength(3);
  });
});
