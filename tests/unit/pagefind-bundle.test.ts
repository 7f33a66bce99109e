/**
 * The re-cut of Pagefind's word index (src/lib/pagefind-bundle.ts), on an index Pagefind itself makes here of
 * Chinese pages: every word is kept byte for byte and in order, and Pagefind's own rule for finding a term's chunk
 * (the first chunk whose range holds the term) finds every word that starts with the term, and every word the term
 * starts with (what Pagefind falls back to when no word starts with the term).
 */
import { gzipSync } from 'node:zlib';
import * as pagefindApi from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHUNK_TARGET_BYTES,
  groupWords,
  indexChunks,
  PagefindFormatError,
  rechunkIndex,
  unpackPagefindFile,
  type LanguageIndex,
} from '../../src/lib/pagefind-bundle.ts';

/** Deterministic pseudo-random Chinese text (from 800 common-block characters): the same pages on every run. */
function page(seed: number, length: number): string {
  let state = seed;
  let text = '';
  for (let at = 0; at < length; at += 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    text += String.fromCodePoint(0x4e00 + (state % 800));
    if (state % 9 === 0) text += '。';
  }
  return text;
}

let pagefindIndex: LanguageIndex;

beforeAll(async () => {
  const { index } = await pagefindApi.createIndex({});
  // Enough text for Pagefind to cut its index into several of its own (20,000-position) chunks.
  for (let number = 0; number < 60; number += 1) {
    await index!.addHTMLFile({
      url: `/p/${number}/`,
      content:
        `<html lang="zh-cn"><body><main data-pagefind-body><h1>第${number}页</h1><p>${page(number + 1, 1500)}</p>` +
        `<p data-pagefind-filter="类型">${number % 2 ? '新闻' : '科普'}</p>` +
        `<p data-pagefind-sort="date">2022-01-${String(1 + (number % 28)).padStart(2, '0')}</p></main></body></html>`,
    });
  }
  const { files } = await index!.getFiles();
  const meta = files.find((file) => /^pagefind\.zh-cn_.+\.pf_meta$/.test(file.path))!;
  const chunks = files.filter((file) => file.path.startsWith('index/'));
  pagefindIndex = {
    meta: unpackPagefindFile(meta.content, meta.path),
    chunks: new Map(
      chunks.map((file) => [
        file.path.replace(/^index\/|\.pf_index$/g, ''),
        unpackPagefindFile(file.content, file.path),
      ]),
    ),
  };
}, 60_000);

afterAll(() => pagefindApi.close());

/** Pagefind's lookup (pagefind_web, request_indexes): the first chunk whose range holds the term, by byte order. */
function chunkFor<T extends { from: string; to: string }>(chunks: readonly T[], term: string): T | undefined {
  const bytes = Buffer.from(term);
  return chunks.find(
    (chunk) => Buffer.compare(bytes, Buffer.from(chunk.from)) >= 0 && Buffer.compare(bytes, Buffer.from(chunk.to)) <= 0,
  );
}

describe('rechunkIndex', () => {
  it('starts from an index Pagefind cut into several chunks of its own', () => {
    expect(indexChunks(pagefindIndex, 'zh-cn').length).toBeGreaterThan(1);
  });

  it('keeps every word entry, byte for byte and in order, in smaller chunks', () => {
    const before = indexChunks(pagefindIndex, 'zh-cn');
    const repacked = rechunkIndex(pagefindIndex, 'zh-cn');
    const after = indexChunks(repacked, 'zh-cn');
    expect(after.length).toBeGreaterThan(before.length);
    const entries = (chunks: typeof before) =>
      Buffer.concat(chunks.flatMap((chunk) => chunk.words.map((w) => w.entry)));
    expect(entries(after).equals(entries(before))).toBe(true);
    expect(repacked.chunks.size).toBe(after.length);
    expect(repacked.metaHash).toMatch(/^zh-cn_[0-9a-f]{13}$/);
  });

  /** What Pagefind's script needs from the chunk it loads for a term: words that start with it, or it starts with. */
  const wantedFor = (words: readonly string[], term: string) =>
    words.filter((word) => word.startsWith(term) || term.startsWith(word));

  it('lets Pagefind find, for any term, the one chunk with every word it starts or that starts it', () => {
    const chunks = indexChunks(rechunkIndex(pagefindIndex, 'zh-cn'), 'zh-cn');
    const words = chunks.flatMap((chunk) => chunk.words.map(({ word }) => word));
    const starts = words.flatMap((word) => [...word].map((_, end) => [...word].slice(0, end + 1).join('')));
    // A word and one more character: no word starts so, and Pagefind falls back to the word itself (中餐 finds 中).
    const longer = words.flatMap((word) => [`${word}丁`, `${word}龥`, `${word}a`]);
    const terms = new Set([...starts, ...longer]);
    expect(terms.size).toBeGreaterThan(words.length * 3);
    for (const term of terms) {
      const found = chunkFor(chunks, term)?.words.map(({ word }) => word) ?? [];
      expect(wantedFor(found, term), term).toEqual(wantedFor(words, term));
    }
  });

  it('finds a word by its first character when no word is that character alone', () => {
    // A hand-made index in Pagefind's layout: words without pages are enough for the lookup.
    const cbor = (value: unknown): Buffer =>
      Array.isArray(value)
        ? Buffer.concat([Buffer.from([0x80 + value.length]), ...value.map(cbor)])
        : Buffer.concat([Buffer.from([0x60 + Buffer.byteLength(String(value))]), Buffer.from(String(value))]);
    const signed = (value: unknown) => Buffer.concat([Buffer.from('pagefind_dcd'), cbor(value)]);
    const words = ['冷藏', '冷链', '安', '安全', '安排', '食品', '食堂', '餐饮'];
    const handMade = {
      meta: signed(['1.6.0', [], [['冷藏', '餐饮', 'zh-cn_0']], [], [], []]),
      chunks: new Map([['zh-cn_0', signed([words.map((word) => [word, []])])]]),
    };
    const chunks = indexChunks(rechunkIndex(handMade, 'zh-cn', 1), 'zh-cn');
    expect(chunks).toHaveLength(4);
    for (const [term, wanted] of [
      ['冷', ['冷藏', '冷链']],
      ['冷链物流', ['冷链']],
      ['冷饮', []],
      ['安', ['安', '安全', '安排']],
      ['安全', ['安', '安全']],
      ['安保', ['安']],
      ['食', ['食品', '食堂']],
      ['餐饮', ['餐饮']],
    ] as const) {
      const found = chunkFor(chunks, term)?.words.map(({ word }) => word) ?? [];
      expect(wantedFor(found, term), term).toEqual(wanted);
    }
    expect(chunkFor(chunks, '中餐')).toBeUndefined();
  });

  it('keeps the rest of the metadata (version, pages, filters, sorts) byte for byte', () => {
    // CBOR of a chunk's [from, to, name] (short texts: one-byte heads), to find the chunk list in the metadata.
    const text = (value: string) => Buffer.concat([Buffer.from([0x60 + Buffer.byteLength(value)]), Buffer.from(value)]);
    const entry = ({ from, to, name }: { from: string; to: string; name: string }) =>
      Buffer.concat([Buffer.from([0x83]), text(from), text(to), text(name)]);
    const before = indexChunks(pagefindIndex, 'zh-cn');
    const listStart = pagefindIndex.meta.indexOf(entry(before[0]!)) - 1; // the list's one-byte head
    const last = entry(before.at(-1)!);
    const listEnd = pagefindIndex.meta.indexOf(last) + last.length;
    const { meta } = rechunkIndex(pagefindIndex, 'zh-cn');
    expect(meta.subarray(0, listStart).equals(pagefindIndex.meta.subarray(0, listStart))).toBe(true);
    const rest = pagefindIndex.meta.subarray(listEnd);
    expect(rest.length).toBeGreaterThan(20); // filters and sorts
    expect(meta.subarray(meta.length - rest.length).equals(rest)).toBe(true);
  });

  it('refuses a metadata file of another layout, in Chinese, naming the file', () => {
    const broken = Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from([0x82, 0x61, 0x31, 0x80])]);
    expect(() => rechunkIndex({ meta: broken, chunks: new Map() }, 'zh-cn')).toThrow(PagefindFormatError);
    expect(() => rechunkIndex({ meta: broken, chunks: new Map() }, 'zh-cn')).toThrow(
      /pagefind\.zh-cn\.pf_meta 与预期的格式不同.*pagefind 的版本改回 1\.6/,
    );
  });
});

describe('groupWords', () => {
  const word = (text: string, size: number) => ({ word: text, entry: { length: size } });

  it('starts a new group once the target is reached, but never between words with the same first character', () => {
    const groups = groupWords(
      [word('安全', 30), word('安排', 30), word('冷链', 30), word('食品', 30), word('食堂', 30), word('食用', 30)],
      50,
    );
    expect(groups.map((group) => group.map((entry) => entry.word))).toEqual([
      ['安全', '安排'],
      ['冷链', '食品', '食堂', '食用'],
    ]);
  });

  it('makes one group of words that all start alike, however large', () => {
    expect(groupWords([word('食品', 9000), word('食堂', 9000)], CHUNK_TARGET_BYTES)).toHaveLength(1);
  });
});

describe('unpackPagefindFile', () => {
  const raw = Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from([0x80])]);

  it('gunzips a gzipped file, and takes an unzipped one as it is', () => {
    expect(unpackPagefindFile(gzipSync(raw), 'a.pf_index').equals(raw)).toBe(true);
    expect(unpackPagefindFile(raw, 'a.pf_index').equals(raw)).toBe(true);
  });

  it('refuses a file without Pagefind’s signature, naming it', () => {
    expect(() => unpackPagefindFile(Buffer.from('not pagefind'), 'index/zh-cn_1.pf_index')).toThrow(
      /index\/zh-cn_1\.pf_index 与预期的格式不同（应为以 pagefind_dcd 开头）/,
    );
  });
});
