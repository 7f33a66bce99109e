/**
 * Version tokens, so that nothing a member of staff saved is ever overwritten unseen. Every file the editor shows has a
 * version (the SHA-256 of its bytes: the same value decap-server gives as a file's `id`, so the editor page knows the
 * version of everything it loaded without asking); every draft has one too. A save names the versions it started from
 * (its base); the server refuses a save whose base is no longer current (409), names who saved in between and when,
 * and keeps the refused text so that it can be compared and copied back (src/lib/editor/drafts.ts, RefusedSave).
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The version of a file that does not exist (a new article before its first save). */
export const NO_FILE = 'none';

/** The version token of some bytes or text: their SHA-256, in hex. */
export function versionOf(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * The version of a file of the project as it is on disk now, or {@link NO_FILE} when there is none.
 * @param path relative to `root`, with forward slashes
 */
export function fileVersion(root: string, path: string): string {
  try {
    const file = join(root, path);
    return lstatSync(file).isFile() ? versionOf(readFileSync(file)) : NO_FILE;
  } catch {
    return NO_FILE;
  }
}

/** Who saved a file last through the editor, and when. */
export interface SaveRecord {
  /** The member of staff, or null in local mode (one person, no accounts). */
  by: string | null;
  /** ISO time. */
  at: string;
  /** The version the save left. */
  version: string;
}

/** The last save of each file through this editor process, by project and path. */
const saves = new Map<string, SaveRecord>();
const saveKey = (root: string, path: string) => `${resolve(root)}\n${path}`;

/** Records a save (a write in local mode, or an approved draft), so that a later conflicting save can name it. */
export function recordSave(root: string, path: string, record: SaveRecord): void {
  saves.set(saveKey(root, path), record);
}

/** The last save of a file through this editor process, if it is still the file's current version. */
export function lastSave(root: string, path: string): SaveRecord | null {
  const record = saves.get(saveKey(root, path));
  return record && record.version === fileVersion(root, path) ? record : null;
}

/** A stale base: which file (or draft), its version now, and who made that version when it is known. */
export interface Conflict {
  path: string;
  by: string | null;
  at: string | null;
}

/**
 * The files whose version is no longer the one a save started from.
 * @param bases the versions the page loaded, by path; a path without one is not checked (a file the page never had)
 */
export function staleFiles(root: string, bases: Readonly<Record<string, string>>, paths: readonly string[]): string[] {
  return paths.filter((path) => typeof bases[path] === 'string' && bases[path] !== fileVersion(root, path));
}

/** The Chinese message of a refused save: who saved in between and when, and where the refused text is kept. */
export function conflictMessage(conflict: Conflict, compareUrl: string): string {
  const who = conflict.by ? `${conflict.by}` : '另一个窗口或另一位同事';
  const when = conflict.at ? `在 ${beijingTime(conflict.at)} ` : '';
  return (
    `没有保存：${who}${when}已经保存过“${conflict.path}”，您打开的是之前的版本，直接保存会覆盖对方的修改。` +
    `您这次的内容已经留存，没有丢失：请打开 ${compareUrl} 比较两个版本，重新打开这一条（刷新页面）后把需要的修改再填进去保存。`
  );
}

/** An ISO time as staff read it: Beijing time, to the minute (2026-03-05 14:07). */
export function beijingTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
