import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer alone, for the loopback adapter and the e2e: `npm run build:renderer` → out/renderer.
 * (electron-vite builds the same renderer for the app from electron.vite.config.ts.)
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // The worklet must stay a separate file (CSP: script-src 'self'), never an inlined data: URL.
    assetsInlineLimit: 0,
  },
});
