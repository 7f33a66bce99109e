/**
 * The fixture site served by Debian's nginx with deploy/nginx.conf: the headers of src/config/http-headers.ts on
 * every answer (404 and 405 included), the build's precompressed files, no listing, only GET and HEAD, ranges.
 * Run with `npm run test:deploy` (needs Debian's nginx).
 */
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, headersFor, SECURITY_HEADERS } from '../../src/config/http-headers.ts';
import { contentTypeOf } from '../../src/lib/file-types.ts';
import { hostileProblems, makeHostileRoot, runHostileRequests, type HostileRoot } from '../helpers/hostile-requests.ts';
import { ensureSite } from '../helpers/sites.ts';
import { startNginx, type NginxServer } from './nginx-server.ts';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let server: NginxServer;
/** A copy of the fixture site with symbolic links out of it, and what must never leak (tests/helpers). */
let hostileRoot: HostileRoot;
/** The fixture site's dist/, as built: what the served copy holds. */
let dist: string;

/** One request as sent, without decompressing the answer. */
function request(path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Expects the site's headers for an answer: every security header, and the cache policy of its address and status. */
function expectSiteHeaders(answer: Answer, path: string): void {
  for (const [name, value] of Object.entries(headersFor(path, answer.status))) {
    expect(answer.headers[name.toLowerCase()], `${name} on ${path} (${answer.status})`).toBe(value);
  }
  expect(answer.headers.server, 'no version in Server').toBe('nginx');
}

/** Every file of the site, relative to dist/, that is served as itself (not a precompressed copy). */
function servedFiles(): string[] {
  return (readdirSync(dist, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dist.length + 1))
    .filter((file) => !/\.(gz|br)$/.test(file) && file !== '_headers')
    .sort();
}

/** The address of a built file: plan/2022/index.html → /plan/2022/ */
function addressOf(file: string): string {
  const path = `/${file}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

beforeAll(async () => {
  dist = join(await ensureSite('fixture'), 'dist');
  hostileRoot = await makeHostileRoot(dist);
  server = await startNginx(hostileRoot.root);
});

afterAll(async () => {
  await server?.stop();
  await hostileRoot?.cleanup();
});

describe('nginx with deploy/nginx.conf', () => {
  it('passes nginx -t with Debian’s nginx', () => {
    expect(server.configTest).toMatch(/syntax is ok/);
    expect(server.configTest).toMatch(/test is successful/);
  });

  it('serves every file of the site with its type, its bytes and the site’s headers', async () => {
    const files = servedFiles();
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const path = encodeURI(addressOf(file));
      const answer = await request(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['content-type'], path).toBe(contentTypeOf(file));
      expect(answer.headers['content-encoding'], path).toBeUndefined();
      expect(answer.body.equals(readFileSync(join(dist, file))), `${path} body`).toBe(true);
      expectSiteHeaders(answer, decodeURI(path));
    }
  });

  it('gives pages, hashed assets and PDFs their cache policies', async () => {
    const css = servedFiles().find((file) => file.startsWith('_astro/') && file.endsWith('.css'))!;
    const pdf = servedFiles().find((file) => file.endsWith('.pdf'))!;
    const cases: Array<[string, string]> = [
      ['/', 'public, max-age=300, must-revalidate'],
      ['/statement/', 'public, max-age=300, must-revalidate'],
      [`/${css}`, 'public, max-age=31536000, immutable'],
      [`/${pdf}`, 'public, max-age=3600, must-revalidate'],
    ];
    for (const [path, cache] of cases) {
      const answer = await request(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['cache-control'], path).toBe(cache);
      expect(cacheControlFor(path)).toBe(cache);
      expect(answer.headers['content-security-policy'], path).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    }
  });

  it('answers a missing address with 404, the site’s 404 page and the same headers', async () => {
    const page = readFileSync(join(dist, '404.html'));
    const paths = [
      '/no-such-page/',
      '/no-such-file.pdf',
      '/plan/9999/tasks/1/',
      '/pagefind/',
      '/_astro/',
      '/_astro/x.css',
    ];
    for (const path of paths) {
      const answer = await request(path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(answer.body.equals(page), `${path} is the 404 page`).toBe(true);
      expectSiteHeaders(answer, '/404.html');
      // Never remembered as missing: a bundle of the next build asked for early is not kept away for a year.
      expect(answer.headers['cache-control'], path).toBe('no-store');
    }
    // The 404 page precompressed too.
    const compressed = await request('/no-such-page/', { headers: { 'Accept-Encoding': 'br' } });
    expect(compressed.status).toBe(404);
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(compressed.body).equals(page)).toBe(true);
  });

  it('never lists a folder', async () => {
    for (const path of ['/pagefind/', '/_astro/', '/materials/', '/data/../pagefind/']) {
      const answer = await request(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString()).not.toMatch(/Index of/);
    }
  });

  it('answers only GET and HEAD: 405 with Allow and the headers for the others', async () => {
    const head = await request('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.allow).toBeUndefined();
    expectSiteHeaders(head, '/');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']) {
      for (const path of ['/', '/data/redblack.csv', '/no-such-page/']) {
        const answer = await request(path, { method });
        expect(answer.status, `${method} ${path}`).toBe(405);
        expect(answer.headers.allow, `${method} ${path}`).toBe('GET, HEAD');
        expectSiteHeaders(answer, path);
      }
    }
  });

  it('sends the precompressed files: brotli or gzip as accepted, with Vary: Accept-Encoding', async () => {
    // Pagefind's metadata, a chunk of its word index and its WebAssembly: stored unzipped by the build for this.
    const search = ['.pf_meta', '.pf_index', '.pagefind'].map(
      (extension) => `/${servedFiles().find((file) => file.endsWith(extension))!}`,
    );
    for (const path of [
      '/',
      '/statement/',
      '/data/redblack.json',
      '/pagefind/pagefind.js',
      '/sitemap.xml',
      ...search,
    ]) {
      const file = join(dist, path.endsWith('/') ? `${path}index.html` : path);
      const original = readFileSync(file);

      const br = await request(path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
      expect(br.status, path).toBe(200);
      expect(br.headers['content-encoding'], path).toBe('br');
      expect(br.headers.vary, path).toBe('Accept-Encoding');
      expect(br.body.equals(readFileSync(`${file}.br`)), `${path} is the .br file`).toBe(true);
      expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
      expectSiteHeaders(br, path);

      const gzip = await request(path, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(gzip.headers['content-encoding'], path).toBe('gzip');
      expect(gzip.headers.vary, path).toBe('Accept-Encoding');
      expect(gzip.body.equals(readFileSync(`${file}.gz`)), `${path} is the .gz file`).toBe(true);
      expect(gunzipSync(gzip.body).equals(original)).toBe(true);

      const plain = await request(path);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(plain.headers.vary, `${path} varies even when sent plain`).toBe('Accept-Encoding');
      expect(plain.body.equals(original)).toBe(true);
    }
  });

  it('reads Accept-Encoding as browsers write it', async () => {
    const cases: Array<[string, string | undefined]> = [
      ['br', 'br'],
      ['BR', 'br'],
      ['gzip;q=1.0, br;q=0.5', 'br'],
      ['br;q=0, gzip', 'gzip'],
      ['br; q=0.0, gzip', 'gzip'],
      ['brotli, gzip', 'gzip'],
      ['xbr, gzip', 'gzip'],
      ['identity', undefined],
      ['', undefined],
    ];
    for (const [accept, encoding] of cases) {
      const answer = await request('/', { headers: { 'Accept-Encoding': accept } });
      expect(answer.status, accept).toBe(200);
      expect(answer.headers['content-encoding'], `Accept-Encoding: ${accept}`).toBe(encoding);
    }
  });

  it('does not compress Pagefind’s excerpts (gzip already) again, nor PDFs and images', async () => {
    const files = servedFiles().filter((file) => /\.(pf_fragment|pf_filter|pdf|webp)$/.test(file));
    expect(files.some((file) => file.endsWith('.pf_fragment'))).toBe(true);
    for (const file of files) {
      const answer = await request(encodeURI(`/${file}`), { headers: { 'Accept-Encoding': 'gzip, br' } });
      expect(answer.status, file).toBe(200);
      expect(answer.headers['content-encoding'], file).toBeUndefined();
      expect(answer.body.equals(readFileSync(join(dist, file))), file).toBe(true);
    }
  });

  it('answers a range of a PDF with 206', async () => {
    const pdf = servedFiles().find((file) => file.endsWith('.pdf'))!;
    const whole = readFileSync(join(dist, pdf));
    const answer = await request(`/${pdf}`, { headers: { Range: 'bytes=0-99' } });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-range']).toBe(`bytes 0-99/${whole.length}`);
    expect(answer.body.equals(whole.subarray(0, 100))).toBe(true);
    expectSiteHeaders(answer, `/${pdf}`);
    const plain = await request(`/${pdf}`);
    expect(plain.headers['accept-ranges']).toBe('bytes');
  });

  it('redirects a folder address without its slash to the address with it, on the same site', async () => {
    for (const [path, location] of [
      ['/statement', '/statement/'],
      ['/plan?x=1', '/plan/?x=1'],
      ['//statement', '/statement/'],
    ] as const) {
      const answer = await request(path);
      expect(answer.status, path).toBe(301);
      expect(answer.headers.location, path).toBe(location);
      expectSiteHeaders(answer, path);
    }
  });

  it('serves /.well-known/security.txt but no other hidden file, nor _headers, nor a symbolic link', async () => {
    const security = await request('/.well-known/security.txt');
    expect(security.status).toBe(200);
    expect(security.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(security.body.toString()).toMatch(/^Contact: /m);
    for (const path of [
      '/.git/config',
      '/.env',
      '/_headers',
      '/escape.txt',
      '/passwd.txt',
      '/escape/',
      '/.well-known',
    ]) {
      const answer = await request(path);
      expect([404, 301], path).toContain(answer.status);
      expect(answer.body.toString(), path).not.toMatch(/SECRET-|root:x:0:0|Content-Security-Policy:/);
    }
  });

  it('holds against hostile requests: no leak, no 5xx, same-site redirects, headers on every answer', async () => {
    const run = await runHostileRequests('127.0.0.1', server.port);
    const problems = hostileProblems(run, {
      forbidden: hostileRoot.forbidden,
      requireHeaders: {
        'Content-Security-Policy': SECURITY_HEADERS['Content-Security-Policy']!,
        'X-Content-Type-Options': 'nosniff',
      },
    });
    // Where nginx answers differently from the rules written for `npm start`'s server, and rightly:
    // - a malformed address (/%) is refused with 400 before the method is looked at;
    // - an unknown transfer coding gets 501 Not Implemented, as RFC 9112 (section 6.1) asks of a server.
    const nginxRight = [
      /^method [A-Z]+ \/%: status 400, expected 405$/,
      /^headers: Transfer-Encoding gzip: status 501$/,
    ];
    expect(problems.filter((problem) => !nginxRight.some((pattern) => pattern.test(problem)))).toEqual([]);
  });

  it('logged no error but refused symbolic links', () => {
    const serious = server
      .errorLog()
      .split('\n')
      .filter((line) => /\[(emerg|alert|crit)\]/.test(line))
      // disable_symlinks at work: nginx logs the refusal at “crit” and answers 404.
      .filter((line) => !/ failed \(40: Too many levels of symbolic links\)/.test(line));
    expect(serious).toEqual([]);
  });
});
