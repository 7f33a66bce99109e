/**
 * Invalid content must fail the real build, with the Chinese message staff will see.
 * Each case copies the project to a scratch folder, breaks one file, and runs `astro build`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRATCH = join(ROOT, 'tests/.tmp/build-errors');

function buildWith(name: string, change: (dir: string) => void): { status: number | null; output: string } {
  const dir = join(SCRATCH, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of ['src', 'content', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  change(dir);
  const result = spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build'], {
    cwd: dir,
    encoding: 'utf8',
    // As a person runs it: without the test runner's NODE_ENV=test.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST'))), PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`fixture edit did not apply to ${file}`);
  writeFileSync(path, changed);
}

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe('astro build with invalid content', () => {
  it('fails on an invalid department field, naming file, entry and field', () => {
    const { status, output } = buildWith('bad-field', (dir) => edit(dir, 'content/departments.yaml', 'name: 区科协\n  kind: department', 'name: 区科协\n  kind: bureau'));
    expect(status).not.toBe(0);
    expect(output).toContain('文件 content/departments.yaml，条目“science-association”，字段“类别”（kind）：无效选项');
  });

  it('fails when a unit in the plan text matches no department', () => {
    const { status, output } = buildWith('unknown-unit', (dir) => edit(dir, 'content/departments.yaml', /- id: customs\n  name: 武清海关\n  kind: department\n/, ''));
    expect(status).not.toBe(0);
    expect(output).toContain('文件 content/plans/2022/plan.txt，条目“任务（五）强化冷链管理”：责任单位“武清海关”');
  });

  it('fails when a target quotes a phrase that is not in its task', () => {
    const { status, output } = buildWith('bad-phrase', (dir) => edit(dir, 'content/targets.yaml', 'phrase: 确保全年数据上传达标率超过80%', 'phrase: 确保全年数据上传达标率超过90%'));
    expect(status).not.toBe(0);
    expect(output).toContain('条目“2022-traceability-upload-rate”，字段“原文短语”（phrase）：“确保全年数据上传达标率超过90%”不在任务（十九）的原文中');
  });

  it('fails when the plan text is broken, naming the line', () => {
    const { status, output } = buildWith('bad-plan', (dir) => edit(dir, 'content/plans/2022/plan.txt', '（十三）严格食品添加剂', '（十二）严格食品添加剂'));
    expect(status).not.toBe(0);
    expect(output).toMatch(/文件 content\/plans\/2022\/plan\.txt，条目“第 \d+ 行”：任务编号应为第 13 项，实际为“（十二）”/);
  });

  it('fails when a red/black list issue names an unknown restaurant', () => {
    const { status, output } = buildWith('unknown-restaurant', (dir) => edit(dir, 'content/redblack/2022-01.mdx', 'restaurant: qing-quan-cha-yin', 'restaurant: no-such-restaurant'));
    expect(status).not.toBe(0);
    expect(output).toContain('文件 content/redblack/2022-01.mdx，条目“第 1 条上榜记录（no-such-restaurant）”，字段“餐厅编号”（entries.0.restaurant）');
  });

  it('fails on an invalid field in an issue’s front matter, naming the file and field', () => {
    const { status, output } = buildWith('bad-front-matter', (dir) => edit(dir, 'content/redblack/2022-02.mdx', 'list: 黑榜', 'list: 灰榜'));
    expect(status).not.toBe(0);
    expect(output).toMatch(/文件 content\/redblack\/2022-02\.mdx 第 \d+ 行，条目“2022-02”，字段“榜单”（entries\.\d+\.list）：应为“红榜”或“黑榜”；实际填写：“灰榜”/);
  });

  it('fails when a campaign event falls outside the campaign’s dates', () => {
    const { status, output } = buildWith('event-outside', (dir) => edit(dir, 'content/campaigns/2022.mdx', 'date: 2022-09-25', 'date: 2022-09-28'));
    expect(status).not.toBe(0);
    expect(output).toContain('文件 content/campaigns/2022.mdx，条目“活动“闭幕活动：红榜餐厅后厨开放日”（closing-open-kitchen）”，字段“日期”（events.11.date）：活动日期 2022-09-28 不在宣传周 2022-09-19 至 2022-09-25 之内。');
  });

  it('fails on an article with a script, naming the file and line', () => {
    const { status, output } = buildWith('article-script', (dir) =>
      edit(dir, 'content/articles/open-kitchen.mdx', /\n---\n/, "\n---\n\n<script>alert('x')</script>\n"),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/文件 content\/articles\/open-kitchen\.mdx 第 \d+ 行：文章中不能使用 <script>/);
  });

  it('fails when a collection is empty', () => {
    const { status, output } = buildWith('empty', (dir) => writeFileSync(join(dir, 'content/targets.yaml'), '[]\n'));
    expect(status).not.toBe(0);
    expect(output).toContain('文件 content/targets.yaml：列表为空');
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
    const everything = ['articles/index.html', 'rss.xml', 'sitemap.xml', 'articles/category/news/index.html'].map((file) => readFileSync(join(dist, file), 'utf8')).join('');
    expect(everything).not.toContain('还没写完的草稿');
    expect(everything).not.toContain('定时发布的文章');
  });
});
