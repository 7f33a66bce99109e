/**
 * The build's MDX compiler enforces the content rules by itself: every attack of the bad-content corpus, compiled by
 * satteri with the project's rules plugin and nothing else (no check:content, no reader), is refused with the same
 * Chinese message, file and line as check:content; every parser-disagreement case is refused by the reader the
 * build runs before @astrojs/mdx (src/integrations/mdx-source.ts) or by the plugin. The Vite plugin hands
 * @astrojs/mdx the body alone, on the file's own lines.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mdxToJs } from 'satteri';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentError, formatProblem } from '../../src/lib/content-errors.ts';
import { bodyComponents, MDX_FEATURES, mdxCompilerInput, mdxRulesPlugin } from '../../src/lib/content/mdx.ts';
import { splitFrontMatter } from '../../src/lib/content/source.ts';
import { MDX_SOURCE_PLUGIN, mdxSourcePlugin } from '../../src/integrations/mdx-source.ts';
import { BAD_CONTENT, type BadCase } from '../helpers/bad-content.ts';
import { NEW_FILE_CASES } from '../helpers/parser-cases.ts';

const DIR = mkdtempSync(join(tmpdir(), 'mdx-compiler-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** Body rules that need the whole site (does the linked page or file exist?): they stay in the pipeline. */
const SITE_RULES = new Set(['link-draft', 'link-scheduled', 'link-missing-page', 'download-missing-file']);

/** The case's file text, written by the case into a scratch folder. */
function caseText(badCase: BadCase): string {
  badCase.apply(DIR);
  return readFileSync(join(DIR, badCase.file), 'utf8');
}

/** Compiles MDX text as the build does, with the rules plugin; returns the error it throws (undefined if none). */
function compileError(text: string, file: string): Error | undefined {
  try {
    mdxToJs(text, {
      mdastPlugins: [mdxRulesPlugin(DIR)],
      features: MDX_FEATURES,
      fileURL: pathToFileURL(join(DIR, file)),
    });
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** Whether an error's message names the case's file, line and message, formatted as check:content formats it. */
function namesCase(error: Error, badCase: BadCase): boolean {
  return error.message
    .split('\n')
    .some(
      (line) =>
        line.includes(`文件 ${badCase.file} 第 ${badCase.line} 行`) &&
        line.includes(badCase.message.replace(/^第 \d+ 行/, '')),
    );
}

/** The corpus's MDX cases whose mistake is in the body (after the front matter), not needing the whole site. */
const BODY_ATTACKS = BAD_CONTENT.filter((badCase) => {
  if (!badCase.file.endsWith('.mdx') || SITE_RULES.has(badCase.name)) return false;
  const split = splitFrontMatter(caseText(badCase), badCase.file);
  return badCase.line >= split.bodyStartLine;
});

describe('the rules plugin alone refuses every body attack of the corpus', () => {
  it('covers the corpus’s body attacks, in articles, issue and campaign introductions', () => {
    expect(BODY_ATTACKS.length).toBeGreaterThanOrEqual(45);
    expect(BODY_ATTACKS.some((badCase) => badCase.file.startsWith('content/redblack/'))).toBe(true);
    expect(BODY_ATTACKS.some((badCase) => badCase.file.startsWith('content/campaigns/'))).toBe(true);
  });

  it.each(BODY_ATTACKS.map((badCase) => [badCase.name, badCase] as const))('%s', (_name, badCase) => {
    // The whole file as stored: satteri reads the front matter itself; neither the reader nor the check runs.
    const error = compileError(caseText(badCase), badCase.file);
    expect(error, 'compiled without a word').toBeDefined();
    // A stray brace is a syntax error of the MDX parser itself; every other case is the rules plugin's.
    if (badCase.name === 'stray-brace') return;
    expect(error).toBeInstanceOf(ContentError);
    expect(namesCase(error!, badCase), error!.message).toBe(true);
    expect(error).toMatchObject({ line: expect.any(Number) });
  });

  it('a valid article compiles, with its components; an introduction may not use them', () => {
    const article = '---\ntitle: 甲\n---\n\n<Callout type="tip">提示</Callout>\n\n<TaskCard plan={2030} task={1} />\n';
    expect(compileError(article, 'content/articles/a.mdx')).toBeUndefined();
    const intro = compileError(article, 'content/campaigns/2030.mdx');
    expect(intro?.message).toContain('文件 content/campaigns/2030.mdx 第 5 行：不能使用 <Callout> 标签');
    expect(bodyComponents('content/articles/a.mdx')).not.toEqual({});
    expect(bodyComponents('content/redblack/2024-01.mdx')).toEqual({});
    expect(bodyComponents('src/pages/a.mdx')).toEqual({});
  });
});

describe('the build’s reader and rules refuse every parser-disagreement case', () => {
  const mdxCases = NEW_FILE_CASES.filter((badCase) => badCase.file.endsWith('.mdx'));

  it.each(mdxCases.map((badCase) => [badCase.name, badCase] as const))('%s', (_name, badCase) => {
    const text = caseText(badCase);
    const input = mdxCompilerInput(text, badCase.file);
    if (input.code === undefined) {
      // Refused before @astrojs/mdx sees it, or (a front-matter key) by the pipeline's schema.
      expect(input.problems.map(formatProblem).some((line) => namesCase(new Error(line), badCase))).toBe(true);
      return;
    }
    if (badCase.name === 'layout-key') {
      // The key never reaches @astrojs/mdx: its front matter is empty; the pipeline refuses the unknown key.
      expect(input.code).not.toContain('layout');
      return;
    }
    const error = compileError(input.code, badCase.file);
    expect(error).toBeInstanceOf(ContentError);
    expect(namesCase(error!, badCase), error!.message).toBe(true);
  });
});

describe('the Vite plugin before @astrojs/mdx', () => {
  const plugin = mdxSourcePlugin('/project') as { transform?: unknown; configResolved?: unknown };
  const transform = plugin.transform as { handler: (code: string, id: string) => { code: string } };

  it('hands over the body alone, after an empty front matter on as many lines, CRLF read as LF', () => {
    const text = '---\r\ntitle: 甲\r\nlayout: ./evil.astro\r\n---\r\n\r\n正文\r\n';
    const { code } = transform.handler(text, '/project/content/articles/a.mdx?astroRenderContent');
    expect(code).toBe('---\n\n\n---\n\n正文\n');
    expect(code.split('\n')).toHaveLength(text.split('\n').length);
  });

  it.each([
    ['a closing fence with a Tab', '---\ntitle: 甲\n---\t\nexport const x = 1\n---\n', 3, '“---”后面还有空格'],
    ['a lone CR in a comment', '---\ntitle: 甲\n# 说明\rlayout: x\n---\n', 3, '看不见的回车符'],
    ['no front matter', '+++\nlayout = "x"\n+++\n', 1, '应为“---”：文件开头是信息部分'],
    ['a YAML anchor', '---\ntitle: &a 甲\n---\n', 2, '“&”开头'],
  ])('refuses %s with the Chinese message, file and line', (_name, text, line, message) => {
    let thrown: (Error & { loc?: { file: string; line: number } }) | undefined;
    try {
      transform.handler(text, '/project/content/articles/a.mdx');
    } catch (error) {
      thrown = error as typeof thrown;
    }
    expect(thrown).toBeInstanceOf(ContentError);
    expect(thrown!.message).toContain(`文件 content/articles/a.mdx 第 ${line} 行`);
    expect(thrown!.message).toContain(message);
    expect(thrown!.loc).toEqual({ file: '/project/content/articles/a.mdx', line, column: 1 });
  });

  it('runs before @astrojs/mdx’s transform, or stops the build', () => {
    const configResolved = plugin.configResolved as (config: unknown) => void;
    const sorted = (...names: string[]) => ({ getSortedPlugins: () => names.map((name) => ({ name })) });
    expect(() => configResolved(sorted(MDX_SOURCE_PLUGIN, 'astro:build', '@mdx-js/rolldown'))).not.toThrow();
    expect(() => configResolved(sorted('@mdx-js/rolldown', MDX_SOURCE_PLUGIN))).toThrow(/必须在 @astrojs\/mdx 之前/);
    expect(() => configResolved(sorted('@mdx-js/rolldown'))).toThrow(/必须在 @astrojs\/mdx 之前/);
  });
});
