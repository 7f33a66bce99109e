/**
 * Door stickers on the fixture site (tests/fixtures/site/README.md): every sticker's QR code decodes to its
 * restaurant's address with the current code, the restaurant page names that code and keeps a verdict for every
 * earlier one, the badges carry the same standing, and the print pages stay out of sitemap.xml and search.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexSite } from '../../src/integrations/pagefind.ts';
import { findElement, startTags, textOf } from '../helpers/html.ts';
import { decodeQrSvg } from '../helpers/qr.ts';
import { builtSite } from '../helpers/site.ts';

const site = builtSite('fixture');
/** The fixture's restaurants and their current standing (README: Restaurants). */
const STATUS: Record<string, string> = {
  'ce-shi-jia-can-ting': '黑榜 · 整改中',
  'ce-shi-yi-kuai-can': '红榜',
  'ce-shi-bing-xiao-chi': '黑榜 · 复查不合格',
  'ce-shi-ding-cha-yin': '红榜',
  'ce-shi-wu-gao-dian': '黑榜 · 复查合格',
  'ce-shi-ji-huo-guo': '黑榜 · 已过整改期限',
  'ce-shi-geng-shi-tang': '红榜',
  'ce-shi-xin-pei-can': '黑榜 · 整改中',
  'ce-shi-jia-can-ting-2': '红榜',
};
const ORIGIN = new URL(site.read('sitemap.xml').match(/<loc>([^<]+)<\/loc>/)![1]!).origin;

/** The inline QR SVGs of a page, in order. */
const qrCodesIn = (html: string) =>
  [...html.matchAll(/<div class="sticker-qr" data-qr>(<svg[\s\S]*?<\/svg>)<\/div>/g)].map((m) => m[1]!);
const codesIn = (html: string) => [...html.matchAll(/data-sticker-code="([^"]+)"/g)].map((m) => m[1]!);
const currentCode = (id: string) => site.page(`/restaurants/${id}/`).match(/门贴核验码：<strong[^>]*>([^<]+)</)![1]!;

describe('door stickers of the fixture site', () => {
  it('exist for exactly the listed restaurants, each linked from its restaurant page', () => {
    const stickers = site.printPaths().filter((path) => path.endsWith('/sticker/'));
    expect(stickers.sort()).toEqual(
      Object.keys(STATUS)
        .map((id) => `/restaurants/${id}/sticker/`)
        .sort(),
    );
    for (const id of Object.keys(STATUS)) {
      const links = startTags(site.page(`/restaurants/${id}/`))
        .filter((tag) => tag.name === 'a')
        .map((tag) => tag.attrs.href);
      expect(links).toContain(`/restaurants/${id}/sticker/`);
    }
  });

  it.each(Object.keys(STATUS))(
    '%s: the QR code on its sticker page decodes to its address with the current code',
    async (id) => {
      const html = site.page(`/restaurants/${id}/sticker/`);
      const code = currentCode(id);
      expect(code).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{6}$/);
      const svgs = qrCodesIn(html);
      expect(svgs).toHaveLength(2);
      expect(await decodeQrSvg(svgs[0]!)).toBe(`${ORIGIN}/restaurants/${id}/#s-${code}`);
      // The A4 poster draws the same path again: the page defines it once.
      expect(svgs[0]).toContain(`<path id="qr-${id}"`);
      expect(svgs[1]).toMatch(new RegExp(`<use href="#qr-${id}"\\s*/?>`));
      expect(html.split(`id="qr-${id}"`)).toHaveLength(2);
      expect(codesIn(html)).toEqual([code, code]);
      const main = textOf(findElement(html, (tag) => tag.name === 'main')!.inner);
      expect(main).toContain(STATUS[id]);
      expect(main).toContain(`门贴核验码 ${code}`);
    },
  );

  it('every QR code on the towns’ sheets decodes to its restaurant’s address, in pinyin order', async () => {
    const sheets = site.printPaths().filter((path) => path.includes('/stickers/'));
    // The three towns with listed restaurants (崔黄口镇 has none, so no sheet).
    expect(sheets.sort()).toEqual([
      '/towns/120114001/stickers/',
      '/towns/120114002/stickers/',
      '/towns/120114101/stickers/',
    ]);
    const decoded: string[] = [];
    for (const path of sheets) for (const svg of qrCodesIn(site.page(path))) decoded.push((await decodeQrSvg(svg))!);
    const expected = Object.keys(STATUS).map((id) => `${ORIGIN}/restaurants/${id}/#s-${currentCode(id)}`);
    expect(decoded.sort()).toEqual(expected.sort());
    // 梅厂镇 in pinyin order of the sign names: 测试辛配餐 (xin), 测试甲餐厅 (jia), 测试己火锅 (ji), 测试庚食堂 (geng).
    const names = [...site.page('/towns/120114101/stickers/').matchAll(/class="sticker-name">([^<]+)</g)].map(
      (m) => m[1],
    );
    expect(names).toEqual(['测试庚食堂', '测试己火锅', '测试甲餐厅', '测试辛配餐']);
  });

  it('the restaurant page keeps a hidden verdict for every code its sticker has had', () => {
    // 测试甲餐厅: 红榜 (2024-01), then 黑榜 · 整改中 (2025-01): one earlier code.
    const html = site.page('/restaurants/ce-shi-jia-can-ting/');
    const code = currentCode('ce-shi-jia-can-ting');
    const verdicts = startTags(html).filter((tag) => tag.attrs.id?.startsWith('s-'));
    expect(verdicts.map((tag) => tag.attrs.id)).toHaveLength(2);
    expect(verdicts.at(-1)!.attrs.id).toBe(`s-${code}`);
    for (const tag of verdicts) expect(tag.attrs.class).toMatch(/\bhidden\b.*\btarget:block\b/);
    expect(html).toContain('这张门贴已过期：该餐厅当前状态为黑榜 · 整改中');
    // 测试庚食堂, only ever 红榜 once: one code, the current one.
    expect(
      startTags(site.page('/restaurants/ce-shi-geng-shi-tang/')).filter((tag) => tag.attrs.id?.startsWith('s-')),
    ).toHaveLength(1);
  });

  it('each restaurant page has a verdict per standing, and per one a build may have shown before (README)', () => {
    const counts = Object.fromEntries(
      Object.keys(STATUS).map((id) => [
        id,
        startTags(site.page(`/restaurants/${id}/`)).filter((tag) => tag.attrs.id?.startsWith('s-')).length,
      ]),
    );
    // Plus one for 已过整改期限 where a re-inspection came before its deadline passed (or on that day): yi, bing,
    // xin, wu; until it was entered, the site showed 已过整改期限 and a sticker may have been printed.
    expect(counts).toEqual({
      'ce-shi-jia-can-ting': 2,
      'ce-shi-yi-kuai-can': 3 + 1,
      'ce-shi-bing-xiao-chi': 2 + 1,
      'ce-shi-ding-cha-yin': 2,
      'ce-shi-wu-gao-dian': 3 + 1,
      'ce-shi-ji-huo-guo': 2,
      'ce-shi-geng-shi-tang': 1,
      'ce-shi-xin-pei-can': 1 + 1,
      'ce-shi-jia-can-ting-2': 1,
    });
    // Each such verdict says the sticker has expired and what it showed.
    const bing = site.page('/restaurants/ce-shi-bing-xiao-chi/');
    expect(textOf(bing)).toContain('所示为黑榜 · 已过整改期限（自2024年4月16日起），已不是该餐厅的当前状态');
  });

  it.each(Object.keys(STATUS))('%s: its badge shows the current standing and the date, as an SVG image', (id) => {
    const svg = site.read(`restaurants/${id}/badge.svg`);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(`>${STATUS[id]}</text>`);
    expect(svg).not.toMatch(/<script|on\w+=/i);
    const date = site.page(`/restaurants/${id}/sticker/`).match(/状态日期：<time datetime="[^"]+">([^<]+)</)![1]!;
    expect(svg).toContain(`>${date}</text>`);
  });

  it('the sticker page documents the badge’s HTML snippet, escaped', () => {
    const html = site.page('/restaurants/ce-shi-ji-huo-guo/sticker/');
    const page = `${ORIGIN}/restaurants/ce-shi-ji-huo-guo/`;
    expect(html).toContain(`&lt;a href=&quot;${page}&quot;&gt;&lt;img src=&quot;${page}badge.svg&quot;`);
  });

  it('print pages are not in sitemap.xml, not indexed for search, and ask search engines not to list them', () => {
    const xml = site.read('sitemap.xml');
    expect(xml).not.toMatch(/\/sticker\/|\/stickers\//);
    const robots = (path: string) =>
      startTags(site.page(path)).find((tag) => tag.name === 'meta' && tag.attrs.name === 'robots')?.attrs.content;
    for (const path of site.printPaths()) {
      expect(site.page(path)).not.toContain('data-pagefind-body');
      expect(robots(path)).toBe('noindex');
    }
    expect(robots('/restaurants/ce-shi-ji-huo-guo/')).toBeUndefined();
  });

  it('print pages are marked as such on <body>, and print without :has() (older office browsers lack it)', () => {
    const bodyClass = (path: string) => startTags(site.page(path)).find((tag) => tag.name === 'body')!.attrs.class;
    for (const path of site.printPaths()) expect(bodyClass(path)).toMatch(/\bprint-page\b/);
    expect(bodyClass('/restaurants/ce-shi-ji-huo-guo/')).not.toMatch(/\bprint-page\b/);
    // Every stylesheet a print page loads: a rule with :has() is dropped whole where the browser lacks it.
    for (const path of site.printPaths()) {
      const sheets = startTags(site.page(path))
        .filter((tag) => tag.name === 'link' && tag.attrs.rel === 'stylesheet')
        .map((tag) => tag.attrs.href!);
      expect(sheets.length).toBeGreaterThan(0);
      for (const href of sheets) expect(site.read(href.slice(1))).not.toContain(':has(');
    }
  });
});

describe('the search index (src/integrations/pagefind.ts)', () => {
  it('does not read the print pages, even one marked for indexing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shian-pagefind-'));
    const page = (title: string) =>
      `<!doctype html><html lang="zh-CN"><head><title>${title}</title></head><body><main data-pagefind-body>` +
      `<h1>${title}</h1><p>测试页面正文</p></main></body></html>`;
    const pages = [
      'index.html',
      'plan/2030/tasks/1/index.html',
      'restaurants/index.html',
      'restaurants/a/index.html',
      'restaurants/initial/a/index.html',
      'towns/index.html',
      'towns/120114001/index.html',
    ];
    const print = [
      'restaurants/a/sticker/index.html',
      'towns/120114001/stickers/index.html',
      'towns/120114001/stickers/2/index.html',
    ];
    try {
      for (const file of [...pages, ...print]) {
        mkdirSync(join(dir, dirname(file)), { recursive: true });
        writeFileSync(join(dir, file), page(file));
      }
      expect(await indexSite(dir)).toEqual({ read: pages.length, indexed: pages.length });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
