// Lint rules for the UI. Type-aware rules from typescript-eslint catch what `tsc` lets pass
// (floating promises, `any`); React hooks rules catch stale dependencies.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'src/api/bindings.ts', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      // `onClick={() => setX(y)}` is the React idiom; braces around it add noise, not safety.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Warns about the React Compiler, which this app does not use.
      'react-hooks/incompatible-library': 'off',
      // Commands reject with `{code, message}` (`ErrorPayload`), the shape Rust sends, not `Error`.
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // Template literals with numbers are how this codebase builds CSS and SVG strings.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    // The fake implements an async interface with synchronous in-memory work.
    files: ['src/api/fake.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'src/test/**'],
    rules: {
      // Tests stub methods and return early on impossible branches to narrow types.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // `act(async () => ...)` flushes effects even when the callback awaits nothing.
      '@typescript-eslint/require-await': 'off',
    },
  },
);
