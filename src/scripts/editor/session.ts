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
    skipDecapLogin();
  });
}

/**
 * Decap's own sign-in screen (one 登录 button, for its proxy backend) would ask a member who has just signed in to
 * sign in again: it is passed at once, once.
 */
function skipDecapLogin(): void {
  const press = () => {
    const button = [...document.querySelectorAll<HTMLButtonElement>('button')].find(
      (candidate) => candidate.textContent?.trim() === '登录' && !candidate.closest('#editor-account'),
    );
    if (!button) return false;
    button.click();
    return true;
  };
  if (press()) return;
  const observer = new MutationObserver(() => {
    if (press()) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  // Once the collections show, Decap will not ask again in this page.
  setTimeout(() => observer.disconnect(), 60_000);
}
