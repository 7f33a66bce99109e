/**
 * The web server configuration is made from src/config/http-headers.ts and cannot drift from it: the committed
 * deploy/nginx.conf is what `npm run deploy:config` writes now, its cache rules agree with cacheControlFor, and the
 * `_headers` rules give every address the security headers and exactly one Cache-Control.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheControlFor, SECURITY_HEADERS } from '../../src/config/http-headers.ts';
import { contentTypeOf, FILE_TYPES, PRECOMPRESSED_EXTENSIONS } from '../../src/lib/file-types.ts';
import { renderSecurityTxt } from '../../src/lib/security-txt.ts';
import { siteSettingsSchema } from '../../src/schemas/site.ts';
import {
  applyNginxRegions,
  cacheControlByRules,
  headerPatternMatches,
  headerRules,
  nginxRegions,
  nginxString,
  renderHeadersFile,
} from '../../src/lib/server-config.ts';
import { generatedDeployFiles } from '../../scripts/deploy-config.ts';
import { ROOT } from '../helpers/build.ts';

/** Addresses of every kind the site has, and some it does not. */
const ADDRESSES = [
  '/',
  '/plan/2022/',
  '/plan/2022/index.html',
  '/404.html',
  '/articles/tags/冷链/',
  '/_astro/BaseLayout.BTGMmNv_.css',
  '/_astro/open-kitchen.DRZAtSxr_ZpdiRj.webp',
  '/_astro/',
  '/pagefind/pagefind.js',
  '/pagefind/fragment/zh-cn_1066e39.pf_fragment',
  '/materials/2022/poster.pdf',
  '/data/redblack.csv',
  '/rss.xml',
  '/robots.txt',
  '/.well-known/security.txt',
  '/campaign/2024/events/x.ics',
  '/favicon.svg',
  '/html',
  '/a.html/b',
  '/x/_astro/y.css',
];

describe('deploy/nginx.conf', () => {
  it('is what npm run deploy:config writes now (run it after changing src/config/http-headers.ts)', () => {
    for (const [file, { current, generated }] of generatedDeployFiles(`file://${ROOT}`)) {
      expect(current, `${file} 已过时：请运行 npm run deploy:config`).toBe(generated);
    }
  });

  it('carries every security header, with always, and the cache map', () => {
    const config = readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(config).toContain(`add_header ${name} "${value}" always;`);
    }
    expect(config).toContain('add_header Cache-Control $shian_cache_control always;');
    for (const directive of [
      'gzip_static on;',
      'autoindex off;',
      'server_tokens off;',
      'disable_symlinks on from=$document_root;',
      'error_page 404 /404.html;',
      'return 405;',
      'root /srv/shian-wuqing/current;',
    ]) {
      expect(config).toContain(directive);
    }
  });

  it('gives every kind of precompressed file a location that sends its .br copy with its own type', () => {
    const { precompressed, types } = nginxRegions();
    for (const extension of PRECOMPRESSED_EXTENSIONS) {
      expect(precompressed).toMatch(new RegExp(`location ~ \\\\\\.\\([^)]*\\b${extension}\\b[^)]*\\)\\$`));
      expect(types).toMatch(new RegExp(`${FILE_TYPES[extension]!.type.replace('+', '\\+')} [^;]*\\b${extension}\\b`));
    }
  });

  it('keeps what is outside the generated parts, and refuses a file without them', () => {
    const config = readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8');
    const edited = config.replace('server_name _;', 'server_name www.example.org;');
    expect(applyNginxRegions(edited)).toBe(edited);
    expect(() => applyNginxRegions('server { }')).toThrow(/缺少生成段/);
  });

  it('refuses a header value nginx would read differently', () => {
    expect(nginxString("default-src 'self'")).toBe(`"default-src 'self'"`);
    for (const value of ['a"b', 'a$b', 'a\\b', 'a\nb']) expect(() => nginxString(value)).toThrow(/nginx/);
  });
});

describe('cache rules', () => {
  it.each(ADDRESSES)('agree with cacheControlFor on %s', (path) => {
    for (const status of [200, 206, 301, 304, 400, 404, 405, 414, 500]) {
      expect(cacheControlByRules(path, status), `${path} ${status}`).toBe(cacheControlFor(path, status));
    }
  });
});

describe('_headers', () => {
  const files = [
    '404.html',
    'index.html',
    '_astro/BaseLayout.BTGMmNv_.css',
    '_astro/open-kitchen.webp',
    'plan/2022/index.html',
    'data/index.html',
    'data/redblack.csv',
    'data/redblack.json',
    'data/redblack.csv.gz',
    'pagefind/pagefind.js',
    'pagefind/fragment/zh-cn_1.pf_fragment',
    'materials/2022/poster.pdf',
    'rss.xml',
    'robots.txt',
    '.well-known/security.txt',
    '_headers',
  ];
  const rules = headerRules(files);
  const served = files.filter((file) => file !== '_headers' && !file.endsWith('.gz'));

  it.each(served)('gives %s the security headers and exactly its one Cache-Control', (file) => {
    const path = `/${file}`.replace(/index\.html$/, '');
    const matching = rules.filter((rule) => headerPatternMatches(rule.pattern, path));
    const cache = matching.flatMap((rule) => (rule.headers['Cache-Control'] ? [rule.headers['Cache-Control']] : []));
    expect(cache).toEqual([cacheControlFor(path)]);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(matching.map((rule) => rule.headers[name]).filter(Boolean)).toEqual([value]);
    }
  });

  it('renders the Cloudflare Pages / Netlify format', () => {
    const text = renderHeadersFile(rules);
    expect(text).toContain(`/*\n  Content-Security-Policy: ${SECURITY_HEADERS['Content-Security-Policy']}\n`);
    expect(text).toContain('/_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n');
    expect(text).toContain('/data/*.csv\n  Cache-Control: public, max-age=3600, must-revalidate\n');
    expect(text).toContain('/pagefind/*\n');
    expect(() => renderHeadersFile(Array.from({ length: 101 }, () => rules[0]!))).toThrow(/上限 100/);
  });

  it('matches patterns as the hosts do: one * for any characters', () => {
    expect(headerPatternMatches('/*', '/')).toBe(true);
    expect(headerPatternMatches('/*/', '/plan/2022/')).toBe(true);
    expect(headerPatternMatches('/*/', '/')).toBe(false);
    expect(headerPatternMatches('/data/*.csv', '/data/x/y.csv')).toBe(true);
    expect(headerPatternMatches('/rss.xml', '/rss.xml')).toBe(true);
    expect(headerPatternMatches('/rss.xml', '/x/rss.xml')).toBe(false);
  });
});

describe('file types', () => {
  it.each([
    ['/index.html', 'text/html; charset=utf-8'],
    ['/data/redblack.csv', 'text/csv; charset=utf-8'],
    ['/campaign/2024/events/a.ics', 'text/calendar; charset=utf-8'],
    ['/pagefind/wasm.unknown.pagefind', 'application/octet-stream'],
    ['/x.WASM', 'application/wasm'],
    ['/materials/a.pdf', 'application/pdf'],
    ['/.well-known', 'application/octet-stream'],
    ['/_headers', 'application/octet-stream'],
  ])('%s is %s', (path, type) => {
    expect(contentTypeOf(path)).toBe(type);
  });
});

describe('security.txt', () => {
  const now = new Date('2026-03-01T10:00:00Z');

  it('names no invented contact: without one it says so and points to the 纠错 page', () => {
    const text = renderSecurityTxt({ site: 'https://www.example.org', contact: null, now, validDays: 180 });
    expect(text).toMatch(/^Contact: https:\/\/www\.example\.org\/feedback\/$/m);
    expect(text).toMatch(/尚未提供/);
    expect(text).toMatch(/^Expires: 2026-08-28T00:00:00Z$/m);
    expect(text).toMatch(/^Preferred-Languages: zh, en$/m);
    expect(text).toMatch(/^Canonical: https:\/\/www\.example\.org\/\.well-known\/security\.txt$/m);
    expect(text).not.toMatch(/@/);
  });

  it('uses the contact once it is given, and refuses one that is not a mailto:, https: or tel: address', () => {
    const site = 'https://www.example.org';
    const text = renderSecurityTxt({ site, contact: 'mailto:security@example.org', now, validDays: 30 });
    expect(text).toMatch(/^Contact: mailto:security@example\.org$/m);
    expect(text).not.toMatch(/尚未提供/);
    expect(() => renderSecurityTxt({ site, contact: 'security@example.org', now, validDays: 30 })).toThrow(/mailto/);
    expect(() => renderSecurityTxt({ site, contact: null, now, validDays: 400 })).toThrow(/1 到 365/);
  });

  it('takes the contact rule of content/site.yaml’s schema, which check:content applies, not a looser one', () => {
    const site = 'https://www.example.org';
    // Each starts with a scheme RFC 9116 names, yet is no address: the schema refuses them, and so does the build.
    for (const contact of ['mailto:', 'https:evil', 'tel:call-us', 'https://example.org/ x']) {
      expect(siteSettingsSchema.safeParse({ securityContact: contact }).success, contact).toBe(false);
      expect(() => renderSecurityTxt({ site, contact, now, validDays: 30 }), contact).toThrow(
        /securityContact（安全问题联系方式）应以 mailto:、https:\/\/ 或 tel: 开头/,
      );
    }
    expect(siteSettingsSchema.safeParse({ securityContact: 'tel:+86-22-12345678' }).success).toBe(true);
    expect(renderSecurityTxt({ site, contact: 'tel:+86-22-12345678', now, validDays: 30 })).toMatch(/^Contact: tel:/m);
  });
});
