// ESLint: rules that catch real bugs. Style is Prettier's job; layer boundaries and import
// cycles are dependency-cruiser's (.dependency-cruiser.cjs). `npm run lint` runs both.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'public/', 'wasm/', '.bench/', '.vite/', 'demo-data/', 'tests/fixtures/out/', '.scratch/'] },
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      // TypeScript checks names itself, with the right globals for the page, the worker and Node.
      'no-undef': 'off',
      // A promise nobody awaits or catches loses its error: the user sees nothing, the state is half done.
      '@typescript-eslint/no-floating-promises': 'error',
      // `const { a: _a, ...rest } = x` leaves a key out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Our readers and file names strip control characters on purpose (XML, CSV, file names).
      'no-control-regex': 'off',
      // Plain Map/Set/Date in .svelte(.ts) are local values or caches; what the screen shows is in $state.
      'svelte/prefer-svelte-reactivity': 'off',
      // {' '} keeps a space Svelte would trim at the start of a block.
      'svelte/no-useless-mustaches': 'off',
    },
  },
  {
    // Plain JavaScript scripts are outside tsconfig.json: no type information for them.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [ts.configs.disableTypeChecked],
  },
);
