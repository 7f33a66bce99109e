/**
 * The web editor (/admin/, `npm run edit`) driven in Chromium on a copy of the fixture site: Decap CMS with the local
 * proxy on loopback. What staff save lands in content/, passes `check:content`, and after a build shows on the site;
 * what the content checks refuse is refused in the editor with the same Chinese words. Screenshots of the editor for
 * docs/editing-guide.md are taken here, so they stay current.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { checkAllContent } from '../../src/lib/content/pipeline.ts';
import { problemsIntroducedBy } from '../../src/lib/content/check-change.ts';
import { build, prepareCopy, ROOT, SCRATCH } from '../helpers/build.ts';
import { startDevServer, type DevServer } from '../helpers/dev-server.ts';
import { saveScreenshot } from '../helpers/screenshots.ts';
import { freePort } from '../helpers/ports.ts';
import { launchChromium } from '../helpers/site.ts';
import { importArgs, ISSUE_ROWS, issueWorkbook, SHEET, workbook } from '../helpers/workbook.ts';
import { main as importCli } from '../../scripts/import-redblack.ts';

const SHOTS = join(ROOT, 'docs/images/editor');
/** A cover picture as staff upload one: wide enough for the page (the content check wants 1,200 pixels or more). */
const COVER = {
  name: 'editor-cover.png',
  mimeType: 'image/png',
  buffer: await sharp({ create: { width: 1280, height: 960, channels: 3, background: '#f2c94c' } })
    .png()
    .toBuffer(),
};

let dir: string;
let server: DevServer;
let browser: Browser;
/** Every address any editor page asked for: none may be off the site. */
const requested = new Set<string>();

beforeAll(async () => {
  dir = prepareCopy('editor', () => {});
  [server, browser] = await Promise.all([startDevServer(dir, { SHIAN_EDITOR: '1' }), launchChromium()]);
  await server.render('/');
}, 120_000);

afterAll(async () => {
  server?.stop();
  await browser?.close();
  for (const name of ['editor', 'editor-cli', 'editor-edit'])
    rmSync(join(SCRATCH, name), { recursive: true, force: true });
});

/**
 * A new page of the editor, logged in (the local proxy has no accounts: one click), at `hash`. With `clock`, the page's
 * timers run on Playwright's clock: time flows as usual, and a test can run the timers due in the next moments at once.
 */
async function openEditor(hash: string, { clock = false } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  if (clock) await page.clock.install();
  page.on('request', (request) => requested.add(request.url()));
  await page.goto(`${server.url}/admin/`);
  await page.getByRole('button', { name: '登录' }).click();
  await page.goto(`${server.url}/admin/#${hash}`);
  return page;
}

/** Clicks 发布 → 立即发布 (Decap's save in this setup). */
async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: '发布' }).first().click();
  await page.getByText('立即发布').click();
}

/**
 * Waits until the preview pane shows the site's own styles (its heading in the brand green): the stylesheet arrives
 * after the text, and a screenshot taken between the two would show an unstyled preview.
 */
async function previewStyled(page: Page): Promise<void> {
  const heading = page.frameLocator('#preview-pane').locator('h1').first();
  await expect
    .poll(() => heading.evaluate((element) => getComputedStyle(element).color), { timeout: 30_000 })
    .toBe('rgb(11, 91, 54)');
}

/** Chooses in a select or relation field (react-select): types to search, then clicks the option. */
async function choose(page: Page, field: Locator, option: string, typed = '') {
  await field.click();
  if (typed) await field.pressSequentially(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Inserts one of the site's components where the cursor is: 添加组件, then the component's menu item chosen with the
 * keyboard, as a keyboard user does. A click on the item timed out in 2 of 5 full test runs (the item kept moving and
 * being re-rendered under the pointer; the cause was not found), while the keyboard needs no still target.
 */
async function addComponent(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: '添加组件' }).click();
  await page.getByRole('menuitem', { name }).press('Enter');
}

/**
 * Puts the cursor at the end of the editor's paragraph `text`, in the browser and in the editor (Slate). Slate learns
 * of a cursor moved by a click or a key from the browser's selectionchange event, on a 100 ms timer (the page's clock
 * here). A timer run at once after the key did not always help: on a busy machine the event itself could come later,
 * and the card then went in where the click had put the cursor, mid-paragraph (1 run in 3 with both cores busy). So
 * this waits for the event that reports the cursor at the end, then runs the timer.
 */
async function cursorToEnd(page: Page, text: string): Promise<void> {
  // At the text's start, so that End always moves the cursor (and the browser always reports it).
  await page
    .locator('[data-slate-editor]')
    .getByText(text)
    .click({ position: { x: 1, y: 1 } });
  await page.evaluate((wanted) => {
    const flags = window as Window & { cursorAtEnd?: boolean };
    flags.cursorAtEnd = false;
    document.addEventListener('selectionchange', () => {
      const selection = document.getSelection();
      if (
        selection?.isCollapsed &&
        selection.focusNode?.textContent === wanted &&
        selection.focusOffset === wanted.length
      )
        flags.cursorAtEnd = true;
    });
  }, text);
  await page.keyboard.press('End');
  await expect
    .poll(() => page.evaluate(() => (window as Window & { cursorAtEnd?: boolean }).cursorAtEnd), { timeout: 30_000 })
    .toBe(true);
  await page.clock.runFor(200);
}

const read = (file: string) => readFileSync(join(dir, file), 'utf8');

describe('the editor page', () => {
  it('is noindex, in Chinese, and asks nothing of another site', async () => {
    const page = await openEditor('/');
    // The list of articles has loaded (Decap shows 正在加载内容… until then).
    const entry = page.locator('a[href*="/collections/articles/entries/"]').first();
    await expect.poll(() => entry.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('meta[name=robots]').getAttribute('content')).toBe('noindex, nofollow');
    await saveScreenshot(page, join(SHOTS, 'collections.png'));
    await page.close();
  });
});

describe('staff publish with the editor', () => {
  it('creates an article with a cover, a tag, a callout and a download card', async () => {
    const page = await openEditor('/collections/articles/new', { clock: true });
    await page.getByLabel('标题', { exact: true }).fill('冬季吃火锅要注意什么');
    await page.getByLabel('摘要', { exact: true }).fill('冬季火锅的食品安全提示。');
    await page.getByLabel('发布时间', { exact: true }).fill('2025-01-10T10:00');
    await choose(page, page.getByLabel('栏目', { exact: true }), '科普知识');
    await page.getByRole('button', { name: '新增标签' }).click();
    await page.getByLabel('标签', { exact: true }).last().fill('火锅');
    await page.getByRole('button', { name: '选择图片' }).click();
    await page.locator('input[type=file]').setInputFiles(COVER);
    // The uploaded picture comes selected.
    await page.getByRole('button', { name: '选用已选中项目' }).click();
    await page.getByLabel(/^图片说明/).fill('一锅热气腾腾的火锅');
    await page.locator('[data-slate-editor]').click();
    await page.keyboard.type('吃火锅要注意食材新鲜。');
    await addComponent(page, '提示框');
    // Back to the end of the paragraph: a block goes in where the cursor is, and the cursor's place after the first
    // insertion varies from run to run (the screenshot below would too).
    await cursorToEnd(page, '吃火锅要注意食材新鲜。');
    await addComponent(page, '附件下载');
    await page.getByLabel('内容', { exact: true }).fill('火锅汤底不要反复加热太久。');
    await page.getByLabel('附件名称', { exact: true }).last().fill('火锅店自查表');
    await page.getByLabel('附件地址', { exact: true }).fill('/files/2025/test-attachment.pdf');
    await page.getByText(/^草稿/).first().click();
    await previewStyled(page);
    await saveScreenshot(page, join(SHOTS, 'article.png'));
    await save(page);

    const file = 'content/articles/dong-ji-chi-huo-guo-yao-zhu-yi.mdx';
    await expect.poll(() => existsSync(join(dir, file)), { timeout: 30_000 }).toBe(true);
    const text = read(file);
    expect(text).toMatch(/^---\ntitle: 冬季吃火锅要注意什么\n/);
    expect(text).toContain('  src: images/editor-cover.png\n');
    expect(text).toContain('<Callout type="tip">火锅汤底不要反复加热太久。</Callout>');
    expect(text).toContain('<DownloadCard title="火锅店自查表" file="/files/2025/test-attachment.pdf" />');
    expect(text).toContain('\n吃火锅要注意食材新鲜。\n');
    expect(text.indexOf('<DownloadCard'), 'the download card goes in after the paragraph').toBeLessThan(
      text.indexOf('<Callout'),
    );
    expect(existsSync(join(dir, 'content/articles/images/editor-cover.png'))).toBe(true);
    expect(checkAllContent(dir)).toEqual([]);
    await page.close();
  }, 180_000);

  it('adds a 复查 to a 黑榜 entry, picking the issue and the restaurant by name', async () => {
    const page = await openEditor('/collections/registry/entries/follow-ups');
    await page.getByRole('button', { name: '新增复查' }).click();
    const field = (label: string) => page.getByLabel(label, { exact: true }).last();
    await choose(page, field('所属期次'), '2024年第2期 测试主题：秋季开学前随机检查（虚构）', '2024');
    await choose(page, field('餐厅编号'), '测试己火锅 梅厂镇测试四路 6 号（虚构地址）', '测试己');
    await field('复查日期').fill('2024-11-05');
    await choose(page, field('复查结果'), '复查合格');
    await saveScreenshot(page, join(SHOTS, 'follow-up.png'));
    await save(page);
    await expect
      .poll(() => read('content/redblack/follow-ups.yaml'), { timeout: 30_000 })
      .toContain('id: 2024-02-ce-shi-ji-huo-guo-1105');
    const text = read('content/redblack/follow-ups.yaml');
    // The file's explanation at the top is kept.
    expect(text).toMatch(/^# TEST FIXTURE/);
    expect(text).toContain(
      '- id: 2024-02-ce-shi-ji-huo-guo-1105\n  issue: 2024-02\n  restaurant: ce-shi-ji-huo-guo\n  date: 2024-11-05\n' +
        '  result: 复查合格\n',
    );
    expect(checkAllContent(dir)).toEqual([]);
    await page.close();
  }, 180_000);

  it('creates a list issue with two entries chosen by name', async () => {
    const page = await openEditor('/collections/redblack/new');
    await page.getByLabel('年份', { exact: true }).fill('2025');
    await page.getByLabel('期次', { exact: true }).fill('2');
    await page.getByLabel('发布日期', { exact: true }).fill('2025-03-20');
    await page.getByLabel('主题', { exact: true }).fill('春季校园周边餐饮检查');
    await page.getByLabel('检查片区', { exact: true }).fill('测试片区');
    const field = (label: string) => page.getByLabel(label, { exact: true }).last();
    for (const [name, reason] of [
      ['测试丙小吃 杨村街道测试二路 3 号（虚构地址）', '后厨干净整洁'],
      ['测试戊糕点 下朱庄街道测试三路 5 号（虚构地址）', '原料进货记录完整'],
    ] as const) {
      await page.getByRole('button', { name: '新增上榜记录' }).click();
      // Chosen by name: typing part of it finds the restaurant in the registry.
      await choose(page, field('餐厅编号'), name, name.slice(0, 4));
      await choose(page, field('榜单'), '红榜');
      await field('检查日期').fill('2025-03-10');
      await page.getByRole('button', { name: '新增理由' }).last().click();
      await field('理由').fill(reason);
    }
    await saveScreenshot(page, join(SHOTS, 'list-issue.png'));
    await save(page);
    const file = 'content/redblack/2025-02.mdx';
    await expect.poll(() => existsSync(join(dir, file)), { timeout: 30_000 }).toBe(true);
    expect(read(file)).toContain('restaurant: ce-shi-bing-xiao-chi');
    expect(read(file)).toContain('restaurant: ce-shi-wu-gao-dian');
    expect(checkAllContent(dir)).toEqual([]);
    await page.close();
  }, 180_000);

  it('builds: the article, the 复查 and the new issue are on the site', () => {
    const result = build(dir);
    expect(result.status, result.output).toBe(0);
    // Rolldown's warning about Astro's head-inject directive, once per MDX file, is silenced (issue 12).
    expect(result.output).not.toContain('MODULE_LEVEL_DIRECTIVE');
    const page = (path: string) => readFileSync(join(dir, 'dist', path, 'index.html'), 'utf8');

    const article = page('articles/dong-ji-chi-huo-guo-yao-zhu-yi');
    expect(article).toMatch(/<img[^>]+alt="一锅热气腾腾的火锅"/);
    expect(article).toContain('#火锅');
    expect(article).toMatch(/<aside[^>]*aria-label="提示"[\s\S]*火锅汤底不要反复加热太久。/);
    expect(article).toMatch(/<a href="\/files\/2025\/test-attachment.pdf" download/);

    const hotPot = page('restaurants/ce-shi-ji-huo-guo');
    expect(hotPot).toContain('2024年11月5日');
    expect(hotPot).toContain('复查合格');

    expect(page('redblack/2025-02')).toContain('春季校园周边餐饮检查');
    for (const id of ['ce-shi-bing-xiao-chi', 'ce-shi-wu-gao-dian']) {
      expect(page(`restaurants/${id}`)).toContain('/redblack/2025-02/');
    }
  }, 300_000);
});

describe('what staff bring from their own computer', () => {
  it('Chinese file names, a 30 MB photo, an attachment added and removed, a Chinese date, a table', async () => {
    let page = await openEditor('/collections/articles/new');
    await page.getByLabel('标题', { exact: true }).fill('宣传周现场回顾');
    await page.getByLabel('摘要', { exact: true }).fill('宣传周活动现场。');
    // A date typed the Chinese way is kept, in the site's form.
    await page.getByLabel('发布时间', { exact: true }).fill('2023年2月20日 9:30');
    await choose(page, page.getByLabel('栏目', { exact: true }), '科普知识');
    expect(await page.getByLabel('发布时间', { exact: true }).inputValue()).toBe('2023-02-20 09:30');

    await page.getByRole('button', { name: '选择图片' }).click();
    // A photo over the upload limit is refused in the page, with its size and the limit, before anything is sent.
    const noise = randomBytes(3300 * 3300 * 3);
    const huge = await sharp(noise, { raw: { width: 3300, height: 3300, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(huge.length).toBeGreaterThan(30 * 1024 * 1024);
    // Chosen from a file on disk, as staff do: Chromium reads it itself. (Handed over as bytes, 30 MB went through
    // the DevTools protocol, which took over 30 s on a busy machine.)
    const folder = mkdtempSync(join(tmpdir(), 'shian-upload-'));
    try {
      writeFileSync(join(folder, '大照片.png'), huge);
      await page.locator('input[type=file]').setInputFiles(join(folder, '大照片.png'));
      await expect
        .poll(() => page.locator('#editor-problems').innerText(), { timeout: 30_000 })
        .toMatch(/“大照片.png”有 3\d\.\d MB，超过了上传上限 20\.0 MB/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    await page.locator('input[type=file]').setInputFiles({ ...COVER, name: '宣传周现场.png' });
    await expect
      .poll(() => page.getByText('xuan-chuan-zhou-xian-chang.png').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: '选用已选中项目' }).click();
    await page.getByLabel(/^图片说明/).fill('宣传周活动现场');

    await page.getByRole('button', { name: '新增附件' }).click();
    await page.getByLabel('附件名称', { exact: true }).fill('宣传周活动报名表');
    await page.getByRole('button', { name: '选择文件' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: '宣传周活动报名表.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await page.getByRole('button', { name: '选用已选中项目' }).click();

    // A table pasted from Word: stopped, and offered as the table component.
    const body = page.locator('[data-slate-editor]');
    await body.click();
    await page.keyboard.type('活动现场很热闹。');
    await body.evaluate((element) => {
      const data = new DataTransfer();
      data.setData('text/html', '<table><tr><td>项目</td><td>人数</td></tr><tr><td>讲座</td><td>120</td></tr></table>');
      data.setData('text/plain', '项目\t人数\n讲座\t120');
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    expect(await page.getByLabel('转换好的表格组件').inputValue()).toBe(
      '<DataTable caption="表格标题" headers={["项目", "人数"]} rows={[["讲座", "120"]]} />',
    );
    expect(await body.innerText()).not.toContain('讲座');
    await page.getByRole('button', { name: '关闭', exact: true }).click();

    await page.getByText(/^草稿/).first().click();
    await save(page);
    const file = 'content/articles/xuan-chuan-zhou-xian-chang-hui-gu.mdx';
    await expect.poll(() => existsSync(join(dir, file)), { timeout: 30_000 }).toBe(true);
    const text = read(file);
    expect(text).toContain('publishedAt: 2023-02-20 09:30\n');
    expect(text).toContain('  src: images/xuan-chuan-zhou-xian-chang.png\n');
    const attachment = /file: (\/files\/\d{4}\/xuan-chuan-zhou-huo-dong-bao-ming-biao\.pdf)/.exec(text)?.[1];
    expect(attachment, text).toBeDefined();
    expect(existsSync(join(dir, 'public', attachment!))).toBe(true);
    expect(checkAllContent(dir)).toEqual([]);

    // The attachment removed again: the list item deleted, then saved, in a page opened after the save. The dev server
    // tells the pages open when a file appears under public/ to reload (Vite's watcher), and a click in the page that
    // was open could land during that reload.
    await page.close();
    page = await openEditor('/collections/articles/entries/xuan-chuan-zhou-xian-chang-hui-gu');
    await page.getByLabel('标题', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '删除这一项' }).last().click();
    await save(page);
    await expect.poll(() => read(file), { timeout: 30_000 }).not.toContain('xuan-chuan-zhou-huo-dong-bao-ming-biao');
    expect(checkAllContent(dir)).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('the editor refuses what the content checks refuse, in the same words', () => {
  it('a required field left empty', async () => {
    const page = await openEditor('/collections/articles/new');
    await page.getByLabel('摘要', { exact: true }).fill('没有标题的文章。');
    await save(page);
    const shown = page.getByText('缺少必填内容“标题”', { exact: false });
    await expect.poll(() => shown.first().isVisible(), { timeout: 30_000 }).toBe(true);
    const message = await shown.first().innerText();
    const [problem] = problemsIntroducedBy(
      dir,
      new Map([
        [
          'content/articles/untitled.mdx',
          "---\nsummary: 没有标题的文章。\npublishedAt: '2025-01-10 10:00'\ncategory: science\nsource: 编辑部\n---\n",
        ],
      ]),
    ).filter((candidate) => candidate.field === 'title');
    expect(formatProblem(problem!)).toContain(message.replace(/：请填写。$/, ''));
    // The form only: Decap's notice in the corner comes and goes with the timing.
    await saveScreenshot(page, join(SHOTS, 'required.png'), { clip: { x: 0, y: 0, width: 640, height: 900 } });
    await page.close();
  }, 120_000);

  it('a bad licence number', async () => {
    const page = await openEditor('/collections/registry/entries/restaurants');
    await page.getByRole('button', { name: '新增餐厅' }).click();
    await page
      .getByLabel(/^食品经营许可证编号/)
      .last()
      .fill('JY123');
    await save(page);
    const [problem] = problemsIntroducedBy(
      dir,
      new Map([
        [
          'content/restaurants.yaml',
          `${read('content/restaurants.yaml')}\n- id: bad-licence\n  signName: 甲\n  registeredName: 甲\n  address: 甲\n` +
            "  town: '120114001'\n  businessType: 正餐\n  licence: JY123\n  sample: false\n",
        ],
      ]),
    );
    expect(problem!.field).toBe('licence');
    const shown = page.getByText(problem!.message.split('；')[0]!, { exact: false });
    await expect.poll(() => shown.first().isVisible(), { timeout: 30_000 }).toBe(true);
    await page.close();
  }, 120_000);

  it('a problem only the whole content shows (a link to a missing page): listed in full, nothing written', async () => {
    const page = await openEditor('/collections/articles/new');
    await page.getByLabel(/^网址名/).fill('broken-link');
    await page.getByLabel('标题', { exact: true }).fill('坏链接');
    await page.getByLabel('摘要', { exact: true }).fill('正文链接到不存在的页面。');
    await page.getByLabel('发布时间', { exact: true }).fill('2025-01-10T10:00');
    await choose(page, page.getByLabel('栏目', { exact: true }), '科普知识');
    // The body in Markdown: the rich-text editor's switch, then plain typing.
    await page.locator('[class*=ToolbarToggle] [role=switch]').click();
    await page.locator('[data-slate-editor]').click();
    await page.keyboard.type('见[不存在的页面](/no-such-page/)。');
    await save(page);
    const panel = page.locator('#editor-problems');
    await expect.poll(() => panel.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await panel.innerText()).toContain('content/articles/broken-link.mdx');
    expect(await panel.innerText()).toContain('/no-such-page/');
    expect(existsSync(join(dir, 'content/articles/broken-link.mdx'))).toBe(false);
    // Decap's own notice points to the list, in Chinese only.
    const notice = page.getByText('没有保存，问题列在页面上方。', { exact: true });
    await expect.poll(() => notice.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('body').innerText()).not.toContain('API_ERROR');
    // The list itself: Decap's notice above it counts down, so a whole-page picture would differ on every run.
    await saveScreenshot(panel, join(SHOTS, 'problems.png'));
    await page.close();
  }, 120_000);
});

describe('a department’s progress report', () => {
  it('offers the plan’s units by name, and saves a report the plan’s task names', async () => {
    const before = new Set(readdirSync(join(dir, 'content/progress')));
    const page = await openEditor('/collections/progress/new');
    await page.getByLabel('计划年份', { exact: true }).fill('2030');
    await page.getByLabel('任务序号', { exact: true }).fill('1');
    await page.getByLabel(/^报告日期/).fill('2030年3月1日');
    await choose(page, page.getByLabel('报告单位', { exact: true }), '区食安办');
    await choose(page, page.getByLabel('进展状态', { exact: true }), '推进中');
    await page.getByLabel('进展说明', { exact: true }).fill('已召开部署会。');
    await saveScreenshot(page, join(SHOTS, 'progress.png'));
    await save(page);
    await expect
      .poll(() => readdirSync(join(dir, 'content/progress')).filter((name) => !before.has(name)), { timeout: 30_000 })
      .toHaveLength(1);
    const [added] = readdirSync(join(dir, 'content/progress')).filter((name) => !before.has(name));
    expect(read(`content/progress/${added}`)).toContain('department: food-safety-office\n');
    expect(checkAllContent(dir)).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('the import page', () => {
  const ISSUE = 'content/redblack/2026-01.mdx';

  /** Chooses a workbook on /admin/import/ and fills the issue's details, as staff would; returns the page shown. */
  async function submit(bytes: Uint8Array): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => requested.add(request.url()));
    await page.goto(`${server.url}/admin/import/`);
    await page
      .getByLabel(/^表格文件/)
      .setInputFiles({ name: '五月.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    await page.getByLabel(/^发布日期/).fill('2026-02-20');
    await page.getByLabel(/^主题/).fill('春节后复工餐饮检查');
    await page.getByLabel(/^检查片区/).fill('杨村街道、梅厂镇');
    await page.getByLabel(/^工作表名称/).fill(SHEET);
    await page.getByRole('button', { name: '检查表格' }).click();
    return page;
  }

  it('shows a bad row with its row number and writes nothing', async () => {
    const rows = ISSUE_ROWS.map((row, index) =>
      index === 2 ? row.map((cell, column) => (column === 7 ? '绿榜' : cell)) : row,
    );
    const before = readdirSync(join(dir, 'content/redblack')).sort();
    const registry = read('content/restaurants.yaml');
    const page = await submit(workbook([[SHEET, rows]]));
    const alert = page.getByRole('alert');
    expect(await alert.innerText()).toMatch(/第 3 行，“榜单”列/);
    expect(readdirSync(join(dir, 'content/redblack')).sort()).toEqual(before);
    expect(read('content/restaurants.yaml')).toBe(registry);
    await page.close();
  }, 120_000);

  it('previews, then writes the same issue as the command line; the same sheet twice is refused', async () => {
    const registryBefore = read('content/restaurants.yaml');
    const page = await submit(issueWorkbook());
    // The preview: every entry, which restaurants are new and which were matched; nothing written yet.
    expect(await page.getByRole('status').innerText()).toContain('检查通过，还没有写入');
    expect(await page.locator('tbody tr').count()).toBe(ISSUE_ROWS.length - 1);
    expect(await page.locator('tbody').innerText()).toContain('新登记');
    expect(await page.locator('tbody').innerText()).toContain('已登记');
    expect(existsSync(join(dir, ISSUE))).toBe(false);
    await saveScreenshot(page, join(SHOTS, 'import-preview.png'), { fullPage: true });
    await page.getByRole('button', { name: '确认导入' }).click();
    expect(await page.getByRole('status').innerText()).toContain('已导入');

    // The command line on a copy with the same content gives the same file.
    const cli = prepareCopy('editor-cli', (copy) => {
      cpSync(join(dir, 'content'), join(copy, 'content'), { recursive: true });
      rmSync(join(copy, ISSUE));
      writeFileSync(join(copy, 'content/restaurants.yaml'), registryBefore);
      writeFileSync(join(copy, 'sheet.xlsx'), issueWorkbook());
    });
    expect(await importCli(importArgs(join(cli, 'sheet.xlsx'), '--sheet', SHEET), cli)).toBe(0);
    expect(readFileSync(join(cli, ISSUE), 'utf8')).toBe(read(ISSUE));
    expect(readFileSync(join(cli, 'content/restaurants.yaml'), 'utf8')).toBe(read('content/restaurants.yaml'));

    const again = await submit(issueWorkbook());
    expect(await again.getByRole('alert').innerText()).toContain('这张表格已经导入过');
    await page.close();
    await again.close();
  }, 180_000);
});

describe('nothing bypasses the checks', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/admin/api/v1/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const persist = (path: string, raw: string) =>
    post({
      action: 'persistEntry',
      params: { branch: 'main', dataFiles: [{ path, raw, slug: 'x' }], assets: [], options: {} },
    });

  it('writes nothing outside content/ and public/files/', async () => {
    for (const path of [
      'src/pages/evil.astro',
      'content/../src/evil.mdx',
      '/etc/evil.yaml',
      'public/evil.html',
      'content/.hidden.yaml',
    ]) {
      const response = await persist(path, '---\ntitle: x\n---\n');
      expect(response.status, path).toBe(422);
      expect(existsSync(join(dir, path.replace(/^\//, ''))), path).toBe(false);
    }
    const media = await post({
      action: 'persistMedia',
      params: { branch: 'main', asset: { path: 'public/index.html', content: 'PHNjcmlwdD4=', encoding: 'base64' } },
    });
    expect(media.status).toBe(422);
    expect(existsSync(join(dir, 'public/index.html'))).toBe(false);
  });

  it("refuses a save that breaks the content, with the pipeline's message, and writes nothing", async () => {
    const response = await persist('content/articles/script.mdx', '---\ntitle: x\n---\n\n<script>alert(1)</script>\n');
    expect(response.status).toBe(422);
    const { problems } = (await response.json()) as { problems: string[] };
    expect(problems.join('\n')).toContain('content/articles/script.mdx');
    expect(existsSync(join(dir, 'content/articles/script.mdx'))).toBe(false);
  });

  it('answers no other site', async () => {
    const response = await post({ action: 'info', params: { branch: 'main' } }, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });
});

describe('npm run edit', () => {
  it('starts the editor on 127.0.0.1 and prints the address to open', async () => {
    // A copy of its own: Astro runs one dev server per project folder.
    const copy = prepareCopy('editor-edit', () => {});
    const port = await freePort();
    const edit = spawn(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'scripts/edit.ts')], {
      cwd: copy,
      // A plain shell's PATH, where `node` may be an older system Node.
      env: { HOME: process.env.HOME ?? '/root', PATH: '/usr/local/bin:/usr/bin:/bin', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    try {
      let printed = '';
      const address = `http://127.0.0.1:${port}/admin/`;
      await new Promise<void>((resolve, reject) => {
        edit.stdout!.on('data', (chunk: Buffer) => {
          printed += chunk;
          if (printed.includes(`请在浏览器打开 ${address}`)) resolve();
        });
        edit.on('exit', () => reject(new Error(`npm run edit exited:\n${printed}`)));
      });
      const info = await fetch(`${address}api/v1/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: 'info', params: { branch: 'main' } }),
      });
      expect(await info.json()).toMatchObject({ type: 'local_fs' });
    } finally {
      if (edit.exitCode === null) process.kill(-edit.pid!, 'SIGTERM');
    }
  }, 120_000);
});

describe('every editor page', () => {
  it('asked nothing of another site', () => {
    const offSite = [...requested].filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith('blob:'));
    expect(offSite).toEqual([]);
    expect(requested.size).toBeGreaterThan(10);
  });
});

/**
 * Latin words the editor may show: formats and names staff know as they are (file names, with a dot or a hyphen, are
 * left out before this list is consulted).
 */
const LATIN_ALLOWED = new Set(['MDX', 'PDF', 'PNG', 'JPEG', 'JPG', 'GIF', 'WebP', 'ZIP', 'CSV', 'Excel', 'MB', 'KB']);

/** The Latin words a page shows: its visible text, and the names, hints and alternative texts of what is visible. */
async function latinWords(page: Page): Promise<string[]> {
  const words = await page.evaluate(() => {
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const texts = [document.body.innerText];
    for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder], img[alt]'))
      if (visible(element))
        for (const attribute of ['aria-label', 'title', 'placeholder', 'alt'])
          texts.push(element.getAttribute(attribute) ?? '');
    return texts.join('\n').split(/\s+/);
  });
  return [
    ...new Set(
      words
        // File names and addresses (editor-cover.png, /files/2025/…, ce-shi-can-ting) are what they are.
        .filter((word) => !/[./\\_-]\w/.test(word))
        .flatMap((word) => word.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [])
        .filter((word) => !LATIN_ALLOWED.has(word)),
    ),
  ].sort();
}

/**
 * Violations in Decap's own markup that the page cannot put right, by rule and a part of the element's HTML, each with
 * why. Anything else fails the check.
 */
const DECAP_VIOLATIONS: ReadonlyArray<{ rule: string; html: string; why: string }> = [
  {
    rule: 'aria-required-attr',
    html: 'ToolbarToggle',
    // The rich-text/source switch above the body is role="switch" without aria-checked: Decap keeps its state only in
    // React (the look of the knob), so the page has no reliable state to copy into aria-checked. Its name is set
    // (切换富文本或源码, src/scripts/editor/chinese.ts); the state is to be reported upstream to Decap.
    why: 'Decap 的“富文本/源码”开关缺少 aria-checked，状态无法从页面读出',
  },
];

/** axe-core's serious and critical violations on the editor page (the preview pane is the site's page: see a11y). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('#preview-pane')
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes
        .filter((node) => !DECAP_VIOLATIONS.some(({ rule, html }) => rule === violation.id && node.html.includes(html)))
        .map((node) => `${violation.id} (${violation.impact}): ${node.html.slice(0, 160)}`),
    );
}

describe('the editor speaks Chinese and is accessible', () => {
  it('shows no Decap logo and no English on the sign-in, collections, article, list and media pages', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/admin/`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    const found: Record<string, string[]> = { 登录: await latinWords(page) };
    await page.getByRole('button', { name: '登录' }).click();
    const entry = page.locator('a[href*="/collections/articles/entries/"]').first();
    await expect.poll(() => entry.isVisible(), { timeout: 30_000 }).toBe(true);
    found.文章列表 = await latinWords(page);
    await page.goto(`${server.url}/admin/#/collections/articles/entries/campaign-2025-notice`);
    await page.getByRole('button', { name: '发布' }).first().waitFor();
    await previewStyled(page);
    found.文章 = await latinWords(page);
    await page.goto(`${server.url}/admin/#/collections/redblack/new`);
    await page.getByRole('button', { name: '发布' }).first().waitFor();
    found.新建红黑榜 = await latinWords(page);
    await page.goto(`${server.url}/admin/#/collections/articles`);
    await page.getByText('媒体', { exact: true }).click();
    await page.getByRole('dialog').waitFor();
    found.媒体库 = await latinWords(page);
    expect(found).toEqual({ 登录: [], 文章列表: [], 文章: [], 新建红黑榜: [], 媒体库: [] });
    // Decap's own logo and links to its site are gone everywhere.
    expect(await page.locator('[class*=Logo], img[src*=decap], a[href*="decapcms"]').count()).toBe(0);
    await page.close();
  });

  it('has no serious or critical axe violation on the collections page and an article form', async () => {
    const page = await openEditor('/collections/articles');
    const entry = page.locator('a[href*="/collections/articles/entries/"]').first();
    await expect.poll(() => entry.isVisible(), { timeout: 30_000 }).toBe(true);
    const collections = await seriousViolations(page);
    await page.goto(`${server.url}/admin/#/collections/articles/entries/campaign-2025-notice`);
    await page.getByRole('button', { name: '发布' }).first().waitFor();
    await previewStyled(page);
    const article = await seriousViolations(page);
    expect({ collections, article }).toEqual({ collections: [], article: [] });
    await page.close();
  });
});
