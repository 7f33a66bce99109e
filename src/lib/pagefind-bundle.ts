/**
 * Pagefind's word index, cut into small chunks.
 *
 * Pagefind (1.6) splits its word index into chunks of about 20,000 word positions (some 22 KB compressed each), with
 * no option to change that. A Chinese query is searched word by word (a word the browser does not know, character by
 * character), each in its own chunk, so 明厨亮灶 fetched four such chunks (~90 KB) for a handful of words. This module
 * re-cuts the chunks Pagefind wrote into small ones, by the first character of their words, and rewrites the chunk
 * list in Pagefind's metadata to match. The word entries themselves are copied byte for byte: Pagefind's own search
 * code reads them.
 *
 * Pagefind's files are CBOR, gzipped, behind a 12-byte signature ("pagefind_dcd"); its script skips the gunzip when
 * the signature is already there. The files written here are not gzipped, nor is the WebAssembly once the build has
 * passed it through {@link unpackPagefindFile}: the build's precompression gives them Brotli, about 15% smaller than
 * Pagefind's gzip.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { isGzipped } from './file-types.ts';

/** What Pagefind puts before the CBOR of every file, compressed or not. */
const SIGNATURE = Buffer.from('pagefind_dcd');

/**
 * Raw bytes a chunk's word entries should add up to before a new chunk starts: about a kilobyte once compressed.
 * Smaller chunks would cost more in the metadata's chunk list (every search fetches it) than they save.
 */
export const CHUNK_TARGET_BYTES = 2 * 1024;

/** A file of Pagefind's, found not to be in the layout this module was written for. */
export class PagefindFormatError extends Error {
  constructor(file: string, expected: string) {
    super(
      `Pagefind 的索引文件 ${file} 与预期的格式不同（应为${expected}）。` +
        '这通常是 Pagefind 升级所致：请把 package.json 中 pagefind 的版本改回 1.6，或按新版格式更新 src/lib/pagefind-bundle.ts。',
    );
    this.name = 'PagefindFormatError';
  }
}

/**
 * The bytes of a Pagefind file as its script sees them: gunzipped if they were gzipped, signature first.
 * @param file the file's name, for errors
 */
export function unpackPagefindFile(bytes: Uint8Array, file: string): Buffer {
  let data = Buffer.from(bytes);
  if (isGzipped(data)) data = gunzipSync(data);
  if (!data.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
    throw new PagefindFormatError(file, '以 pagefind_dcd 开头');
  }
  return data;
}

/** One CBOR data item's head: its major type, its argument (a length or a number), and where its content starts. */
interface Head {
  major: number;
  argument: number;
  start: number;
}

function readHead(bytes: Buffer, at: number, file: string): Head {
  const first = bytes[at];
  if (first === undefined) throw new PagefindFormatError(file, '完整的 CBOR 数据');
  const major = first >> 5;
  const info = first & 0x1f;
  if (info < 24) return { major, argument: info, start: at + 1 };
  if (info === 24) return { major, argument: bytes.readUInt8(at + 1), start: at + 2 };
  if (info === 25) return { major, argument: bytes.readUInt16BE(at + 1), start: at + 3 };
  if (info === 26) return { major, argument: bytes.readUInt32BE(at + 1), start: at + 5 };
  if (info === 27) return { major, argument: Number(bytes.readBigUInt64BE(at + 1)), start: at + 9 };
  // Indefinite lengths and reserved values: Pagefind's encoder (minicbor, fixed-length Rust types) writes neither.
  throw new PagefindFormatError(file, '定长的 CBOR 数据');
}

/** Where the CBOR data item starting at `at` ends. */
function skipItem(bytes: Buffer, at: number, file: string): number {
  const head = readHead(bytes, at, file);
  switch (head.major) {
    case 0:
    case 1:
    case 7:
      return head.start;
    case 2:
    case 3:
      return head.start + head.argument;
    case 4: {
      let end = head.start;
      for (let item = 0; item < head.argument; item += 1) end = skipItem(bytes, end, file);
      return end;
    }
    case 5: {
      let end = head.start;
      for (let item = 0; item < head.argument * 2; item += 1) end = skipItem(bytes, end, file);
      return end;
    }
    default:
      return skipItem(bytes, head.start, file); // a tag: its one item follows
  }
}

/** The byte ranges of the items of the array starting at `at`. */
function arrayItems(bytes: Buffer, at: number, file: string): Array<[number, number]> {
  const head = readHead(bytes, at, file);
  if (head.major !== 4) throw new PagefindFormatError(file, 'CBOR 数组');
  const items: Array<[number, number]> = [];
  let start = head.start;
  for (let item = 0; item < head.argument; item += 1) {
    const end = skipItem(bytes, start, file);
    items.push([start, end]);
    start = end;
  }
  return items;
}

function readText(bytes: Buffer, at: number, file: string): string {
  const head = readHead(bytes, at, file);
  if (head.major !== 3) throw new PagefindFormatError(file, 'CBOR 文本');
  return bytes.toString('utf8', head.start, head.start + head.argument);
}

function encodeHead(major: number, argument: number): Buffer {
  const type = major << 5;
  if (argument < 24) return Buffer.from([type | argument]);
  if (argument < 0x100) return Buffer.from([type | 24, argument]);
  if (argument < 0x10000) return Buffer.from([type | 25, argument >> 8, argument & 0xff]);
  const head = Buffer.alloc(5);
  head[0] = type | 26;
  head.writeUInt32BE(argument, 1);
  return head;
}

function encodeText(text: string): Buffer {
  const utf8 = Buffer.from(text, 'utf8');
  return Buffer.concat([encodeHead(3, utf8.length), utf8]);
}

/** One word of the index: its text and its CBOR entry (its pages and positions), untouched. */
export interface WordEntry {
  word: string;
  entry: Buffer;
}

/** The word entries of one index chunk (a CBOR array holding one array of word entries). */
function chunkWords(chunk: Buffer, file: string): WordEntry[] {
  const top = arrayItems(chunk, SIGNATURE.length, file);
  if (top.length !== 1) throw new PagefindFormatError(file, '只含一个词表的数组');
  return arrayItems(chunk, top[0]![0], file).map(([start, end]) => ({
    word: readText(chunk, arrayItems(chunk, start, file)[0]![0], file),
    entry: chunk.subarray(start, end),
  }));
}

const firstCharacter = (word: string) => String.fromCodePoint(word.codePointAt(0) ?? 0);

/** The greatest character: a range ending in 食 followed by it holds every term that starts with 食. */
const LAST_CHARACTER = String.fromCodePoint(0x10ffff);

/**
 * Cuts sorted words into groups of about `targetBytes`, never between two words that start with the same character.
 * Pagefind's script looks a search term up in the one chunk whose range holds it, and there finds the words that
 * start with the term or, failing those, the longest word the term starts with (中餐 finds 中): every such word starts
 * with the term's first character, so all words with one first character must be in one chunk.
 */
export function groupWords<T extends { word: string; entry: { length: number } }>(
  words: readonly T[],
  targetBytes: number,
): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let size = 0;
  for (const word of words) {
    const previous = group.at(-1);
    if (previous && size >= targetBytes && firstCharacter(previous.word) !== firstCharacter(word.word)) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push(word);
    size += word.entry.length;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Pagefind's kind of file name: the language, then the start of a hash of the content (`zh-cn_2262a3f`). */
function hashName(language: string, content: Buffer, length: number, taken: { has(name: string): boolean }): string {
  const hash = createHash('sha256').update(content).digest('hex');
  let name = `${language}_${hash.slice(0, length)}`;
  while (taken.has(name)) name = `${language}_${hash.slice(0, name.length - language.length)}`;
  return name;
}

/** A language's index as Pagefind's files hold it: metadata and word chunks, each signature first, not gzipped. */
export interface LanguageIndex {
  /** The metadata (the `pagefind.<hash>.pf_meta` file's bytes). */
  meta: Buffer;
  /** The word chunks, by the name the metadata gives them (the `index/<name>.pf_index` files' bytes). */
  chunks: Map<string, Buffer>;
}

/** One chunk as the metadata lists it: the range of words it holds, and its name. */
export interface ChunkRange {
  from: string;
  to: string;
  name: string;
}

/** The metadata's chunk list, and where it lies in the metadata's bytes. */
function chunkList(meta: Buffer, file: string): { ranges: ChunkRange[]; at: [number, number] } {
  const at = arrayItems(meta, SIGNATURE.length, file)[2];
  if (!at) throw new PagefindFormatError(file, '第三项为词表分块列表的数组');
  const ranges = arrayItems(meta, at[0], file).map(([start]) => {
    const [from, to, name] = arrayItems(meta, start, file).map(([item]) => readText(meta, item, file));
    if (from === undefined || to === undefined || name === undefined) {
      throw new PagefindFormatError(file, '每个分块为“起始词、结束词、文件名”三项');
    }
    return { from, to, name };
  });
  return { ranges, at };
}

/**
 * The chunks of a language's index, in the metadata's order, each with the words it holds.
 * @param language the index's language (`zh-cn`), for error messages
 */
export function indexChunks(index: LanguageIndex, language: string): Array<ChunkRange & { words: WordEntry[] }> {
  return chunkList(index.meta, `pagefind.${language}.pf_meta`).ranges.map((range) => {
    const file = `index/${range.name}.pf_index`;
    const chunk = index.chunks.get(range.name);
    if (!chunk) throw new PagefindFormatError(file, '元数据中列出的分块文件');
    return { ...range, words: chunkWords(chunk, file) };
  });
}

/**
 * Re-cuts a language's word index into chunks of about `targetBytes` (see the module's comment).
 * @param language the index's language, as its file names start (`zh-cn`)
 * @returns the new metadata, its hash for `pagefind-entry.json`, and the new chunks by name
 */
export function rechunkIndex(
  index: LanguageIndex,
  language: string,
  targetBytes = CHUNK_TARGET_BYTES,
): LanguageIndex & { metaHash: string } {
  const metaFile = `pagefind.${language}.pf_meta`;
  const words = indexChunks(index, language).flatMap((chunk) => chunk.words);
  for (let at = 1; at < words.length; at += 1) {
    if (Buffer.compare(Buffer.from(words[at - 1]!.word), Buffer.from(words[at]!.word)) >= 0) {
      throw new PagefindFormatError(metaFile, '按字节顺序排列、不重复的词');
    }
  }

  const chunks = new Map<string, Buffer>();
  const list = groupWords(words, targetBytes).map((group) => {
    const content = Buffer.concat([
      SIGNATURE,
      encodeHead(4, 1),
      encodeHead(4, group.length),
      ...group.map((word) => word.entry),
    ]);
    const name = hashName(language, content, 7, chunks);
    chunks.set(name, content);
    return Buffer.concat([
      encodeHead(4, 3),
      encodeText(firstCharacter(group[0]!.word)),
      encodeText(`${firstCharacter(group.at(-1)!.word)}${LAST_CHARACTER}`),
      encodeText(name),
    ]);
  });
  const { at } = chunkList(index.meta, metaFile);
  const meta = Buffer.concat([
    index.meta.subarray(0, at[0]),
    encodeHead(4, list.length),
    ...list,
    index.meta.subarray(at[1]),
  ]);
  return { meta, metaHash: hashName(language, meta, 13, new Set()), chunks };
}
