// @ts-check
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Nothing reads content except the pipeline (docs/architecture.md): outside src/lib/content/, which holds the one
 * reader (yaml.ts) and the one writer (yaml-writer.ts), no code imports a YAML parser or a front-matter splitter.
 * Tests may parse YAML to compute what they expect; they are not the site.
 */
const ONE_READER = 'Nothing reads content except the pipeline (docs/architecture.md): use loadContent / the model';
const CONTENT_PARSERS = [
  { name: 'yaml', message: `${ONE_READER}; to write YAML, writeYaml from src/lib/content/yaml-writer.ts.` },
  ...['js-yaml', 'gray-matter', 'front-matter', '@astrojs/internal-helpers/frontmatter'].map((name) => ({
    name,
    message: `${ONE_READER}.`,
  })),
];
const PIPELINE_READERS = {
  group: ['**/content/yaml.ts', '**/content/yaml'],
  importNames: ['readYaml', 'readFrontMatter'],
  message: `${ONE_READER}: the pipeline's reader is called by the pipeline only.`,
};

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
  {
    files: ['src/**', 'scripts/**', 'astro.config.mjs'],
    ignores: ['src/lib/content/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: CONTENT_PARSERS, patterns: [PIPELINE_READERS] }],
    },
  },
  {
    // The pipeline's reader of YAML lists, called by pipeline.ts.
    files: ['src/lib/yaml-list.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: CONTENT_PARSERS }] },
  },
);
