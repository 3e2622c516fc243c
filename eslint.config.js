import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeOnly = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'electron',
  'react',
  'react-dom',
  'zustand',
  '@huggingface/transformers',
  'better-sqlite3',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // shared/ is pure TypeScript: it runs in the CLI, the main process, the engine and the renderer.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: nodeOnly.map((group) => ({
            group: [group],
            message: 'shared/ must not import runtime-specific modules.',
          })),
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'fs', 'path'],
              message: 'The renderer has no Node or Electron access; go through lib/api.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the typed IPC wrappers may touch raw ipcMain / ipcRenderer.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/ipc.ts', 'electron/preload/**', 'electron/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[object.name=/^ipc(Main|Renderer)$/]',
          message: 'Use the typed IPC wrappers (electron/main/ipc.ts, preload).',
        },
      ],
    },
  },
);
