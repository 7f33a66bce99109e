/**
 * The version check of a save, run inside the writer's queue (commitChange's `precondition`), so two saves from the
 * same base are judged one after the other and the second is refused, never written over the first. The refused text
 * is kept (DraftStore.keepRefused) and the answer (409) names who saved in between, when, and the page that compares
 * the two versions (/admin/compare/<id>).
 */
import type { Response } from 'express';
import type { DraftStore } from './drafts.ts';
import { conflictMessage, fileVersion, lastSave, recordSave, staleFiles, type Conflict } from './versions.ts';

/** Where the page comparing a refused save with the saved version lives. */
export const compareUrl = (id: string) => `/admin/compare/${id}/`;

/** A 409 answer: the message (also as `problems`, which the editor page lists in full), and the comparison page. */
export function conflictAnswer(response: Response, message: string, url: string, conflict: Conflict): void {
  response.status(409).json({ error: message, problems: [message], compareUrl: url, conflict });
}

/** The base versions a save names (`params.baseVersions`), or none. */
export function baseVersions(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The version check of one save of entry files in local mode (straight into content/). */
export function versionGuard(
  root: string,
  store: DraftStore,
  bases: unknown,
  files: ReadonlyArray<{ path: string; raw: string }>,
  by: string | null,
) {
  let refusal: { message: string; url: string; conflict: Conflict } | null = null;
  const named = baseVersions(bases);
  return {
    /** Run in the queue: null when every base is current; else keeps the text and says why, in Chinese. */
    precondition(): string | null {
      const [path] = staleFiles(
        root,
        named,
        files.map((file) => file.path),
      );
      if (path === undefined) return null;
      const previous = lastSave(root, path);
      const conflict: Conflict = { path, by: previous?.by ?? null, at: previous?.at ?? null };
      const kept = store.keepRefused({
        by,
        at: new Date().toISOString(),
        path,
        text: files.find((file) => file.path === path)!.raw,
        against: fileVersion(root, path),
      });
      refusal = { message: conflictMessage(conflict, compareUrl(kept.id)), url: compareUrl(kept.id), conflict };
      return refusal.message;
    },
    /** Answers a refused save with 409 when it was refused as stale; false when it was refused for another reason. */
    answered(response: Response): boolean {
      if (!refusal) return false;
      conflictAnswer(response, refusal.message, refusal.url, refusal.conflict);
      return true;
    },
    /** After the write: records who saved, and returns the new versions for the page to send with its next save. */
    written(): Record<string, string> {
      const at = new Date().toISOString();
      return Object.fromEntries(
        files.map((file) => {
          const version = fileVersion(root, file.path);
          recordSave(root, file.path, { by, at, version });
          return [file.path, version];
        }),
      );
    },
  };
}

/** The version check of a local save, as proxy.ts uses it. */
export type VersionGuard = ReturnType<typeof versionGuard>;
