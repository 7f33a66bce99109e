/**
 * The static file server for the built site (dist/): what `npm start` serves and what the browser tests run against.
 *
 * Files are sent by `send` (the file-sending core of Express's serve-static: ETag and 304, Range and 206/416,
 * Content-Type with charset, HEAD). This module decides WHICH file a request may get, and is the only place that
 * does: it reads the request target byte by byte (bad percent-encoding or UTF-8 is a 400, never an exception),
 * resolves dot segments itself, serves only regular files whose real path is inside the real root and that are not
 * reached through a symlink, redirects a directory only to a same-origin path, and answers everything else with the
 * site's 404.html. Every response, errors included, carries the headers of src/config/http-headers.ts.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { extname, join, sep } from 'node:path';
import send from 'send';
import { headersFor } from '../src/config/http-headers.ts';

/** Methods a static site answers; anything else gets 405 with this list in `Allow`. */
export const ALLOWED_METHODS = 'GET, HEAD';

/** Content types `send`'s table gets wrong for this site: XML feeds and sitemap are UTF-8, as they declare. */
const TYPE_OVERRIDES: Record<string, string> = {
  '.xml': 'application/xml; charset=utf-8',
};

/** Plain Chinese bodies for the statuses this server sends itself. */
const PLAIN_BODIES: Record<number, string> = {
  400: '400 请求无效：地址的写法不正确。\n',
  // Only when the site has no 404.html (a half-copied dist/): plain text, still a 404.
  404: '404 页面不存在。请检查地址，或返回首页。\n',
  405: '405 不支持此请求方法：本网站只接受 GET 和 HEAD。\n',
  408: '408 请求超时。\n',
  412: '412 条件不满足。\n',
  416: '416 请求的范围无效。\n',
  417: '417 无法满足 Expect 请求头的要求。\n',
  431: '431 请求头过大。\n',
  500: '500 服务器内部错误。\n',
};

/** A request target reduced to what picks a file: decoded path segments, a trailing slash, a safe query. */
export interface Target {
  /** Decoded segments without empty, `.` and `..` segments, e.g. ['plan', '2022']. */
  segments: string[];
  /** Whether the path ended with a slash (a directory address). */
  slash: boolean;
  /** The query as sent ('' or '?…'), kept only when it is plain printable ASCII, for directory redirects. */
  query: string;
}

/** Decodes %XX escapes over bytes; null when an escape is malformed. */
function percentDecode(bytes: Buffer): Buffer | null {
  const out = Buffer.alloc(bytes.length);
  let length = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index]!;
    if (byte !== 0x25) {
      out[length++] = byte;
      continue;
    }
    const hex = bytes.subarray(index + 1, index + 3).toString('latin1');
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
    out[length++] = parseInt(hex, 16);
    index += 2;
  }
  return out.subarray(0, length);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a raw request target (`request.url`) into a Target, or null for one that is not a valid path: not
 * origin-form or http(s) absolute-form, malformed percent-encoding, invalid UTF-8 (overlong `%c0%ae` included), a NUL,
 * or `..` above the root. Backslashes count as slashes, as browsers treat them. Pure; decodes once, then resolves
 * dot segments, so an encoded `%2e%2e%2f` is resolved like `../` and can never climb out.
 */
export function parseTarget(raw: string): Target | null {
  let target = raw;
  const absolute = /^https?:\/\/[^/?#]*/i.exec(target);
  if (absolute) target = target.slice(absolute[0].length) || '/';
  if (!target.startsWith('/')) return null;
  const hash = target.indexOf('#');
  if (hash !== -1) target = target.slice(0, hash);
  const question = target.indexOf('?');
  const rawQuery = question === -1 ? '' : target.slice(question);
  const rawPath = question === -1 ? target : target.slice(0, question);
  // RFC 3986 path characters, plus `\` (browsers read it as `/`) and raw non-ASCII bytes (UTF-8 from curl and the
  // like): `[`, `{`, `|`, `"`, `<`, spaces and control bytes make the target malformed, e.g. `GET //[ HTTP/1.1`.
  if (/[^A-Za-z0-9\-._~!$&'()*+,;=:@%/\\\x80-\xff]/.test(rawPath)) return null;
  // Node gives the request line's bytes as latin1 characters; back to bytes, so raw UTF-8 and %XX decode alike.
  const bytes = percentDecode(Buffer.from(rawPath, 'latin1'));
  if (!bytes) return null;
  let path: string;
  try {
    path = UTF8.decode(bytes);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const segments: string[] = [];
  for (const segment of path.split(/[/\\]/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return null;
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  // `/plan/.` and `/plan/x/..` name a directory as surely as `/plan/` does (browsers resolve them the same way).
  const last = path.split(/[/\\]/).pop();
  return {
    segments,
    slash: last === '' || last === '.' || last === '..',
    query: /^\?[\x21-\x7e]*$/.test(rawQuery) ? rawQuery : '',
  };
}

/** The site address of a target, decoded: /plan/2022/ or /_astro/x.css (what the header rules look at). */
export function targetPath(target: Target): string {
  const path = `/${target.segments.join('/')}`;
  return target.slash && target.segments.length > 0 ? `${path}/` : path;
}

/**
 * The redirect for a directory asked for without its slash: always a path on this site that starts with exactly
 * one slash (every segment is non-empty and percent-encoded, so none can add a slash or a scheme).
 */
export function directoryLocation(target: Target): string {
  return `/${target.segments.map(encodeURIComponent).join('/')}/${target.query}`;
}

type Resolution = { kind: 'file'; file: string } | { kind: 'redirect' } | { kind: 'missing' };

/** Whether `path` is the real path of an existing regular file or directory inside `root`, reached without symlinks. */
async function realInside(root: string, path: string): Promise<boolean> {
  const real = await realpath(path).catch(() => null);
  // A symlink anywhere on the way makes the real path differ from the requested one: refused, wherever it points.
  return real === path && (real === root || real.startsWith(root + sep));
}

/** Which file a target gets, if any. `root` is the real path of the served folder. */
async function resolveTarget(root: string, target: Target): Promise<Resolution> {
  // Hidden files are never site content, except the standard /.well-known/ (security.txt).
  if (target.segments.some((segment) => segment.startsWith('.') && segment !== '.well-known')) {
    return { kind: 'missing' };
  }
  const path = join(root, ...target.segments);
  if (!(await realInside(root, path))) return { kind: 'missing' };
  const info = await stat(path).catch(() => null);
  if (info?.isDirectory()) {
    // The root has no address without a slash: `/` is the shortest there is, so it needs no redirect.
    if (!target.slash && target.segments.length > 0) return { kind: 'redirect' };
    const index = join(path, 'index.html');
    if (!(await realInside(root, index))) return { kind: 'missing' };
    return (await stat(index).catch(() => null))?.isFile() ? { kind: 'file', file: index } : { kind: 'missing' };
  }
  // Only regular files: a FIFO or device would hang or leak. A file asked for as a directory does not exist.
  return info?.isFile() && !target.slash ? { kind: 'file', file: path } : { kind: 'missing' };
}

/** Sends a short plain-text response of the server's own (errors, 405). */
function sendPlain(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  path: string,
  extra: Record<string, string> = {},
): void {
  const body = PLAIN_BODIES[status] ?? `${status} ${STATUS_CODES[status] ?? ''}\n`;
  clearHeaders(response);
  response.writeHead(status, {
    ...headersFor(path, status),
    ...extra,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** Removes headers set for a file that turned out not to be sent (send's own, and ours). */
function clearHeaders(response: ServerResponse): void {
  for (const name of response.getHeaderNames()) response.removeHeader(name);
}

/** Sends the site's 404.html with status 404, or a plain Chinese 404 when the site has none. */
async function sendNotFound(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<void> {
  const page = join(root, '404.html');
  const body = (await realInside(root, page)) ? await readFile(page).catch(() => null) : null;
  if (!body) {
    sendPlain(request, response, 404, path);
    return;
  }
  clearHeaders(response);
  response.writeHead(404, {
    ...headersFor(path, 404),
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(body.length),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** Answers one request. Never throws for anything a client can send; the caller still guards against bugs. */
async function handle(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // A body sent with a request is never read; let it drain so the connection stays usable.
  request.resume();
  const target = parseTarget(request.url ?? '');
  const path = target ? targetPath(target) : '/';
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendPlain(request, response, 405, path, { Allow: ALLOWED_METHODS });
    return;
  }
  // Node's parser lets `HTTP/2.0` through as if it were 1.1; HTTP/1.1 needs a Host (RFC 9112), checked here rather
  // than by Node, so that this 400 carries the site's headers too.
  const badVersion = request.httpVersionMajor !== 1;
  const missingHost = request.httpVersionMinor === 1 && request.headers.host === undefined;
  if (!target || badVersion || missingHost) {
    sendPlain(request, response, 400, path);
    return;
  }
  const found = await resolveTarget(root, target);
  if (found.kind === 'redirect') {
    const location = directoryLocation(target);
    response.writeHead(301, { ...headersFor(path, 301), Location: location, 'Content-Length': '0' }).end();
    return;
  }
  if (found.kind === 'missing') {
    await sendNotFound(root, request, response, path);
    return;
  }
  for (const [name, value] of Object.entries(headersFor(path, 200))) response.setHeader(name, value);
  const type = TYPE_OVERRIDES[extname(found.file)];
  if (type) response.setHeader('Content-Type', type);
  // `send` gets the checked file as an encoded path under the root: it stats and streams that file and nothing else.
  const relative = found.file.slice(root.length).split(sep).map(encodeURIComponent).join('/');
  send(request, relative, { root, index: false, dotfiles: 'allow', cacheControl: false })
    .on('error', (error: { status?: number; headers?: Record<string, string> }) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const status = error.status ?? 500;
      if (status === 404) void sendNotFound(root, request, response, path);
      else sendPlain(request, response, status, path, error.headers ?? {});
    })
    .pipe(response);
}

/** A complete raw HTTP response, for sockets that never became a request (bad request line, CONNECT). */
function rawResponse(status: number, extra: Record<string, string> = {}): string {
  const body = PLAIN_BODIES[status] ?? `${status} ${STATUS_CODES[status] ?? ''}\n`;
  const headers = {
    ...headersFor('/', status),
    ...extra,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Status for a request Node's parser refused, as Node's own default handler would choose it. */
function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/** The address to print and to request: IPv6 hosts in brackets. */
function baseUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Serves a folder, by default on 127.0.0.1 only.
 * @param port 0 picks a free port.
 * @param host the interface to listen on; `npm start` passes $HOST when set.
 * @returns the server and its base address without a trailing slash, e.g. http://127.0.0.1:4321
 */
export async function startStaticServer(
  folder: string,
  port = 0,
  host = '127.0.0.1',
): Promise<{ server: Server; url: string }> {
  // The real path, so that comparing real paths of files with it is exact (a symlinked dist/ itself is fine).
  const root = await realpath(folder);
  const server = createServer({ requireHostHeader: false }, (request, response) => {
    handle(root, request, response).catch((error: unknown) => {
      // A bug, not a client's doing: log it, answer if still possible, keep serving.
      console.error('静态服务器处理请求时出错：', error);
      if (!response.headersSent) sendPlain(request, response, 500, '/');
      else response.destroy();
    });
  });
  // Requests Node's parser refuses (`GET //[ HTTP/1.1` is fine for it; a space in the path, a bad version are not).
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const pending = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
      socket.destroy();
      return;
    }
    socket.end(rawResponse(clientErrorStatus(error.code)));
  });
  // An Expect header other than 100-continue: Node would answer 417 itself, without the site's headers.
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    sendPlain(request, response, 417, '/');
  });
  // CONNECT asks for a tunnel: refused like any other method. Node hands over the bare socket, errors included.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end(rawResponse(405, { Allow: ALLOWED_METHODS }));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { server, url: baseUrl(host, actualPort) };
}
