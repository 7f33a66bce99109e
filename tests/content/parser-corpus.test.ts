/**
 * The parser-disagreement corpus (tests/helpers/parser-cases.ts): text that two parsers read differently is refused
 * by `npm run check:content` with its file, line and Chinese message, and by `astro build`, which runs none of the
 * code such text hides (the two attacks that ran code at build time: a closing fence followed by a Tab before an
 * export, and a lone CR in a YAML comment hiding a `layout:` that @astrojs/mdx imported). The cases that add their
 * own file share one copy of the fixture site and one build; those changing a shared list are checked one copy each.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { checkAllContent } from '../../src/lib/content/pipeline.ts';
import type { BadCase } from '../helpers/bad-content.ts';
import { build, FIXTURE_SITE, prepareCopy, SCRATCH } from '../helpers/build.ts';
import { markerFile, markerFiles, NEW_FILE_CASES, SHARED_FILE_CASES } from '../helpers/parser-cases.ts';

const TEMP = mkdtempSync(join(tmpdir(), 'parser-corpus-'));
afterAll(() => {
  rmSync(SCRATCH, { recursive: true, force: true });
  rmSync(TEMP, { recursive: true, force: true });
});

/** The numbered problem lines of a failed build's output (the same formatting check:content prints). */
function reported(output: string): string[] {
  return [...output.matchAll(/^\s*\d+\. (文件 .+)$/gm)].map((match) => match[1]!.trim());
}

/** Whether a formatted problem is the case's: its file, its line, its message. */
function matches(line: string, badCase: BadCase): boolean {
  if (!line.startsWith(`文件 ${badCase.file}`) || !line.includes(badCase.message)) return false;
  const at = `第 ${badCase.line} 行`;
  return line.startsWith(`文件 ${badCase.file} ${at}`) || line.startsWith(`文件 ${badCase.file}：${at}`);
}

it('the corpus has at least 20 cases with unique names, of every family', () => {
  const all = [...NEW_FILE_CASES, ...SHARED_FILE_CASES];
  expect(all.length).toBeGreaterThanOrEqual(20);
  expect(new Set(all.map((badCase) => badCase.name)).size).toBe(all.length);
  const names = all.map((badCase) => badCase.name).join(' ');
  for (const family of ['fence', 'lone-cr', 'crlf', 'nul', 'bom', 'anchor', 'tag', 'directive', 'document', 'merge'])
    expect(names).toContain(family);
  for (const family of ['duplicate', 'deep', 'layout']) expect(names).toContain(family);
});

describe('cases adding their own file: one copy, checked and built', () => {
  let dir = '';
  let checked: string[] = [];
  let built: { status: number | null; output: string } = { status: null, output: '' };
  beforeAll(() => {
    dir = prepareCopy('parser-corpus', (copy) => {
      for (const badCase of NEW_FILE_CASES) badCase.apply(copy);
    });
    checked = checkAllContent(dir).map(formatProblem);
    built = build(dir);
  }, 240_000);

  it('the build fails with the same problems as check:content, before writing any page', () => {
    expect(built.status, built.output.slice(-3000)).not.toBe(0);
    expect([...reported(built.output)].sort()).toEqual([...checked].sort());
    expect(built.output).not.toMatch(/\d+ page\(s\) built/);
  });

  it('no hidden code ran: no marker file appeared', () => {
    expect(markerFiles.length).toBeGreaterThanOrEqual(5);
    expect(markerFiles.filter((name) => existsSync(markerFile(dir, name)))).toEqual([]);
  });

  it.each(NEW_FILE_CASES.map((badCase) => [badCase.name, badCase] as const))(
    '%s is refused with its file and line, by check:content and the build',
    (_name, badCase) => {
      expect(
        checked.filter((line) => matches(line, badCase)),
        checked.filter((line) => line.includes(badCase.file)).join('\n'),
      ).not.toEqual([]);
      expect(reported(built.output).some((line) => matches(line, badCase))).toBe(true);
    },
  );
});

describe.each(SHARED_FILE_CASES.map((badCase) => ({ name: badCase.name, badCase })))(
  'a shared list: $name',
  ({ badCase }) => {
    it('is refused by check:content with its file and line, and nothing else is blamed for it', () => {
      const dir = join(TEMP, badCase.name);
      cpSync(FIXTURE_SITE, dir, { recursive: true });
      badCase.apply(dir);
      const problems = checkAllContent(dir).map(formatProblem);
      expect(problems.filter((line) => matches(line, badCase)), problems.join('\n')).not.toEqual([]);
      // The list cannot be read: rules that look up its entries elsewhere are skipped, not reported as mistakes.
      expect(problems.filter((line) => !line.startsWith(`文件 ${badCase.file}`))).toEqual([]);
    });
  },
);
