import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { isGzipped, precompressSite } from '../../src/integrations/precompress.ts';

const base = mkdtempSync(join(tmpdir(), 'shian-precompress-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A small built site: a page, a script, a file too small to gain, Pagefind's gzipped index, a PDF. */
function makeSite(name: string): string {
  const site = join(base, name);
  mkdirSync(join(site, 'pagefind/fragment'), { recursive: true });
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
    for (const file of ['index.html', 'pagefind/pagefind.js']) {
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
      'index.html',
      'pagefind/pagefind.js',
      'robots.txt',
    ]);
    expect(results.every((result) => !result.cached)).toBe(true);
  });

  it('reuses the compressed copies of unchanged files from its cache, byte for byte', async () => {
    const site = makeSite('second');
    writeFileSync(join(site, 'pagefind/pagefind.js'), 'export const changed = true;'.repeat(20));
    const results = await precompressSite(site, cache);
    const byFile = (file: string) => results.find((result) => result.file === join(site, file))!;
    expect(byFile('index.html').cached).toBe(true);
    expect(byFile('pagefind/pagefind.js').cached).toBe(false);
    for (const copy of ['index.html.gz', 'index.html.br']) {
      expect(readFileSync(join(site, copy)).equals(readFileSync(join(base, 'first', copy)))).toBe(true);
    }
    const fresh = makeSite('uncached');
    await precompressSite(fresh, null);
    expect(readFileSync(join(fresh, 'index.html.br')).equals(readFileSync(join(site, 'index.html.br')))).toBe(true);
  });
});
