/**
 * A list that cannot be read reports its own problems and one line saying the checks that depend on it were
 * skipped, never the dozens of cross-file problems that follow from its missing entries (one indentation mistake in
 * restaurants.yaml used to print “请先登记该餐厅” for every restaurant of every issue). Once it is fixed, the skipped
 * checks run again.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { SKIPPED_CHECKS_MESSAGE } from '../../src/lib/content/knock-on.ts';
import { checkAllContent } from '../../src/lib/content/pipeline.ts';
import { FIXTURE_SITE } from '../helpers/build.ts';

const TEMP = mkdtempSync(join(tmpdir(), 'knock-on-'));
afterAll(() => rmSync(TEMP, { recursive: true, force: true }));

/** A copy of the fixture site with `changes` applied (file → text transformation); returns its problems. */
function problemsAfter(name: string, changes: Record<string, (text: string) => string>): string[] {
  const dir = join(TEMP, name);
  cpSync(FIXTURE_SITE, dir, { recursive: true });
  for (const [file, change] of Object.entries(changes)) {
    const path = join(dir, file);
    const changed = change(readFileSync(path, 'utf8'));
    if (changed === readFileSync(path, 'utf8')) throw new Error(`fixture change did not apply to ${file}`);
    writeFileSync(path, changed);
  }
  return checkAllContent(dir).map(formatProblem);
}

/** Indents the first `registeredName:` of a list one space too far: a YAML syntax mistake. */
const misindent = (text: string) => text.replace(/\n {2}(\w+): /, '\n   $1: ');

describe('a list that cannot be read', () => {
  it('restaurants.yaml: its own problem and one line, not a “请先登记该餐厅” for every listed restaurant', () => {
    const problems = problemsAfter('restaurants', { 'content/restaurants.yaml': misindent });
    expect(problems).toEqual([
      expect.stringMatching(/^文件 content\/restaurants\.yaml 第 \d+ 行：缩进不对/),
      `文件 content/restaurants.yaml：${SKIPPED_CHECKS_MESSAGE}`,
    ]);
  });

  it('towns.yaml: no restaurant or campaign event is blamed for its town', () => {
    const problems = problemsAfter('towns', { 'content/towns.yaml': misindent });
    expect(problems).toEqual([
      expect.stringMatching(/^文件 content\/towns\.yaml 第 \d+ 行：缩进不对/),
      `文件 content/towns.yaml：${SKIPPED_CHECKS_MESSAGE}`,
    ]);
  });

  it('article-categories.yaml: no article is blamed for its category, no link to a category page', () => {
    const problems = problemsAfter('categories', {
      'content/article-categories.yaml': misindent,
      // A link to a category page, which the route table lacks while the categories cannot be read.
      'content/articles/science-hand-washing.mdx': (text) => `${text}\n[科普栏目](/articles/category/science/)\n`,
    });
    expect(problems).toEqual([
      expect.stringMatching(/^文件 content\/article-categories\.yaml 第 \d+ 行：/),
      `文件 content/article-categories.yaml：${SKIPPED_CHECKS_MESSAGE}`,
    ]);
  });

  it('the checks that were skipped run again once it is fixed, and mistakes elsewhere are still reported', () => {
    const broken = problemsAfter('broken-and-wrong', {
      'content/restaurants.yaml': misindent,
      // A mistake that does not depend on the restaurants: still reported while they cannot be read.
      'content/articles/science-hand-washing.mdx': (text) => `${text}\n<script>alert(1)</script>\n`,
    });
    expect(broken.filter((line) => line.includes('science-hand-washing.mdx'))).toEqual([
      expect.stringContaining('不能使用 <script>'),
    ]);
    // The line about skipped checks follows the list's own problems, wherever the other problems are.
    const own = broken.findLastIndex((line) => line.startsWith('文件 content/restaurants.yaml 第'));
    expect(broken[own + 1]).toBe(`文件 content/restaurants.yaml：${SKIPPED_CHECKS_MESSAGE}`);
    const fixed = problemsAfter('wrong-only', {
      'content/restaurants.yaml': (text) => text.replace(/^- id: ce-shi-jia-can-ting$/m, '- id: ce-shi-jia-can-ting-2'),
    });
    expect(fixed.some((line) => line.includes('请先登记该餐厅'))).toBe(true);
    expect(fixed.some((line) => line.includes(SKIPPED_CHECKS_MESSAGE))).toBe(false);
  });
});
