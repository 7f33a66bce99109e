/**
 * Where the web editor may write: content files under content/, pictures beside the articles, and attachments under
 * public/files/. Anything else (the site's code, configuration, other public files, hidden files) is refused, whatever
 * the browser sends.
 */
import { ATTACHMENT_EXTENSIONS, CONTENT_PICTURE_EXTENSIONS } from '../content/file-kinds.ts';
import { isPlainPath } from '../content/write-change.ts';

/**
 * What may be written, by folder: the file kinds each folder takes. Pictures and attachments are the content check's
 * own allowlists (src/lib/content/file-kinds.ts), which also checks their bytes.
 */
const WRITABLE: readonly { folder: string; extensions: readonly string[] }[] = [
  { folder: 'content/articles/images/', extensions: CONTENT_PICTURE_EXTENSIONS },
  { folder: 'content/', extensions: ['mdx', 'yaml'] },
  { folder: 'public/files/', extensions: ATTACHMENT_EXTENSIONS },
];

/**
 * Why the editor may not write `path`, or null when it may.
 * @param path relative to the project, with forward slashes, as Decap CMS sends it
 */
export function unwritableReason(path: string): string | null {
  if (typeof path !== 'string' || path === '') return '没有给出文件路径。';
  // The writer's own rule for a path (src/lib/content/write-change.ts), in the editor's words.
  if (!isPlainPath(path)) return `“${path}”不是项目里的普通文件路径。`;
  const rule = WRITABLE.find((candidate) => path.startsWith(candidate.folder));
  if (!rule) return `编辑器只能保存 content/ 和 public/files/ 下的文件，不能写“${path}”。`;
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (!extension || !rule.extensions.includes(extension)) {
    return `${rule.folder} 下只能保存这些类型的文件：${rule.extensions.join('、')}；“${path}”不是。`;
  }
  return null;
}

/**
 * The comment lines a file starts with (a YAML list's header, or those right after an .mdx file's opening `---`), put
 * back on the text the editor saves: the editor rewrites the data and would drop them, and they explain the file to
 * whoever opens it next.
 */
export function keepHeaderComments(previous: string | null, next: string): string {
  if (!previous) return next;
  const front = previous.startsWith('---\n');
  const body = front ? previous.slice(4) : previous;
  const header = /^(?:#[^\n]*\n|\n)*/.exec(body)![0].replace(/\n+$/, '\n');
  if (!header.startsWith('#')) return next;
  if (front)
    return next.startsWith('---\n') && !next.startsWith(`---\n${header}`) ? `---\n${header}${next.slice(4)}` : next;
  return next.startsWith(header) ? next : `${header}\n${next}`;
}
