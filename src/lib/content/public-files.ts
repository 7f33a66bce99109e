/**
 * Addresses of the files content offers for download: an article's attachments and `<DownloadCard file="…">` (under
 * public/files/), a campaign's materials (under public/materials/). The build reads each of these files (its size is
 * shown beside the link), so an address must be exactly a file's path under its folder: no `..`, no query or
 * fragment, no built file (`/data/redblack.csv`), no link. The content pipeline checks the addresses with
 * {@link attachmentProblem}; the pages that read the files go through {@link publicFileSize}, which refuses the same,
 * so a mistake the check missed stops the build instead of reading a file outside the folder.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * The public folders whose files may be offered for download, as addresses: attachments, campaign materials, and the
 * site's own example on the components help page (src/pages/help/article-components.astro).
 */
export type DownloadFolder = '/files/' | '/materials/' | '/help/';

/**
 * Why `path` is not written as the address of a file under `folder`, or null: it must start with the folder, name
 * a file without `..`, `.`, an empty part, a backslash, `%` escapes, control characters, a query or a fragment.
 */
export function publicPathProblem(path: string, folder: DownloadFolder): string | null {
  const example = folder === '/materials/' ? '/materials/2024/poster.pdf' : `${folder}2024/notice.pdf`;
  if (/[?#]/.test(path)) {
    return (
      `地址不能带“?”或“#”及后面的部分（实际填写：“${path}”）：请只写文件本身的地址，例如 ${example}。` +
      '文件更新了请换一个文件名（例如 notice-2.pdf）。'
    );
  }
  if (!path.startsWith(folder))
    return `应为 public${folder} 下的文件，地址以 ${folder} 开头，例如 ${example}；实际填写：“${path}”。`;
  const parts = path.slice(folder.length).split('/');
  if (
    /[\\%\p{Cc}]/u.test(path) ||
    parts.some((part) => part === '' || part === '.' || part === '..' || part.trim() === '')
  ) {
    return (
      `地址“${path}”不是 public${folder} 下一个文件的实际路径：不能含有“..”“.”、空的一段（//）、反斜杠或 % 编码。` +
      `请照文件在 public${folder} 下的位置写，例如 ${example}。`
    );
  }
  return null;
}

/**
 * Why an attachment address (front matter `attachments`, `<DownloadCard file>`) cannot be offered, or null.
 * @param attachments the files under public/files/ as addresses (`/files/2024/a.pdf`), from the content pipeline
 * @param builtPaths addresses of what the build makes (pages, /data/redblack.csv …), named as such in the message
 */
export function attachmentProblem(
  path: string,
  attachments: ReadonlySet<string>,
  builtPaths: ReadonlySet<string> = new Set(),
): string | null {
  const bare = path.split(/[?#]/)[0]!;
  if (builtPaths.has(bare) || builtPaths.has(`${bare}/`)) {
    return (
      `“${path}”是网站自动生成的页面或文件，不是 public/files/ 下的附件，不能作为附件下载。` +
      `要让读者打开它，请写成链接：[文字](${bare})。`
    );
  }
  const problem = publicPathProblem(path, '/files/');
  if (problem) return problem;
  if (!attachments.has(path)) {
    const folder = path.slice(0, path.lastIndexOf('/') + 1);
    return `文件不存在：public${path}。请把文件放到 public${folder} 目录下，或改正地址。`;
  }
  return null;
}

/**
 * The size in bytes of a file content offers for download, for the pages that show it. Refuses, with the check's
 * message, an address that is not exactly a file under public/`folder` (see {@link publicPathProblem}), a link, and
 * anything whose real path is outside that folder: the build never reads a file the check would have refused.
 * @param root the project folder (holding public/)
 * @param path the address, e.g. /files/2024/notice.pdf
 * @throws Error naming the address and what is wrong
 */
export function publicFileSize(root: string, path: string, folder: DownloadFolder): number {
  const problem = publicPathProblem(path, folder);
  if (problem) throw new Error(`无法读取下载文件 ${path}：${problem}`);
  const full = join(root, 'public', path);
  const stats = lstatSync(full, { throwIfNoEntry: false });
  if (!stats?.isFile()) {
    throw new Error(
      `无法读取下载文件 ${path}：public${path} ${stats?.isSymbolicLink() ? '是符号链接，不是真正的文件' : '不存在或不是文件'}。`,
    );
  }
  const base = realpathSync(join(root, 'public', folder));
  if (!realpathSync(full).startsWith(`${base}${sep}`))
    throw new Error(`无法读取下载文件 ${path}：它的实际位置不在 public${folder} 下（路径中有符号链接）。`);
  return stats.size;
}
