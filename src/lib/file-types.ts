/**
 * The kinds of file the built site is made of: their Content-Type, and which of them the build precompresses
 * (src/integrations/precompress.ts) and servers send precompressed (deploy/nginx.conf, generated from this table).
 */

export interface FileType {
  /** The media type, without parameters. */
  type: string;
  /** Text: sent with “; charset=utf-8”. */
  text: boolean;
  /** The build writes .gz and .br copies (when they are smaller and the file is not compressed already). */
  precompress: boolean;
}

const text = (type: string): FileType => ({ type, text: true, precompress: true });
const binary = (type: string, precompress = false): FileType => ({ type, text: false, precompress });

/** Every kind of file in the site, by extension (lower case, without the dot). */
export const FILE_TYPES: Readonly<Record<string, FileType>> = {
  html: text('text/html'),
  css: text('text/css'),
  js: text('text/javascript'),
  mjs: text('text/javascript'),
  json: text('application/json'),
  xml: text('application/xml'),
  txt: text('text/plain'),
  csv: text('text/csv'),
  ics: text('text/calendar'),
  svg: text('image/svg+xml'),
  wasm: binary('application/wasm', true),
  // Pagefind's index: gzipped binary that Pagefind's script unpacks itself. Listed for precompression so that a
  // Pagefind that stopped gzipping would still be covered; the build sees the gzip header and leaves them alone.
  pf_meta: binary('application/octet-stream', true),
  pf_index: binary('application/octet-stream', true),
  pf_fragment: binary('application/octet-stream', true),
  pf_filter: binary('application/octet-stream', true),
  pagefind: binary('application/octet-stream', true),
  pdf: binary('application/pdf'),
  png: binary('image/png'),
  jpg: binary('image/jpeg'),
  jpeg: binary('image/jpeg'),
  webp: binary('image/webp'),
  gif: binary('image/gif'),
  ico: binary('image/x-icon'),
  mp4: binary('video/mp4'),
  docx: binary('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  xlsx: binary('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  pptx: binary('application/vnd.openxmlformats-officedocument.presentationml.presentation'),
};

/** Whether the bytes are already compressed (gzip's magic number), as Pagefind's excerpts are. */
export function isGzipped(content: Uint8Array): boolean {
  return content.length >= 2 && content[0] === 0x1f && content[1] === 0x8b;
}

/** The type for anything else. */
export const DEFAULT_TYPE = 'application/octet-stream';

/** The extension of a path as FILE_TYPES keys it: /a/b.HTML → html; none → ''. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The full Content-Type a file is served with: text/html; charset=utf-8, application/pdf … */
export function contentTypeOf(path: string): string {
  const kind = FILE_TYPES[extensionOf(path)];
  if (!kind) return DEFAULT_TYPE;
  return kind.text ? `${kind.type}; charset=utf-8` : kind.type;
}

/** The extensions the build precompresses. */
export const PRECOMPRESSED_EXTENSIONS: readonly string[] = Object.keys(FILE_TYPES).filter(
  (extension) => FILE_TYPES[extension]!.precompress,
);
