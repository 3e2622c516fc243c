import type { AnalyzedWord } from '../../../shared/analysis/types.ts';
import { wordAtTime } from '../../../shared/transcript/words.ts';
import type { SliceCreator } from './types.ts';

/** What the store needs from the audio player (wavesurfer in the app, a fake in tests). */
export interface PlayerControls {
  setTime(seconds: number): void;
  play(): void;
  pause(): void;
  setRate(rate: number): void;
}

export interface PlaybackState {
  /** Seconds. Changes ~60 times a second while playing: select narrowly. */
  currentTime: number;
  duration: number;
  playing: boolean;
  rate: number;
  /** Index into the report's words of the word being spoken, -1 before the first. */
  activeWord: number;
}

export interface PlaybackSlice {
  playback: PlaybackState;
  attachPlayer(player: PlayerControls): () => void;
  loadPlaybackWords(words: readonly AnalyzedWord[]): void;
  resetPlayback(): void;
  /** The player reports its position (timeupdate). */
  playerTimeChanged(seconds: number): void;
  playerStateChanged(changes: { playing?: boolean; duration?: number }): void;
  seekTo(seconds: number): void;
  seekToWord(index: number): void;
  /** Seek, then play (a finding's "hear it", Enter on a transcript word). */
  playFrom(seconds: number): void;
  /** Arrow keys: relative seek in seconds. */
  seekBy(deltaSec: number): void;
  togglePlay(): void;
  setRate(rate: number): void;
}

export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 2] as const;

const initialPlayback: PlaybackState = {
  currentTime: 0,
  duration: 0,
  playing: false,
  rate: 1,
  activeWord: -1,
};

export const createPlaybackSlice: SliceCreator<PlaybackSlice> = (set, get) => {
  let player: PlayerControls | null = null;
  let words: readonly AnalyzedWord[] = [];

  function moveTo(seconds: number) {
    const { duration } = get().playback;
    const clamped = Math.max(0, duration > 0 ? Math.min(seconds, duration) : seconds);
    set((s) => ({
      playback: {
        ...s.playback,
        currentTime: clamped,
        activeWord: wordAtTime(words, clamped),
      },
    }));
    return clamped;
  }

  return {
    playback: initialPlayback,

    attachPlayer(next) {
      player = next;
      next.setRate(get().playback.rate);
      return () => {
        if (player === next) player = null;
      };
    },

    loadPlaybackWords(next) {
      words = next;
      set((s) => ({
        playback: { ...s.playback, activeWord: wordAtTime(words, s.playback.currentTime) },
      }));
    },

    resetPlayback() {
      words = [];
      set({ playback: { ...initialPlayback, rate: get().playback.rate } });
    },

    playerTimeChanged(seconds) {
      const activeWord = wordAtTime(words, seconds);
      const current = get().playback;
      if (current.currentTime === seconds && current.activeWord === activeWord) return;
      set((s) => ({ playback: { ...s.playback, currentTime: seconds, activeWord } }));
    },

    playerStateChanged(changes) {
      set((s) => ({ playback: { ...s.playback, ...changes } }));
    },

    seekTo(seconds) {
      const target = moveTo(seconds);
      player?.setTime(target);
    },

    seekToWord(index) {
      const word = words[index];
      if (!word) return;
      get().seekTo(word.start);
    },

    playFrom(seconds) {
      get().seekTo(seconds);
      if (!get().playback.playing) player?.play();
    },

    seekBy(deltaSec) {
      get().seekTo(get().playback.currentTime + deltaSec);
    },

    togglePlay() {
      if (!player) return;
      if (get().playback.playing) player.pause();
      else player.play();
    },

    setRate(rate) {
      if (!(rate > 0)) throw new Error(`Playback speed must be positive, got ${rate}.`);
      set((s) => ({ playback: { ...s.playback, rate } }));
      player?.setRate(rate);
    },
  };
};
