/**
 * The bad-files corpus (tests/helpers/bad-files.ts) in copies of the fixture site: links to files and folders outside
 * the project, attachments and pictures whose type may not be published, download addresses and article names that
 * passed the check but stopped the build. `npm run check:content` and `astro build` both refuse each, naming its file
 * (and line), with exactly the same list; and what the build leaves in dist/ never holds a file that came through a
 * link or a type that may not be published. A third build shows the build refusing the files by itself, with the
 * content pipeline's file checks switched off in its copy.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBuiltSite } from '../../src/integrations/published-files.ts';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { problemsIntroducedBy } from '../../src/lib/content/check-change.ts';
import { checkAllContent } from '../../src/lib/content/pipeline.ts';
import { BAD_FILE_BATCHES, BAD_FILES, fillOutside, type BadFileCase } from '../helpers/bad-files.ts';
import { build, edit, FIXTURE_SITE, prepareCopy, SCRATCH } from '../helpers/build.ts';
import { HTML, SVG } from '../helpers/sample-files.ts';

/** A folder outside the project, holding a valid PDF, picture and article: what the links point at. */
const outside = mkdtempSync(join(tmpdir(), 'shian-outside-'));
const PDF = readFileSync(join(FIXTURE_SITE, 'public/files/2025/test-attachment.pdf'));
const PNG = readFileSync(join(FIXTURE_SITE, 'public/files/2025/test-figure.png'));
fillOutside(outside, { pdf: PDF, png: PNG });
afterAll(() => {
  rmSync(outside, { recursive: true, force: true });
  rmSync(SCRATCH, { recursive: true, force: true });
});

/** The numbered problem lines of a failed build's output (the same formatting check:content prints). */
function reported(output: string): string[] {
  return [...output.matchAll(/^\s*\d+\. (文件 .+)$/gm)].map((match) => match[1]!.trim());
}

/** Whether a formatted problem is the case's: its file, its line (when the case names one), its message. */
function matches(line: string, badCase: BadFileCase): boolean {
  const where = `文件 ${badCase.file}${badCase.line ? ` 第 ${badCase.line} 行` : ''}`;
  return (line.startsWith(`${where}：`) || line.startsWith(`${where}，`)) && line.includes(badCase.message);
}

/** Every path under dist/ (none when the build wrote nothing). */
function distFiles(dir: string): string[] {
  const dist = join(dir, 'dist');
  return existsSync(dist) ? (readdirSync(dist, { recursive: true }) as string[]) : [];
}

/** What dist/ must never hold: a link, a disallowed file under files/, or any file the corpus put in place. */
function expectNothingPublished(dir: string, cases: readonly BadFileCase[]): void {
  const dist = join(dir, 'dist');
  if (existsSync(dist)) expect(checkBuiltSite(dist).map(formatProblem)).toEqual([]);
  const names = new Set(cases.map((badCase) => basename(badCase.file)));
  expect(distFiles(dir).filter((path) => names.has(basename(path)))).toEqual([]);
}

it('the corpus has at least 14 cases, with unique names, of both families', () => {
  expect(BAD_FILES.length).toBeGreaterThanOrEqual(14);
  expect(new Set(BAD_FILES.map((badCase) => badCase.name)).size).toBe(BAD_FILES.length);
  expect(BAD_FILE_BATCHES.files.some((badCase) => badCase.file.startsWith('content/'))).toBe(true);
  expect(BAD_FILE_BATCHES.files.some((badCase) => badCase.file.startsWith('public/files/'))).toBe(true);
});

describe.each(Object.entries(BAD_FILE_BATCHES).map(([name, cases]) => ({ name, cases })))(
  'copy with the $name cases',
  ({ name, cases }) => {
    let dir = '';
    let checked: string[] = [];
    let built: { status: number | null; output: string } = { status: null, output: '' };
    let fromBuild: string[] = [];
    beforeAll(() => {
      dir = prepareCopy(`corpus-files-${name}`, (copy) => {
        for (const badCase of cases) badCase.apply(copy, outside);
      });
      checked = checkAllContent(dir).map(formatProblem);
      built = build(dir);
      fromBuild = reported(built.output);
    }, 240_000);

    it('check:content and the build both fail, with the same problems', () => {
      expect(checked.length).toBeGreaterThan(0);
      expect(built.status, built.output.slice(-3000)).not.toBe(0);
      expect([...fromBuild].sort()).toEqual([...checked].sort());
      expect(built.output).not.toMatch(/\d+ page\(s\) built/);
    });

    it.each(cases.map((badCase) => [badCase.name, badCase] as const))(
      '%s is named with its file (and line)',
      (_name, badCase) => {
        expect(
          checked.filter((line) => matches(line, badCase)),
          checked.filter((line) => line.includes(badCase.file)).join('\n'),
        ).not.toEqual([]);
        expect(fromBuild.some((line) => matches(line, badCase))).toBe(true);
      },
    );

    it('dist/ holds no link, no disallowed file and none of the files', () => expectNothingPublished(dir, cases));
  },
);

describe('the build by itself, with the content pipeline’s file checks switched off in its copy', () => {
  // The linked article is left out: Astro's own loader would follow the link and stop at an entry the pipeline did
  // not give it, before the build starts.
  const cases = BAD_FILE_BATCHES.files.filter((badCase) => !badCase.file.endsWith('.mdx'));
  let dir = '';
  let built: { status: number | null; output: string } = { status: null, output: '' };
  beforeAll(() => {
    dir = prepareCopy('corpus-files-build-alone', (copy) => {
      for (const badCase of cases) badCase.apply(copy, outside);
      edit(copy, 'src/lib/content/pipeline.ts', 'problems.push(...tree.problems);', '');
    });
    built = build(dir);
  }, 240_000);

  it('refuses every link and disallowed file when it starts, before writing dist/', () => {
    expect(built.status, built.output.slice(-3000)).not.toBe(0);
    expect(built.output).toContain(`content/ 或 public/ 中有 ${cases.length} 处不能发布的文件`);
    const fromBuild = reported(built.output);
    for (const badCase of cases) expect(fromBuild.some((line) => matches(line, badCase)), badCase.name).toBe(true);
    expectNothingPublished(dir, cases);
  });
});

describe('the web editor’s check of a save (an overlay on a copy with a linked folder)', () => {
  let dir = '';
  beforeAll(() => {
    const linkedFolder = BAD_FILE_BATCHES.files.find((badCase) => badCase.name === 'link-to-outside-folder-in-images')!;
    dir = prepareCopy('corpus-files-editor', (copy) => linkedFolder.apply(copy, outside));
  });
  const NOW = new Date('2026-03-01T00:00:00Z');
  const introduced = (changes: Record<string, string | Uint8Array | null>) =>
    problemsIntroducedBy(dir, new Map(Object.entries(changes)), { now: NOW }).map(formatProblem);
  const article = (front: string, body = '正文。') =>
    `---\ntitle: 新文章\nsummary: 摘要。\npublishedAt: '2024-08-01 09:00'\ncategory: science\ntags: []\n` +
    `source: 测试编辑部\nsample: false\ndraft: false\n${front}---\n\n${body}\n`;

  it('refuses an attachment that may not be published, and SVG bytes saved as a picture', () => {
    expect(introduced({ 'public/files/2026/page.html': HTML }).join('\n')).toContain(
      '文件 public/files/2026/page.html：这里不能放 .html 文件',
    );
    expect(introduced({ 'content/articles/images/new.png': SVG }).join('\n')).toContain(
      '文件 content/articles/images/new.png：文件名是 .png，内容却是SVG 图形',
    );
  });

  it('refuses a picture saved into a linked folder, which would land outside the project', () => {
    const found = introduced({
      'content/articles/images/outside/new.png': PNG,
      'content/articles/new-article.mdx': article('', '![新图片](./images/outside/new.png)'),
    });
    expect(found.join('\n')).toContain('图片“./images/outside/new.png”：文件不存在');
  });

  it('accepts a valid attachment and an article that offers it', () => {
    expect(
      introduced({
        'public/files/2026/form.pdf': PDF,
        'content/articles/new-article.mdx': article('attachments:\n  - title: 表格\n    file: /files/2026/form.pdf\n'),
      }),
    ).toEqual([]);
  });
});
