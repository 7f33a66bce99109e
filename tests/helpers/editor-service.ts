/**
 * The editor service's requests that change something, one per endpoint and action, as a browser would post them:
 * tests send each without a session, from another site and without the CSRF token, and expect a refusal with
 * nothing written (tests/content/editor-auth.test.ts).
 */
import { ARTICLE_HEAD } from './bad-content.ts';
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
  { path: '/admin/review/articles/intruder/approve', headers: FORM_TYPE, body: '' },
  { path: '/admin/review/articles/intruder/reject', headers: FORM_TYPE, body: 'comment=x' },
  { path: '/admin/history/articles/intruder/restore', headers: FORM_TYPE, body: 'commit=0000000' },
  { path: '/admin/logout/', headers: FORM_TYPE, body: '' },
];
