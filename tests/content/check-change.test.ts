/**
 * Checking a change before it is written (src/lib/content/check-change.ts), as the web editor's proxy does: the
 * pipeline runs on the content as it would be after the save, through an overlay, and reports only the problems the
 * save brings, with the messages `npm run check:content` gives once the files are really written.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main as checkContent } from '../../scripts/check-content.ts';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { problemsIntroducedBy } from '../../src/lib/content/check-change.ts';
import { checkAllContent, contentFingerprint, loadContent, loadContentCached } from '../../src/lib/content/pipeline.ts';
import { edit, prepareCopy } from '../helpers/build.ts';

/** Statuses and publication are stable whatever the date (tests/fixtures/site/README.md); this one is fixed anyway. */
const NOW = new Date('2026-03-01T00:00:00Z');
const ARTICLES = 'content/articles';
const RESTAURANTS = 'content/restaurants.yaml';

/** A valid article's text; `front` adds or replaces front-matter lines. */
function article(front: string[] = [], body = '这是测试数据：网页编辑器保存的一篇新文章。'): string {
  const fields = new Map(
    [
      'title: 测试新文章',
      'summary: 测试摘要。',
      "publishedAt: '2024-08-01 09:00'",
      'category: science',
      'tags: []',
      'source: 测试编辑部',
      'sample: false',
      'draft: false',
      ...front,
    ].map((line) => [line.split(':')[0]!, line]),
  );
  return `---\n${[...fields.values()].join('\n')}\n---\n\n${body}\n`;
}

const RESTAURANT = `
- id: ce-shi-ren-mian-guan
  signName: 测试壬面馆
  registeredName: 测试区测试壬面馆
  address: 杨村街道测试五路 9 号（虚构地址）
  town: '120114001'
  businessType: 小吃
  licence: JY21201149990066
  sample: false
`;

const copies: string[] = [];
let clean = '';
beforeAll(() => {
  clean = prepareCopy('check-change', () => {});
  copies.push(clean);
});
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

const text = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const introduced = (dir: string, changes: Record<string, string | Uint8Array | null>) =>
  problemsIntroducedBy(dir, new Map(Object.entries(changes)), { now: NOW });

it('the fixture copy starts without problems', () => {
  expect(checkAllContent(clean, { now: NOW }).map(formatProblem)).toEqual([]);
});

describe('a change that brings no problem', () => {
  it('a valid new article: nothing reported, nothing written', () => {
    const before = contentFingerprint(clean);
    const file = `${ARTICLES}/check-change-new.mdx`;
    expect(introduced(clean, { [file]: article() })).toEqual([]);
    expect(existsSync(join(clean, file))).toBe(false);
    expect(contentFingerprint(clean)).toBe(before);
  });

  it('the overlaid article is read, listed and published like one on disk', () => {
    const file = `${ARTICLES}/check-change-new.mdx`;
    const overlay = new Map([[file, new TextEncoder().encode(article(['title: 字节写入的文章']))]]);
    const { model, problems } = loadContent(clean, { now: NOW, overlay });
    expect(problems).toEqual([]);
    expect(model.articles.find((entry) => entry.id === 'check-change-new')?.data.title).toBe('字节写入的文章');
    expect(model.publicPaths).toContain('/articles/check-change-new/');
    expect(loadContent(clean, { now: NOW }).model.publicPaths).not.toContain('/articles/check-change-new/');
  });

  it('a cover image and an attachment (in a new folder) saved with the article', () => {
    const cover = readFileSync(join(clean, ARTICLES, 'images/test-cover.png'));
    const pdf = readFileSync(join(clean, 'public/files/2025/test-form.pdf'));
    const front = [
      'cover: { src: ./images/check-change-cover.png, alt: 测试封面 }',
      'attachments: [{ title: 测试表格, file: /files/2099/check-change-form.pdf }]',
    ];
    expect(
      introduced(clean, {
        [`${ARTICLES}/with-cover.mdx`]: article(front),
        [`${ARTICLES}/images/check-change-cover.png`]: cover,
        'public/files/2099/check-change-form.pdf': pdf,
      }),
    ).toEqual([]);
    expect(existsSync(join(clean, ARTICLES, 'images/check-change-cover.png'))).toBe(false);
    expect(existsSync(join(clean, 'public/files/2099'))).toBe(false);
  });

  it('a valid restaurant added to the register', () => {
    expect(introduced(clean, { [RESTAURANTS]: text(clean, RESTAURANTS) + RESTAURANT })).toEqual([]);
  });
});

describe('a change that brings problems', () => {
  it('an article without a title: the message check:content gives once it is written', () => {
    const file = `${ARTICLES}/no-title.mdx`;
    const content = article().replace(/^title: .*\n/m, '');
    const found = introduced(clean, { [file]: content }).map(formatProblem);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toContain(`文件 ${file}`);
    expect(found.join('\n')).toContain('（title）');

    writeFileSync(join(clean, file), content);
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => void printed.push(message));
    try {
      expect(checkContent(clean)).toBe(1);
    } finally {
      rmSync(join(clean, file));
    }
    expect(printed[0]).toBe(`内容有误，共 ${found.length} 处，请逐条修改：`);
    expect(printed.slice(1)).toEqual(found.map((line, index) => `  ${index + 1}. ${line}`));
  });

  it('a restaurant with a bad licence number', () => {
    const bad = RESTAURANT.replace('JY21201149990066', 'JY123');
    const found = introduced(clean, { [RESTAURANTS]: text(clean, RESTAURANTS) + bad });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: RESTAURANTS, entry: 'ce-shi-ren-mian-guan', field: 'licence' });
    expect(formatProblem(found[0]!)).toContain('应为“JY”加 14 位数字');
  });

  it('a list issue naming a restaurant that is not registered', () => {
    const file = 'content/redblack/2024-02.mdx';
    const changed = text(clean, file).replace('restaurant: ce-shi-geng-shi-tang', 'restaurant: no-such-restaurant');
    const found = introduced(clean, { [file]: changed });
    expect(found.map(formatProblem).join('\n')).toContain(
      `餐厅登记表 ${RESTAURANTS} 中没有编号为“no-such-restaurant”的餐厅`,
    );
    expect(found.every((problem) => problem.file === file)).toBe(true);
  });

  it('a cover image that is neither on disk nor in the change', () => {
    const found = introduced(clean, {
      [`${ARTICLES}/with-cover.mdx`]: article(['cover: { src: ./images/check-change-cover.png, alt: 测试封面 }']),
    });
    expect(found.map(formatProblem)).toEqual([
      expect.stringContaining(`图片不存在：${ARTICLES}/images/check-change-cover.png`),
    ]);
  });

  it('deleting a restaurant an issue uses', () => {
    const register = text(clean, RESTAURANTS);
    const start = register.indexOf('- id: ce-shi-geng-shi-tang');
    const end = register.indexOf('\n- id:', start);
    const found = introduced(clean, { [RESTAURANTS]: register.slice(0, start) + register.slice(end + 1) });
    expect(found.length).toBeGreaterThan(0);
    expect(found.map(formatProblem).join('\n')).toContain('没有编号为“ce-shi-geng-shi-tang”的餐厅');
  });

  it('replacing a cover with a picture too narrow for the page (the bytes as the editor sends them)', async () => {
    const small = await sharp({ create: { width: 240, height: 160, channels: 3, background: '#0b5b36' } })
      .png()
      .toBuffer();
    const found = introduced(clean, { [`${ARTICLES}/images/test-cover.png`]: new Uint8Array(small) });
    expect(found.map(formatProblem)).toEqual([
      expect.stringContaining(`文件 ${ARTICLES}/science-cold-storage.mdx`),
    ]);
    expect(formatProblem(found[0]!)).toContain('只有 240 像素宽');
  });

  it('reads the size of a photo whose metadata fills more than the first 64 KB', async () => {
    const photo = async (width: number) => {
      const jpeg = await sharp({ create: { width, height: 900, channels: 3, background: '#0b5b36' } })
        .jpeg()
        .toBuffer();
      // Two application segments of 60 KB each between the start marker and the frame, as a large EXIF block would.
      const segment = Buffer.concat([Buffer.from([0xff, 0xef, 0xea, 0x62]), Buffer.alloc(60_000)]);
      return new Uint8Array(Buffer.concat([jpeg.subarray(0, 2), segment, segment, jpeg.subarray(2)]));
    };
    // A JPEG under its own name (the check refuses a JPEG saved as .png), set as the article's cover.
    const file = `${ARTICLES}/science-cold-storage.mdx`;
    const text = readFileSync(join(clean, file), 'utf8').replace('./images/test-cover.png', './images/photo.jpg');
    const cover = `${ARTICLES}/images/photo.jpg`;
    expect(introduced(clean, { [file]: text, [cover]: await photo(1600) })).toEqual([]);
    expect(introduced(clean, { [file]: text, [cover]: await photo(600) }).map(formatProblem).join('\n')).toContain(
      '只有 600 像素宽',
    );
  });

  it('deleting a file the content uses: the cover image, the last campaign material', () => {
    const found = introduced(clean, {
      [`${ARTICLES}/images/test-cover.png`]: null,
      'public/materials/2025/test-leaflet.pdf': null,
    });
    const lines = found.map(formatProblem).join('\n');
    expect(lines).toContain(`文件 ${ARTICLES}/science-cold-storage.mdx`);
    expect(lines).toContain(`图片不存在：${ARTICLES}/images/test-cover.png`);
    expect(lines).toContain('文件不存在：public/materials/2025/test-leaflet.pdf');
    expect(existsSync(join(clean, ARTICLES, 'images/test-cover.png'))).toBe(true);
  });

  it('a new plan with one of its two files: that file’s own mistakes are named, with the missing one', () => {
    // A plan's meta.yaml uploaded alone: its NUL is named too, not only once a plan.txt is added.
    const meta = 'content/plans/2047/meta.yaml';
    expect(introduced(clean, { [meta]: 'year: 2047\nsource: 测试\0数据。\n' }).map(formatProblem)).toEqual([
      '文件 content/plans/2047/plan.txt：文件不存在：每个计划目录都需要 plan.txt（原文）和 meta.yaml（元数据）。',
      expect.stringMatching(/^文件 content\/plans\/2047\/meta\.yaml 第 2 行：有一个看不见的空字符（NUL）/),
    ]);
    const plan = 'content/plans/2048/plan.txt';
    expect(introduced(clean, { [plan]: '第一行\r第二行\n' }).map(formatProblem)).toEqual([
      '文件 content/plans/2048/meta.yaml：文件不存在：每个计划目录都需要 plan.txt（原文）和 meta.yaml（元数据）。',
      expect.stringMatching(/^文件 content\/plans\/2048\/plan\.txt 第 1 行：有一个看不见的回车符（CR）/),
    ]);
  });

  it('deleting an article removes it from the listing', () => {
    const { model } = loadContent(clean, { now: NOW, overlay: new Map([[`${ARTICLES}/draft-article.mdx`, null]]) });
    expect(model.articles.map((entry) => entry.id)).not.toContain('draft-article');
    expect(loadContent(clean, { now: NOW }).model.articles.map((entry) => entry.id)).toContain('draft-article');
  });

  it('refuses a path outside the project', () => {
    expect(() => introduced(clean, { '../outside.mdx': article() })).toThrow('不在项目目录内');
  });
});

describe('problems the content already has', () => {
  let broken = '';
  beforeAll(() => {
    broken = prepareCopy('check-change-broken', (dir) => {
      edit(dir, RESTAURANTS, 'licence: JY21201149990022', 'licence: JY0000');
      writeFileSync(join(dir, ARTICLES, 'already-broken.mdx'), article(['category: gossip']));
    });
    copies.push(broken);
  });

  it('are not reported as introduced, even where the change moves their lines', () => {
    // The bad licence drops the restaurant, so the issues that list it are wrong too.
    const existing = checkAllContent(broken, { now: NOW });
    expect(existing.map((problem) => problem.file)).toEqual([
      RESTAURANTS,
      'content/redblack/2024-01.mdx',
      'content/redblack/2024-02.mdx',
      `${ARTICLES}/already-broken.mdx`,
    ]);
    expect(introduced(broken, { [`${ARTICLES}/check-change-new.mdx`]: article() })).toEqual([]);
    // A restaurant added at the top moves the broken licence down the file.
    const register = text(broken, RESTAURANTS);
    const first = register.indexOf('- id:');
    const moved = register.slice(0, first) + RESTAURANT.trimStart() + '\n' + register.slice(first);
    const after = loadContent(broken, { now: NOW, overlay: new Map([[RESTAURANTS, moved]]) }).problems;
    expect(after.find((problem) => problem.file === RESTAURANTS)?.line).toBeGreaterThan(existing[0]!.line!);
    expect(introduced(broken, { [RESTAURANTS]: moved })).toEqual([]);
  });

  it('a new problem of the same kind in the same file is still reported', () => {
    const bad = RESTAURANT.replace('JY21201149990066', 'JY123');
    const found = introduced(broken, { [RESTAURANTS]: text(broken, RESTAURANTS) + bad });
    expect(found.map((problem) => problem.entry)).toEqual(['ce-shi-ren-mian-guan']);
  });
});

it('an overlaid result is never cached', () => {
  const plain = loadContentCached(clean, { now: NOW });
  const overlay = new Map([[`${ARTICLES}/check-change-new.mdx`, article()]]);
  const changed = loadContentCached(clean, { now: NOW, overlay });
  expect(changed.model.articles.length).toBe(plain.model.articles.length + 1);
  expect(loadContentCached(clean, { now: NOW })).toBe(plain);
});
