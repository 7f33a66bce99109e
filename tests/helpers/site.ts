/**
 * Access to the built site in dist/ for tests: its pages, served locally, and Chromium to drive.
 * `npm test` builds the site before running the tests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startStaticServer } from '../../scripts/static-server.ts';

export const DIST = new URL('../../dist/', import.meta.url);

/** Reads a built file, failing with a clear message when the site has not been built. */
export function readBuilt(path: string): string {
  const url = new URL(path.replace(/^\//, ''), DIST);
  if (!existsSync(DIST)) throw new Error('没有找到 dist/：请用 npm test 运行测试（它会先构建网站）。');
  return readFileSync(url, 'utf8');
}

/** Every page address listed in the built sitemap.xml, as a path such as /plan/2022/. */
export function sitemapPaths(): string[] {
  const xml = readBuilt('sitemap.xml');
  // Addresses are percent-encoded in the XML (tag pages have Chinese names); files on disk are not.
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => decodeURIComponent(new URL(match[1]!).pathname));
}

/** The built HTML file for a page path: /plan/2022/ → plan/2022/index.html */
export function pageFile(path: string): string {
  return path.endsWith('/') ? `${path}index.html` : path;
}

/** The page path for a built HTML file: plan/2022/index.html → /plan/2022/, 404.html → /404.html */
export function pagePath(file: string): string {
  const path = `/${file.replace(/^\//, '')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/** Every file in dist/, as paths relative to it (plan/2022/index.html), sorted. */
export function builtFiles(): string[] {
  if (!existsSync(DIST)) throw new Error('没有找到 dist/：请用 npm test 运行测试（它会先构建网站）。');
  return (readdirSync(DIST, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`.slice(new URL(DIST).pathname.length).replace(/^\//, ''))
    .sort();
}

/** Every built HTML page as a page path (/, /plan/2022/, /404.html …), sorted. */
export function builtPages(): string[] {
  return builtFiles()
    .filter((file) => file.endsWith('.html'))
    .map(pagePath)
    .sort();
}

/** Whether a path inside dist/ is an existing file. */
export function builtFileExists(path: string): boolean {
  return existsSync(new URL(path.replace(/^\//, ''), DIST));
}

/** Size in bytes after gzip at the default level, as a server would send it. */
export function gzipSize(content: string | Buffer): number {
  return gzipSync(content).length;
}

const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Starts headless Debian Chromium; fails with install instructions when it is missing. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = CHROMIUM_CANDIDATES.find((path) => path && existsSync(path));
  if (!executablePath) {
    throw new Error(
      '未找到 Chromium，浏览器测试无法运行。请以 root 运行：apt-get update && apt-get install -y chromium fonts-noto-cjk' +
        '（或设置 CHROMIUM_PATH 指向已安装的 Chromium）。',
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Serves dist/ on a free local port for the duration of a test file. */
export async function serveSite(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(DIST)) throw new Error('没有找到 dist/：请用 npm test 运行测试（它会先构建网站）。');
  const { server, url } = await startStaticServer(new URL(DIST).pathname);
  return { url, close: () => new Promise((done) => server.close(() => done())) };
}

/**
 * Lends out at most `size` reusable pages of one browser context, so concurrent tests share a few tabs
 * instead of opening one each (two cores run two pages at a time at best).
 */
export function pagePool(context: BrowserContext, size: number): <T>(use: (page: Page) => Promise<T>) => Promise<T> {
  const idle: Page[] = [];
  const waiting: Array<(page: Page) => void> = [];
  let opened = 0;
  async function acquire(): Promise<Page> {
    const page = idle.pop();
    if (page) return page;
    if (opened < size) {
      opened += 1;
      return context.newPage();
    }
    return new Promise((resolve) => waiting.push(resolve));
  }
  function release(page: Page): void {
    const next = waiting.shift();
    if (next) next(page);
    else idle.push(page);
  }
  return async (use) => {
    const page = await acquire();
    try {
      return await use(page);
    } finally {
      release(page);
    }
  };
}

/**
 * For a browser test file: serves dist/ and starts Chromium before its tests, and stops both after.
 * Read `session.site` and `session.browser` inside tests and hooks (they are set in beforeAll).
 */
export function useBrowserSession(): { site: Awaited<ReturnType<typeof serveSite>>; browser: Browser } {
  const session = {} as { site: Awaited<ReturnType<typeof serveSite>>; browser: Browser };
  beforeAll(async () => {
    [session.site, session.browser] = await Promise.all([serveSite(), launchChromium()]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.site?.close();
  });
  return session;
}
