/**
 * Access to a built test site for tests: its files and pages, served locally, and Chromium to drive.
 * The sites are built by tests/setup/sites.ts before the site and browser tiers start (see tests/helpers/sites.ts).
 */
import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from '../../scripts/lib/browser.ts';
import { startStaticServer } from '../../scripts/static-server.ts';
import { isPrintPagePath } from '../../src/lib/sticker/paths.ts';
import { siteDir, type SiteName } from './sites.ts';

/** The built HTML file for a page path: /plan/2022/ → plan/2022/index.html */
export function pageFile(path: string): string {
  return path.endsWith('/') ? `${path}index.html` : path;
}

/** The page path for a built HTML file: plan/2022/index.html → /plan/2022/, 404.html → /404.html */
export function pagePath(file: string): string {
  const path = `/${file.replace(/^\//, '')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/** Size in bytes after gzip at the default level, as a server would send it. */
export function gzipSize(content: string | Buffer): number {
  return gzipSync(content).length;
}

/** One built test site: the files in its dist/. */
export class BuiltSite {
  /** Absolute path of the site's dist/ folder, with a trailing slash. */
  readonly dist: string;
  #files: string[] | undefined;

  constructor(readonly name: SiteName) {
    this.dist = `${join(siteDir(name), 'dist')}/`;
  }

  #check(): void {
    if (!existsSync(this.dist)) {
      throw new Error(
        `没有找到测试网站“${this.name}”的构建结果 ${this.dist}：请用 npm test 或 npm run test:site 运行。`,
      );
    }
  }

  /** The absolute path of a file in dist/ (a leading slash is allowed). */
  path(file: string): string {
    return join(this.dist, file.replace(/^\//, ''));
  }

  /** Reads a built file as text. */
  read(file: string): string {
    this.#check();
    return readFileSync(this.path(file), 'utf8');
  }

  /** Reads a built page by its address: /plan/2022/ → plan/2022/index.html. */
  page(path: string): string {
    return this.read(pageFile(path));
  }

  /** Whether a path inside dist/ is an existing file. */
  exists(file: string): boolean {
    return existsSync(this.path(file));
  }

  /** Every file in dist/, as paths relative to it (plan/2022/index.html), sorted. */
  files(): string[] {
    this.#check();
    this.#files ??= (readdirSync(this.dist, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(this.dist.length))
      .sort();
    return this.#files;
  }

  /** Every built HTML page as a page path (/, /plan/2022/, /404.html …), sorted. */
  pages(): string[] {
    return this.files()
      .filter((file) => file.endsWith('.html'))
      .map(pagePath)
      .sort();
  }

  /** Every page address listed in the built sitemap.xml, as a path such as /plan/2022/. */
  sitemapPaths(): string[] {
    // Addresses are percent-encoded in the XML (tag pages have Chinese names); files on disk are not.
    return [...this.read('sitemap.xml').matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) =>
      decodeURIComponent(new URL(match[1]!).pathname),
    );
  }

  /** The print pages (door stickers, towns' sticker sheets): built and linked, but left out of sitemap.xml. */
  printPaths(): string[] {
    return this.pages().filter(isPrintPagePath);
  }

  /** Every page the invariants check: the sitemap's pages and the print pages. */
  contentPaths(): string[] {
    return [...this.sitemapPaths(), ...this.printPaths()];
  }

  /** Serves the site on a free local port until `close()`. */
  async serve(): Promise<ServedSite> {
    this.#check();
    const { server, url } = await startStaticServer(this.dist);
    return { url, close: () => new Promise((done) => server.close(() => done())) };
  }
}

export interface ServedSite {
  url: string;
  close: () => Promise<void>;
}

const sites = new Map<SiteName, BuiltSite>();

/** The built test site of that name (the fixture site by default). */
export function builtSite(name: SiteName = 'fixture'): BuiltSite {
  if (!sites.has(name)) sites.set(name, new BuiltSite(name));
  return sites.get(name)!;
}

/**
 * Starts the headless Chromium that comes with npm install (or the one at `CHROMIUM_PATH`), unpacking it first
 * if needed; fails with a Chinese message saying what is missing.
 */
export async function launchChromium(): Promise<Browser> {
  return launchBrowser();
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
 * For a browser test file: serves a built site (the fixture site by default) and starts Chromium before its tests,
 * and stops both after. Read `session.site` and `session.browser` inside tests and hooks (set in beforeAll).
 */
export function useBrowserSession(name: SiteName = 'fixture'): { site: ServedSite; browser: Browser } {
  const session = {} as { site: ServedSite; browser: Browser };
  beforeAll(async () => {
    [session.site, session.browser] = await Promise.all([builtSite(name).serve(), launchChromium()]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.site?.close();
  });
  return session;
}
