/**
 * The global the Electron preload installs. Import this module (type-only) from the renderer to
 * get `window.api` typed from the contract; it is absent when the renderer runs in a plain browser
 * against the loopback adapter.
 */
import type { RendererApi } from './contract.ts';

declare global {
  interface Window {
    api?: RendererApi;
  }
}

export type { RendererApi };
