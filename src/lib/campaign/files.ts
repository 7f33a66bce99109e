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
