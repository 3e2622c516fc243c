import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'cli/**/*.test.ts',
      'renderer/src/**/*.test.{ts,tsx}',
      'test/unit/**/*.test.ts',
    ],
    exclude: ['node_modules/**', 'out/**', 'test/e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Whisper tests load real models; keep the machine's two cores for them.
    maxWorkers: 2,
  },
});
