/** Facts about downloadable files, shown beside each download link. */

const FORMATS: Record<string, string> = {
  pdf: 'PDF',
  svg: 'SVG',
  png: 'PNG',
  jpg: 'JPEG',
  jpeg: 'JPEG',
  mp4: 'MP4',
  pptx: 'PPTX',
  docx: 'DOCX',
};

/** The format of a file from its extension (PDF, SVG …), or null when it is not one the site offers. */
export function fileFormat(path: string): string | null {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (extension && FORMATS[extension]) ?? null;
}

/** A file size as people read it: 812 字节, 35.2 KB, 1.4 MB (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`文件大小无效：${bytes}`);
  if (bytes < 1024) return `${bytes} 字节`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** Characters no file name may hold on Windows (the strictest system staff and visitors use), control characters. */
// eslint-disable-next-line no-control-regex
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
/** Long enough for any title staff write; short enough for every file system (255 bytes, 3 per Chinese character). */
const MAX_NAME_CHARACTERS = 80;

/**
 * The name a download is saved under: its Chinese title and the file's extension (宣传周活动报名表.pdf for
 * /files/2026/xuan-chuan-zhou-huo-dong-bao-ming-biao.pdf, whose public address is pinyin). Characters no file name may
 * hold are left out, spaces collapsed; a title that already ends with the extension keeps one; an empty result falls
 * back to the file's own name. For the `download` attribute (Astro escapes it as any attribute).
 */
export function downloadName(title: string, path: string): string {
  const own = path.split(/[?#]/)[0]!.split('/').pop() ?? '';
  const extension = /\.[a-z0-9]+$/i.exec(own)?.[0] ?? '';
  let name = title.normalize('NFC').replace(/\s+/g, ' ').replace(NOT_IN_FILE_NAMES, '').trim();
  if (extension && name.toLowerCase().endsWith(extension.toLowerCase())) name = name.slice(0, -extension.length);
  // Windows drops trailing dots and spaces; a leading dot would hide the file elsewhere.
  name = [...name]
    .slice(0, MAX_NAME_CHARACTERS)
    .join('')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  return name ? `${name}${extension}` : own;
}
