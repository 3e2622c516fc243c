import type { StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../shared/ipc/contract.ts';
import type { AudioInput } from '../features/record/microphone.ts';
import type { HistorySlice } from './history.ts';
import type { PlaybackSlice } from './playback.ts';
import type { RecordingSlice } from './recording.ts';
import type { ReviewSlice } from './review.ts';
import type { SessionSlice } from './session.ts';
import type { SettingsSlice } from './settings.ts';
import type { StoriesSlice } from './stories.ts';

/** Everything the store's actions reach outside the renderer: injected so tests can fake it. */
export interface AppDeps {
  api: RendererApi;
  audioInput: AudioInput;
  /** Milliseconds, monotonic. */
  now: () => number;
}

export type AppState = SessionSlice &
  RecordingSlice &
  ReviewSlice &
  PlaybackSlice &
  HistorySlice &
  SettingsSlice &
  StoriesSlice;

export type SetState = StoreApi<AppState>['setState'];
export type GetState = StoreApi<AppState>['getState'];

export type SliceCreator<T> = (set: SetState, get: GetState, deps: AppDeps) => T;

/** A user-facing message for any error an action catches. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
