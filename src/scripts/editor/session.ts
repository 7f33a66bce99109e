/**
 * The editor page's side of the sign-in gate (src/lib/editor/auth.ts), in the editor service only (the page has a
 * #editor-account form there): learns who is signed in from /admin/session, shows the name and role beside 退出登录,
 * and adds the session's CSRF token to every request of the page that changes something (Decap's saves, uploads and
 * deletions), which the gate refuses without it.
 */
interface SessionInfo {
  name: string;
  role: string;
  csrfToken: string;
}

const account = document.getElementById('editor-account');

/** Who is signed in, fetched once; null in local mode (no gate) or when the session has ended. */
export const session: Promise<SessionInfo | null> = account
  ? fetch('/admin/session/', { credentials: 'same-origin' }).then((response) =>
      response.ok ? (response.json() as Promise<SessionInfo>) : null,
    )
  : Promise.resolve(null);

if (account) {
  const original = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request = new Request(input, init);
    const sameOrigin = new URL(request.url, location.href).origin === location.origin;
    if (!sameOrigin || request.method === 'GET' || request.method === 'HEAD') return original(input, init);
    const info = await session;
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    if (info) headers.set('X-CSRF-Token', info.csrfToken);
    return original(input, { ...init, headers });
  };
  void session.then((info) => {
    if (!info) {
      location.href = `/admin/login/?next=${encodeURIComponent(location.pathname + location.hash)}`;
      return;
    }
    account.querySelector('[data-user]')!.textContent = `${info.name}（${info.role}）`;
    (account.querySelector('input[name=_csrf]') as HTMLInputElement).value = info.csrfToken;
    account.hidden = false;
  });
}
