/**
 * Red/black lists, campaigns and articles in a real build of the fixture site: invalid content fails it with the
 * Chinese message staff will see, drafts and scheduled articles stay out of the public site, and `npm run dev` shows
 * them, marked, for staff to preview.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, buildWith, edit, prepareCopy, SCRATCH } from '../helpers/build.ts';
import { startDevServer } from '../helpers/dev-server.ts';

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** An article file as staff write it. */
const article = (title: string, publishedAt: string, draft: boolean, tags: readonly string[] = []) =>
  `---\ntitle: ${title}\nsummary: 摘要。\npublishedAt: '${publishedAt}'\n` +
  `category: news\ntags: [${tags.join(', ')}]\nsource: 编辑部\ndraft: ${draft}\n---\n\n正文。\n`;

describe('astro build with invalid section content', () => {
  it('fails when a red/black list issue names an unknown restaurant', () => {
    const { status, output } = buildWith('unknown-restaurant', (dir) =>
      edit(dir, 'content/redblack/2024-01.mdx', 'restaurant: ce-shi-jia-can-ting', 'restaurant: no-such-restaurant'),
    );
    expect(status).not.toBe(0);
    expect(output).toContain(
      '文件 content/redblack/2024-01.mdx 第 14 行，条目“第 1 条上榜记录（no-such-restaurant）”，字段“餐厅编号”（entries.0.restaurant）',
    );
  });

  it('fails on an invalid field in an issue’s front matter, naming the file and field', () => {
    const { status, output } = buildWith('bad-front-matter', (dir) =>
      edit(dir, 'content/redblack/2024-02.mdx', 'list: 黑榜', 'list: 灰榜'),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /文件 content\/redblack\/2024-02\.mdx 第 \d+ 行，条目“2024-02”，字段“榜单”（entries\.\d+\.list）：应为“红榜”或“黑榜”；实际填写：“灰榜”/,
    );
  });

  it('fails when a campaign event falls outside the campaign’s dates', () => {
    const { status, output } = buildWith('event-outside', (dir) =>
      edit(dir, 'content/campaigns/2025.mdx', 'date: 2025-06-11', 'date: 2025-06-18'),
    );
    expect(status).not.toBe(0);
    expect(output).toContain(
      '文件 content/campaigns/2025.mdx 第 63 行，条目“活动“测试活动：食品安全咨询台”（community-qa-yangcun）”，' +
        '字段“日期”（events.4.date）：活动日期 2025-06-18 不在宣传周 2025-06-09 至 2025-06-15 之内。',
    );
  });

  it('fails on an article with a script, naming the file and line', () => {
    const { status, output } = buildWith('article-script', (dir) =>
      edit(dir, 'content/articles/science-hand-washing.mdx', /\n---\n/, "\n---\n\n<script>alert('x')</script>\n"),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/文件 content\/articles\/science-hand-washing\.mdx 第 \d+ 行：文章中不能使用 <script>/);
  });
});

describe('astro build with drafts, scheduled articles and more articles than a page holds', () => {
  /** Ten more published news articles with one tag: 新闻动态 and the tag then have two pages each. */
  const MORE = 10;
  const TAG = '测试分页标签';
  let dist: string;

  beforeAll(() => {
    const dir = prepareCopy('drafts', (copy) => {
      writeFileSync(join(copy, 'content/articles/a-draft.mdx'), article('还没写完的草稿', '2024-09-01 09:00', true));
      writeFileSync(join(copy, 'content/articles/a-future.mdx'), article('定时发布的文章', '2099-01-01 09:00', false));
      for (let number = 1; number <= MORE; number += 1) {
        const day = String(number).padStart(2, '0');
        writeFileSync(
          join(copy, `content/articles/paged-${day}.mdx`),
          article(`分页测试文章${day}`, `2023-03-${day} 09:00`, false, [TAG]),
        );
      }
    });
    const { status, output } = build(dir);
    expect(status, output).toBe(0);
    dist = join(dir, 'dist');
  }, 240_000);

  it('leaves drafts and articles dated in the future out of the public site', () => {
    expect(existsSync(join(dist, 'articles/science-hand-washing/index.html'))).toBe(true);
    expect(existsSync(join(dist, 'articles/a-draft/index.html'))).toBe(false);
    expect(existsSync(join(dist, 'articles/a-future/index.html'))).toBe(false);
    const everything = ['articles/index.html', 'rss.xml', 'sitemap.xml', 'articles/category/news/index.html']
      .map((file) => readFileSync(join(dist, file), 'utf8'))
      .join('');
    expect(everything).not.toContain('还没写完的草稿');
    expect(everything).not.toContain('定时发布的文章');
  });

  it.each([
    ['articles/category/news/', '新闻动态'],
    [`articles/tags/${TAG}/`, `标签：${TAG}`],
  ])('lists %s eight articles a page, newest first, with links between the pages', (folder, name) => {
    const page = (file: string) => readFileSync(join(dist, folder, file), 'utf8');
    const titles = (html: string) => [...html.matchAll(/分页测试文章(\d\d)/g)].map((match) => Number(match[1]));
    const first = page('index.html');
    const second = page('page/2/index.html');
    expect(existsSync(join(dist, folder, 'page/3/index.html'))).toBe(false);
    expect(existsSync(join(dist, folder, 'page/1/index.html'))).toBe(false);
    // Each page shows at most eight articles, and together they show each of the ten once.
    expect(first.match(/<li class="py-4">/g)).toHaveLength(8);
    expect(second.match(/<li class="py-4">/g)!.length).toBeGreaterThan(0);
    const shown = [...titles(first), ...titles(second)];
    expect(shown).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1].filter((day) => shown.includes(day)));
    expect(new Set(shown).size).toBe(MORE);
    const href = `/${encodeURI(folder)}`;
    expect(first).toContain(`href="/${folder}page/2/" rel="next"`);
    expect(second).toContain(`href="/${folder}" rel="prev"`);
    expect(second).toContain(`<title>${name}（第 2 页）`);
    expect(second).toMatch(new RegExp(`<a href="(/${folder}|${href})"[^>]*>${name}</a>`));
  });
});

describe('npm run dev', () => {
  it('shows drafts, clearly marked, for staff to preview', async () => {
    const dir = prepareCopy('dev-preview', (copy) =>
      writeFileSync(join(copy, 'content/articles/a-draft.mdx'), article('还没写完的草稿', '2024-09-01 09:00', true)),
    );
    const server = await startDevServer(dir);
    try {
      expect(await server.render('/articles/a-draft/')).toContain(
        '草稿：这篇文章不会出现在正式网站上，只在开发预览中可见。',
      );
      expect(await server.render('/articles/')).toContain('草稿（仅开发预览可见）');
    } finally {
      server.stop();
    }
  });
});
