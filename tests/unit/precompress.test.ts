import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { brotliQuality, gzipLevel, precompressSite } from '../../src/integrations/precompress.ts';
import { isGzipped } from '../../src/lib/file-types.ts';

const base = mkdtempSync(join(tmpdir(), 'shian-precompress-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A small built site: a page, a script, a style, a file too small to gain, Pagefind's gzipped index, a PDF. */
function makeSite(name: string): string {
  const site = join(base, name);
  mkdirSync(join(site, 'pagefind/fragment'), { recursive: true });
  mkdirSync(join(site, '_astro'));
  writeFileSync(join(site, '_astro/app.css'), `${'.brand{color:#0b5b36}'.repeat(100)}`);
  writeFileSync(join(site, 'index.html'), `<!doctype html><title>测试</title>${'<p>食品安全宣传周</p>'.repeat(200)}`);
  writeFileSync(join(site, 'pagefind/pagefind.js'), `export const x = ${JSON.stringify('abc'.repeat(500))};`);
  writeFileSync(join(site, 'robots.txt'), 'a');
  writeFileSync(join(site, 'pagefind/fragment/zh_1.pf_fragment'), gzipSync(Buffer.from('pagefind_dcd'.repeat(50))));
  writeFileSync(join(site, 'poster.pdf'), Buffer.from('%PDF-1.7 '.repeat(200)));
  return site;
}

describe('precompressSite', () => {
  const cache = { folder: join(base, 'cache') };

  it('writes .gz and .br copies that decompress to the file, only where they are smaller', async () => {
    const site = makeSite('first');
    const results = await precompressSite(site, cache);
    for (const file of ['index.html', 'pagefind/pagefind.js', '_astro/app.css']) {
      const original = readFileSync(join(site, file));
      expect(gunzipSync(readFileSync(join(site, `${file}.gz`))).equals(original)).toBe(true);
      expect(brotliDecompressSync(readFileSync(join(site, `${file}.br`))).equals(original)).toBe(true);
    }
    // One byte: neither encoding can be smaller.
    expect(existsSync(join(site, 'robots.txt.gz'))).toBe(false);
    expect(existsSync(join(site, 'robots.txt.br'))).toBe(false);
    expect(results.find((result) => result.file.endsWith('robots.txt'))).toMatchObject({ gzip: null, brotli: null });
    // Gzipped by Pagefind already, and PDFs: left alone.
    expect(isGzipped(readFileSync(join(site, 'pagefind/fragment/zh_1.pf_fragment')))).toBe(true);
    expect(readdirSync(join(site, 'pagefind/fragment'))).toEqual(['zh_1.pf_fragment']);
    expect(existsSync(join(site, 'poster.pdf.gz'))).toBe(false);
    expect(results.map((result) => result.file.slice(site.length + 1)).sort()).toEqual([
      '_astro/app.css',
      'index.html',
      'pagefind/pagefind.js',
      'robots.txt',
    ]);
    expect(results.every((result) => !result.cached)).toBe(true);
  });

  it('reuses cached copies of unchanged scripts and styles, byte for byte; compresses pages afresh', async () => {
    const site = makeSite('second');
    writeFileSync(join(site, 'pagefind/pagefind.js'), 'export const changed = true;'.repeat(20));
    const results = await precompressSite(site, cache);
    const byFile = (file: string) => results.find((result) => result.file === join(site, file))!;
    expect(byFile('_astro/app.css').cached).toBe(true);
    expect(byFile('pagefind/pagefind.js').cached).toBe(false);
    expect(byFile('index.html').cached).toBe(false);
    for (const copy of ['_astro/app.css.gz', '_astro/app.css.br', 'index.html.br']) {
      expect(readFileSync(join(site, copy)).equals(readFileSync(join(base, 'first', copy)))).toBe(true);
    }
    const fresh = makeSite('uncached');
    await precompressSite(fresh, null);
    expect(readFileSync(join(fresh, '_astro/app.css.br')).equals(readFileSync(join(site, '_astro/app.css.br')))).toBe(
      true,
    );
  });

  it('compresses the shared scripts hardest and the many pages fast', async () => {
    expect(brotliQuality('_astro/BaseLayout.css')).toBe(11);
    expect(brotliQuality('pagefind/pagefind.js')).toBe(11);
    expect(brotliQuality('pagefind/pagefind.zh-cn_0123456789abc.pf_meta')).toBe(11);
    expect(brotliQuality('pagefind/index/zh-cn_0123456.pf_index')).toBe(5);
    expect(brotliQuality('index.html')).toBe(5);
    expect(brotliQuality('restaurants/_astro/index.html')).toBe(5);
    const site = makeSite('quality');
    await precompressSite(site, null);
    const brotliAt = (file: string, quality: number) =>
      brotliCompressSync(readFileSync(join(site, file)), {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: quality,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      });
    expect(readFileSync(join(site, 'index.html.br')).equals(brotliAt('index.html', 5))).toBe(true);
    expect(readFileSync(join(site, 'pagefind/pagefind.js.br')).equals(brotliAt('pagefind/pagefind.js', 11))).toBe(true);
  });

  it('gzips the shared scripts at level 9 and the many pages at 6', async () => {
    expect(gzipLevel('_astro/BaseLayout.css')).toBe(9);
    expect(gzipLevel('pagefind/pagefind.js')).toBe(9);
    expect(gzipLevel('pagefind/index/zh-cn_0123456.pf_index')).toBe(6);
    expect(gzipLevel('towns/120114002/stickers/index.html')).toBe(6);
    const site = makeSite('gzip-level');
    await precompressSite(site, null);
    const gzipAt = (file: string, level: number) => gzipSync(readFileSync(join(site, file)), { level });
    // The levels give different bytes (the header names level 9), so the copies below tell which was used.
    expect(gzipAt('index.html', 6).equals(gzipAt('index.html', 9))).toBe(false);
    expect(readFileSync(join(site, 'index.html.gz')).equals(gzipAt('index.html', 6))).toBe(true);
    expect(readFileSync(join(site, 'pagefind/pagefind.js.gz')).equals(gzipAt('pagefind/pagefind.js', 9))).toBe(true);
  });

  it('fails naming the file whose copy cannot be written', async () => {
    const site = makeSite('unwritable');
    mkdirSync(join(site, '_astro/app.css.gz'));
    await expect(precompressSite(site, null)).rejects.toThrow(
      new RegExp(`^无法压缩 ${join(site, '_astro/app.css').replace(/[.]/g, '\\.')}：EISDIR`),
    );
  });

  it('compresses afresh where the previous build has no readable file (a folder there now)', async () => {
    const before = makeSite('previous-folder');
    rmSync(join(before, 'index.html'));
    mkdirSync(join(before, 'index.html'));
    const site = makeSite('after-folder');
    const results = await precompressSite(site, null, before);
    expect(results.find((result) => result.file === join(site, 'index.html'))).toMatchObject({ cached: false });
    const page = readFileSync(join(site, 'index.html'));
    expect(brotliDecompressSync(readFileSync(join(site, 'index.html.br'))).equals(page)).toBe(true);
  });

  it('reuses the previous build’s copies of unchanged files (hard links) and compresses changed ones', async () => {
    const before = makeSite('previous');
    await precompressSite(before, null);
    const site = makeSite('next');
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>改了</title>'.repeat(50));
    const results = await precompressSite(site, null, before);
    const byFile = (file: string) => results.find((result) => result.file === join(site, file))!;
    expect(byFile('_astro/app.css')).toMatchObject({
      cached: true,
      gzip: statSync(join(before, '_astro/app.css.gz')).size,
    });
    expect(statSync(join(site, '_astro/app.css.br')).ino).toBe(statSync(join(before, '_astro/app.css.br')).ino);
    expect(byFile('index.html').cached).toBe(false);
    const page = readFileSync(join(site, 'index.html'));
    expect(brotliDecompressSync(readFileSync(join(site, 'index.html.br'))).equals(page)).toBe(true);
    // The previous build kept no copy of a one-byte file; none appears now.
    expect(byFile('robots.txt')).toMatchObject({ cached: true, gzip: null, brotli: null });
    expect(existsSync(join(site, 'robots.txt.gz'))).toBe(false);
  });
});
