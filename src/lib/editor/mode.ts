/**
 * How the web editor runs, and who is using it. Two modes, chosen by SHIAN_EDITOR:
 * - `1` (`npm run edit`): on one staff member's own computer, bound to 127.0.0.1, no accounts; a save writes straight
 *   into this working copy (after the content checks), as it always has;
 * - `server` (`npm run editor:serve`, the bureau's editor service): accounts and sessions (src/lib/editor/auth.ts),
 *   two roles, and review before publish: an 编辑's save is a draft that only a 审核's approval commits and publishes
 *   (src/lib/editor/workflow.ts).
 * The editor's own data in server mode (accounts, drafts, review comments) lives outside the content, in
 * SHIAN_EDITOR_DATA (default `.editor-data/` in the project, never committed).
 */
import type { IncomingMessage } from 'node:http';
import { isAbsolute, join, resolve } from 'node:path';

export type EditorMode = 'local' | 'server';

/** The two roles of the editor service: 编辑 writes drafts; 审核 also reviews, approves, publishes and restores. */
export const ROLES = ['编辑', '审核'] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in member of staff. */
export interface EditorUser {
  /** The account name, shown in history and written into commits. */
  name: string;
  role: Role;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The editor's mode from SHIAN_EDITOR, or null when this process runs no editor. */
export function editorMode(env: Env = process.env): EditorMode | null {
  if (env.SHIAN_EDITOR === '1') return 'local';
  if (env.SHIAN_EDITOR === 'server') return 'server';
  return null;
}

/** The folder holding the editor service's own data (accounts, drafts), absolute. */
export function editorDataDir(root: string, env: Env = process.env): string {
  const configured = env.SHIAN_EDITOR_DATA;
  if (configured) return isAbsolute(configured) ? configured : resolve(root, configured);
  return join(resolve(root), '.editor-data');
}

const users = new WeakMap<IncomingMessage, EditorUser>();

/** Records who sent a request (the sign-in gate does, once it has checked the session). */
export function setRequestUser(request: IncomingMessage, user: EditorUser): void {
  users.set(request, user);
}

/** Who sent a request, as the sign-in gate recorded it; null in local mode or when nobody is signed in. */
export function requestUser(request: IncomingMessage): EditorUser | null {
  return users.get(request) ?? null;
}
