/**
 * The editor service's drafts (先审后发): a change an 编辑 saves is kept here, in the editor's own data folder
 * (editorDataDir, outside content/), until a 审核 approves it. The site — the dev server's pages, a build, the
 * published site — reads only content/ and public/, so a draft is never shown to the public and never switches
 * anything under a running server. One draft per entry (Decap's collection and slug), as Decap's editorial workflow
 * expects. Saves that were refused as stale (src/lib/editor/versions.ts) are kept here too, so nothing typed is lost.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.ts';
import { versionOf } from './versions.ts';

/** Decap's three workflow states, and how staff read them. */
export const DRAFT_STATUSES = { draft: '草稿', pending_review: '待审核', pending_publish: '待发布' } as const;
export type DraftStatus = keyof typeof DRAFT_STATUSES;

/** Whether a value is one of Decap's workflow states. */
export const isDraftStatus = (value: unknown): value is DraftStatus =>
  typeof value === 'string' && Object.hasOwn(DRAFT_STATUSES, value);

/** A file of a draft: its new bytes (base64) and the version of the published file it was started from. */
export interface DraftFile {
  path: string;
  /** The bytes, base64. */
  content: string;
  /** A picture or attachment (Decap's media), not an entry's text. */
  binary: boolean;
  /** The version of the published file when the draft took this file up ({@link NO_FILE} for a new file). */
  base: string;
}

/** A remark on a draft: a rejection's reason, or the record of an approval or restore. */
export interface DraftComment {
  by: string;
  at: string;
  kind: 'reject' | 'note';
  text: string;
}

/** One entry's unpublished change. */
export interface Draft {
  collection: string;
  slug: string;
  status: DraftStatus;
  /** The member of staff who started it: the commit's author when it is approved. */
  author: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /** Changes with every save: the draft's own version token. */
  version: string;
  files: DraftFile[];
  comments: DraftComment[];
  /** When the draft restores an earlier version: the commit it came from. */
  restoredFrom?: string;
}

/** A save refused as stale: what was typed, kept so that nothing is lost. */
export interface RefusedSave {
  id: string;
  by: string | null;
  at: string;
  path: string;
  /** The text that was refused. */
  text: string;
  /** The version it was refused against (the file or draft then current). */
  against: string;
}

/** The id of an entry's draft, as Decap names it (`collection/slug`), or null when either part is not plain. */
export function draftId(collection: unknown, slug: unknown): string | null {
  const plain = (part: unknown): part is string =>
    typeof part === 'string' && /^[a-z0-9][a-z0-9._-]{0,199}$/i.test(part);
  return plain(collection) && plain(slug) ? `${collection}/${slug}` : null;
}

/** A draft's version token, from its files and state. */
export function draftVersion(draft: Omit<Draft, 'version'>): string {
  return versionOf(
    JSON.stringify([draft.status, draft.updatedAt, draft.files.map((file) => [file.path, file.content])]),
  ).slice(0, 32);
}

/** The drafts of one editor service, as JSON files in `<data>/drafts/`; refused saves in `<data>/refused/`. */
export class DraftStore {
  readonly #drafts: string;
  readonly #refused: string;

  /** @param dataDir the editor's data folder (editorDataDir) */
  constructor(dataDir: string) {
    this.#drafts = join(dataDir, 'drafts');
    this.#refused = join(dataDir, 'refused');
  }

  #file(id: string): string {
    // `collection/slug` → one file name; both parts are plain (draftId), so `~` cannot occur in them.
    return join(this.#drafts, `${id.replace('/', '~')}.json`);
  }

  /** Every draft, oldest change first. */
  list(): Draft[] {
    let names: string[];
    try {
      names = readdirSync(this.#drafts).filter((name) => name.endsWith('.json'));
    } catch {
      return [];
    }
    return names
      .map((name) => JSON.parse(readFileSync(join(this.#drafts, name), 'utf8')) as Draft)
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  }

  /** The draft of an entry (`collection/slug`), or null. */
  get(id: string): Draft | null {
    try {
      return JSON.parse(readFileSync(this.#file(id), 'utf8')) as Draft;
    } catch {
      return null;
    }
  }

  /** Writes a draft (atomically), with a new version token; returns it as written. */
  save(draft: Omit<Draft, 'version'>): Draft {
    const written = { ...draft, version: draftVersion(draft) };
    const id = draftId(draft.collection, draft.slug);
    if (!id) throw new Error(`draft id: ${draft.collection}/${draft.slug}`);
    mkdirSync(this.#drafts, { recursive: true });
    writeFileAtomic(this.#file(id), JSON.stringify(written, null, 1));
    return written;
  }

  /** Removes an entry's draft (published or deleted). */
  remove(id: string): void {
    rmSync(this.#file(id), { force: true });
  }

  /** Keeps a refused save; returns its id. */
  keepRefused(refused: Omit<RefusedSave, 'id'>): RefusedSave {
    const kept = { id: randomBytes(8).toString('hex'), ...refused };
    mkdirSync(this.#refused, { recursive: true });
    writeFileAtomic(join(this.#refused, `${kept.id}.json`), JSON.stringify(kept, null, 1));
    return kept;
  }

  /** A refused save by its id, or null. */
  refused(id: string): RefusedSave | null {
    if (!/^[0-9a-f]{16}$/.test(id)) return null;
    try {
      return JSON.parse(readFileSync(join(this.#refused, `${id}.json`), 'utf8')) as RefusedSave;
    } catch {
      return null;
    }
  }
}

/** A draft's file as text (an entry's file) or bytes (a picture or attachment). */
export function draftFileContent(file: DraftFile): string | Buffer {
  const bytes = Buffer.from(file.content, 'base64');
  return file.binary ? bytes : bytes.toString('utf8');
}
