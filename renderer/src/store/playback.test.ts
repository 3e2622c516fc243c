import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../testing/fake-api.ts';
import { createFakeAudioInput } from '../testing/fake-audio-input.ts';
import { sampleReport } from '../testing/sample-report.ts';
import { createAppStore } from './index.ts';

function setup() {
  const store = createAppStore({
    api: createFakeApi(),
    audioInput: createFakeAudioInput(),
    now: () => 0,
  });
  const player = { times: [] as number[], playing: false, rate: 1 };
  store.getState().attachPlayer({
    setTime: (t) => player.times.push(t),
    play: () => (player.playing = true),
    pause: () => (player.playing = false),
    setRate: (r) => (player.rate = r),
  });
  store.getState().loadPlaybackWords(sampleReport().words);
  store.getState().playerStateChanged({ duration: 6 });
  return { store, player };
}

describe('playback', () => {
  it('tracks the spoken word as the player reports its time', () => {
    const { store } = setup();
    expect(store.getState().playback.activeWord).toBe(0);
    store.getState().playerTimeChanged(2.7);
    expect(store.getState().playback.activeWord).toBe(5);
    expect(store.getState().playback.currentTime).toBe(2.7);
  });

  it('clicking a word seeks the player to its start', () => {
    const { store, player } = setup();
    store.getState().seekToWord(7);
    expect(player.times).toEqual([3.5]);
    expect(store.getState().playback.activeWord).toBe(7);
    store.getState().seekToWord(99);
    expect(player.times).toEqual([3.5]);
  });

  it('arrow-key seeks are clamped to the recording', () => {
    const { store, player } = setup();
    store.getState().seekBy(-5);
    store.getState().seekBy(50);
    expect(player.times).toEqual([0, 6]);
  });

  it('play/pause follows the player state, and speed reaches the player', () => {
    const { store, player } = setup();
    store.getState().togglePlay();
    expect(player.playing).toBe(true);
    store.getState().playerStateChanged({ playing: true });
    store.getState().togglePlay();
    expect(player.playing).toBe(false);
    store.getState().setRate(1.5);
    expect(player.rate).toBe(1.5);
    expect(() => store.getState().setRate(0)).toThrow(/positive/);
  });
});
