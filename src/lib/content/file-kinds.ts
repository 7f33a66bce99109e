/**
 * What a file is, from its bytes, and which kinds of file staff may publish. Staff content is untrusted: a file's name
 * says nothing about what it holds, and the server sends a file with the type its extension names. So an attachment
 * under public/files/ and a picture under content/ are accepted only when their extension is on the allowlist AND
 * their first bytes (their magic number, and for ZIP-based documents the names inside) are that kind of file. Never
 * a web page, a script, SVG or XML: on the site's own address they would run, or be shown as a page.
 *
 * Pure: the bytes come through a {@link ByteReader}, from the disk (src/lib/content/file-tree.ts) or from memory.
 */
import { extensionOf } from '../file-types.ts';

/** The kinds of file this module recognises by their bytes. */
export type FileKind =
  | 'pdf'
  | 'ole2'
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'odt'
  | 'ods'
  | 'odp'
  | 'zip'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp';

/** Random access to a file's bytes. */
export interface ByteReader {
  /** The file's length in bytes. */
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Uint8Array;
}

/** A {@link ByteReader} over bytes in memory. */
export function bytesReader(bytes: Uint8Array): ByteReader {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(Math.max(0, offset), Math.max(0, offset + length)),
  };
}

/** What an extension may hold: the kinds its bytes may be, and how staff call it. */
export interface AllowedType {
  kinds: readonly FileKind[];
  label: string;
}

const ZIP_DOCUMENTS: readonly FileKind[] = ['zip', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'];

/**
 * Attachments under public/files/: documents and plain pictures, by extension (lower case). A ZIP may hold anything
 * (it is downloaded, never opened by the browser), and an Office or OpenDocument file is a ZIP too.
 */
export const ATTACHMENT_TYPES: Readonly<Record<string, AllowedType>> = {
  pdf: { kinds: ['pdf'], label: 'PDF' },
  doc: { kinds: ['ole2'], label: 'Word 97–2003（.doc）' },
  xls: { kinds: ['ole2'], label: 'Excel 97–2003（.xls）' },
  ppt: { kinds: ['ole2'], label: 'PowerPoint 97–2003（.ppt）' },
  docx: { kinds: ['docx'], label: 'Word（.docx）' },
  xlsx: { kinds: ['xlsx'], label: 'Excel（.xlsx）' },
  pptx: { kinds: ['pptx'], label: 'PowerPoint（.pptx）' },
  odt: { kinds: ['odt'], label: 'OpenDocument 文字（.odt）' },
  ods: { kinds: ['ods'], label: 'OpenDocument 表格（.ods）' },
  odp: { kinds: ['odp'], label: 'OpenDocument 演示（.odp）' },
  png: { kinds: ['png'], label: 'PNG 图片' },
  jpg: { kinds: ['jpeg'], label: 'JPEG 图片' },
  jpeg: { kinds: ['jpeg'], label: 'JPEG 图片' },
  gif: { kinds: ['gif'], label: 'GIF 图片' },
  webp: { kinds: ['webp'], label: 'WebP 图片' },
  zip: { kinds: ZIP_DOCUMENTS, label: 'ZIP 压缩包' },
};

/** Pictures beside the content (content/articles/images/ …): what the build's image pipeline takes and re-publishes. */
export const CONTENT_PICTURE_TYPES: Readonly<Record<string, AllowedType>> = {
  png: ATTACHMENT_TYPES.png!,
  jpg: ATTACHMENT_TYPES.jpg!,
  jpeg: ATTACHMENT_TYPES.jpeg!,
  webp: ATTACHMENT_TYPES.webp!,
};

/** The extensions allowed under public/files/ (the web editor's list too: src/lib/editor/paths.ts). */
export const ATTACHMENT_EXTENSIONS: readonly string[] = Object.keys(ATTACHMENT_TYPES);
/** The picture extensions allowed under content/. */
export const CONTENT_PICTURE_EXTENSIONS: readonly string[] = Object.keys(CONTENT_PICTURE_TYPES);

/** How staff call each kind, for messages. */
const KIND_LABELS: Record<FileKind, string> = {
  pdf: 'PDF',
  ole2: 'Word/Excel/PowerPoint 97–2003 文档',
  docx: 'Word（.docx）文档',
  xlsx: 'Excel（.xlsx）表格',
  pptx: 'PowerPoint（.pptx）演示文稿',
  odt: 'OpenDocument 文字文档',
  ods: 'OpenDocument 表格',
  odp: 'OpenDocument 演示文稿',
  zip: 'ZIP 压缩包',
  png: 'PNG 图片',
  jpeg: 'JPEG 图片',
  gif: 'GIF 图片',
  webp: 'WebP 图片',
};

const HEAD_BYTES = 128;
const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));
const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, index) => bytes[at + index] === byte);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

/**
 * The kind of a file from its bytes, or null when it is none of the {@link FileKind}s (a web page, a script, SVG,
 * XML, a program, a ZIP that does not start as one, or anything else).
 */
export function fileKindOf(file: ByteReader): FileKind | null {
  const head = file.read(0, HEAD_BYTES);
  if (ascii(head, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (['GIF87a', 'GIF89a'].includes(ascii(head, 0, 6))) return 'gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'webp';
  if (startsWith(head, OLE2)) return 'ole2';
  if (startsWith(head, ZIP_EMPTY)) return file.size === 22 ? 'zip' : null;
  if (startsWith(head, ZIP_LOCAL)) return zipKind(file);
  return null;
}

/** One file in a ZIP, from its central directory. */
export interface ZipEntry {
  name: string;
  /** 0: stored, 8: deflated … */
  method: number;
  compressedSize: number;
  /** Where its local header starts. */
  offset: number;
}

/** The largest central directory read (a document's is a few kilobytes; a ZIP of thousands of files, a megabyte). */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

/** The entries of a ZIP's central directory, or null when it cannot be read as a ZIP. */
export function zipEntries(file: ByteReader): ZipEntry[] | null {
  const tailLength = Math.min(file.size, 22 + 0xffff);
  const tail = file.read(file.size - tailLength, tailLength);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let end = -1;
  for (let at = tail.length - 22; at >= 0; at -= 1) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  let count = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    // ZIP64: the locator just before the end record gives the ZIP64 end record, with 64-bit fields.
    if (end < 20 || view.getUint32(end - 20, true) !== 0x07064b50) return null;
    const record = file.read(Number(view.getBigUint64(end - 12, true)), 56);
    const record64 = new DataView(record.buffer, record.byteOffset, record.byteLength);
    if (record.length < 56 || record64.getUint32(0, true) !== 0x06064b50) return null;
    count = Number(record64.getBigUint64(32, true));
    size = Number(record64.getBigUint64(40, true));
    offset = Number(record64.getBigUint64(48, true));
  }
  if (size > MAX_DIRECTORY_BYTES || offset + size > file.size) return null;
  const directory = file.read(offset, size);
  const entries = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const found: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > directory.length || entries.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = entries.getUint16(at + 28, true);
    const next = at + 46 + nameLength + entries.getUint16(at + 30, true) + entries.getUint16(at + 32, true);
    if (next > directory.length) return null;
    found.push({
      name: decoder.decode(directory.subarray(at + 46, at + 46 + nameLength)),
      method: entries.getUint16(at + 10, true),
      compressedSize: entries.getUint32(at + 20, true),
      offset: entries.getUint32(at + 42, true),
    });
    at = next;
  }
  return found;
}

/** The names in a ZIP, or null when it cannot be read as one. */
export function zipEntryNames(file: ByteReader): string[] | null {
  return zipEntries(file)?.map((entry) => entry.name) ?? null;
}

/**
 * An OpenDocument file: a ZIP with a `mimetype` entry, stored uncompressed, naming the document's type (LibreOffice
 * writes it first; other programs anywhere).
 */
function openDocumentKind(file: ByteReader, entries: readonly ZipEntry[]): FileKind | null {
  const mimetype = entries.find((entry) => entry.name === 'mimetype');
  if (!mimetype || mimetype.method !== 0 || mimetype.compressedSize > 100) return null;
  const local = file.read(mimetype.offset, 30);
  const view = new DataView(local.buffer, local.byteOffset, local.byteLength);
  if (local.length < 30 || view.getUint32(0, true) !== 0x04034b50) return null;
  const start = mimetype.offset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
  const type = new TextDecoder().decode(file.read(start, mimetype.compressedSize));
  const kinds: Record<string, FileKind> = {
    'application/vnd.oasis.opendocument.text': 'odt',
    'application/vnd.oasis.opendocument.spreadsheet': 'ods',
    'application/vnd.oasis.opendocument.presentation': 'odp',
  };
  return kinds[type] ?? null;
}

/** A ZIP-based file: an OpenDocument, an Office Open XML document (by the folder of its main part), or a plain ZIP. */
function zipKind(file: ByteReader): FileKind | null {
  const entries = zipEntries(file);
  if (!entries) return null;
  const openDocument = openDocumentKind(file, entries);
  if (openDocument) return openDocument;
  const names = entries.map((entry) => entry.name);
  if (names.includes('[Content_Types].xml')) {
    const has = (folder: string) => names.some((name) => name.startsWith(folder));
    if (has('word/')) return 'docx';
    if (has('xl/')) return 'xlsx';
    if (has('ppt/')) return 'pptx';
  }
  return 'zip';
}

/** What the bytes look like when they are no allowed kind, for the message: a program, a web page, SVG … */
function describeUnknown(head: Uint8Array): string {
  if (ascii(head, 0, 4) === '\x7fELF') return '程序文件（ELF）';
  if (ascii(head, 0, 2) === 'MZ') return '程序文件（EXE）';
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (text.includes('<svg')) return 'SVG 图形';
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return '网页（HTML）';
  if (text.startsWith('<?xml') || text.startsWith('<')) return 'XML 或网页';
  if (startsWith(head, ZIP_LOCAL)) return '损坏的压缩包';
  return '无法识别的文件';
}

/**
 * Why a file may not be published as one of the `allowed` types, in Chinese, or null when its extension is allowed
 * and its bytes are that kind of file.
 * @param path the file, relative to the project, as the message names it (public/files/2024/a.pdf)
 * @param allowed {@link ATTACHMENT_TYPES} or {@link CONTENT_PICTURE_TYPES}
 * @param what what the folder holds, for the message: “附件” or “图片”
 */
export function fileTypeProblem(
  path: string,
  file: ByteReader,
  allowed: Readonly<Record<string, AllowedType>>,
  what: string,
): string | null {
  const extension = extensionOf(path);
  const type = Object.hasOwn(allowed, extension) ? allowed[extension] : undefined;
  const offered = Object.keys(allowed)
    .map((candidate) => `.${candidate}`)
    .join('、');
  if (!type) {
    const named = extension ? ` .${extension} 文件` : '没有扩展名的文件';
    return (
      `这里不能放${named}：${what}只能是这些类型：${offered}。` +
      '网页、脚本、SVG、XML 等文件会在本站打开或运行，请转成 PDF 或图片后再放，或删除这个文件。'
    );
  }
  const kind = fileKindOf(file);
  if (kind && type.kinds.includes(kind)) return null;
  const actual = kind ? KIND_LABELS[kind] : describeUnknown(file.read(0, HEAD_BYTES));
  return (
    `文件名是 .${extension}，内容却是${actual}，不是 ${type.label}。` +
    `请用原来的软件重新导出为 ${type.label}，或改成与内容相符的扩展名（只能是 ${offered}），或删除这个文件。`
  );
}
