/**
 * The editor service for tests: {@link startEditorService} runs it as staff find it (sign-in gate, drafts, review,
 * publish) on a copy of the fixture site in a real git repository; and its requests that change something, one per
 * endpoint and action, as a browser would post them: tests send each without a session, from another site and
 * without the CSRF token, and expect a refusal with nothing written (tests/content/editor-auth.test.ts).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAccount } from '../../src/lib/editor/accounts.ts';
import type { EditorUser } from '../../src/lib/editor/mode.ts';
import { ARTICLE_HEAD } from './bad-content.ts';
import { prepareCopy, ROOT, SCRATCH } from './build.ts';
import { startDevServer, type DevServer } from './dev-server.ts';
import { gitIn, initRepository } from './editor-workflow.ts';
import { deleteFile, persistEntry, persistMedia } from './editor-server.ts';

/** One request that writes: where it goes and what it carries. */
export interface WriteEndpoint {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const FORM_TYPE = { 'Content-Type': 'application/x-www-form-urlencoded' };
const api = (request: object): WriteEndpoint => ({
  path: '/admin/api/v1/',
  headers: JSON_TYPE,
  body: JSON.stringify(request),
});

/** Every endpoint of the editor service that writes, deletes, publishes or ends a session. */
export const WRITE_ENDPOINTS: readonly WriteEndpoint[] = [
  api(persistEntry('content/articles/intruder.mdx', `${ARTICLE_HEAD}\n正文。\n`)),
  api(persistMedia('public/files/2026/intruder.pdf', '%PDF-1.4\n%%EOF\n')),
  api(deleteFile('content/articles/intruder.mdx')),
  {
    path: '/admin/import/',
    headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
    body: '--x--\r\n',
  },
  { path: '/admin/import/confirm/', headers: FORM_TYPE, body: 'token=0' },
  { path: '/admin/review/articles/intruder/approve/', headers: FORM_TYPE, body: '' },
  { path: '/admin/review/articles/intruder/reject/', headers: FORM_TYPE, body: 'comment=x' },
  { path: '/admin/history/articles/intruder/restore/', headers: FORM_TYPE, body: 'commit=0000000' },
  { path: '/admin/renumber/', headers: FORM_TYPE, body: 'issue=2024-01&number=9' },
  { path: '/admin/logout/', headers: FORM_TYPE, body: '' },
];

/** The editor service (`npm run editor:serve`'s dev server in server mode) on a copy of the fixture site. */
export interface EditorService {
  /** The project copy: a git repository whose `origin` is a bare repository beside it. */
  dir: string;
  /** The bare repository approvals push to. */
  origin: string;
  /** Accounts and drafts. */
  dataDir: string;
  /** Where approvals publish (releases/, current). */
  publishDir: string;
  server: DevServer;
  stop(): void;
}

/** The password of every account {@link startEditorService} makes. */
export const SERVICE_PASSWORD = 'test password 2026';

/**
 * Starts the editor service on a fresh copy of the fixture site (code and content) in a git repository with a bare
 * `origin`, with the given accounts, publishing into a temporary PUBLISH_DIR unless `env` says otherwise.
 */
export async function startEditorService(
  name: string,
  accounts: readonly EditorUser[],
  env: Record<string, string> = {},
): Promise<EditorService> {
  // The publish an approval runs is the project's own script.
  const dir = prepareCopy(name, (copy) => cpSync(join(ROOT, 'scripts'), join(copy, 'scripts'), { recursive: true }));
  initRepository(dir);
  const origin = `${dir}.git`;
  rmSync(origin, { recursive: true, force: true });
  gitIn(SCRATCH, ['clone', '-q', '--bare', dir, origin]);
  gitIn(dir, ['remote', 'add', 'origin', origin]);
  gitIn(dir, ['fetch', '-q', 'origin']);
  gitIn(dir, ['branch', '-q', '--set-upstream-to=origin/main', 'main']);
  const dataDir = join(dir, '.editor-data');
  for (const account of accounts) addAccount(dataDir, account.name, account.role, SERVICE_PASSWORD);
  const publishDir = mkdtempSync(join(tmpdir(), 'editor-publish-'));
  const server = await startDevServer(dir, {
    SHIAN_EDITOR: 'server',
    SHIAN_EDITOR_DATA: dataDir,
    PUBLISH_DIR: publishDir,
    SITE_URL: 'https://shian.example.test',
    ...env,
  });
  return {
    dir,
    origin,
    dataDir,
    publishDir,
    server,
    stop() {
      server.stop();
      for (const path of [dir, origin, publishDir]) rmSync(path, { recursive: true, force: true });
    },
  };
}
