/**
 * Articles as readers use them: the list and its pages, an article, the feeds, and the interpretation beside its
 * task.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES_PER_PAGE } from '../../src/lib/articles/publish.ts';
import { useBrowserSession } from '../helpers/site.ts';

const FOLDER = new URL('../fixtures/site/content/articles/', import.meta.url);
/** The published articles as the content files state them, newest first. */
const articles = readdirSync(FOLDER)
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => ({
    slug: name.replace('.mdx', ''),
    ...parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(new URL(name, FOLDER), 'utf8'))![1]!),
  }))
  .filter((article) => !article.draft && new Date(`${article.publishedAt.replace(' ', 'T')}+08:00`) <= new Date())
  .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.slug.localeCompare(b.slug));

const session = useBrowserSession();
let context: BrowserContext;

beforeAll(async () => {
  context = await session.browser.newContext({ javaScriptEnabled: false });
});

describe('/articles/', () => {
  it('lists articles newest first over pages linked to each other', async () => {
    expect(articles.length).toBeGreaterThan(ARTICLES_PER_PAGE);
    const page = await context.newPage();
    const seen: string[] = [];
    await page.goto(`${session.site.url}/articles/`);
    for (;;) {
      seen.push(...(await page.$$eval('main li h2 a', (links) => links.map((link) => link.getAttribute('href')!))));
      const next = await page.$('nav[aria-label="分页"] a[rel="next"]');
      if (!next) break;
      await Promise.all([page.waitForURL(/\/articles\/page\/\d+\/$/), next.click()]);
      expect(await page.textContent('nav[aria-label="分页"] [aria-current="page"]')).toMatch(/第 \d+ 页/);
    }
    expect(seen).toEqual(articles.map((article) => `/articles/${article.slug}/`));
    await page.close();
  });

  it('shows dates as YYYY-MM-DD HH:MM with a machine-readable time', async () => {
    const page = await context.newPage();
    await page.goto(`${session.site.url}/articles/`);
    const first = page.locator('main li time').first();
    expect(await first.textContent()).toBe(articles[0]!.publishedAt);
    expect(await first.getAttribute('datetime')).toBe(`${articles[0]!.publishedAt.replace(' ', 'T')}+08:00`);
    await page.close();
  });
});

describe('an article', () => {
  it('shows its date, source, category, tags and related tasks, and links to its neighbours', async () => {
    const article = articles.find((candidate) => candidate.tasks?.length > 0 && candidate.tags?.length > 0)!;
    const index = articles.indexOf(article);
    const page = await context.newPage();
    await page.goto(`${session.site.url}/articles/${article.slug}/`);
    expect(await page.textContent('h1')).toBe(article.title);
    const header = (await page.textContent('article header'))!;
    expect(header).toContain(article.publishedAt);
    expect(header).toContain(`来源：${article.source}`);
    for (const tag of article.tags) expect(await page.locator(`a[href="/articles/tags/${tag}/"]`).count()).toBe(1);
    for (const task of article.tasks as string[]) {
      const [year, number] = task.split('-');
      expect(await page.locator(`#tasks-heading ~ ul a[href="/plan/${year}/tasks/${Number(number)}/"]`).count()).toBe(
        1,
      );
    }
    const older = articles[index + 1];
    if (older) expect(await page.getAttribute('a[rel="prev"]', 'href')).toBe(`/articles/${older.slug}/`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('nav[aria-label="上一篇和下一篇"]')).toBe(false);
    expect(await page.isVisible('article')).toBe(true);
    await page.close();
  });

  it('a 政策解读 sits beside the task it explains', async () => {
    const policy = articles.find((candidate) => candidate.category === 'policy' && candidate.tasks?.length > 0)!;
    const [year, number] = (policy.tasks[0] as string).split('-');
    const page = await context.newPage();
    await page.goto(`${session.site.url}/plan/${year}/tasks/${Number(number)}/`);
    expect(await page.locator(`#articles-heading ~ ul a[href="/articles/${policy.slug}/"]`).count()).toBe(1);
    await page.close();
  });
});

describe('cover images', () => {
  it('are optimised at build time and keep their alt text', async () => {
    const article = articles.find((candidate) => candidate.cover)!;
    const page = await context.newPage();
    await page.goto(`${session.site.url}/articles/${article.slug}/`);
    const cover = page.locator('article > img').first();
    expect(await cover.getAttribute('alt')).toBe(article.cover.alt);
    const srcset = (await cover.getAttribute('srcset'))!;
    expect(srcset).toMatch(/\/_astro\/[^ ]+\.webp \d+w/);
    const smallest = srcset.split(',')[0]!.trim().split(' ')[0]!;
    const response = await page.request.get(`${session.site.url}${smallest}`);
    expect(response.status()).toBe(200);
    // Smaller than the original file: it was resized and re-encoded.
    expect((await response.body()).length).toBeLessThan(
      readFileSync(new URL(article.cover.src.replace('./', ''), FOLDER)).length,
    );
    await page.close();
  });
});

describe('the cover image', () => {
  it.each([
    [390, 844],
    [1280, 900],
  ])('at %i px wide, loads at once and is offered in the width it is shown', async (width, height) => {
    const article = articles.find((candidate) => candidate.cover)!;
    const page = await session.browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2 });
    await page.goto(`${session.site.url}/articles/${article.slug}/`);
    const cover = page.locator('article > img').first();
    // The page's largest picture: never lazy, fetched first.
    expect(await cover.getAttribute('loading')).toBe('eager');
    expect(await cover.getAttribute('fetchpriority')).toBe('high');
    const shown = await cover.evaluate((image: HTMLImageElement) => ({
      width: image.getBoundingClientRect().width,
      // The slot width the sizes attribute promises at this viewport, measured by the browser itself.
      promised: (() => {
        const probe = document.createElement('div');
        probe.style.width =
          image.sizes.includes('calc') && window.matchMedia('(max-width: 64rem)').matches
            ? 'calc(100vw - 2rem)'
            : '62rem';
        document.body.append(probe);
        const value = probe.getBoundingClientRect().width;
        probe.remove();
        return value;
      })(),
    }));
    // sizes tells the truth (within a scrollbar's width), so the browser picks the right file.
    expect(Math.abs(shown.width - shown.promised)).toBeLessThan(20);
    await page.close();
  });
});

describe('feeds', () => {
  it.each(['/rss.xml', '/articles/category/science/rss.xml', '/redblack/rss.xml'])(
    '%s is well-formed RSS 2.0 with dated items',
    async (path) => {
      const page = await session.browser.newPage();
      const xml = await (await page.request.get(`${session.site.url}${path}`)).text();
      const report = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const items = [...doc.querySelectorAll('channel > item')];
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          version: doc.documentElement.getAttribute('version'),
          channel: ['title', 'link', 'description'].map(
            (name) => doc.querySelector(`channel > ${name}`)?.textContent ?? '',
          ),
          items: items.map((item) => ({
            title: item.querySelector('title')?.textContent ?? '',
            link: item.querySelector('link')?.textContent ?? '',
            date: Date.parse(item.querySelector('pubDate')?.textContent ?? ''),
          })),
        };
      }, xml);
      await page.close();
      expect(report.error).toBeNull();
      expect(report.version).toBe('2.0');
      expect(report.channel.every(Boolean)).toBe(true);
      expect(report.items.length).toBeGreaterThan(0);
      for (const item of report.items) {
        expect(item.title).not.toBe('');
        expect(item.link).toMatch(/^https?:\/\//);
        expect(Number.isNaN(item.date)).toBe(false);
      }
      if (path === '/rss.xml')
        expect(report.items.map((item) => new URL(item.link).pathname)).toEqual(
          articles.map((article) => `/articles/${article.slug}/`),
        );
    },
  );
});
