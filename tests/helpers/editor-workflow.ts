/**
 * The editor service (server mode: drafts, review, history) on a copy of the fixture content inside a real git
 * repository, driven over HTTP. The signed-in member comes from a test-only header, `x-test-user`
 * (`<name>:<role>`, URI-encoded), which this helper turns into setRequestUser — the sign-in gate's job in production;
 * the production code never reads this header.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EditorServerOptions } from '../../src/lib/editor/proxy.ts';
import { setRequestUser, ROLES, type EditorUser, type Role } from '../../src/lib/editor/mode.ts';
import { fixtureContentCopy, startEditorServer, type EditorRequest, type EditorServer } from './editor-server.ts';

/** The header a test names its member in. */
const USER_HEADER = 'x-test-user';

/** Headers that sign a request in as `user`. */
export const as = (user: EditorUser): Record<string, string> => ({
  [USER_HEADER]: encodeURIComponent(`${user.name}:${user.role}`),
});

/** Runs git in `dir` as the test's setup (not as staff). */
export function gitIn(dir: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: '测试准备',
      GIT_AUTHOR_EMAIL: 'setup@example.invalid',
      GIT_COMMITTER_NAME: '测试准备',
      GIT_COMMITTER_EMAIL: 'setup@example.invalid',
    },
  });
}

/** Makes `dir` a git repository with everything in it committed (the editor's data and builds ignored). */
export function initRepository(dir: string): void {
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n.editor-data/\nsite/\ndist/\n.astro/\n');
  gitIn(dir, ['init', '-q', '-b', 'main']);
  gitIn(dir, ['add', '-A']);
  gitIn(dir, ['-c', 'commit.gpgSign=false', 'commit', '-q', '-m', '测试内容']);
}

/** A copy of the fixture content in a fresh git repository; removed by `remove`. */
export function fixtureRepository(prefix: string): { dir: string; remove: () => void } {
  const copy = fixtureContentCopy(prefix);
  initRepository(copy.dir);
  return copy;
}

/** The editor's server on `dir` with the member taken from the test header. */
export interface WorkflowServer extends EditorServer {
  /** POSTs a request of Decap's API as `user` (no user: an unauthenticated request). */
  act(user: EditorUser | null, request: EditorRequest): Promise<Response>;
  /** GETs a page as `user`. */
  page(user: EditorUser | null, path: string): Promise<Response>;
  /** POSTs a form as `user`. */
  form(user: EditorUser | null, path: string, fields: Record<string, string>): Promise<Response>;
}

/** Starts the editor's server on `dir` in `mode` (server by default). */
export async function startWorkflowServer(dir: string, options: EditorServerOptions = {}): Promise<WorkflowServer> {
  const server = await startEditorServer(dir, { mode: 'server', ...options }, (request) => {
    const header = request.headers[USER_HEADER];
    if (typeof header !== 'string') return;
    const [name, role] = decodeURIComponent(header).split(':') as [string, Role];
    if (ROLES.includes(role)) setRequestUser(request, { name, role });
  });
  const headers = (user: EditorUser | null) => (user ? as(user) : {});
  return {
    ...server,
    act: (user, request) => server.post(request, headers(user)),
    page: (user, path) => fetch(`${server.url}${path}`, { headers: headers(user) }),
    form: (user, path, fields) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers(user) },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      }),
  };
}

/** Decap's save of an entry with the editorial workflow, as Decap CMS 3 sends it, with the page's version tokens. */
export function persistDraft(
  collection: string,
  slug: string,
  path: string,
  raw: string,
  tokens: { baseVersions?: Record<string, string>; draftVersion?: string } = {},
): EditorRequest {
  return {
    action: 'persistEntry',
    params: {
      branch: 'main',
      dataFiles: [{ path, raw, slug }],
      assets: [],
      options: {
        commitMessage: `Update “${path}”`,
        collectionName: collection,
        useWorkflow: true,
        status: 'draft',
        newEntry: false,
      },
      ...tokens,
    },
  };
}

/** One of Decap's workflow actions on an entry. */
export const workflowRequest = (
  action: string,
  collection: string,
  slug: string,
  extra: Record<string, unknown> = {},
) => ({
  action,
  params: { branch: 'main', collection, slug, ...extra },
});
