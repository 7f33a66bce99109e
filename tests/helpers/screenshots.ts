/**
 * Screenshots for the documentation, taken by the browser tests at the moments the guide shows. A test run never
 * changes the working tree: the tests save them under tests/.tmp/screenshots/ (ignored by git). Only
 * `npm run docs:screenshots` (SHIAN_DOCS_SCREENSHOTS=1) saves them into docs/images/, and even then a new screenshot
 * replaces the file only when it shows something else: a few pixels of a progress bar or a caret that differ from run
 * to run do not rewrite the picture in the repository.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';

/** The share of pixels that may differ for two screenshots to count as the same picture. */
const SAME_PICTURE = 0.01;

/** How many pixels of two PNGs differ, as a share of all (1 when their sizes differ). */
export async function pixelDifference(a: Buffer, b: Buffer): Promise<number> {
  const [left, right] = await Promise.all(
    [a, b].map((png) => sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })),
  );
  if (left!.info.width !== right!.info.width || left!.info.height !== right!.info.height) return 1;
  let differing = 0;
  for (let index = 0; index < left!.data.length; index += 4) {
    if (left!.data.readUInt32LE(index) !== right!.data.readUInt32LE(index)) differing += 1;
  }
  return differing / (left!.info.width * left!.info.height);
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where a screenshot for `docsPath` (a path under docs/images/) is saved: there with SHIAN_DOCS_SCREENSHOTS=1
 * (`npm run docs:screenshots`), otherwise at the same place under tests/.tmp/screenshots/.
 */
export function screenshotPath(docsPath: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SHIAN_DOCS_SCREENSHOTS === '1') return docsPath;
  return join(ROOT, 'tests/.tmp/screenshots', relative(join(ROOT, 'docs/images'), docsPath));
}

/**
 * Saves a screenshot of a page (or one element) for `docsPath` (see {@link screenshotPath}) unless the file there
 * already shows the same picture.
 */
export async function saveScreenshot(
  target: Page | Locator,
  docsPath: string,
  options: { fullPage?: boolean; clip?: { x: number; y: number; width: number; height: number } } = {},
): Promise<void> {
  const shot = await target.screenshot({ ...options, animations: 'disabled', caret: 'hide' });
  const path = screenshotPath(docsPath);
  if (existsSync(path) && (await pixelDifference(shot, readFileSync(path))) < SAME_PICTURE) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, shot);
}
