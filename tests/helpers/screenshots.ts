/**
 * Screenshots for the documentation, taken by the tests so they stay current. A new screenshot replaces the file only
 * when it shows something else: a few pixels of a progress bar or a caret that differ from run to run do not rewrite
 * the picture in the repository.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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

/** Saves a screenshot of a page (or one element) to `path` unless the file there already shows the same picture. */
export async function saveScreenshot(
  target: Page | Locator,
  path: string,
  options: { fullPage?: boolean; clip?: { x: number; y: number; width: number; height: number } } = {},
): Promise<void> {
  const shot = await target.screenshot({ ...options, animations: 'disabled', caret: 'hide' });
  if (existsSync(path) && (await pixelDifference(shot, readFileSync(path))) < SAME_PICTURE) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, shot);
}
