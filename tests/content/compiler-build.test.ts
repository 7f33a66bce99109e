/**
 * What the build's compiler does by itself, in real `astro build`s of the fixture site, with check:content out of
 * the way (an MDX page under src/pages/, which the content pipeline never reads):
 * - front matter never reaches @astrojs/mdx (src/integrations/mdx-source.ts): a page whose `layout:` is a JavaScript
 *   module writing a marker file builds without running it;
 * - the body rules are enforced by the compiler (src/lib/content/mdx.ts mdxRulesPlugin): a page with an `export`
 *   fails the build with the Chinese message, file and line, and its code never runs;
 * - a CRLF copy of every content file of the fixture site builds exactly the site the LF original builds;
 * - the dev server (`npm run dev`, `npm run edit`'s preview) compiles an article from what the reader accepts: saved
 *   with a hidden `layout:`, the article's page fails and the layout's code never runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personEnv, prepareCopy, ROOT, SCRATCH } from '../helpers/build.ts';
import { startDevServer } from '../helpers/dev-server.ts';

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** Every build here sees the same moment, so that statuses and scheduled articles cannot differ between builds. */
const SITE_NOW = '2026-03-01T10:00:00+08:00';

function astroBuild(dir: string): { status: number | null; output: string } {
  const result = spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build'], {
    cwd: dir,
    encoding: 'utf8',
    env: personEnv({ SITE_NOW }),
    timeout: 230_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** A module (a `data:` address) that writes `marker` when it is imported. */
function markerModule(marker: string): string {
  const write = `(await import("node:fs")).writeFileSync(${JSON.stringify(marker)}, "ran")`;
  const code = `${write};export default function L(){}`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}

/** An MDX page whose front matter names a layout that would write `marker`: fine for the reader, never imported. */
const layoutPage = (marker: string) =>
  `---\ntitle: 旁路页面\nlayout: '${markerModule(marker)}'\n---\n\n# 旁路页面\n\n正文第一段。\n`;

/** Every file under a folder, relative to it, sorted. */
function filesUnder(folder: string): string[] {
  return (readdirSync(folder, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

describe('CRLF content builds the same site as LF; a page’s front matter never reaches @astrojs/mdx', () => {
  const built: Record<'lf' | 'crlf', { dir: string; status: number | null; output: string }> = {
    lf: { dir: '', status: null, output: '' },
    crlf: { dir: '', status: null, output: '' },
  };
  beforeAll(() => {
    for (const kind of ['lf', 'crlf'] as const) {
      const dir = prepareCopy(`line-ends-${kind}`, (copy) => {
        let page = layoutPage(join(copy, 'marker-layout'));
        if (kind === 'crlf') {
          page = page.replace(/\n/g, '\r\n');
          for (const file of filesUnder(join(copy, 'content')).filter((name) => /\.(mdx|yaml|txt)$/.test(name))) {
            const path = join(copy, 'content', file);
            writeFileSync(path, readFileSync(path, 'utf8').replace(/\r?\n/g, '\r\n'));
          }
        }
        writeFileSync(join(copy, 'src/pages/bypass-layout.mdx'), page);
      });
      built[kind] = { dir, ...astroBuild(dir) };
    }
  }, 480_000);

  it('both build, and the layout module never ran', () => {
    for (const kind of ['lf', 'crlf'] as const) {
      expect(built[kind].status, built[kind].output.slice(-3000)).toBe(0);
      expect(existsSync(join(built[kind].dir, 'marker-layout'))).toBe(false);
    }
  });

  it('the CRLF copy really is CRLF', () => {
    const article = readFileSync(join(built.crlf.dir, 'content/articles/science-hand-washing.mdx'), 'utf8');
    expect(article).toContain('\r\n');
    expect(article.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('every built HTML page is byte for byte the same', () => {
    const pages = (dir: string) => filesUnder(join(dir, 'dist')).filter((file) => file.endsWith('.html'));
    const lfPages = pages(built.lf.dir);
    expect(lfPages.length).toBeGreaterThan(50);
    expect(pages(built.crlf.dir)).toEqual(lfPages);
    const bytes = (kind: 'lf' | 'crlf', page: string) => readFileSync(join(built[kind].dir, 'dist', page));
    const differing = lfPages.filter((page) => !bytes('lf', page).equals(bytes('crlf', page)));
    expect(differing).toEqual([]);
  });

  it('the page was built from its body alone', () => {
    const html = readFileSync(join(built.lf.dir, 'dist/bypass-layout/index.html'), 'utf8');
    expect(html).toContain('正文第一段。');
    expect(html).not.toContain('data:text/javascript');
  });
});

describe('the compiler enforces the body rules by itself', () => {
  let dir = '';
  let result: { status: number | null; output: string } = { status: null, output: '' };
  beforeAll(() => {
    dir = prepareCopy('compiler-rules', (copy) => {
      const marker = JSON.stringify(join(copy, 'marker-export'));
      writeFileSync(
        join(copy, 'src/pages/bypass-body.mdx'),
        '---\ntitle: 旁路页面\n---\n\n正文。\n\n' +
          `export const ran = (await import('node:fs')).writeFileSync(${marker}, 'ran')\n`,
      );
    });
    result = astroBuild(dir);
  }, 240_000);

  it('an export fails the build with the Chinese message, file and line, and never runs', () => {
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(
      '文件 src/pages/bypass-body.mdx 第 7 行：文章中不能使用 import 或 export：它们是程序代码。',
    );
    expect(existsSync(join(dir, 'marker-export'))).toBe(false);
    expect(result.output).not.toMatch(/\d+ page\(s\) built/);
  });
});

describe('the dev server compiles what the reader accepts', () => {
  it('a saved article shows at once; with a lone CR hiding a layout, its page fails and nothing runs', async () => {
    const dir = prepareCopy('dev-compiler', () => {});
    const server = await startDevServer(dir);
    try {
      const path = '/articles/science-hand-washing/';
      await server.render(path);
      const file = join(dir, 'content/articles/science-hand-washing.mdx');
      const original = readFileSync(file, 'utf8');
      const page = async () => {
        const response = await fetch(`${server.url}${path}`);
        return { status: response.status, html: await response.text() };
      };
      writeFileSync(file, original.replace(/\n---\n/, '\n---\n\n新加的一段。\n'));
      await expect.poll(async () => (await page()).html, { timeout: 90_000, interval: 500 }).toContain('新加的一段。');

      const marker = join(dir, 'marker-layout');
      const attack = `# 说明\rlayout: '${markerModule(marker)}'`;
      writeFileSync(file, original.replace(/\n---\n/, `\n${attack}\n---\n\n又加的一段。\n`));
      await expect.poll(async () => (await page()).status, { timeout: 90_000, interval: 500 }).not.toBe(200);
      expect((await page()).html).not.toContain('又加的一段。');
      const where = '文件 content/articles/science-hand-washing.mdx 第 11 行';
      expect(server.log()).toContain(`${where}：有一个看不见的回车符（CR）`);
      expect(existsSync(marker)).toBe(false);
    } finally {
      server.stop();
    }
  }, 240_000);
});
