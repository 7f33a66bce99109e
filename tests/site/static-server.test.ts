/**
 * What `npm start`'s server (scripts/static-server.ts) answers for ordinary requests to the built fixture site: the
 * headers of src/config/http-headers.ts on every answer, Content-Type with charset for text, ETag and 304, Range and
 * 206 for PDFs, the 404 page with status 404 (plain text when the site has no 404.html), 405 for other methods,
 * and directory redirects that stay on the site. Hostile requests are in server-fuzz.test.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/static-server.ts';
import { CACHE_CONTROL, SECURITY_HEADERS } from '../../src/config/http-headers.ts';
import { builtSite, type ServedSite } from '../helpers/site.ts';

const site = builtSite('fixture');
let served: ServedSite;

beforeAll(async () => {
  served = await site.serve();
});

afterAll(async () => {
  await served?.close();
});

/** Requests an address without following redirects. */
function get(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${served.url}${path}`, { redirect: 'manual', ...init });
}

/** Asserts every security header is there with its value. */
function expectSecurityHeaders(response: Response, what: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    expect(response.headers.get(name), `${what} ${name}`).toBe(value);
}

/** The first file in dist/ whose path matches. */
function fileLike(pattern: RegExp): string {
  const file = site.files().find((candidate) => pattern.test(candidate));
  if (!file) throw new Error(`no file in the fixture site matches ${pattern}`);
  return `/${file}`;
}

describe('the static server', () => {
  it('serves pages, stylesheets, scripts, data and feeds with their types, charset for text', async () => {
    const cases: Array<[string, string]> = [
      ['/', 'text/html; charset=utf-8'],
      ['/plan/2030/', 'text/html; charset=utf-8'],
      [fileLike(/^_astro\/.*\.css$/), 'text/css; charset=utf-8'],
      [fileLike(/^redblack\/filters-[0-9a-f]+\.css$/), 'text/css; charset=utf-8'],
      [fileLike(/^_astro\/.*\.js$/), 'text/javascript; charset=utf-8'],
      ['/data/redblack.csv', 'text/csv; charset=utf-8'],
      ['/data/redblack.json', 'application/json; charset=utf-8'],
      ['/sitemap.xml', 'application/xml; charset=utf-8'],
      ['/rss.xml', 'application/xml; charset=utf-8'],
      ['/robots.txt', 'text/plain; charset=utf-8'],
      ['/materials/2025/test-leaflet.pdf', 'application/pdf'],
      ['/pagefind/pagefind-worker.js', 'text/javascript; charset=utf-8'],
      [fileLike(/^campaign\/.*\.ics$/), 'text/calendar; charset=utf-8'],
    ];
    for (const [path, type] of cases) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expectSecurityHeaders(response, path);
      await response.arrayBuffer();
    }
  });

  it('gives each kind of file its cache policy', async () => {
    const cases: Array<[string, string]> = [
      ['/', CACHE_CONTROL.html],
      ['/404.html', CACHE_CONTROL.html],
      [fileLike(/^_astro\/.*\.css$/), CACHE_CONTROL.immutable],
      ['/data/redblack.csv', CACHE_CONTROL.other],
      ['/no-such-page/', CACHE_CONTROL.error],
      ['/_astro/no-such-bundle.js', CACHE_CONTROL.error],
    ];
    for (const [path, policy] of cases) {
      const response = await get(path);
      expect(response.headers.get('cache-control'), path).toBe(policy);
      await response.arrayBuffer();
    }
  });

  it('answers a repeated request with 304 when the ETag still matches', async () => {
    const first = await get('/');
    const etag = first.headers.get('etag');
    await first.arrayBuffer();
    expect(etag).toBeTruthy();
    // fetch() adds `Cache-Control: no-cache` to a conditional request unless told otherwise, as the Fetch standard
    // says; a browser revalidating its copy does not.
    const again = await get('/', { headers: { 'If-None-Match': etag!, 'Cache-Control': 'max-age=0' } });
    expect(again.status).toBe(304);
    expectSecurityHeaders(again, '304');
    expect(await again.text()).toBe('');
  });

  it('sends part of a PDF for a Range request (206) and refuses a range past its end (416)', async () => {
    const whole = Buffer.from(await (await get('/materials/2025/test-leaflet.pdf')).arrayBuffer());
    const part = await get('/materials/2025/test-leaflet.pdf', { headers: { Range: 'bytes=0-7' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-7/${whole.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(whole.subarray(0, 8));
    const tail = await get('/materials/2025/test-leaflet.pdf', { headers: { Range: 'bytes=-5' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(whole.subarray(whole.length - 5));
    const past = await get('/materials/2025/test-leaflet.pdf', { headers: { Range: `bytes=${whole.length + 10}-` } });
    expect(past.status).toBe(416);
    expectSecurityHeaders(past, '416');
    await past.arrayBuffer();
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = await get('/plan/2030/', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(site.page('/plan/2030/')));
    expect(await response.text()).toBe('');
  });

  it('answers a missing address with the site’s 404 page and status 404', async () => {
    for (const path of ['/no-such-page/', '/plan/2030/tasks/999/', '/no-such-file.css', '/index.html/']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expectSecurityHeaders(response, path);
      expect(await response.text()).toBe(site.read('404.html'));
    }
  });

  it('redirects a directory without its slash to the same path with one, on the same site', async () => {
    for (const [path, location] of [
      ['/plan', '/plan/'],
      ['/plan/2030', '/plan/2030/'],
      ['//plan', '/plan/'],
      ['/search?q=%E6%8A%BD%E6%A3%80', '/search/?q=%E6%8A%BD%E6%A3%80'],
      [`/articles/tags/${encodeURIComponent('冷藏')}`, `/articles/tags/${encodeURIComponent('冷藏')}/`],
    ]) {
      const response = await get(path!);
      expect(response.status, path).toBe(301);
      expect(response.headers.get('location'), path).toBe(location);
      expectSecurityHeaders(response, path!);
    }
  });

  it('refuses other methods with 405 and Allow: GET, HEAD, and malformed addresses with 400', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await get('/', { method, ...(method === 'POST' ? { body: 'x=1' } : {}) });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expectSecurityHeaders(response, method);
      expect(await response.text()).toContain('405');
    }
    const bad = await get('/a%ZZb.css');
    expect(bad.status).toBe(400);
    expectSecurityHeaders(bad, '400');
    expect(await bad.text()).toContain('请求无效');
  });

  it('serves Pagefind’s files, its WebAssembly included', async () => {
    const wasm = fileLike(/^pagefind\/wasm\..*\.pagefind$/);
    const response = await get(wasm);
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('still says 404 in plain Chinese when the site has no 404.html', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'shian-no404-'));
    await writeFile(join(folder, 'index.html'), '<!doctype html><title>x</title>');
    const { server, url } = await startStaticServer(folder);
    try {
      const response = await fetch(`${url}/missing/`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expectSecurityHeaders(response, 'plain 404');
      expect(await response.text()).toContain('页面不存在');
      expect((await fetch(`${url}/`)).status).toBe(200);
    } finally {
      await new Promise((done) => server.close(done));
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('listens on 127.0.0.1 only, by default', async () => {
    expect(new URL(served.url).hostname).toBe('127.0.0.1');
  });
});
