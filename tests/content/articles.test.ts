/** Article rules with a bad fixture each, publication rules, feeds, and the two staff commands. */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main as checkContent } from '../../scripts/check-content.ts';
import { main as newArticle } from '../../scripts/new-article.ts';
import { articleFeed } from '../../src/lib/articles/feed.ts';
import { isPublic, paginate, toIsoDateTime, unpublishedReason } from '../../src/lib/articles/publish.ts';
import sharp from 'sharp';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { checkAllContent, loadContent } from '../../src/lib/content/pipeline.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SITE = join(ROOT, 'tests/fixtures/site');
const fixture = (name: string) => readFileSync(join(ROOT, 'tests/fixtures/articles', name), 'utf8');
/** Statuses and publication are stable whatever the date (tests/fixtures/site/README.md); this one is fixed anyway. */
const NOW = new Date('2026-03-01T00:00:00Z');

/**
 * The problems the pipeline finds in a fixture article saved into the fixture site (laid over it, nothing written):
 * the same reading, rules and lines as `check:content` and the build.
 */
function problems(name: string, extra: Record<string, string | Uint8Array> = {}): string[] {
  const file = `content/articles/${name}`;
  const overlay = new Map<string, string | Uint8Array>([[file, fixture(name)], ...Object.entries(extra)]);
  return loadContent(SITE, { now: NOW, overlay })
    .problems.filter((problem) => problem.file === file)
    .map(formatProblem);
}

describe('article rules, each with a bad fixture', () => {
  it('an empty title and a malformed date name the file, line and field', () => {
    expect(problems('bad-fields.mdx')).toEqual([
      '文件 content/articles/bad-fields.mdx 第 2 行，条目“bad-fields”，字段“标题”（title）：不能为空；实际填写：“”。',
      '文件 content/articles/bad-fields.mdx 第 4 行，条目“bad-fields”，字段“发布时间”（publishedAt）：' +
        "应写成 'YYYY-MM-DD HH:MM'，例如 '2023-03-01 09:30'；实际填写：“2023/03/01 9:30”。",
    ]);
  });

  it('an unknown category, an unknown task and a missing cover image are refused', () => {
    expect(problems('bad-references.mdx')).toEqual([
      '文件 content/articles/bad-references.mdx 第 5 行，字段“栏目”（category）：没有编号为“gossip”的栏目。' +
        '可用：news、science、policy、notice（见 content/article-categories.yaml）。',
      '文件 content/articles/bad-references.mdx 第 8 行，字段“相关任务”（tasks.0）：没有“2030-30”这项任务：' +
        '2030 年计划中没有第 30 项任务，或没有 2030 年的计划。',
      '文件 content/articles/bad-references.mdx 第 10 行，字段“封面图”（cover.src）：图片不存在：content/articles/images/missing.jpg。',
    ]);
  });

  it('a cover narrower than 1,200 pixels, or not a picture, is refused, saying what to do', async () => {
    const file = 'content/articles/narrow-cover.mdx';
    const cover = '  src: ./images/small.png\n  alt: 图';
    const text = fixture('cover-without-alt.mdx').replace('  src: ./images/cover.jpg', cover);
    const picture = (width: number) =>
      sharp({ create: { width, height: 160, channels: 3, background: '#888888' } })
        .png()
        .toBuffer();
    const withCover = (bytes: Uint8Array) =>
      loadContent(SITE, {
        now: NOW,
        overlay: new Map<string, string | Uint8Array>([
          [file, text],
          ['content/articles/images/small.png', bytes],
        ]),
      }).problems.filter((problem) => problem.file === file);
    const line = text.split('\n').indexOf('  src: ./images/small.png') + 1;
    expect(withCover(await picture(240))).toEqual([
      {
        file,
        line,
        field: 'cover.src',
        fieldLabel: '封面图',
        message:
          '封面图 content/articles/images/small.png 只有 240 像素宽，在手机和电脑上都会被拉大而模糊。' +
          '请换一张至少 1200 像素宽的图片（手机拍的照片一般都够）。',
      },
    ]);
    expect(withCover(new TextEncoder().encode('不是图片')).map((problem) => problem.message)).toEqual([
      '无法读取图片 content/articles/images/small.png：文件不是有效的 PNG、JPEG 或 WebP 图片，请重新导出或换一张。',
    ]);
    expect(withCover(await picture(1200))).toEqual([]);
  });

  it('an article file name that cannot be its address is refused', () => {
    const valid = fixture('cover-without-alt.mdx').replace(/cover:\n.*\n/, '');
    const overlay = new Map([['content/articles/Winter Hotpot.mdx', valid]]);
    const found = loadContent(SITE, { now: NOW, overlay }).problems.filter((problem) =>
      problem.file.endsWith('Winter Hotpot.mdx'),
    );
    expect(found.map((problem) => problem.message)).toContain(
      '文件名“Winter Hotpot.mdx”不能用作网址：文件名只能使用小写英文字母、数字和连字符“-”，' +
        '不能有大写字母、空格、中文或其他符号。请把文件改名为 winter-hotpot.mdx（或另一个符合要求的名字）。',
    );
  });

  it('a cover image without alt text is refused', () => {
    expect(problems('cover-without-alt.mdx')).toEqual([
      '文件 content/articles/cover-without-alt.mdx 第 7 行，条目“cover-without-alt”，字段“图片说明（替代文字）”（cover.alt）：' +
        '缺少必填内容“图片说明（替代文字）”：请补上一行“alt: …”。',
    ]);
  });

  it('scripts, iframes, event handlers, images without alt text and broken links are refused, by line', () => {
    const found = problems('bad-body.mdx');
    expect(found).toEqual([
      '文件 content/articles/bad-body.mdx 第 12 行：文章中不能使用 <script>：脚本会带来安全风险。需要互动功能请联系网站技术人员。',
      '文件 content/articles/bad-body.mdx 第 14 行：文章中不能嵌入 <iframe>：它会从其他网站加载内容。请改用文字链接。',
      '文件 content/articles/bad-body.mdx 第 16 行：<div> 中不能使用 onclick 等事件属性：它们是脚本。请删除这个属性。',
      expect.stringMatching(/^文件 content\/articles\/bad-body\.mdx 第 16 行：不能使用 <div> 标签。可用的组件有 <Callout>、/),
      '文件 content/articles/bad-body.mdx 第 18 行：图片“/files/photo.jpg”缺少替代文字：' +
        '请在 ![ ] 的方括号里写一句话说明图片内容，供看不见图片的读者使用。',
      '文件 content/articles/bad-body.mdx 第 18 行：图片“/files/photo.jpg”：文件不存在：public/files/photo.jpg。' +
        '请把文件放到 public/ 下对应的位置。',
      '文件 content/articles/bad-body.mdx 第 20 行：<Figure> 缺少替代文字 alt：请写一句话说明图片内容，例如 alt="后厨操作台整洁有序"。',
      '文件 content/articles/bad-body.mdx 第 22 行：链接“/plan/2099/”指向的页面不存在或尚未公开' +
        '（草稿和定时发布的文章在发布前不能被链接）。请检查网址，或在网站地图 /sitemap/ 中找到正确的网址。',
      '文件 content/articles/bad-body.mdx 第 24 行：<TaskCard>：2030 年计划中没有第 99 项任务。',
    ]);
  });

  it('an attachment or download card whose file does not exist is refused', () => {
    expect(problems('missing-files.mdx')).toEqual([
      '文件 content/articles/missing-files.mdx 第 9 行，字段“附件文件”（attachments.0.file）：' +
        '文件不存在：public/files/2023/missing.pdf。请把文件放到 public/files/2023/ 目录下，或改正地址。',
      '文件 content/articles/missing-files.mdx 第 12 行：<DownloadCard> 的 file：' +
        '文件不存在：public/files/2023/notice-missing.pdf。请把文件放到 public/files/2023/ 目录下，或改正地址。',
    ]);
  });

  it('the project’s content and the fixture site’s pass every rule', () => {
    expect(checkAllContent(ROOT).map(formatProblem)).toEqual([]);
    expect(checkAllContent(SITE).map(formatProblem)).toEqual([]);
  });
});

describe('publication', () => {
  const now = new Date('2023-03-01T09:30:00+08:00');

  it('drafts and articles dated in the future are not public; the rest are', () => {
    expect(isPublic({ draft: false, publishedAt: '2023-03-01 09:30' }, now)).toBe(true);
    expect(isPublic({ draft: false, publishedAt: '2023-03-01 09:31' }, now)).toBe(false);
    expect(isPublic({ draft: true, publishedAt: '2022-01-01 09:00' }, now)).toBe(false);
    expect(unpublishedReason({ draft: true, publishedAt: '2022-01-01 09:00' }, now)).toBe('草稿');
    expect(unpublishedReason({ draft: false, publishedAt: '2024-01-01 09:00' }, now)).toBe('定时发布');
    expect(unpublishedReason({ draft: false, publishedAt: '2022-01-01 09:00' }, now)).toBeNull();
  });

  it('writes times in Beijing time and splits lists into pages', () => {
    expect(toIsoDateTime('2023-03-01 09:30')).toBe('2023-03-01T09:30+08:00');
    expect(paginate([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(paginate([], 8)).toEqual([[]]);
  });

  it('feeds carry each article’s absolute link and date', () => {
    const xml = articleFeed(
      [
        {
          slug: 'a',
          entry: { data: { title: '标题 & 符号', summary: '摘要', publishedAt: '2023-03-01 09:30', sample: true } },
        },
      ],
      { title: '食安武清', path: '/articles/', self: '/rss.xml', description: '说明' },
      new URL('https://example.org'),
    );
    expect(xml).toContain('<link>https://example.org/articles/a/</link>');
    expect(xml).toContain('<title>标题 &amp; 符号</title>');
    expect(xml).toContain('<pubDate>Wed, 01 Mar 2023 01:30:00 GMT</pubDate>');
    expect(xml).toContain('<description>摘要（示例）</description>');
  });
});

describe('staff commands', () => {
  let dir = '';
  const copy = () => {
    dir = mkdtempSync(join(tmpdir(), 'articles-'));
    for (const folder of ['content', 'public']) cpSync(join(SITE, folder), join(dir, folder), { recursive: true });
    return dir;
  };
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('new:article writes a draft that passes every content check', async () => {
    const root = copy();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(
      await newArticle(
        ['--title', '冬季吃火锅要注意什么', '--category', 'science'],
        root,
        new Date('2023-01-10T02:00:00Z'),
      ),
    ).toBe(0);
    const text = readFileSync(join(root, 'content/articles/dong-ji-chi-huo-guo-yao-zhu-yi.mdx'), 'utf8');
    expect(text).toContain("publishedAt: '2023-01-10 10:00'");
    expect(text).toContain('draft: true');
    expect(checkAllContent(root).map(formatProblem)).toEqual([]);
  });

  it('new:article refuses an unknown category or a taken address, in Chinese, with the pipeline’s words', async () => {
    const root = copy();
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => void errors.push(message));
    expect(await newArticle(['--title', '标题', '--category', 'gossip', '--slug', 'science-hand-washing'], root)).toBe(1);
    expect(errors).toEqual([
      '没有创建文章，共 2 处问题：',
      '  - content/articles/science-hand-washing.mdx 已存在，没有写入任何内容：请换一个文件名，或直接修改这个文件。',
      '  - 文件 content/articles/science-hand-washing.mdx 第 5 行，字段“栏目”（category）：没有编号为“gossip”的栏目。' +
        '可用：news、science、policy、notice（见 content/article-categories.yaml）。',
    ]);
  });

  it('new:article holds the title and the address to the pipeline’s rules, and writes nothing elsewhere', async () => {
    const root = copy();
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => void errors.push(message));
    const now = new Date('2023-01-10T02:00:00Z');
    expect(await newArticle(['--title', '', '--category', 'science', '--slug', 'empty-title'], root, now)).toBe(1);
    expect(errors.at(-1)).toBe(
      '  - 文件 content/articles/empty-title.mdx 第 2 行，条目“empty-title”，字段“标题”（title）：不能为空；实际填写：“”。',
    );
    expect(await newArticle(['--title', '冬季火锅', '--category', 'science', '--slug', 'Winter Hotpot'], root, now)).toBe(
      1,
    );
    expect(errors.at(-1)).toMatch(/^ {2}- 文件 content\/articles\/Winter Hotpot\.mdx：文件名“Winter Hotpot\.mdx”不能用作网址/);
    expect(await newArticle(['--title', '冬季火锅', '--category', 'science', '--slug', '../../x'], root, now)).toBe(1);
    expect(errors.at(-1)).toMatch(/^ {2}- “content\/articles\/\.\.\/\.\.\/x\.mdx”不是项目里的普通文件路径/);
    expect(checkAllContent(root).map(formatProblem)).toEqual([]);
    expect(existsSync(join(root, 'x.mdx'))).toBe(false);
  });

  it('check:content finds a mistake in seconds and names file, line and field', () => {
    const root = copy();
    writeFileSync(join(root, 'content/articles/broken.mdx'), fixture('bad-references.mdx'));
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => void errors.push(message));
    expect(checkContent(root)).toBe(1);
    expect(errors[0]).toBe('内容有误，共 3 处，请逐条修改：');
    expect(errors[1]).toContain(
      '文件 content/articles/broken.mdx 第 5 行，字段“栏目”（category）：没有编号为“gossip”的栏目',
    );
  });
});
