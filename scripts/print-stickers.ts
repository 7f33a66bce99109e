/**
 * npm run stickers: prints door stickers (门贴) of a built site to PDF with the Chromium that comes with npm install,
 * for inspectors who want files rather than the browser's print dialog. The stickers follow each build's data, so the
 * PDFs are made from a build on demand and never published or committed (see docs/performance.md, "Door stickers").
 *
 *   npm run stickers                          # every town's sheet (A4, eight a page) → stickers-pdf/towns/<code>.pdf
 *   npm run stickers -- --town 120114001      # one town's sheet
 *   npm run stickers -- --restaurant <id>     # one restaurant's A6 sticker and A4 poster
 *   npm run stickers -- --dist <folder> --out <folder>
 *
 * Print from the build that is published (`npm run build:production`, with SITE_URL): a local build's QR codes hold
 * the local address 127.0.0.1, which no phone can open; the script says so.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from './lib/browser.ts';
import { startStaticServer } from './static-server.ts';
import { isLocalSiteUrl } from '../src/lib/site-url.ts';
import { SLUG_PATTERN, SLUG_RULE } from '../src/lib/slug.ts';
import { townSchema } from '../src/schemas/town.ts';
import { stickerUrl, townStickersUrl } from '../src/lib/urls.ts';

export interface PrintOptions {
  /** The built site (dist/). */
  dist: string;
  /** Where the PDFs go. */
  out: string;
  /** Only this town's sheet (its 9-digit code). */
  town?: string;
  /** Only this restaurant's sticker (its id). */
  restaurant?: string;
}

/** The PDFs to make: [page address, file under `out`]. A town's sheet of several pages is printed page by page. */
export function stickerJobs(options: PrintOptions): Array<[string, string]> {
  // Both become parts of paths, of the page read and of the file written: nothing but an id or a code.
  if (options.restaurant !== undefined && !SLUG_PATTERN.test(options.restaurant)) {
    throw new Error(`餐厅编号“${options.restaurant}”不对：编号${SLUG_RULE}（见餐厅网页地址 /restaurants/<编号>/）。`);
  }
  const town = options.town === undefined ? null : townSchema.shape.id.safeParse(options.town);
  if (town && !town.success) {
    throw new Error(
      `镇街代码“${options.town}”不对：${town.error.issues[0]!.message}（见镇街网页地址 /towns/<代码>/）。`,
    );
  }
  if (options.restaurant) {
    const path = stickerUrl(options.restaurant);
    return [
      [path, `restaurants/${options.restaurant}-a6.pdf`],
      [`${path}#a4`, `restaurants/${options.restaurant}-a4.pdf`],
    ];
  }
  const towns = existsSync(join(options.dist, 'towns'))
    ? readdirSync(join(options.dist, 'towns')).filter((code) =>
        existsSync(join(options.dist, 'towns', code, 'stickers')),
      )
    : [];
  return towns
    .filter((code) => !options.town || code === options.town)
    .sort()
    .flatMap((code) => {
      const pages = readdirSync(join(options.dist, 'towns', code, 'stickers')).filter((name) => /^\d+$/.test(name));
      return [1, ...pages.map(Number).sort((a, b) => a - b)].map((page): [string, string] => [
        townStickersUrl(code, page),
        `towns/${code}${page === 1 ? '' : `-${page}`}.pdf`,
      ]);
    });
}

/** Prints the stickers the options select; returns the files written (paths under `out`). */
export async function printStickers(options: PrintOptions): Promise<string[]> {
  const jobs = stickerJobs(options);
  for (const [path] of jobs) {
    const file = join(options.dist, path.replace(/#.*$/, ''), 'index.html');
    if (!existsSync(file))
      throw new Error(`构建结果中没有 ${path}：请检查餐厅 id 或镇街代码，并先运行 npm run build。`);
  }
  if (jobs.length === 0) throw new Error('构建结果中没有任何门贴：没有上榜餐厅，或尚未运行 npm run build。');
  const { server, url } = await startStaticServer(options.dist);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    for (const [path, name] of jobs) {
      const output = join(options.out, name);
      mkdirSync(join(output, '..'), { recursive: true });
      await page.goto(`${url}${path}`);
      // The sticker page prints its A4 poster when its address ends in #a4 (CSS :target).
      await page.pdf({ path: output, preferCSSPageSize: true, printBackground: true });
    }
  } finally {
    await browser.close();
    server.close();
  }
  return jobs.map(([, name]) => name);
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist' },
      out: { type: 'string', default: 'stickers-pdf' },
      town: { type: 'string' },
      restaurant: { type: 'string' },
    },
  });
  const options = values as PrintOptions;
  try {
    const site = readFileSync(join(options.dist, 'sitemap.xml'), 'utf8').match(/<loc>([^<]+)<\/loc>/)?.[1] ?? '';
    if (isLocalSiteUrl(site)) {
      console.warn(
        `注意：这是本机构建（${new URL(site).origin}），门贴二维码指向本机地址，手机扫码打不开。` +
          '正式张贴的门贴请先用 SITE_URL=https://<网站域名> npm run build:production 构建，再运行本命令。',
      );
    }
    for (const name of await printStickers(options)) console.log(`已生成 ${join(options.out, name)}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
