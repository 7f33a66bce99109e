/**
 * The sign-in gate of the editor service (server mode, src/lib/editor/mode.ts), in front of everything the editor's
 * dev server serves: the editor, its API, the site preview and the dev server's own files. Nobody gets past it without
 * a session, made by signing in on the Chinese page at /admin/login/ with an account from src/lib/editor/accounts.ts.
 *
 * - Sessions: a random token in a cookie that is HttpOnly, SameSite=Strict and (behind HTTPS) Secure with the
 *   `__Host-` prefix; the server keeps only the token's hash, in memory (a restart of the service signs everyone out).
 *   A session ends after IDLE_HOURS without a request, or MAX_HOURS after signing in.
 * - CSRF: every request that is not GET or HEAD must come from the editor's own origin (Origin, else Referer) and carry
 *   the session's token, in the `X-CSRF-Token` header (the editor page's fetch, src/scripts/editor/session.ts), in a
 *   form's `_csrf` field (pages of the editor that post forms, via {@link csrfField}) or, for upload forms, in the
 *   action's query ({@link csrfQuery}).
 * - Lock-out: in the accounts (LOCK_AFTER wrong passwords lock an account for LOCK_MINUTES).
 * The gate records who sent each request with setRequestUser; the parts behind it ask requestUser.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeXml as escapeHtml } from '../rss.ts';
import { currentUser, LOCK_MINUTES, signIn } from './accounts.ts';
import { setRequestUser, type EditorUser } from './mode.ts';

/** A session ends after this long without a request… */
export const IDLE_HOURS = 8;
/** …and this long after signing in, whatever happens. */
export const MAX_HOURS = 12;
/** The largest form the gate reads (a sign-in form or a review form with a comment). */
const FORM_LIMIT = 64 * 1024;

/** How the gate is set up. */
export interface GateOptions {
  /** The editor's data folder (accounts). */
  dataDir: string;
  /**
   * The editor's public origin as the browser sees it (SHIAN_EDITOR_ORIGIN, e.g. `https://bianji.example.gov.cn`
   * behind nginx); when unset, the request's own Host over plain http (a test, or a tunnel to 127.0.0.1).
   */
  origin?: string | null;
  /** The clock (tests move it). */
  now?: () => Date;
}

interface Session {
  name: string;
  csrf: string;
  created: number;
  seen: number;
}

/** A middleware of the dev server (connect). */
export type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The value of one cookie of a request, or null. */
function cookie(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/** Where a sign-in may send the browser back to: a path of this site only (never `//elsewhere`). */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/admin/';
}

/** Reads a small urlencoded form body; null when it is too large or of another type. */
function readForm(request: IncomingMessage): Promise<URLSearchParams | null> {
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > FORM_LIMIT) {
        resolve(null);
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, type: string, body: string, headers = {}): void {
  response.writeHead(status, {
    'Content-Type': `${type}; charset=utf-8`,
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    ...headers,
  });
  response.end(body);
}

function refuseJson(response: ServerResponse, status: number, error: string): void {
  send(response, status, 'application/json', JSON.stringify({ error }));
}

/** The sign-in page: Chinese, large text, no script, one form. */
export function loginPage(options: { next: string; message?: string; name?: string }): string {
  const message = options.message ? `<p class="message" role="alert">${escapeHtml(options.message)}</p>` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>登录编辑后台 · 食安武清</title>
<style>
body{margin:0;font:1.25rem/1.7 system-ui,sans-serif;color:#1a1a1a;background:#f4f6f5}
main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border:1px solid #c4cbc7}
h1{font-size:1.75rem;margin:0 0 1rem}
label{display:block;margin-top:1rem;font-weight:600}
input{box-sizing:border-box;width:100%;padding:.6rem;font-size:1.25rem;border:2px solid #4a4a4a;border-radius:4px}
button{margin-top:1.5rem;padding:.6rem 2rem;font-size:1.25rem;color:#fff;background:#0b5b36;border:0;border-radius:4px}
input:focus,button:focus{outline:3px solid #f2c94c;outline-offset:2px}
.message{padding:.75rem 1rem;border-left:6px solid #b3261e;background:#fdecea}
.help{font-size:1.05rem;color:#3d3d3d}
</style>
</head>
<body>
<main>
<h1>登录编辑后台</h1>
${message}
<form method="post" action="/admin/login/">
<input type="hidden" name="next" value="${escapeHtml(options.next)}">
<label for="name">账号</label>
<input id="name" name="name" autocomplete="username" required value="${escapeHtml(options.name ?? '')}">
<label for="password">密码</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">登录</button>
</form>
<p class="help">忘记密码或账号被锁定时，请联系管理员（服务器上运行 <code>npm run editor:user</code>）。连续输错 5 次密码，账号锁定 ${LOCK_MINUTES} 分钟。</p>
</main>
</body>
</html>
`;
}

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** The sessions and the gate. */
export interface Gate {
  middleware: Middleware;
  /** The CSRF token of the request's session (for a form's hidden `_csrf` field), or null. */
  csrfToken(request: IncomingMessage): string | null;
}

/**
 * A hidden form field with the request's CSRF token, for pages of the editor that post forms (empty when the request
 * has no session, as in local mode, where the gate does not run).
 */
export function csrfField(request: IncomingMessage): string {
  const token = csrfTokens.get(request);
  return token ? `<input type="hidden" name="_csrf" value="${escapeHtml(token)}">` : '';
}
const csrfTokens = new WeakMap<IncomingMessage, string>();

/**
 * The `_csrf=…` query for the action address of a file upload form (multipart, whose body the gate does not read);
 * empty without a session.
 */
export function csrfQuery(request: IncomingMessage): string {
  const token = csrfTokens.get(request);
  return token ? `?_csrf=${encodeURIComponent(token)}` : '';
}

/** Makes the sign-in gate. */
export function signInGate(options: GateOptions): Gate {
  const now = options.now ?? (() => new Date());
  const sessions = new Map<string, Session>();

  const secure = (request: IncomingMessage) => expectedOrigin(request).startsWith('https:');
  const cookieName = (request: IncomingMessage) => (secure(request) ? '__Host-shian_editor' : 'shian_editor');
  const expectedOrigin = (request: IncomingMessage) =>
    (options.origin ?? `http://${request.headers.host ?? ''}`).replace(/\/$/, '');

  function session(request: IncomingMessage): { key: string; session: Session } | null {
    const token = cookie(request, cookieName(request));
    if (!token) return null;
    const key = tokenHash(token);
    const found = sessions.get(key);
    if (!found) return null;
    const time = now().getTime();
    if (time - found.seen > IDLE_HOURS * 3_600_000 || time - found.created >= MAX_HOURS * 3_600_000) {
      sessions.delete(key);
      return null;
    }
    found.seen = time;
    return { key, session: found };
  }

  /** Whether a request that changes something comes from the editor's own pages. */
  function fromOwnOrigin(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    const referer = request.headers.referer;
    let source: string | null = null;
    if (origin && origin !== 'null') source = origin;
    else if (referer) {
      try {
        source = new URL(referer).origin;
      } catch {
        return false;
      }
    }
    return source === expectedOrigin(request);
  }

  function setCookie(request: IncomingMessage, value: string, maxAge: number): string {
    const parts = [`${cookieName(request)}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAge}`];
    if (secure(request)) parts.push('Secure');
    return parts.join('; ');
  }

  async function login(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method === 'GET' || request.method === 'HEAD') {
      if (session(request)) return send(response, 303, 'text/plain', '', { Location: '/admin/' });
      return send(response, 200, 'text/html', loginPage({ next: safeNext(url.searchParams.get('next')) }));
    }
    if (request.method !== 'POST') return refuseJson(response, 405, '不支持这种请求。');
    if (!fromOwnOrigin(request)) return refuseJson(response, 403, '只接受编辑后台自己的登录页发出的登录请求。');
    const form = await readForm(request);
    const name = form?.get('name')?.trim() ?? '';
    const next = safeNext(form?.get('next'));
    const result = signIn(options.dataDir, name, form?.get('password') ?? '', now());
    if (!result.ok) {
      const message =
        result.reason === 'locked'
          ? `连续输错密码次数过多，账号已锁定到 ${TIME.format(result.until)}（北京时间）。请到时再试，或请管理员解锁。`
          : `账号或密码不正确。再输错 ${result.remaining} 次，账号将锁定 ${LOCK_MINUTES} 分钟。`;
      return send(response, result.reason === 'locked' ? 429 : 401, 'text/html', loginPage({ next, message, name }));
    }
    const token = randomBytes(32).toString('base64url');
    const time = now().getTime();
    sessions.set(tokenHash(token), {
      name: result.user.name,
      csrf: randomBytes(24).toString('base64url'),
      created: time,
      seen: time,
    });
    send(response, 303, 'text/plain', '', {
      Location: next,
      'Set-Cookie': setCookie(request, token, MAX_HOURS * 3600),
    });
  }

  const middleware: Middleware = (request, response, next) => {
    const url = new URL(request.url ?? '/', 'http://editor');
    if (url.pathname === '/admin/login/') {
      login(request, response, url).catch((error: unknown) => {
        console.error(error);
        refuseJson(response, 500, '登录出错，请稍后再试。');
      });
      return;
    }
    const found = session(request);
    const user: EditorUser | null = found ? currentUser(options.dataDir, found.session.name) : null;
    if (!found || !user) {
      if (found) sessions.delete(found.key);
      // Pages go to the sign-in page; the API and the session's own address answer 401, which scripts understand.
      const wantsPage =
        (request.method === 'GET' || request.method === 'HEAD') &&
        !url.pathname.startsWith('/admin/api/') &&
        url.pathname !== '/admin/session/';
      if (wantsPage)
        return send(response, 303, 'text/plain', '', {
          Location: `/admin/login/?next=${encodeURIComponent(url.pathname + url.search)}`,
        });
      return refuseJson(response, 401, '请先登录编辑后台（登录已过期时请重新登录）。没有保存任何内容。');
    }
    const reading = request.method === 'GET' || request.method === 'HEAD';
    const accept = (form: URLSearchParams | null) => {
      if (!reading) {
        // The header (the editor page's fetch), a form's field, or, for a file upload form (multipart, which the gate
        // does not read), the form's action address.
        const token =
          (request.headers['x-csrf-token'] as string | undefined) ??
          form?.get('_csrf') ??
          url.searchParams.get('_csrf') ??
          '';
        if (!fromOwnOrigin(request) || !sameToken(token, found.session.csrf))
          return refuseJson(
            response,
            403,
            '这个请求不是从编辑后台页面发出的（或页面已过期），没有执行。请刷新编辑后台页面后再试。',
          );
      }
      setRequestUser(request, user);
      csrfTokens.set(request, found.session.csrf);
      if (url.pathname === '/admin/session/')
        return send(response, 200, 'application/json', JSON.stringify({ ...user, csrfToken: found.session.csrf }));
      if (url.pathname === '/admin/logout/') {
        if (reading) return refuseJson(response, 405, '请用页面上的“退出登录”按钮退出。');
        sessions.delete(found.key);
        return send(response, 303, 'text/plain', '', {
          Location: '/admin/login/',
          'Set-Cookie': setCookie(request, '', 0),
        });
      }
      next();
    };
    // A form's token is in its body: read it here and hand the parsed form on (Express's parsers skip a read body).
    const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    if (reading || !isForm || request.headers['x-csrf-token']) return accept(null);
    readForm(request).then((form) => {
      Object.assign(request, { body: Object.fromEntries(form ?? []), _body: true });
      accept(form);
    }, next);
  };

  return {
    middleware,
    csrfToken: (request) => csrfTokens.get(request) ?? null,
  };
}
