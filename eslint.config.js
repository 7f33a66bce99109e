// @ts-check
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/',
      'dist.tmp-*/',
      'dist.old-*/',
      'site/',
      'node_modules/',
      '.astro/',
      'tests/.tmp/',
      'public/',
      'content/',
      'tests/fixtures/',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Lines stay readable in a side-by-side diff; Prettier wraps code, this catches long strings and Astro markup.
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true, ignorePattern: '^\\s*(import|export) ' },
      ],
      // `catch (e)` keeps the inline 长者模式 scripts running on browsers older than ES2019's `catch {}`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
);
