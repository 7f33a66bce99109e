/**
 * The editor service as staff use it (`npm run editor:serve`: sign-in, drafts, review before publish, history), in
 * Chromium, on a copy of the fixture site in a real git repository with a bare `origin`, publishing for real into a
 * temporary PUBLISH_DIR through the publish pipeline. Screenshots for docs/editing-guide.md are taken here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCK_AFTER } from '../../src/lib/editor/accounts.ts';
import type { EditorUser } from '../../src/lib/editor/mode.ts';
import { ROOT } from '../helpers/build.ts';
import { SERVICE_PASSWORD, startEditorService, type EditorService } from '../helpers/editor-service.ts';
import { saveScreenshot } from '../helpers/screenshots.ts';
import { launchChromium } from '../helpers/site.ts';

const SHOTS = join(ROOT, 'docs/images/editor-service');
const EDITOR: EditorUser = { name: '张编辑', role: '编辑' };
const SECOND_EDITOR: EditorUser = { name: '王编辑', role: '编辑' };
const REVIEWER: EditorUser = { name: '李审核', role: '审核' };
const LOCKED: EditorUser = { name: '锁定测试', role: '编辑' };

let service: EditorService;
let browser: Browser;

beforeAll(async () => {
  [service, browser] = await Promise.all([
    startEditorService('editor-service', [EDITOR, SECOND_EDITOR, REVIEWER, LOCKED]),
    launchChromium(),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  // A publish an approval started must end before its folders go.
  if (service) await publishSettled();
  service?.stop();
}, 180_000);

/** A member's own browser (their own cookies), signed in, on the editor's front page. */
async function signedIn(user: EditorUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${service.server.url}/admin/`);
  await page.getByLabel('账号').fill(user.name);
  await page.getByLabel('密码').fill(SERVICE_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect
    .poll(() => page.locator('#editor-account [data-user]').textContent(), { timeout: 60_000 })
    .toBe(`${user.name}（${user.role}）`);
  return { context, page };
}

/** Opens an entry (or a new one) in the editor and waits for its form. */
async function openEntry(page: Page, hash: string): Promise<void> {
  await page.goto(`${service.server.url}/admin/#${hash}`);
  await page.getByLabel('标题', { exact: true }).waitFor({ timeout: 60_000 });
}

/** Saves the entry open in the editor (a draft, in the service) and waits until Decap says it is saved. */
async function saveDraft(page: Page): Promise<void> {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect.poll(() => page.getByText('修改已保存').isVisible(), { timeout: 60_000 }).toBe(true);
}

/** Sets the open draft's status (草稿 / 待审核 / 待发布) from the toolbar. */
async function setStatus(page: Page, status: string): Promise<void> {
  await page.getByRole('button', { name: /^状态/ }).click();
  await page.getByRole('menuitem', { name: status }).click();
  await expect.poll(() => page.getByRole('button', { name: /^状态/ }).textContent()).toContain(status);
}

/** The publish status the review page and the editor show. */
async function publishStatus(): Promise<{ running: boolean; queued: boolean; last: { ok: boolean } | null }> {
  return reviewerApi('/admin/api/publish-status/');
}

let reviewerCookie: string | null = null;
/** GETs an address of the service as the 审核 (signing in over HTTP once). */
async function reviewerApi<T>(path: string): Promise<T> {
  if (!reviewerCookie) {
    const response = await fetch(`${service.server.url}/admin/login/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: service.server.url },
      body: new URLSearchParams({ name: REVIEWER.name, password: SERVICE_PASSWORD }).toString(),
    });
    reviewerCookie = response.headers.get('set-cookie')!.split(';')[0]!;
  }
  return (await fetch(`${service.server.url}${path}`, { headers: { Cookie: reviewerCookie } })).json() as Promise<T>;
}

/** Waits until no publish is running or queued. */
async function publishSettled(): Promise<void> {
  await vi.waitFor(
    async () => {
      const status = await publishStatus();
      if (status.running || status.queued) throw new Error('发布仍在进行');
    },
    { timeout: 170_000, interval: 1000 },
  );
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: service.dir, encoding: 'utf8' });

describe('signing in', () => {
  it('sends a visitor to the Chinese sign-in page, and locks an account after repeated wrong passwords', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${service.server.url}/admin/`);
    expect(new URL(page.url()).pathname).toBe('/admin/login/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('登录编辑后台');
    await saveScreenshot(page, join(SHOTS, 'login.png'));
    for (let attempt = 1; attempt <= LOCK_AFTER; attempt += 1) {
      await page.getByLabel('账号').fill(LOCKED.name);
      await page.getByLabel('密码').fill('not the password');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('alert').waitFor();
    }
    expect(await page.getByRole('alert').textContent()).toMatch(
      /^连续输错密码次数过多，账号已锁定到 \d\d:\d\d（北京时间）/,
    );
    // The right password does not open a locked account.
    await page.getByLabel('密码').fill(SERVICE_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/账号已锁定/);
    expect(new URL(page.url()).pathname).toBe('/admin/login/');
    await context.close();
  });
});

/** The article a new 编辑 writes in the walkthrough (its address is the title's pinyin). */
const ARTICLE = {
  title: '宣传周现场报道',
  slug: 'xuan-chuan-zhou-xian-chang-bao-dao',
  summary: '宣传周现场活动的图文报道。',
};

describe('review before publish', () => {
  it('keeps a draft off the site until a 审核 approves it; approval commits with both names and publishes', async () => {
    const { context, page } = await signedIn(EDITOR);
    await openEntry(page, '/collections/articles/new');
    await page.getByLabel('标题', { exact: true }).fill(ARTICLE.title);
    await page.getByLabel('摘要', { exact: true }).fill(ARTICLE.summary);
    await page.getByLabel('发布时间', { exact: true }).fill('2025-01-10T10:00');
    await page.getByLabel('栏目', { exact: true }).click();
    await page.getByRole('option', { name: '新闻动态', exact: true }).click();
    await page.locator('[data-slate-editor]').click();
    await page.keyboard.type('宣传周当天，各街镇开展了现场咨询活动。');
    await saveDraft(page);
    await setStatus(page, '待审核');
    await saveScreenshot(page, join(SHOTS, 'draft-in-review.png'));

    // A draft: nothing in content/, nothing on the site (preview or published), nothing in git.
    const file = `content/articles/${ARTICLE.slug}.mdx`;
    expect(existsSync(join(service.dir, file))).toBe(false);
    // The editor's own preview of the site (signed in) has no such page either.
    expect((await context.request.get(`${service.server.url}/articles/${ARTICLE.slug}/`)).status()).toBe(404);
    expect(existsSync(join(service.publishDir, 'current'))).toBe(false);
    expect(git('status', '--porcelain', '--', 'content')).toBe('');

    // An 编辑 cannot publish, whatever the page shows: the server refuses.
    const refused = await page.evaluate(async (slug) => {
      const session = (await (await fetch('/admin/session/')).json()) as { csrfToken: string };
      const response = await fetch('/admin/api/v1/', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({
          action: 'publishUnpublishedEntry',
          params: { branch: 'main', collection: 'articles', slug },
        }),
      });
      return { status: response.status, body: (await response.json()) as { error: string } };
    }, ARTICLE.slug);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/审核/);
    await context.close();

    // The 审核 reviews: the field diff, then 通过并发布.
    const reviewer = await signedIn(REVIEWER);
    await reviewer.page.goto(`${service.server.url}/admin/review/`);
    await reviewer.page.getByRole('link', { name: ARTICLE.title }).click();
    await expect.poll(() => reviewer.page.locator('main').textContent()).toContain(ARTICLE.summary);
    expect(await reviewer.page.locator('main').textContent()).toContain(`作者：${EDITOR.name}`);
    await saveScreenshot(reviewer.page, join(SHOTS, 'review.png'));
    await reviewer.page.getByRole('button', { name: '通过并发布' }).click();
    await expect.poll(() => reviewer.page.locator('main').textContent()).toContain('已通过并记入版本库');
    await publishSettled();
    const status = await publishStatus();
    expect(status.last?.ok, JSON.stringify(status.last)).toBe(true);

    // Committed with both names, pushed to origin, and live in the published release.
    expect(readFileSync(join(service.dir, file), 'utf8')).toContain(`title: ${ARTICLE.title}`);
    expect(git('log', '-1', '--format=%an', '--', file).trim()).toBe(EDITOR.name);
    const [committer, ...message] = git('log', '-1', '--format=%cn%n%B', '--', file).split('\n');
    expect(committer).toBe(REVIEWER.name);
    expect(message.join('\n')).toContain(`审核：${REVIEWER.name}`);
    expect(git('rev-parse', 'HEAD')).toBe(git('--git-dir', service.origin, 'rev-parse', 'main'));
    const page2 = join(service.publishDir, 'current', 'articles', ARTICLE.slug, 'index.html');
    expect(readFileSync(page2, 'utf8')).toContain(ARTICLE.title);
    expect(readdirSync(join(service.publishDir, 'releases'))).toHaveLength(1);
    await reviewer.context.close();
  });
});
