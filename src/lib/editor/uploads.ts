/**
 * What the web editor accepts as an upload, said once for the form's hints, the browser's check before sending
 * (src/scripts/editor/uploads.ts) and the server's (src/lib/editor/upload-server.ts): the size limit, the size above
 * which photos are made smaller, and readable file names for files named in Chinese (宣传周现场.jpg →
 * xuan-chuan-zhou-xian-chang.jpg; Decap CMS would keep only the Latin letters, leaving `.jpg`).
 */
import { ATTACHMENT_TYPES, CONTENT_PICTURE_EXTENSIONS } from '../content/file-kinds.ts';
import { suggestSlug } from '../slug.ts';

const MB = 1024 * 1024;

/** The limits of one upload. */
export const UPLOAD_LIMITS = {
  /** The largest file the editor sends (a picture above it cannot be made smaller in time either). */
  maxBytes: 20 * MB,
  /** Photos wider or taller than this are made smaller on upload, to this size on their longer side. */
  photoMaxPixels: 2000,
  /** Photos larger than this are compressed on upload, even when they are not too wide. */
  photoMaxBytes: 5 * MB,
} as const;

/** Pictures the server makes smaller: the build's picture kinds (PNG, JPEG, WebP). */
export const RESIZED_EXTENSIONS: readonly string[] = CONTENT_PICTURE_EXTENSIONS;

/** A size in MB for messages: 31457280 → “30.0 MB”. */
export function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** The upload rules in one sentence, for the form's hints. */
export function uploadHint(extensions: readonly string[]): string {
  const types = [...new Set(extensions.map((extension) => ATTACHMENT_TYPES[extension]?.label ?? extension))];
  return (
    `可上传：${types.join('、')}，每个文件不超过 ${UPLOAD_LIMITS.maxBytes / MB} MB。` +
    `超过 ${UPLOAD_LIMITS.photoMaxPixels} 像素或 ${UPLOAD_LIMITS.photoMaxBytes / MB} MB 的照片上传时自动缩小。` +
    '中文文件名会改成拼音（如 宣传周现场.jpg → xuan-chuan-zhou-xian-chang.jpg），网页上显示的名称照常用中文填写。'
  );
}

/** The message for a file over the size limit: its size and the limit. */
export function tooLargeMessage(name: string, bytes: number): string {
  return (
    `“${name}”有 ${megabytes(bytes)}，超过了上传上限 ${megabytes(UPLOAD_LIMITS.maxBytes)}，没有上传。` +
    '照片请先用手机或电脑的“压缩”“调整大小”功能缩小；文件请拆分或压缩后再上传。'
  );
}

/**
 * The name a file is saved under: its name in pinyin and lower-case Latin letters and digits, with its extension in
 * lower case (宣传周现场.JPG → xuan-chuan-zhou-xian-chang.jpg, 2023宣传周.jpg → 2023-xuan-chuan-zhou.jpg). A name
 * that leaves nothing (only signs) becomes `file`.
 */
export function mediaFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  // Long names are cut at a word: addresses stay short.
  const slug = suggestSlug(base, 'file')
    .slice(0, 60)
    .replace(/-[^-]*$/, (tail) => (tail.length > 1 ? tail : ''));
  return extension ? `${slug}.${extension}` : slug;
}

/**
 * Why an uploaded file's name cannot be saved, or null: a name with nothing before its extension (`.jpg`, `2023-.jpg`
 * as an older editor made from 2023宣传周.jpg) would be a hidden file or an unreadable address.
 * @param path relative to the project, as Decap sends it
 */
export function fileNameProblem(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const base = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
  if (/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/i.test(base)) return null;
  return (
    `文件名“${name}”不能用：文件名应由字母、数字和连字符组成，例如 ${mediaFileName(name)}。` +
    '请在媒体库里重新上传这个文件（中文文件名会自动改成拼音）。'
  );
}
