import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createHistorySlice } from './history.ts';
import { createPlaybackSlice } from './playback.ts';
import { createRecordingSlice } from './recording.ts';
import { createReviewSlice } from './review.ts';
import { createSessionSlice } from './session.ts';
import { createSettingsSlice } from './settings.ts';
import { createStoriesSlice } from './stories.ts';
import type { AppDeps, AppState } from './types.ts';

export type { AppDeps, AppState } from './types.ts';

/** The store's actions: every function-valued member of the state (they never change). */
export type AppActions = {
  [
    K in keyof AppState as AppState[K] extends (...args: never[]) => unknown ? K : never
  ]: AppState[K];
};

/** One store from typed slices; every side effect lives in an action and goes through `deps`. */
export function createAppStore(deps: AppDeps): StoreApi<AppState> {
  return createStore<AppState>()((set, get) => ({
    ...createSessionSlice(set, get, deps),
    ...createRecordingSlice(set, get, deps),
    ...createReviewSlice(set, get, deps),
    ...createPlaybackSlice(set, get, deps),
    ...createHistorySlice(set, get, deps),
    ...createSettingsSlice(set, get, deps),
    ...createStoriesSlice(set, get, deps),
  }));
}

const StoreContext = createContext<StoreApi<AppState> | null>(null);

export function StoreProvider({
  store,
  children,
}: {
  store: StoreApi<AppState>;
  children: ReactNode;
}) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

export function useStoreApi(): StoreApi<AppState> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp must be used inside <StoreProvider>.');
  return store;
}

/** Subscribe to a narrow slice of the app state. Return primitives or stable references. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useStoreApi(), selector);
}

/** Actions never change, so components can take them without subscribing to anything. */
export function useActions(): AppActions {
  const store = useStoreApi();
  return useMemo(() => store.getState(), [store]);
}
