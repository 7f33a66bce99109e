/**
 * Door stickers in Chromium, on the fixture site: an old sticker's code says 这张门贴已过期 first with JavaScript off;
 * the A6 sticker, the A4 poster and a town's sheet print at 100% to PDFs of the right paper size, with the QR code at
 * least 25 mm wide and nothing outside its card or its page.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printStickers } from '../../scripts/print-stickers.ts';
import { NAME_FIT_LIMITS, nameFit } from '../../src/lib/sticker/name-fit.ts';
import { decodeQrPng } from '../helpers/qr.ts';
import { saveScreenshot } from '../helpers/screenshots.ts';
import { builtSite, useBrowserSession } from '../helpers/site.ts';

const SHOTS = join(fileURLToPath(new URL('../../', import.meta.url)), 'docs/images/stickers');
const session = useBrowserSession('fixture');
const site = builtSite('fixture');
/** CSS pixels per millimetre (96 per inch). */
const PX_PER_MM = 96 / 25.4;
/** PDF points per millimetre (72 per inch). */
const PT_PER_MM = 72 / 25.4;
let noScript: BrowserContext;
let printing: BrowserContext;

beforeAll(async () => {
  noScript = await session.browser.newContext({ javaScriptEnabled: false });
  printing = await session.browser.newContext({ javaScriptEnabled: false });
});
afterAll(async () => {
  await noScript?.close();
  await printing?.close();
});

/** The codes 测试甲餐厅 has had, oldest first (红榜 in 2024-01, then 黑榜 · 整改中 in 2025-01). */
const JIA = '/restaurants/ce-shi-jia-can-ting/';
const verdictIds = [...site.page(JIA).matchAll(/ id="(s-[^"]+)"/g)].map((match) => match[1]!);

describe('a sticker’s QR code opens the restaurant page with its verdict, JavaScript off', () => {
  it('an old code: 这张门贴已过期 comes first, above the page’s heading and in view', async () => {
    expect(verdictIds).toHaveLength(2);
    const page = await noScript.newPage();
    try {
      await page.goto(`${session.site.url}${JIA}#${verdictIds[0]}`);
      const verdict = page.locator(`#${verdictIds[0]}`);
      await expect.poll(() => verdict.isVisible()).toBe(true);
      expect(await verdict.innerText()).toMatch(/^这张门贴已过期：该餐厅当前状态为黑榜 · 整改中（自2025年/);
      // Before anything else in the page's main content, and where the browser has scrolled to.
      const first = await page.evaluate(() => {
        const main = document.querySelector('main')!;
        const visible = [...main.querySelectorAll('*')].find((element) => element.getClientRects().length > 0);
        return visible?.id;
      });
      expect(first).toBe(verdictIds[0]);
      const box = (await verdict.boundingBox())!;
      expect(box.y).toBeGreaterThan(-1);
      expect(box.y).toBeLessThan(page.viewportSize()!.height / 2);
      // The current code's verdict stays hidden.
      expect(await page.locator(`#${verdictIds[1]}`).isVisible()).toBe(false);
      await saveScreenshot(page, join(SHOTS, 'expired.png'));
    } finally {
      await page.close();
    }
  });

  it('the current code says the sticker is current; no code shows no verdict', async () => {
    const page = await noScript.newPage();
    try {
      await page.goto(`${session.site.url}${JIA}#${verdictIds[1]}`);
      const verdict = page.locator(`#${verdictIds[1]}`);
      await expect.poll(() => verdict.isVisible()).toBe(true);
      expect(await verdict.innerText()).toMatch(/^这张门贴是当前的：门贴核验码 /);
      // Only the code is checked: the reader is told to compare the printed standing too.
      expect(await verdict.innerText()).toContain('门贴上印的状态应与此相同；如不同，以本页为准。');
      await page.goto(`${session.site.url}${JIA}`);
      for (const id of verdictIds) expect(await page.locator(`#${id}`).isVisible()).toBe(false);
      expect(await page.locator('[data-sticker-current]').innerText()).toContain(verdictIds[1]!.slice(2));
    } finally {
      await page.close();
    }
  });
});

/** Every page's size in the PDF, in millimetres (Chromium writes each page's MediaBox in plain text). */
function pdfPageSizes(pdf: Buffer): Array<[number, number]> {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/Type\s*\/Page\b[^s][\s\S]*?\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(
    (match) => [Math.round(Number(match[1]) / PT_PER_MM), Math.round(Number(match[2]) / PT_PER_MM)],
  );
}

/**
 * In print media: every card's QR code width (mm) and whether anything in a card lies outside it, and the cards'
 * outer box (mm) relative to the first card.
 */
async function printedCards(page: Page, selector: string) {
  await page.emulateMedia({ media: 'print' });
  return page.evaluate(
    ({ selector, pxPerMm }) =>
      [...document.querySelectorAll<HTMLElement>(selector)]
        .filter((card) => card.getClientRects().length > 0)
        .map((card) => {
          const box = card.getBoundingClientRect();
          const outside = [...card.querySelectorAll('*')].filter((element) => {
            const inner = element.getBoundingClientRect();
            return (
              inner.width > 0 &&
              (inner.left < box.left - 0.5 ||
                inner.right > box.right + 0.5 ||
                inner.top < box.top - 0.5 ||
                inner.bottom > box.bottom + 0.5)
            );
          });
          return {
            width: box.width / pxPerMm,
            height: box.height / pxPerMm,
            left: box.left / pxPerMm,
            top: box.top / pxPerMm,
            qr: card.querySelector('svg')!.getBoundingClientRect().width / pxPerMm,
            overflows: card.scrollHeight > card.clientHeight + 1 || card.scrollWidth > card.clientWidth + 1,
            outside: outside.map((element) => element.className || element.tagName),
          };
        }),
    { selector, pxPerMm: PX_PER_MM },
  );
}

describe('printing stickers to PDF at 100% scale', () => {
  it('the A6 sticker: one A6 page, QR ≥ 25 mm, nothing cut off', async () => {
    const page = await printing.newPage();
    try {
      await page.goto(`${session.site.url}/restaurants/ce-shi-ji-huo-guo/sticker/`);
      const cards = await printedCards(page, '.sticker');
      expect(cards).toHaveLength(1);
      const [card] = cards;
      // A6 (105 × 148 mm) less its 5 mm margins.
      expect(card!.width).toBeCloseTo(95, 0);
      expect(card!.height).toBeLessThanOrEqual(138);
      expect(card!.qr).toBeGreaterThanOrEqual(25);
      expect(card!.overflows).toBe(false);
      expect(card!.outside).toEqual([]);
      expect(pdfPageSizes(await page.pdf({ preferCSSPageSize: true, printBackground: true }))).toEqual([[105, 148]]);
      await page.emulateMedia({ media: 'screen' });
      await saveScreenshot(page.locator('.sticker-a6'), join(SHOTS, 'sticker-a6.png'));
    } finally {
      await page.close();
    }
  });

  it('the A4 poster (#a4): one A4 page, QR ≥ 25 mm, nothing cut off', async () => {
    const page = await printing.newPage();
    try {
      await page.goto(`${session.site.url}/restaurants/ce-shi-ji-huo-guo/sticker/#a4`);
      const cards = await printedCards(page, '.sticker');
      expect(cards).toHaveLength(1);
      // A4 less its 10 mm margins.
      expect(cards[0]!.width).toBeCloseTo(190, 0);
      expect(cards[0]!.height).toBeLessThanOrEqual(277);
      expect(cards[0]!.qr).toBeGreaterThanOrEqual(25);
      expect(cards[0]!.overflows).toBe(false);
      expect(cards[0]!.outside).toEqual([]);
      // The poster draws the A6 card's QR path again (<use>), which is not shown: what prints still scans.
      const shot = await page.locator('.sticker-a4 .sticker-qr').screenshot();
      expect(await decodeQrPng(shot)).toBe(
        `${new URL(site.read('sitemap.xml').match(/<loc>([^<]+)<\/loc>/)![1]!).origin}/restaurants/ce-shi-ji-huo-guo/#s-${
          site.page('/restaurants/ce-shi-ji-huo-guo/sticker/').match(/data-sticker-code="([^"]+)"/)![1]
        }`,
      );
      expect(pdfPageSizes(await page.pdf({ preferCSSPageSize: true, printBackground: true }))).toEqual([[210, 297]]);
    } finally {
      await page.close();
    }
  });

  it('a long sign name is set smaller: the A6 card and the A4 poster still print on one page each', async () => {
    const page = await printing.newPage();
    try {
      // The longest name of each size (src/lib/sticker/name-fit.ts), and one longer still.
      const lengths = [...NAME_FIT_LIMITS.map(([, limit]) => limit), 90];
      for (const length of lengths) {
        const name = '测试运河人家家常菜馆第二分店'.repeat(7).slice(0, length);
        for (const hash of ['', '#a4']) {
          await page.goto(`${session.site.url}/restaurants/ce-shi-ji-huo-guo/sticker/${hash}`);
          // The page as the build would make it for that name: the card's class from nameFit, as StickerCard sets it.
          await page.evaluate(
            ({ name, fit }) => {
              for (const heading of document.querySelectorAll('.sticker-name')) {
                heading.textContent = name;
                if (fit !== 'full') heading.classList.add(`sticker-name-${fit}`);
              }
            },
            { name, fit: nameFit(name) },
          );
          const cards = await printedCards(page, '.sticker');
          expect(cards, `${length} characters${hash}`).toHaveLength(1);
          expect(cards[0]!.overflows, `${length} characters${hash}`).toBe(false);
          expect(cards[0]!.outside, `${length} characters${hash}`).toEqual([]);
          const pages = pdfPageSizes(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
          expect(pages, `${length} characters${hash}`).toEqual([hash ? [210, 297] : [105, 148]]);
        }
      }
    } finally {
      await page.close();
    }
  });

  it('a town’s sheet: its four stickers on one A4 page, in two columns within the margins', async () => {
    const page = await printing.newPage();
    try {
      await page.goto(`${session.site.url}/towns/120114101/stickers/`);
      const cards = await printedCards(page, '.sticker');
      expect(cards).toHaveLength(4);
      const left = Math.min(...cards.map((card) => card.left));
      const top = Math.min(...cards.map((card) => card.top));
      for (const card of cards) {
        expect(card.qr).toBeGreaterThanOrEqual(25);
        expect(card.overflows).toBe(false);
        expect(card.outside).toEqual([]);
        // Within the A4 page's printable box (210 × 297 mm less 10 mm margins).
        expect(card.left - left + card.width).toBeLessThanOrEqual(190.5);
        expect(card.top - top + card.height).toBeLessThanOrEqual(277.5);
      }
      expect(new Set(cards.map((card) => Math.round(card.left - left)))).toEqual(new Set([0, 95]));
      expect(pdfPageSizes(await page.pdf({ preferCSSPageSize: true, printBackground: true }))).toEqual([[210, 297]]);
      // As it prints: two columns of cells with their dashed cut lines.
      await saveScreenshot(page.locator('.sticker-sheet'), join(SHOTS, 'town-sheet.png'));
    } finally {
      await page.close();
    }
  });
});

describe('npm run stickers (scripts/print-stickers.ts)', () => {
  it('prints a town’s sheet and a restaurant’s A6 sticker and A4 poster from the built site', async () => {
    const out = mkdtempSync(join(tmpdir(), 'shian-stickers-'));
    try {
      const sheet = await printStickers({ dist: site.dist, out, town: '120114101' });
      expect(sheet).toEqual(['towns/120114101.pdf']);
      expect(pdfPageSizes(readFileSync(join(out, sheet[0]!)))).toEqual([[210, 297]]);
      const single = await printStickers({ dist: site.dist, out, restaurant: 'ce-shi-ji-huo-guo' });
      expect(single).toEqual(['restaurants/ce-shi-ji-huo-guo-a6.pdf', 'restaurants/ce-shi-ji-huo-guo-a4.pdf']);
      expect(single.map((name) => pdfPageSizes(readFileSync(join(out, name))))).toEqual([[[105, 148]], [[210, 297]]]);
      // Every town with listed restaurants by default (崔黄口镇 has none).
      expect(await printStickers({ dist: site.dist, out })).toEqual([
        'towns/120114001.pdf',
        'towns/120114002.pdf',
        'towns/120114101.pdf',
      ]);
      await expect(printStickers({ dist: site.dist, out, restaurant: 'no-such-restaurant' })).rejects.toThrow(
        /构建结果中没有 \/restaurants\/no-such-restaurant\/sticker\//,
      );
      // An id or a code is part of the paths read and written: nothing else is taken.
      await expect(printStickers({ dist: site.dist, out, restaurant: '../../x' })).rejects.toThrow(
        /餐厅编号“\.\.\/\.\.\/x”不对/,
      );
      await expect(printStickers({ dist: site.dist, out, town: '../120114001' })).rejects.toThrow(/镇街代码.*不对/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
