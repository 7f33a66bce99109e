/**
 * What every build adds for serving (the fixture site): the precompressed .gz and .br copies, dist/_headers for
 * static hosts, /.well-known/security.txt, and the 隐私声明 page linked from every footer.
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cacheControlFor, SECURITY_HEADERS } from '../../src/config/http-headers.ts';
import { isGzipped } from '../../src/lib/file-types.ts';
import { extensionOf, PRECOMPRESSED_EXTENSIONS } from '../../src/lib/file-types.ts';
import { cacheControlByRules, headerPatternMatches } from '../../src/lib/server-config.ts';
import { isSentUncompressed } from '../../src/lib/sticker/paths.ts';
import { findElement, startTags } from '../helpers/html.ts';
import { builtSite, pagePath } from '../helpers/site.ts';

const site = builtSite('fixture');
const files = site.files();
/** Files served as themselves (not a precompressed copy, not _headers). */
const served = files.filter((file) => !/\.(gz|br)$/.test(file) && file !== '_headers');
const addresses = served.map(pagePath);

describe('precompressed copies', () => {
  const ofCompressibleKind = served.filter((file) => PRECOMPRESSED_EXTENSIONS.includes(extensionOf(file)));
  const compressible = ofCompressibleKind.filter((file) => !isSentUncompressed(file));

  it('exist beside the pages, styles and scripts, and decompress to the file itself', () => {
    for (const file of compressible.filter((name) => /\.(html|css|js)$/.test(name))) {
      expect(files, file).toContain(`${file}.gz`);
      expect(files, file).toContain(`${file}.br`);
    }
    for (const file of compressible) {
      const original = readFileSync(site.path(file));
      if (files.includes(`${file}.gz`)) {
        const gz = readFileSync(site.path(`${file}.gz`));
        expect(gunzipSync(gz).equals(original), `${file}.gz`).toBe(true);
        expect(gz.length, `${file}.gz is smaller`).toBeLessThan(original.length);
      }
      if (files.includes(`${file}.br`)) {
        const br = readFileSync(site.path(`${file}.br`));
        expect(brotliDecompressSync(br).equals(original), `${file}.br`).toBe(true);
        expect(br.length, `${file}.br is smaller`).toBeLessThan(original.length);
      }
    }
  });

  it('are not made of files compressed already (Pagefind’s excerpts) nor of PDFs and images', () => {
    const excerpts = compressible.filter((file) => /\.pf_(fragment|filter)$/.test(file));
    expect(excerpts.length).toBeGreaterThan(3);
    for (const file of excerpts) {
      expect(isGzipped(readFileSync(site.path(file))), `${file} is gzipped by Pagefind`).toBe(true);
      expect(files).not.toContain(`${file}.gz`);
      expect(files).not.toContain(`${file}.br`);
    }
    for (const file of served.filter((name) => /\.(pdf|webp|png|jpe?g)$/.test(name))) {
      expect(files).not.toContain(`${file}.gz`);
    }
  });

  it('are not written for each restaurant’s sticker page and badge, which are sent as they are', () => {
    const uncompressed = ofCompressibleKind.filter(isSentUncompressed);
    expect(uncompressed.filter((file) => file.endsWith('/sticker/index.html')).length).toBeGreaterThan(3);
    expect(uncompressed.filter((file) => file.endsWith('/badge.svg')).length).toBeGreaterThan(3);
    for (const file of uncompressed) {
      expect(files).not.toContain(`${file}.gz`);
      expect(files).not.toContain(`${file}.br`);
    }
    // The towns' sheets are precompressed as usual.
    const sheets = compressible.filter((file) => /^towns\/[^/]+\/stickers\//.test(file));
    expect(sheets.length).toBeGreaterThan(0);
    for (const file of sheets) expect(files).toContain(`${file}.br`);
  });

  it('include Pagefind’s index and WebAssembly, stored unzipped by the build so that they are sent in Brotli', () => {
    const index = compressible.filter((file) => /\.(pf_index|pf_meta|pagefind)$/.test(file));
    expect(index.filter((file) => file.endsWith('.pf_index')).length).toBeGreaterThan(3);
    for (const file of index) {
      expect(isGzipped(readFileSync(site.path(file))), file).toBe(false);
      expect(files).toContain(`${file}.br`);
    }
  });

  it('each belong to a file of the site', () => {
    for (const copy of files.filter((file) => /\.(gz|br)$/.test(file))) {
      expect(served, copy).toContain(copy.replace(/\.(gz|br)$/, ''));
    }
  });
});

describe('dist/_headers', () => {
  const text = site.read('_headers');
  const rules = text
    .split(/\n(?=\/)/)
    .filter((block) => block.startsWith('/'))
    .map((block) => {
      const [pattern, ...lines] = block.trim().split('\n');
      return {
        pattern: pattern!,
        headers: Object.fromEntries(
          lines.map(
            (line) =>
              line
                .trim()
                .split(/: (.*)/s)
                .slice(0, 2) as [string, string],
          ),
        ),
      };
    });

  it('has the Content-Security-Policy and the other security headers for every address', () => {
    expect(text).toContain(`  Content-Security-Policy: ${SECURITY_HEADERS['Content-Security-Policy']}\n`);
    const all = rules.find((rule) => rule.pattern === '/*')!;
    expect(all.headers).toEqual(SECURITY_HEADERS);
  });

  it('gives every address of the site exactly one Cache-Control, as cacheControlFor does', () => {
    for (const path of addresses) {
      const values = rules
        .filter((rule) => headerPatternMatches(rule.pattern, path) && rule.headers['Cache-Control'])
        .map((rule) => rule.headers['Cache-Control']);
      expect(values, path).toEqual([cacheControlFor(path)]);
    }
  });

  it('stays within the static hosts’ limits (100 rules, 2,000 characters a line)', () => {
    expect(rules.length).toBeLessThanOrEqual(100);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(2000);
  });
});

describe('nginx’s cache rules', () => {
  it('agree with cacheControlFor on every address of the site', () => {
    for (const path of addresses) expect(cacheControlByRules(path), path).toBe(cacheControlFor(path));
  });
});

describe('/.well-known/security.txt', () => {
  const text = site.read('.well-known/security.txt');
  const origin = new URL(site.read('sitemap.xml').match(/<loc>([^<]+)<\/loc>/)![1]!).origin;

  it('has the fields RFC 9116 asks for, on the site’s own address', () => {
    expect(text).toMatch(new RegExp(`^Contact: ${origin}/feedback/$`, 'm'));
    expect(text).toMatch(new RegExp(`^Canonical: ${origin}/\\.well-known/security\\.txt$`, 'm'));
    expect(text).toMatch(/^Preferred-Languages: zh, en$/m);
    const expires = new Date(text.match(/^Expires: (\S+)$/m)![1]!);
    expect(expires.getTime()).toBeGreaterThan(Date.now());
    expect(expires.getTime()).toBeLessThan(Date.now() + 366 * 24 * 60 * 60 * 1000);
  });

  it('says that no security contact has been given rather than inventing one', () => {
    expect(text).toMatch(/尚未提供/);
    expect(text).not.toMatch(/@|mailto:|tel:/);
  });
});

describe('隐私声明', () => {
  it('is linked from every page’s footer, next to 网站声明', () => {
    for (const path of site.pages()) {
      const footer = findElement(site.page(path), (tag) => tag.name === 'footer')!;
      const links = startTags(footer.inner)
        .filter((tag) => tag.name === 'a')
        .map((tag) => tag.attrs.href);
      expect(links, path).toContain('/privacy/');
      expect(links.indexOf('/privacy/'), path).toBe(links.indexOf('/statement/') + 1);
    }
  });

  it('says what the server logs and that 长者模式 stays in the browser', () => {
    const html = site.page('/privacy/');
    for (const phrase of ['Cookie', 'IP 地址', '访问时间', '浏览器标识', 'localStorage', '待提供']) {
      expect(html, phrase).toContain(phrase);
    }
  });
});
