import { defineConfig } from 'vitest/config';

/** The end-to-end run in real Chromium: separate from `npm run test:unit`. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    // Recording a real two-minute answer and transcribing it with Whisper takes minutes.
    testTimeout: 15 * 60_000,
    hookTimeout: 5 * 60_000,
    fileParallelism: false,
  },
});
