/**
 * What may be published, file by file: the rules on the files under content/ and public/ themselves (not on what
 * they say), and on the built site in dist/. The content pipeline (src/lib/content/pipeline.ts) applies them for
 * `npm run check:content`, the web editor and the build's loaders; the build applies them again when it starts and
 * once it has written dist/ (src/integrations/published-files.ts), so nothing that was never checked is published.
 *
 * - No symbolic link anywhere under content/ or public/: Astro copies public/ into dist/ following links (a link to
 *   /etc/passwd becomes a plain file the server sends), and reads content through them. Nor a pipe, a socket or a
 *   device, which would hang or break a read.
 * - public/files/ (written by staff, through the web editor too): documents and plain pictures only, each checked by
 *   its bytes as well as its extension (src/lib/content/file-kinds.ts).
 * - content/: the content files (.mdx, .yaml, a plan's .txt) and pictures (checked by their bytes: the build
 *   re-publishes them under /_astro/, as the type their bytes are). Nothing else.
 * - The rest of public/ (favicon.svg, help/, materials/) belongs to the site's code, reviewed in git: no link, no
 *   special file, any type.
 * - An MDX file's name is its address: a slug (src/lib/slug.ts).
 */
import { closeSync, constants, lstatSync, openSync, readdirSync, readSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { isTemporaryName } from '../atomic-file.ts';
import type { ContentProblem } from '../content-errors.ts';
import { isSlug, SLUG_RULE, suggestSlug } from '../slug.ts';
import { extensionOf } from '../file-types.ts';
import {
  ATTACHMENT_TYPES,
  CONTENT_PICTURE_EXTENSIONS,
  CONTENT_PICTURE_TYPES,
  fileTypeProblem,
  type ByteReader,
} from './file-kinds.ts';

/** What a folder entry is, as the entry itself (never what a link points to). */
export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

/** One name in a folder. */
export interface TreeEntry {
  name: string;
  type: EntryType;
}

/** How the rules read a tree of files: paths relative to its root, with forward slashes. */
export interface FileTree {
  /** The entries of a folder; none when it does not exist (or is not a real folder). */
  list(folder: string): TreeEntry[];
  /** The bytes of a regular file. */
  bytes(file: string): ByteReader;
}

/** Where staff put attachments, relative to the project. */
export const ATTACHMENTS_FOLDER = 'public/files';

/** The text files content/ holds: MDX, YAML, and the plans' verbatim text. */
const CONTENT_TEXT_EXTENSIONS = ['mdx', 'yaml', 'txt'];

function entryType(entry: Dirent): EntryType {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'directory';
  return entry.isFile() ? 'file' : 'other';
}

/**
 * The entries of a folder on disk, each as itself: a link is a `symlink` whatever it points to. None when the folder
 * does not exist or is itself a link or not a folder (a link is never followed).
 * @param path the folder's full path
 */
export function listFolder(path: string): TreeEntry[] {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (!stats?.isDirectory()) return [];
  return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, type: entryType(entry) }));
}

/**
 * How far `path` (relative to `root`, forward slashes) leads on disk: `plain` when it is a regular file or a folder
 * reached without any link or special file on the way; `missing` when a part does not exist (and none before it is a
 * link); `blocked` when a part is `..`, a link or a special file (or a file with more path after it).
 */
export function pathState(root: string, path: string): 'plain' | 'missing' | 'blocked' {
  let current = root;
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  for (const [index, part] of parts.entries()) {
    if (part === '..') return 'blocked';
    current = join(current, part);
    const stats = lstatSync(current, { throwIfNoEntry: false });
    if (!stats) return 'missing';
    if (!(stats.isDirectory() || (stats.isFile() && index === parts.length - 1))) return 'blocked';
  }
  return 'plain';
}

/**
 * A file's bytes on disk, read where asked (a header, a ZIP's directory at the end), never through a link.
 * @param path the file's full path
 */
export function diskReader(path: string): ByteReader {
  const size = lstatSync(path).size;
  return {
    size,
    read: (offset, length) => {
      const start = Math.max(0, offset);
      const wanted = Math.max(0, Math.min(length, size - start));
      const buffer = Buffer.alloc(wanted);
      if (wanted === 0) return buffer;
      const descriptor = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
      try {
        return buffer.subarray(0, readSync(descriptor, buffer, 0, wanted, start));
      } finally {
        closeSync(descriptor);
      }
    },
  };
}

/** The files of a folder on disk, as {@link FileTree} (for the build's own checks; the pipeline has its own). */
export function diskTree(root: string): FileTree {
  return { list: (folder) => listFolder(join(root, folder)), bytes: (file) => diskReader(join(root, file)) };
}

const LINK_MESSAGE =
  '这是一个符号链接（快捷方式），不是真正的文件或文件夹：网站不发布链接，也不读取链接指向的内容' +
  '（它可能指向项目以外的文件）。请删除这个链接，把真正的文件复制到这里。';
const SPECIAL_MESSAGE = '这不是普通的文件或文件夹（可能是管道、套接字或设备文件），网站无法读取或发布它。请删除它。';

/**
 * Every file and folder under `folder`, depth first, links and special files included but never followed. A writer's
 * temporary file (src/lib/atomic-file.ts: a save in progress, or left by a killed one and removed by the next) is
 * not content: it is skipped, and the build removes it from what it publishes.
 * @param visit called with each entry's path (relative to the tree's root) and type
 */
function walk(tree: FileTree, folder: string, visit: (path: string, type: EntryType) => void): void {
  for (const entry of tree.list(folder).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.type === 'file' && isTemporaryName(entry.name)) continue;
    visit(path, entry.type);
    if (entry.type === 'directory') walk(tree, path, visit);
  }
}

/** The writers' temporary files in a tree (see {@link walk}), by path relative to its root. */
export function temporaryFiles(tree: FileTree, folder = ''): string[] {
  return tree.list(folder).flatMap((entry) => {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.type === 'directory') return temporaryFiles(tree, path);
    return entry.type === 'file' && isTemporaryName(entry.name) ? [path] : [];
  });
}

/** What the checks of content/ and public/ found. */
export interface FileTreeCheck {
  /** Every problem, one per file, without a line. */
  problems: ContentProblem[];
  /** The public addresses of the regular files under public/files/ (`/files/2024/a.pdf`), allowed or not. */
  attachments: ReadonlySet<string>;
}

/** Why a file under content/ may not be there, or null. */
function contentFileProblem(tree: FileTree, path: string): string | null {
  const extension = extensionOf(path);
  if (CONTENT_TEXT_EXTENSIONS.includes(extension)) {
    return path.endsWith(`.${extension}`)
      ? null
      : `扩展名请用小写（.${extension}）：网站只读取小写扩展名的文件，这个文件会被忽略。请改名。`;
  }
  if (CONTENT_PICTURE_EXTENSIONS.includes(extension))
    return fileTypeProblem(path, tree.bytes(path), CONTENT_PICTURE_TYPES, 'content/ 下的图片');
  return (
    `content/ 下不能放${extension ? ` .${extension} ` : '没有扩展名的'}文件：这里只放内容文件（.mdx、.yaml、` +
    `计划原文 .txt）和图片（${CONTENT_PICTURE_EXTENSIONS.join('、')}）。` +
    '附件请放到 public/files/ 下；SVG 等其他文件网站不能发布，请转成 PNG 或 JPEG，或删除这个文件。'
  );
}

/**
 * Checks every file under content/ and public/ of a project: no link or special file anywhere; under public/files/
 * only allowed attachments, by extension and bytes; under content/ only content files and pictures (by their bytes).
 * @param tree the project (its root holding content/ and public/), as the pipeline reads it (with a change applied)
 */
export function checkFileTree(tree: FileTree): FileTreeCheck {
  const problems: ContentProblem[] = [];
  const attachments = new Set<string>();
  for (const top of ['content', 'public']) {
    walk(tree, top, (path, type) => {
      if (type === 'symlink') return problems.push({ file: path, message: LINK_MESSAGE });
      if (type === 'other') return problems.push({ file: path, message: SPECIAL_MESSAGE });
      if (type !== 'file') return;
      let message: string | null = null;
      if (path.startsWith(`${ATTACHMENTS_FOLDER}/`)) {
        attachments.add(path.slice('public'.length));
        message = fileTypeProblem(path, tree.bytes(path), ATTACHMENT_TYPES, 'public/files/ 下的附件');
      } else if (top === 'content') {
        message = contentFileProblem(tree, path);
      }
      if (message) problems.push({ file: path, message });
    });
  }
  return { problems, attachments };
}

/**
 * Why an MDX file's name cannot be its address, or null: the name (without .mdx) must be a slug, as Astro makes the
 * page's address from it.
 * @param file the file, relative to the project (content/articles/Bad Name.mdx)
 */
export function mdxFileNameProblem(file: string): string | null {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const id = name.replace(/\.mdx$/, '');
  if (isSlug(id)) return null;
  return (
    `文件名“${name}”不能用作网址：文件名${SLUG_RULE}，不能有大写字母、空格、中文或其他符号。` +
    `请把文件改名为 ${suggestSlug(id, 'wen-zhang')}.mdx（或另一个符合要求的名字）。`
  );
}

/**
 * Checks a built site before it is published: no link or special file anywhere in it, and under files/ (copied from
 * public/files/) only allowed attachments, by extension and bytes. Each problem names the file under `label`.
 * @param tree the built site (its root is dist/)
 * @param label how the messages name the site's folder, e.g. dist
 */
export function checkBuiltFiles(tree: FileTree, label: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  walk(tree, '', (relative, type) => {
    const file = `${label}/${relative}`;
    if (type === 'symlink') problems.push({ file, message: LINK_MESSAGE });
    else if (type === 'other') problems.push({ file, message: SPECIAL_MESSAGE });
    else if (type === 'file' && relative.startsWith('files/')) {
      const message = fileTypeProblem(file, tree.bytes(relative), ATTACHMENT_TYPES, '/files/ 下的附件');
      if (message) problems.push({ file, message });
    }
  });
  return problems;
}
