/**
 * The editor service's sign-in gate (src/lib/editor/auth.ts) in front of the editor's real server
 * (src/lib/editor/proxy.ts) on a copy of the fixture content, driven with HTTP requests as a browser and an attacker
 * would send them: the sign-in page, the lock-out, the session cookie, and every request that writes refused without
 * a session, from another site, or without the session's CSRF token, with nothing written.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, LOCK_AFTER } from '../../src/lib/editor/accounts.ts';
import { signInGate } from '../../src/lib/editor/auth.ts';
import { editorServer } from '../../src/lib/editor/proxy.ts';
import { fixtureContentCopy, persistEntry } from '../helpers/editor-server.ts';
import { ARTICLE_HEAD } from '../helpers/bad-content.ts';
import { WRITE_ENDPOINTS } from '../helpers/editor-service.ts';

let copy: ReturnType<typeof fixtureContentCopy>;
let server: Server;
let base: string;
/** The gate's clock: tests move it forward. */
let clock = new Date('2026-03-02T01:00:00Z');
const PASSWORD = 'fixture password 1';

beforeAll(async () => {
  copy = fixtureContentCopy('editor-auth-');
  const dataDir = join(copy.dir, '.editor-data');
  addAccount(dataDir, '测试编辑', '编辑', PASSWORD);
  addAccount(dataDir, '测试审核', '审核', PASSWORD);
  addAccount(dataDir, '锁定测试', '编辑', PASSWORD);
  const gate = signInGate({ dataDir, now: () => clock });
  const editor = await editorServer(copy.dir);
  server = createServer((request, response) => {
    response.setHeader('Connection', 'close');
    gate.middleware(request, response, () =>
      editor(request, response, () => {
        response.end('the site preview');
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  copy?.remove();
});

/** A hash of every file under content/ and public/: equal before and after means nothing was written. */
function contentHash(): string {
  const hash = createHash('sha256');
  for (const folder of ['content', 'public']) {
    const root = join(copy.dir, folder);
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((file) => file.isFile())
      .map((file) => join(file.parentPath, file.name))
      .sort())
      hash.update(entry).update(readFileSync(entry));
  }
  return hash.digest('hex');
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** Signs in; returns the session cookie and its CSRF token. */
async function signIn(name: string, password = PASSWORD) {
  const response = await fetch(`${base}/admin/login/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...FORM, Origin: base },
    body: form({ name, password, next: '/admin/' }),
  });
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const session = await fetch(`${base}/admin/session/`, { headers: { Cookie: cookie } });
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

describe('signing in', () => {
  it('sends every page to the Chinese sign-in page, which needs no script', async () => {
    for (const path of ['/', '/admin/', '/src/lib/editor/accounts.ts', '/restaurants/']) {
      const response = await fetch(`${base}${path}`, { redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/admin/login/?next=${encodeURIComponent(path)}`);
    }
    const page = await fetch(`${base}/admin/login/`);
    const html = await page.text();
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<label for="password">密码</label>');
    expect(html).not.toContain('<script');
  });

  it('sets a session cookie that scripts cannot read and other sites do not send', async () => {
    const response = await fetch(`${base}/admin/login/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...FORM, Origin: base },
      body: form({ name: '测试编辑', password: PASSWORD, next: '/admin/#/collections/articles' }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/#/collections/articles');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^shian_editor=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
  });

  it('is Secure with the __Host- prefix behind HTTPS', async () => {
    const gate = signInGate({
      dataDir: join(copy.dir, '.editor-data'),
      origin: 'https://bianji.example.test',
    });
    const https = createServer((request, response) => gate.middleware(request, response, () => response.end()));
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(https.address() as { port: number }).port}/admin/login/`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...FORM, Origin: 'https://bianji.example.test' },
        body: form({ name: '测试编辑', password: PASSWORD }),
      });
      expect(response.headers.get('set-cookie')).toMatch(/^__Host-shian_editor=.*; HttpOnly; SameSite=Strict; .*Secure$/);
    } finally {
      await new Promise((resolve) => https.close(resolve));
    }
  });

  it('never sends the browser to another site after signing in', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const response = await fetch(`${base}/admin/login/`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...FORM, Origin: base },
        body: form({ name: '测试编辑', password: PASSWORD, next }),
      });
      expect(response.headers.get('location')).toBe('/admin/');
    }
  });

  it('refuses a sign-in posted from another site', async () => {
    for (const origin of ['http://evil.example', 'null']) {
      const response = await fetch(`${base}/admin/login/`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...FORM, Origin: origin },
        body: form({ name: '测试编辑', password: PASSWORD }),
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it(`locks the account after ${LOCK_AFTER} wrong passwords, and says until when`, async () => {
    const attempt = async (password: string) => {
      const response = await fetch(`${base}/admin/login/`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...FORM, Origin: base },
        body: form({ name: '锁定测试', password }),
      });
      return { status: response.status, text: await response.text(), cookie: response.headers.get('set-cookie') };
    };
    for (let count = 1; count < LOCK_AFTER; count += 1) {
      const wrong = await attempt('wrong password');
      expect(wrong.status).toBe(401);
      expect(wrong.text).toContain(`账号或密码不正确。再输错 ${LOCK_AFTER - count} 次，账号将锁定 15 分钟。`);
      // What was typed stays in the name field (escaped), the password never.
      expect(wrong.text).toContain('value="锁定测试"');
    }
    const locked = await attempt('wrong password');
    expect(locked.status).toBe(429);
    // 01:00 UTC + 15 minutes = 09:15 in Beijing.
    expect(locked.text).toContain('连续输错密码次数过多，账号已锁定到 09:15（北京时间）');
    const right = await attempt(PASSWORD);
    expect(right.status).toBe(429);
    expect(right.cookie).toBeNull();
    clock = new Date(clock.getTime() + 16 * 60_000);
    expect((await attempt(PASSWORD)).status).toBe(303);
  });
});

describe('every request that writes', () => {
  it('is refused without a session, and nothing is written', async () => {
    const before = contentHash();
    for (const endpoint of WRITE_ENDPOINTS) {
      const response = await fetch(`${base}${endpoint.path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...endpoint.headers, Origin: base },
        body: endpoint.body,
      });
      expect(response.status, endpoint.path).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(/^请先登录编辑后台/);
    }
    expect(contentHash()).toBe(before);
  });

  it('is refused from another site, or without the session’s own token, even when signed in', async () => {
    const editor = await signIn('测试编辑');
    const other = await signIn('测试审核');
    const before = contentHash();
    const attempts: { origin?: string; referer?: string; token?: string }[] = [
      { origin: 'http://evil.example', token: editor.csrfToken },
      { origin: 'null', token: editor.csrfToken },
      { referer: 'http://evil.example/page', token: editor.csrfToken },
      { token: editor.csrfToken },
      { origin: base },
      { origin: base, token: other.csrfToken },
      { origin: base, token: `${editor.csrfToken}x` },
    ];
    for (const endpoint of WRITE_ENDPOINTS)
      for (const attempt of attempts) {
        const headers: Record<string, string> = { ...endpoint.headers, Cookie: editor.cookie };
        if (attempt.origin) headers.Origin = attempt.origin;
        if (attempt.referer) headers.Referer = attempt.referer;
        if (attempt.token) headers['X-CSRF-Token'] = attempt.token;
        const response = await fetch(`${base}${endpoint.path}`, { method: 'POST', headers, body: endpoint.body });
        expect(response.status, `${endpoint.path} ${JSON.stringify(attempt)}`).toBe(403);
      }
    expect(contentHash()).toBe(before);
  });

  it('is accepted from the editor’s own page with the session’s token (header, or a form’s _csrf field)', async () => {
    const { cookie, csrfToken } = await signIn('测试编辑');
    const headers = { 'Content-Type': 'application/json', Cookie: cookie, Origin: base, 'X-CSRF-Token': csrfToken };
    const article = `${ARTICLE_HEAD}\n正文。\n`;
    const saved = await fetch(`${base}/admin/api/v1/`, {
      method: 'POST',
      headers,
      body: JSON.stringify(persistEntry('content/articles/auth-accepted.mdx', article)),
    });
    expect(saved.status).toBe(200);
    expect(readFileSync(join(copy.dir, 'content/articles/auth-accepted.mdx'), 'utf8')).toBe(article);
    // The Referer stands in for a missing Origin (some browsers omit it on same-origin requests).
    const logout = await fetch(`${base}/admin/logout/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...FORM, Cookie: cookie, Referer: `${base}/admin/` },
      body: form({ _csrf: csrfToken }),
    });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('set-cookie')).toMatch(/^shian_editor=; .*Max-Age=0$/);
    const after = await fetch(`${base}/admin/session/`, { headers: { Cookie: cookie } });
    expect(after.status).toBe(401);
  });
});

describe('sessions', () => {
  it('end after 8 hours without a request, and 12 hours after signing in', async () => {
    const idle = await signIn('测试编辑');
    clock = new Date(clock.getTime() + 8 * 3_600_000 + 1000);
    expect((await fetch(`${base}/admin/session/`, { headers: { Cookie: idle.cookie } })).status).toBe(401);

    const busy = await signIn('测试编辑');
    for (let hour = 0; hour < 12; hour += 2) {
      clock = new Date(clock.getTime() + 2 * 3_600_000);
      const status = (await fetch(`${base}/admin/session/`, { headers: { Cookie: busy.cookie } })).status;
      expect(status, `after ${hour + 2} hours`).toBe(hour + 2 < 12 ? 200 : 401);
    }
  });

  it('report who is signed in, as the account is now', async () => {
    const { cookie } = await signIn('测试审核');
    const response = await fetch(`${base}/admin/session/`, { headers: { Cookie: cookie } });
    expect(await response.json()).toMatchObject({ name: '测试审核', role: '审核' });
  });
});

