/**
 * Red/black lists, campaigns and articles in a real build: invalid content fails it with the Chinese
 * message staff will see, and drafts and scheduled articles stay out of the public site.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWith, edit, SCRATCH } from '../helpers/build.ts';

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe('astro build with invalid section content', () => {
  it('fails when a red/black list issue names an unknown restaurant', () => {
    const { status, output } = buildWith('unknown-restaurant', (dir) =>
      edit(dir, 'content/redblack/2022-01.mdx', 'restaurant: qing-quan-cha-yin', 'restaurant: no-such-restaurant'),
    );
    expect(status).not.toBe(0);
    expect(output).toContain(
      '文件 content/redblack/2022-01.mdx，条目“第 1 条上榜记录（no-such-restaurant）”，字段“餐厅编号”（entries.0.restaurant）',
    );
  });

  it('fails on an invalid field in an issue’s front matter, naming the file and field', () => {
    const { status, output } = buildWith('bad-front-matter', (dir) =>
      edit(dir, 'content/redblack/2022-02.mdx', 'list: 黑榜', 'list: 灰榜'),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /文件 content\/redblack\/2022-02\.mdx 第 \d+ 行，条目“2022-02”，字段“榜单”（entries\.\d+\.list）：应为“红榜”或“黑榜”；实际填写：“灰榜”/,
    );
  });

  it('fails when a campaign event falls outside the campaign’s dates', () => {
    const { status, output } = buildWith('event-outside', (dir) =>
      edit(dir, 'content/campaigns/2022.mdx', 'date: 2022-09-25', 'date: 2022-09-28'),
    );
    expect(status).not.toBe(0);
    expect(output).toContain(
      '文件 content/campaigns/2022.mdx，条目“活动“闭幕活动：红榜餐厅后厨开放日”（closing-open-kitchen）”，字段“日期”（events.11.date）：活动日期 2022-09-28 不在宣传周 2022-09-19 至 2022-09-25 之内。',
    );
  });

  it('fails on an article with a script, naming the file and line', () => {
    const { status, output } = buildWith('article-script', (dir) =>
      edit(dir, 'content/articles/open-kitchen.mdx', /\n---\n/, "\n---\n\n<script>alert('x')</script>\n"),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/文件 content\/articles\/open-kitchen\.mdx 第 \d+ 行：文章中不能使用 <script>/);
  });
});

describe('astro build with drafts and scheduled articles', () => {
  it('leaves drafts and articles dated in the future out of the public site', () => {
    const article = (title: string, publishedAt: string, draft: boolean) =>
      `---\ntitle: ${title}\nsummary: 摘要。\npublishedAt: '${publishedAt}'\ncategory: news\nsource: 食安武清编辑部\ndraft: ${draft}\n---\n\n正文。\n`;
    const { status, output } = buildWith('drafts', (dir) => {
      writeFileSync(join(dir, 'content/articles/a-draft.mdx'), article('还没写完的草稿', '2022-09-01 09:00', true));
      writeFileSync(join(dir, 'content/articles/a-future.mdx'), article('定时发布的文章', '2099-01-01 09:00', false));
    });
    expect(status, output).toBe(0);
    const dist = join(SCRATCH, 'drafts/dist');
    expect(existsSync(join(dist, 'articles/open-kitchen/index.html'))).toBe(true);
    expect(existsSync(join(dist, 'articles/a-draft/index.html'))).toBe(false);
    expect(existsSync(join(dist, 'articles/a-future/index.html'))).toBe(false);
    const everything = ['articles/index.html', 'rss.xml', 'sitemap.xml', 'articles/category/news/index.html']
      .map((file) => readFileSync(join(dist, file), 'utf8'))
      .join('');
    expect(everything).not.toContain('还没写完的草稿');
    expect(everything).not.toContain('定时发布的文章');
  });
});

describe('npm run dev', () => {
  it('shows drafts, clearly marked, for staff to preview', async () => {
    const { spawn } = await import('node:child_process');
    const { prepareCopy, ROOT } = await import('../helpers/build.ts');
    const dir = prepareCopy('dev-preview', (copy) =>
      writeFileSync(
        join(copy, 'content/articles/a-draft.mdx'),
        "---\ntitle: 还没写完的草稿\nsummary: 摘要。\npublishedAt: '2022-09-01 09:00'\ncategory: news\nsource: 食安武清编辑部\ndraft: true\n---\n\n正文。\n",
      ),
    );
    const port = 4500 + (process.pid % 400);
    const server = spawn(
      join(ROOT, 'node_modules/.bin/astro'),
      ['dev', '--port', String(port), '--host', '127.0.0.1'],
      {
        cwd: dir,
        // A plain shell's environment: the test runner's own variables would change how Vite runs.
        env: {
          HOME: process.env.HOME ?? '/root',
          ASTRO_DEV_BACKGROUND: '0',
          PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
        },
        stdio: 'ignore',
        detached: true,
      },
    );
    try {
      let page = '';
      for (let attempt = 0; attempt < 60 && !page.includes('还没写完的草稿'); attempt += 1) {
        await new Promise((done) => setTimeout(done, 1000));
        page = await fetch(`http://127.0.0.1:${port}/articles/a-draft/`).then(
          (response) => response.text(),
          () => '',
        );
      }
      expect(page, page.slice(0, 2000)).toContain('草稿：这篇文章不会出现在正式网站上，只在开发预览中可见。');
      const list = await fetch(`http://127.0.0.1:${port}/articles/`).then((response) => response.text());
      expect(list).toContain('草稿（仅开发预览可见）');
    } finally {
      process.kill(-server.pid!, 'SIGTERM');
    }
  }, 240_000);
});
