/**
 * The one way content is written: the web editor (every save, upload and deletion), the spreadsheet importer and
 * `npm run new:article` all propose their change here. A change is checked and written inside one queue per project,
 * so two changes never interleave: its paths are resolved on the disk as it is (nothing outside content/ and
 * public/files/, nothing through or onto a symbolic link), then the content pipeline runs on the content as it would
 * be after the change (problemsIntroducedBy, the one verdict), and only a change that adds no problem is written, each
 * file atomically. Because the check runs inside the queue, right before the writing, a save and a deletion that race
 * each other are judged one after the other, never both against the old content.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { removeStaleTemporaries, writeFileAtomic } from '../atomic-file.ts';
import { formatProblem } from '../content-errors.ts';
import { problemsIntroducedBy } from './check-change.ts';
import { contentFingerprint, type ContentOverlay } from './pipeline.ts';

/** The folders a change may write into or delete from, relative to the project. */
export const WRITABLE_FOLDERS = ['content/', 'public/files/'] as const;

/** What a change writes (text or bytes) or deletes (`null`), by path relative to the project, with forward slashes. */
export type ContentChange = ContentOverlay;

/** How a change is committed. */
export interface CommitOptions {
  /** The moment the site is published (decides which articles are public); defaults to the pipeline's `siteNow`. */
  now?: Date;
  /** Files the change creates and must never overwrite (a new article, a new issue): refused if they exist. */
  newFiles?: readonly string[];
  /**
   * The project's {@link contentFingerprint} when the caller last checked this very change (the importer's preview):
   * if nothing under content/ or public/ has changed since, that verdict stands and the pipeline is not run again.
   */
  checkedAt?: string;
  /** Run first, inside the queue: a message in Chinese when the change no longer applies, else null. */
  precondition?: () => string | null;
}

/** What became of a change: written, or refused with every reason, each a line in Chinese. */
export type CommitResult = { ok: true } | { ok: false; problems: string[] };

/** The tail of each project's queue of changes, by its absolute folder. */
const queues = new Map<string, Promise<void>>();

/**
 * Runs `task` after every task queued before it for the same project has finished (whether it succeeded or not), so
 * changes to one project are checked and written one at a time.
 * @returns what `task` returns, or its error
 */
export function serialised<T>(root: string, task: () => T | Promise<T>): Promise<T> {
  const key = resolve(root);
  const run = (queues.get(key) ?? Promise.resolve()).then(task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

/**
 * Checks a change and writes it if it adds no problem, in the project's queue (see {@link serialised}).
 * @param root the project folder (holding content/ and public/)
 * @param change the files to write or delete; a function is called inside the queue, for a change that depends on
 *   the files as they are then (text appended to a list, comments kept from the file it replaces)
 */
export function commitChange(
  root: string,
  change: ContentChange | (() => ContentChange),
  options: CommitOptions = {},
): Promise<CommitResult> {
  return serialised(root, () => {
    const unmet = options.precondition?.();
    if (unmet) return { ok: false, problems: [unmet] };
    const files = typeof change === 'function' ? change() : change;
    const refused = pathProblems(root, files);
    if (refused.length > 0) return { ok: false, problems: refused };
    // A file that exists is reported with the content's problems, so that all can be put right at once.
    const problems = takenProblems(root, options.newFiles ?? []);
    if (options.checkedAt === undefined || options.checkedAt !== contentFingerprint(root)) {
      const introduced = problemsIntroducedBy(root, files, options.now ? { now: options.now } : {});
      problems.push(...introduced.map(formatProblem));
    }
    if (problems.length > 0) return { ok: false, problems };
    const failed = writeCheckedChange(root, files, options.newFiles ?? []);
    return failed ? { ok: false, problems: [failed] } : { ok: true };
  });
}

/** Why the paths of a change may not be written (empty when they may). */
function pathProblems(root: string, change: ContentChange): string[] {
  return [...change].flatMap(([path, content]) => {
    const problem = writePathProblem(root, path, content === null ? 'delete' : 'write');
    return problem ? [problem] : [];
  });
}

/** The new files of a change that exist already, each with what to do. */
function takenProblems(root: string, newFiles: readonly string[]): string[] {
  return newFiles
    .filter((path) => lstatOrNull(join(root, path)) !== null)
    .map((path) => `${path} 已存在，没有写入任何内容：请换一个文件名，或直接修改这个文件。`);
}

/** The file's status without following a final symbolic link, or null when nothing is there. */
function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
      return null;
    throw error;
  }
}

/**
 * A path as a change names it: relative, forward slashes, no control character, and no empty or hidden part (`.`,
 * `..`, or a name starting with a dot, as the writers' own temporary files do; content never does).
 */
export function isPlainPath(path: string): boolean {
  return (
    typeof path === 'string' &&
    path !== '' &&
    !path.startsWith('/') &&
    !path.includes('\\') &&
    !/\p{Cc}/u.test(path) &&
    path.split('/').every((part) => part !== '' && !part.startsWith('.'))
  );
}

/**
 * Why `path` may not be written (or deleted), judged on the disk as it is now; null when it may. The path must be a
 * plain relative path under content/ or public/files/; every folder on the way that exists must be a real folder, not
 * a symbolic link (a committed link would send the file elsewhere, even outside the project); the real path of the
 * nearest existing folder must be where the path says; a file written must not be a link or a folder.
 * @param root the project folder
 * @param path relative to `root`, with forward slashes
 */
export function writePathProblem(root: string, path: string, action: 'write' | 'delete' = 'write'): string | null {
  if (!isPlainPath(path)) {
    return (
      `“${String(path)}”不是项目里的普通文件路径（不能是绝对路径，不能含“..”、反斜杠、控制字符或以“.”开头的名称），` +
      '没有写入。'
    );
  }
  if (!WRITABLE_FOLDERS.some((folder) => path.startsWith(folder))) {
    return `只能写入 content/ 和 public/files/ 下的文件，不能写“${path}”。`;
  }
  const realRoot = realpathSync(root);
  const parts = path.split('/');
  for (let length = 1; length <= parts.length; length += 1) {
    const partial = parts.slice(0, length).join('/');
    const stats = lstatOrNull(join(root, partial));
    if (!stats) {
      // Nothing exists from here on: the file and its new folders are created under the last folder that does.
      const parent = parts.slice(0, length - 1).join('/');
      const real = realpathSync(join(root, parent));
      return real === join(realRoot, parent) ? null : outside(path, parent);
    }
    const last = length === parts.length;
    if (stats.isSymbolicLink()) {
      // Deleting a link removes only the link; writing onto it, or anything through it, reaches its target.
      if (last && action === 'delete') break;
      return (
        `不能写入“${path}”：“${partial}”是符号链接（指向别处的快捷方式），写入的内容会落到它指向的位置，` +
        '可能在项目之外。内容文件夹里不能有符号链接：请把它换成普通的文件夹或文件。'
      );
    }
    if (!last && !stats.isDirectory()) return `不能写入“${path}”：“${partial}”是文件，不是文件夹。`;
    if (last && stats.isDirectory()) return `不能写入“${path}”：这是一个文件夹，不是文件。`;
  }
  const parent = parts.slice(0, -1).join('/');
  return realpathSync(join(root, parent)) === join(realRoot, parent) ? null : outside(path, parent);
}

/** The message for a folder whose real place is not where its path says (a link above the project's folders). */
function outside(path: string, folder: string): string {
  return (
    `不能写入“${path}”：文件夹“${folder}”的实际位置不在项目的 ${folder} 里（经过了符号链接）。` +
    '内容文件夹里不能有符号链接：请把它换成普通的文件夹。'
  );
}

/**
 * The text of a file the change is about to replace, as it is on disk; null when it does not exist, or is not a plain
 * file a change may write (a link, a folder, a path outside content/ and public/files/).
 */
export function currentText(root: string, path: string): string | null {
  if (writePathProblem(root, path) !== null) return null;
  const stats = lstatOrNull(join(root, path));
  return stats?.isFile() ? readFileSync(join(root, path), 'utf8') : null;
}

/**
 * Writes a change that has been checked ({@link commitChange} does both; call this only from there, or to test it),
 * so that a kill at any moment leaves content the check accepts: pictures and attachments first (a kill then leaves an
 * unused file, never a page without its picture), then the files that exist (a registry gains its restaurants before
 * an issue names them), then new files, then deletions. Each file is written atomically; a new file is linked into
 * place and never replaces one that appeared meanwhile. If a file cannot be written, those written before it are put
 * back as they were.
 * @param newFiles files the change creates, never overwriting one that exists
 * @returns null when every file is written, else why nothing was, in Chinese
 */
export function writeCheckedChange(root: string, change: ContentChange, newFiles: readonly string[] = []): string | null {
  const rank = ([path, content]: [string, string | Uint8Array | null]) =>
    content === null ? 3 : typeof content !== 'string' ? 0 : newFiles.includes(path) ? 2 : 1;
  const ordered = [...change].sort((a, b) => rank(a) - rank(b));
  const undo: Array<() => void> = [];
  let current = '';
  try {
    for (const [path, content] of ordered) {
      current = path;
      const file = join(root, path);
      if (content === null) {
        const before = lstatOrNull(file)?.isFile() ? readFileSync(file) : null;
        rmSync(file, { force: true });
        if (before) undo.push(() => writeFileAtomic(file, before));
        continue;
      }
      mkdirSync(dirname(file), { recursive: true });
      // What an earlier, killed writer may have left: hidden temporary files, which the content check ignores.
      removeStaleTemporaries(dirname(file));
      const before = lstatOrNull(file)?.isFile() ? readFileSync(file) : null;
      writeFileAtomic(file, content, { replace: !newFiles.includes(path) });
      undo.push(() => (before ? writeFileAtomic(file, before) : rmSync(file, { force: true })));
    }
    return null;
  } catch (error) {
    for (const step of undo.reverse()) step();
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EEXIST'
      ? `${current} 已存在（可能刚由另一次导入或保存写入），本次没有写入任何内容。请运行 npm run check:content 查看这个文件。`
      : `写入 ${current} 失败（${(error as Error).message}），本次没有写入任何内容，已写入的文件都已恢复原样。`;
  }
}

/**
 * A fingerprint of the bytes of some files and of the plain files of some folders (not their subfolders, nor hidden
 * temporary files): unchanged, nothing in them has been edited.
 * @param paths files and folders, relative to `root`
 */
export function contentStamp(root: string, paths: readonly string[]): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    const stats = lstatOrNull(join(root, path));
    hash.update(`${path}\n`);
    hash.update(stats?.isFile() ? readFileSync(join(root, path)) : '(none)');
    hash.update('\n');
  };
  for (const path of paths) {
    const stats = lstatOrNull(join(root, path));
    if (!stats?.isDirectory()) {
      add(path);
      continue;
    }
    const names = readdirSync(join(root, path), { withFileTypes: true })
      .filter((entry) => !entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
    for (const name of names) add(`${path}/${name}`);
  }
  return hash.digest('hex');
}
