/**
 * `npm run dev` picks up every content file while it runs: saving content/restaurants.yaml (a YAML list, not an MDX
 * file) changes the restaurant's page in the browser within seconds, without restarting the server.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { prepareCopy, SCRATCH } from '../helpers/build.ts';
import { startDevServer } from '../helpers/dev-server.ts';
import { launchChromium } from '../helpers/site.ts';

afterAll(() => rmSync(join(SCRATCH, 'dev-reload'), { recursive: true, force: true }));

it('saving restaurants.yaml updates the restaurant page', async () => {
  const dir = prepareCopy('dev-reload', () => {});
  const [server, browser] = await Promise.all([startDevServer(dir), launchChromium()]);
  try {
    const path = '/restaurants/ce-shi-ding-cha-yin/';
    await server.render(path);
    const page = await browser.newPage();
    await page.goto(`${server.url}${path}`);
    expect(await page.textContent('h1')).toContain('测试丁茶饮');

    const file = join(dir, 'content/restaurants.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('signName: 测试丁茶饮', 'signName: 测试丁茶饮（新店招）'));
    // Each look is a fresh request: the dev server renders the page from the content it has now.
    await expect
      .poll(
        async () => {
          await page.reload();
          return (await page.textContent('h1')) ?? '';
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toContain('测试丁茶饮（新店招）');
    await page.close();
  } finally {
    server.stop();
    await browser.close();
  }
}, 240_000);
