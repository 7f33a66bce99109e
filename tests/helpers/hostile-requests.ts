/**
 * Hostile HTTP requests, sent byte for byte over raw TCP (node:net), so malformed request lines reach the server
 * unmodified: bad percent-encoding, `..` in every disguise, encoded slashes and backslashes, NUL bytes, very long
 * paths, odd methods, broken request lines, absolute-URI targets, redirect tricks with a hostile Host header,
 * symlinks out of the served folder, bad Range and conditional headers, and clients that hang up mid-way.
 *
 * Server-neutral: the same set runs against `npm start`'s server (tests/site/server-fuzz.test.ts) and can run against
 * nginx. To use it on another server:
 *   1. `const folder = await makeHostileRoot(builtDist)` copies a built site into a temporary `dist/` with a sibling
 *      `dist-secret/secret.txt` (random content) and symlinks from inside `dist/` to it and to /etc/passwd;
 *   2. serve `folder.root` with the server under test, on a loopback address;
 *   3. `const run = await runHostileRequests('127.0.0.1', port)`;
 *   4. `hostileProblems(run, { forbidden: folder.forbidden })` lists every broken rule (empty when all is well);
 *   5. `await folder.cleanup()`.
 */
import { randomUUID } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One request, exactly as it goes on the wire. */
export interface HostileRequest {
  /** What it tries, for messages. */
  name: string;
  /** The bytes sent: request line, headers and any body. */
  raw: string | Buffer;
  /**
   * What the answer must be beyond the rules every answer obeys: 405 (`method`), 400 or 405 (`refused`), or a refusal
   * that may rightly be a 5xx: 505 for an HTTP version other than 1.x (`version`), 501 for a transfer coding the
   * server does not know (`coding`, RFC 9112 section 6.1).
   */
  expect?: 'method' | 'refused' | 'version' | 'coding';
  /** Hang up right after sending, without reading (a client that goes away); no answer is checked. */
  abandon?: boolean;
  /**
   * Close the sending side after the request (the answer is still read): for requests a server may rightly wait to
   * see completed, such as an HTTP/0.9 line, which an HTTP/1.1 parser takes for the start of a longer request.
   */
  halfClose?: boolean;
}

/** The answer to one request, as read off the socket. */
export interface HostileResult {
  request: HostileRequest;
  /** The status of the first final response, or null when none came (closed, timed out, or an HTTP/0.9 body). */
  status: number | null;
  /** Response headers, names in lower case (a repeated header keeps its last value). */
  headers: Record<string, string>;
  /** The response body (chunked transfer decoded); for an answer without a status line, every byte received. */
  body: Buffer;
  /** Set when no answer could be read: 'timeout' or the socket's error code. */
  error?: string;
}

/** A whole run: every result, and the status of a plain request for the home page after each batch. */
export interface HostileRun {
  results: HostileResult[];
  health: Array<number | null>;
}

/** Names inside the served folder and beside it, as makeHostileRoot lays them out. */
export const HOSTILE_LAYOUT = {
  /** The sibling folder whose name starts with the served folder's: a prefix check without a separator lets it in. */
  sibling: 'dist-secret',
  secretFile: 'secret.txt',
  /** Symlinks inside the served folder: to the sibling folder, to the secret file, and to /etc/passwd. */
  dirLink: 'escape',
  fileLink: 'escape.txt',
  passwdLink: 'passwd.txt',
} as const;

/** Text of /etc/passwd that must never appear in an answer. */
const PASSWD_MARK = 'root:x:0:0';

const CRLF = '\r\n';

/** A complete request with the headers every well-formed one carries; `Connection: close` ends each exchange. */
function request(method: string, target: string, headers: string[] = [], body = ''): string {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...headers, 'Connection: close'];
  if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join(CRLF)}${CRLF}${CRLF}${body}`;
}

/** `..` as attackers spell it: plain, percent-encoded in any case, double-encoded, overlong UTF-8, mixed. */
const DOTDOTS = [
  '..',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%2e.',
  '%252e%252e',
  '%c0%ae%c0%ae',
  '%C0%AE%C0%AE',
  '%e0%80%ae%e0%80%ae',
  '..%00',
  '%2e%2e%00',
  '....',
];

/** `/` as attackers spell it: plain, encoded, backslash raw and encoded, double-encoded, overlong, doubled. */
const SLASHES = ['/', '%2f', '%2F', '%5c', '%5C', '\\', '%252f', '%c0%af', '//'];

/** Climbs out of the served folder to the sibling's secret and to /etc/passwd, in every spelling. */
function traversalRequests(): HostileRequest[] {
  const { sibling, secretFile } = HOSTILE_LAYOUT;
  return DOTDOTS.flatMap((up) =>
    SLASHES.flatMap((slash) => {
      const toSecret = `/${up}${slash}${sibling}${slash}${secretFile}`;
      const toPasswd = `/${`${up}${slash}`.repeat(8)}etc${slash}passwd`;
      const fromPage = `/plan/${up}${slash}${up}${slash}${sibling}${slash}${secretFile}`;
      return [toSecret, toPasswd, fromPage].map((target) => ({
        name: `traversal ${target.slice(0, 60)}`,
        raw: request('GET', target),
      }));
    }),
  );
}

/** Symlinks inside the served folder, asked for directly and by detours. */
function symlinkRequests(): HostileRequest[] {
  const { dirLink, fileLink, passwdLink, secretFile } = HOSTILE_LAYOUT;
  return [
    `/${dirLink}/${secretFile}`,
    `/${dirLink}/`,
    `/${dirLink}`,
    `/${dirLink}%2f${secretFile}`,
    `/${fileLink}`,
    `/./${fileLink}`,
    `/plan/../${fileLink}`,
    `//${fileLink}`,
    `/${passwdLink}`,
    `/%65scape.txt`,
  ].flatMap((target) => [
    { name: `symlink GET ${target}`, raw: request('GET', target) },
    { name: `symlink range ${target}`, raw: request('GET', target, ['Range: bytes=0-10']) },
  ]);
}

/** Percent-encodings that do not decode, NUL bytes, and text that is not UTF-8. */
function encodingRequests(): HostileRequest[] {
  return [
    '/%E0%A4%A.html',
    '/a%ZZb.css',
    '/%',
    '/%%',
    '/%0',
    '/%2',
    '/%g0',
    '/index.html%',
    '/%ff',
    '/%fe%ff',
    '/%ed%a0%80',
    '/%f8%88%80%80%80',
    '/%c0',
    '/%80',
    '/%00',
    '/index.html%00.txt',
    '/%00/../dist-secret/secret.txt',
    '/plan/%00/',
    '/%25',
    '/%2525',
    '/?%',
    '/?q=%ZZ',
    '/search/?q=%E0%A4%A',
    '/%uff0e%uff0e/',
    '/%E5%86%B7%E9%93%BE',
  ].map((target) => ({ name: `encoding ${target}`, raw: request('GET', target) }));
}

/** Paths long enough to overflow buffers and file name limits. */
function longPathRequests(): HostileRequest[] {
  return [
    ['8 KB segment', `/${'a'.repeat(8 * 1024 + 10)}`],
    ['300-byte segment', `/${'b'.repeat(300)}.html`],
    ['5,000 segments', `/${'a/'.repeat(5000)}`],
    ['3,000 ..', `/${'../'.repeat(3000)}etc/passwd`],
    ['1,000 %2e%2e%2f', `/${'%2e%2e%2f'.repeat(1000)}etc/passwd`],
    ['12 KB of %41', `/${'%41'.repeat(4096)}`],
    ['64 KB path', `/${'c'.repeat(64 * 1024)}`],
    ['long query', `/?${'q=1&'.repeat(3000)}`],
  ].map(([name, target]) => ({ name: `long: ${name}`, raw: request('GET', target!) }));
}

/** Methods a static site does not take: each must be refused with 405, whatever the address or body. */
function methodRequests(): HostileRequest[] {
  const methods = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'LOCK'];
  const targets = ['/', '/index.html', '/no-such-page/', '/%'];
  const plain = methods.flatMap((method) =>
    targets.map((target) => ({
      name: `method ${method} ${target}`,
      raw: request(method, target, [], method === 'POST' || method === 'PUT' ? 'x=1' : ''),
      // A malformed target may be refused before the method is looked at (nginx does): 400 is right there too.
      expect: target === '/%' ? ('refused' as const) : ('method' as const),
    })),
  );
  const odd: HostileRequest[] = [
    { name: 'method OPTIONS *', raw: request('OPTIONS', '*'), expect: 'refused' },
    { name: 'method CONNECT', raw: request('CONNECT', '127.0.0.1:443'), expect: 'refused' },
    { name: 'method CONNECT evil', raw: request('CONNECT', 'evil.example:443'), expect: 'refused' },
    { name: 'method FOO', raw: request('FOO', '/'), expect: 'refused' },
    { name: 'method lower-case get', raw: request('get', '/'), expect: 'refused' },
    { name: 'method GETT', raw: request('GETT', '/'), expect: 'refused' },
    { name: 'method long', raw: request('X'.repeat(2000), '/'), expect: 'refused' },
    { name: 'method empty', raw: request('', '/'), expect: 'refused' },
    { name: 'method PUT 1 MB', raw: request('PUT', '/evil.html', [], 'x'.repeat(1 << 20)), expect: 'method' },
  ];
  return [...plain, ...odd];
}

/** Request lines after which a server may wait for more: the client closes its side to say there is none. */
const HALF_CLOSE = new Set(['HTTP/0.9', 'HTTP/0.9 traversal', 'missing version']);

/** Request lines and headers Node's and nginx's parsers must refuse without falling over. */
function malformedRequests(): HostileRequest[] {
  const lines: Array<[string, string | Buffer]> = [
    ['GET //[', `GET //[ HTTP/1.1${CRLF}Host: x${CRLF}Connection: close${CRLF}${CRLF}`],
    ['GET /[', `GET /[ HTTP/1.1${CRLF}Host: x${CRLF}Connection: close${CRLF}${CRLF}`],
    ['GET //', `GET // HTTP/1.1${CRLF}Host: x${CRLF}Connection: close${CRLF}${CRLF}`],
    ['missing version', `GET /${CRLF}Host: x${CRLF}${CRLF}`],
    ['HTTP/0.9', `GET /${CRLF}`],
    ['HTTP/0.9 traversal', `GET /../dist-secret/secret.txt${CRLF}`],
    ['HTTP/1.0', `GET / HTTP/1.0${CRLF}${CRLF}`],
    ['HTTP/1.2', `GET / HTTP/1.2${CRLF}Host: x${CRLF}Connection: close${CRLF}${CRLF}`],
    ['FOO/1.1', `GET / FOO/1.1${CRLF}Host: x${CRLF}${CRLF}`],
    ['lower-case http', `GET / http/1.1${CRLF}Host: x${CRLF}${CRLF}`],
    ['two spaces', `GET  / HTTP/1.1${CRLF}Host: x${CRLF}Connection: close${CRLF}${CRLF}`],
    ['trailing word', `GET / HTTP/1.1 x${CRLF}Host: x${CRLF}${CRLF}`],
    ['tabs', `GET\t/\tHTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`],
    ['space in path', `GET /a b HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`],
    ['DEL in path', `GET /\x7f HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`],
    ['control in path', `GET /\x01 HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`],
    ['NUL in line', `GET /\0 HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`],
    ['CR in path', `GET /\r HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`],
    ['bare LF', `GET / HTTP/1.1\nHost: x\nConnection: close\n\n`],
    ['garbage', Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03])],
    ['binary', Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 37) % 256))],
    ['no Host', `GET / HTTP/1.1${CRLF}Connection: close${CRLF}${CRLF}`],
    ['two Hosts', `GET / HTTP/1.1${CRLF}Host: a${CRLF}Host: b${CRLF}Connection: close${CRLF}${CRLF}`],
    ['header without colon', `GET / HTTP/1.1${CRLF}Host: x${CRLF}Nonsense${CRLF}${CRLF}`],
    ['obsolete line folding', `GET / HTTP/1.1${CRLF}Host: x${CRLF}X-A: 1${CRLF} 2${CRLF}${CRLF}`],
    ['space before colon', `GET / HTTP/1.1${CRLF}Host : x${CRLF}${CRLF}`],
    [
      'raw UTF-8 path',
      Buffer.from(`GET /articles/tags/冷链/ HTTP/1.1${CRLF}Host: x${CRLF}Connection: close${CRLF}${CRLF}`),
    ],
    [
      'invalid UTF-8 path',
      Buffer.concat([Buffer.from('GET /'), Buffer.from([0xff, 0xfe]), Buffer.from(' HTTP/1.1\r\n\r\n')]),
    ],
  ];
  const headers: Array<[string, string[]]> = [
    ['20 KB header', [`X-Big: ${'a'.repeat(20 * 1024)}`]],
    ['300 headers', Array.from({ length: 300 }, (_, index) => `X-H${index}: ${index}`)],
    ['Content-Length and chunked', ['Content-Length: 5', 'Transfer-Encoding: chunked']],
    ['negative Content-Length', ['Content-Length: -1']],
    ['text Content-Length', ['Content-Length: abc']],
    ['two Content-Lengths', ['Content-Length: 0', 'Content-Length: 10']],
    ['Transfer-Encoding gzip', ['Transfer-Encoding: gzip']],
    ['Expect: 100-continue', ['Expect: 100-continue', 'Content-Length: 0']],
    ['Expect: nonsense', ['Expect: nonsense']],
    [
      'Upgrade: websocket',
      ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='],
    ],
    ['Upgrade: h2c', ['Upgrade: h2c', 'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA']],
  ];
  const versions: Array<[string, string]> = [
    ['HTTP/2.0', `GET / HTTP/2.0${CRLF}Host: x${CRLF}${CRLF}`],
    ['HTTP/3.0', `GET / HTTP/3.0${CRLF}Host: x${CRLF}${CRLF}`],
    ['HTTP/9.9', `GET / HTTP/9.9${CRLF}Host: x${CRLF}${CRLF}`],
  ];
  return [
    ...lines.map(([name, raw]) => ({ name: `request line: ${name}`, raw, halfClose: HALF_CLOSE.has(name) })),
    ...versions.map(([name, raw]) => ({ name: `request line: ${name}`, raw, expect: 'version' as const })),
    ...headers.map(([name, list]) => ({
      name: `headers: ${name}`,
      raw: request('GET', '/', list),
      ...(name === 'Transfer-Encoding gzip' ? { expect: 'coding' as const } : {}),
    })),
  ];
}

/** Range and conditional headers that are broken, huge, or contradict each other. */
function rangeRequests(): HostileRequest[] {
  const ranges = [
    'bytes=5-2',
    'bytes=-5',
    'bytes=0-',
    'bytes=-0',
    'bytes=abc',
    'bytes=',
    'bytes=99999999999999999999-',
    'bytes=0-99999999999999999999',
    'bytes=1000000000-1000000001',
    `bytes=${Array.from({ length: 500 }, (_, index) => `${index}-${index}`).join(',')}`,
    'bytes=0-0,-1',
    'items=0-1',
    'bytes 0-1',
  ];
  const conditions = [
    'If-None-Match: *',
    'If-None-Match: "x", W/"y", garbage',
    'If-Match: "nope"',
    'If-Modified-Since: not a date',
    'If-Modified-Since: Sat, 01 Jan 2101 00:00:00 GMT',
    'If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT',
    'If-Range: "nope"',
  ];
  return [
    ...ranges.map((range) => ({ name: `range ${range.slice(0, 40)}`, raw: request('GET', '/', [`Range: ${range}`]) })),
    ...conditions.map((header) => ({ name: `condition ${header}`, raw: request('GET', '/', [header]) })),
    { name: 'range with If-Range', raw: request('GET', '/', ['Range: bytes=0-1', 'If-Range: "x"']) },
  ];
}

/** Absolute-URI targets and a hostile Host header, aimed at making a redirect leave the site. */
function redirectRequests(): HostileRequest[] {
  const evilHost = ['Host: evil.example'];
  const targets = [
    '/.//evil%2Eexample%2Ecom',
    '//evil.example/',
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example/',
    '/%2f%2fevil.example',
    '/%5c%5cevil.example',
    '///evil.example//',
    '//evil.example/%2e%2e',
    '/%09/evil.example',
    '/plan',
    '//plan',
    '/plan//',
    '/./plan',
    '/plan/.',
    '/plan/2022/..',
    '/search?q=https://evil.example',
    '/plan?next=//evil.example',
    '/plan%2f',
    '/plan\\',
  ];
  const absolute = [
    'http://evil.example/',
    'http://evil.example/plan',
    'http://evil.example',
    'https://127.0.0.1/plan',
    'HTTP://EVIL.EXAMPLE/plan',
    'ftp://evil.example/',
    'evil.example:80',
    '*',
    'http://evil.example/../dist-secret/secret.txt',
    'http://evil.example/..%2fdist-secret%2fsecret.txt',
  ];
  return [
    ...targets.map((target) => ({ name: `redirect ${target}`, raw: request('GET', target) })),
    ...targets.map((target) => ({
      name: `redirect ${target} (Host: evil)`,
      raw: request('GET', target, []).replace('Host: 127.0.0.1', evilHost[0]!),
    })),
    ...absolute.map((target) => ({ name: `absolute ${target}`, raw: request('GET', target) })),
    {
      name: 'redirect with X-Forwarded-Host',
      raw: request('GET', '/plan', ['X-Forwarded-Host: evil.example', 'X-Forwarded-Proto: https']),
    },
  ];
}

/** Clients that leave: half a request line, half the headers, or right after asking for a file. */
function abandonRequests(): HostileRequest[] {
  return [
    ['half a line', 'GET /pla'],
    ['empty lines only', `${CRLF}${CRLF}${CRLF}`],
    ['half the headers', `GET / HTTP/1.1${CRLF}Host: x${CRLF}X-A: `],
    ['whole request', request('GET', '/')],
    ['big file', request('GET', '/pagefind/pagefind.js')],
    ['body promised', `POST / HTTP/1.1${CRLF}Host: x${CRLF}Content-Length: 100000${CRLF}${CRLF}abc`],
    ['CONNECT', request('CONNECT', 'evil.example:443')],
  ].map(([name, raw]) => ({ name: `abandon: ${name}`, raw: raw!, abandon: true }));
}

/** The whole hostile set, in the order it runs. */
export const HOSTILE_REQUESTS: readonly HostileRequest[] = [
  ...traversalRequests(),
  ...symlinkRequests(),
  ...encodingRequests(),
  ...longPathRequests(),
  ...methodRequests(),
  ...malformedRequests(),
  ...rangeRequests(),
  ...redirectRequests(),
  ...abandonRequests(),
];

/** Index of the end of the header block, or -1. */
function headerEnd(bytes: Buffer, from: number): number {
  return bytes.indexOf('\r\n\r\n', from, 'latin1');
}

/** Decodes a chunked body; what cannot be decoded is returned as received. */
function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (let guard = 0; guard < 100_000 && offset < bytes.length; guard += 1) {
    const lineEnd = bytes.indexOf('\r\n', offset, 'latin1');
    if (lineEnd === -1) return bytes;
    const size = parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) return bytes;
    if (size === 0) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Reads the first final response (skipping 1xx) out of everything a socket received. */
export function parseResponse(bytes: Buffer): Omit<HostileResult, 'request' | 'error'> {
  let offset = 0;
  for (let guard = 0; guard < 10; guard += 1) {
    const statusLine = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(bytes.subarray(offset, offset + 32).toString('latin1'));
    const end = headerEnd(bytes, offset);
    if (!statusLine || end === -1) break;
    const status = Number(statusLine[1]);
    const headers: Record<string, string> = {};
    for (const line of bytes.subarray(offset, end).toString('latin1').split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    if (status >= 100 && status < 200) {
      offset = end + 4;
      continue;
    }
    const rest = bytes.subarray(end + 4);
    const body = /chunked/i.test(headers['transfer-encoding'] ?? '') ? dechunk(rest) : rest;
    return { status, headers, body };
  }
  return { status: null, headers: {}, body: bytes.subarray(offset) };
}

/**
 * Whether a complete final response has arrived: headers, then Content-Length bytes, or a chunked body's last chunk.
 * An answer to HEAD, a 1xx, 204 or 304 has no body; an answer with neither length nor chunks ends when the server
 * closes the connection.
 */
function isComplete(bytes: Buffer, sent: string | Buffer): boolean {
  const answer = parseResponse(bytes);
  if (answer.status === null) return false;
  const isHead = Buffer.from(sent).subarray(0, 5).toString('latin1') === 'HEAD ';
  if (isHead || answer.status === 204 || answer.status === 304) return true;
  if (/chunked/i.test(answer.headers['transfer-encoding'] ?? '')) {
    return bytes.subarray(bytes.indexOf('\r\n\r\n', 0, 'latin1')).includes('\r\n0\r\n\r\n');
  }
  const length = answer.headers['content-length'];
  return length !== undefined && /^\d+$/.test(length) && answer.body.length >= Number(length);
}

/** Most bytes kept from one answer: enough for any page; a server streaming more is cut off. */
const MAX_ANSWER = 4 * 1024 * 1024;

/** Sends one request on a fresh connection and reads until the server closes it (or the time runs out). */
export function sendRaw(
  host: string,
  port: number,
  hostile: HostileRequest,
  timeoutMs = 10_000,
): Promise<HostileResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let error: string | undefined;
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      error = 'timeout';
      socket.destroy();
    });
    socket.on('connect', () => {
      socket.write(hostile.raw, () => {
        if (hostile.abandon) socket.destroy();
        else if (hostile.halfClose) socket.end();
      });
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_ANSWER) socket.destroy();
      chunks.push(chunk);
      // Done once the answer is whole: a server may keep the connection open a while after it (nginx lingers).
      if (isComplete(Buffer.concat(chunks), hostile.raw)) socket.destroy();
    });
    socket.on('error', (cause: NodeJS.ErrnoException) => {
      // A server may reset a connection it refuses; what it sent before still counts.
      if (!hostile.abandon) error ??= cause.code ?? cause.message;
    });
    socket.on('close', () => {
      const parsed = parseResponse(Buffer.concat(chunks));
      const failed = parsed.status === null && error !== undefined && !hostile.abandon;
      resolve({ request: hostile, ...parsed, ...(failed ? { error } : {}) });
    });
  });
}

/** The plain request whose answer shows the server is still up: the home page, 200. */
const HEALTH: HostileRequest = { name: 'health: GET /', raw: request('GET', '/') };

/**
 * Sends every request, a batch at a time (each on its own connection), and after each batch asks for the home page.
 * Loopback servers only: this is a test of robustness, not of capacity.
 */
export async function runHostileRequests(
  host: string,
  port: number,
  options: { requests?: readonly HostileRequest[]; concurrency?: number; timeoutMs?: number } = {},
): Promise<HostileRun> {
  const { requests = HOSTILE_REQUESTS, concurrency = 16, timeoutMs = 10_000 } = options;
  const results: HostileResult[] = [];
  const health: Array<number | null> = [];
  for (let start = 0; start < requests.length; start += concurrency) {
    const batch = requests.slice(start, start + concurrency);
    results.push(...(await Promise.all(batch.map((hostile) => sendRaw(host, port, hostile, timeoutMs)))));
    health.push((await sendRaw(host, port, HEALTH, timeoutMs)).status);
  }
  return { results, health };
}

/** Whether a Location header stays on the site: a path with exactly one leading slash, no scheme, no control bytes. */
export function isSameOriginPath(location: string): boolean {
  const controlOrSpace = [...location].some((char) => char.charCodeAt(0) <= 0x20 || char.charCodeAt(0) === 0x7f);
  return /^\/(?![/\\])/.test(location) && !controlOrSpace;
}

/**
 * Every rule a run broke, one line each; empty when the server held. Rules: it stayed up (the home page answered 200
 * after every batch), no 5xx, no answer holds a forbidden text (the secret, /etc/passwd), every redirect stays on
 * the site, refused methods get 405, and no request went unanswered (except those that hung up themselves).
 * @param requireHeaders headers every answer with a status must carry, with these exact values (optional).
 */
export function hostileProblems(
  run: HostileRun,
  options: { forbidden: readonly string[]; requireHeaders?: Record<string, string> },
): string[] {
  const problems: string[] = [];
  run.health.forEach((status, batch) => {
    if (status !== 200) problems.push(`after batch ${batch + 1} the home page answered ${status ?? 'nothing'}`);
  });
  for (const result of run.results) {
    const { request: hostile, status, headers, body } = result;
    const what = `${hostile.name}: `;
    if (hostile.abandon) continue;
    if (result.error) problems.push(`${what}no answer (${result.error})`);
    const rightly5xx =
      (hostile.expect === 'version' && status === 505) || (hostile.expect === 'coding' && status === 501);
    if (status !== null && status >= 500 && !rightly5xx) problems.push(`${what}status ${status}`);
    const text = body.toString('latin1');
    for (const secret of options.forbidden) {
      if (text.includes(Buffer.from(secret).toString('latin1'))) problems.push(`${what}answer contains “${secret}”`);
    }
    if (status !== null && status >= 300 && status < 400 && status !== 304) {
      const location = headers.location ?? '';
      if (!isSameOriginPath(location)) problems.push(`${what}redirects to “${location}”`);
    }
    if (hostile.expect === 'method' && status !== 405) problems.push(`${what}status ${status}, expected 405`);
    if (hostile.expect === 'refused' && status !== null && status !== 400 && status !== 405) {
      problems.push(`${what}status ${status}, expected 400 or 405`);
    }
    if (hostile.expect === 'version' && status !== null && status !== 400 && status !== 505) {
      problems.push(`${what}status ${status}, expected 400 or 505`);
    }
    if (hostile.expect === 'coding' && status !== null && status !== 400 && status !== 501) {
      problems.push(`${what}status ${status}, expected 400 or 501`);
    }
    if (status !== null) {
      for (const [name, value] of Object.entries(options.requireHeaders ?? {})) {
        if (headers[name.toLowerCase()] !== value) problems.push(`${what}status ${status} without ${name}`);
      }
    }
  }
  return problems;
}

/** A served folder laid out for the hostile set, and what must never leak from it. */
export interface HostileRoot {
  /** The folder to serve: a copy of the built site plus the symlinks. */
  root: string;
  /** Texts no answer may contain: the secret beside the folder, and /etc/passwd's first entry. */
  forbidden: string[];
  cleanup: () => Promise<void>;
}

/**
 * Copies a built site into `<tmp>/dist/`, writes a secret into the sibling `<tmp>/dist-secret/secret.txt`, and adds
 * symlinks from inside dist/ to that folder, that file and /etc/passwd.
 */
export async function makeHostileRoot(builtDist: string): Promise<HostileRoot> {
  const { sibling, secretFile, dirLink, fileLink, passwdLink } = HOSTILE_LAYOUT;
  const base = await mkdtemp(join(tmpdir(), 'shian-hostile-'));
  // Readable by a server running as another user (nginx's www-data): the secret must be within its reach, so that
  // only the server's own rules keep it out of the answers.
  await chmod(base, 0o755);
  const root = join(base, 'dist');
  const secret = `SECRET-${randomUUID()}`;
  await cp(builtDist, root, { recursive: true });
  await mkdir(join(base, sibling));
  await writeFile(join(base, sibling, secretFile), `${secret}\n`);
  await symlink(`../${sibling}`, join(root, dirLink));
  await symlink(join(base, sibling, secretFile), join(root, fileLink));
  await symlink('/etc/passwd', join(root, passwdLink));
  return {
    root,
    forbidden: [secret, PASSWD_MARK],
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}
