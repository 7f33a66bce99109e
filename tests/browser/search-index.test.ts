/**
 * The site's search index, re-cut into small chunks (src/lib/pagefind-bundle.ts), answers searches as Pagefind's own
 * index does: the same pages, in the same order, with the same scores, the same first excerpt. Both bundles are made
 * here from the project's built site and searched side by side in Chromium with Pagefind's own script, each query as
 * a reader's first search (a new Pagefind that has loaded no chunk yet), for a share of the characters that start the
 * index's words, of its words, of two-character words it lacks (中餐: Pagefind falls back to 中), and some phrases.
 *
 * The one difference is a fix: where Pagefind's own chunks split the words that start with one character between two
 * chunks, it looks in the first only, and a search for that character misses pages (留 found 9 pages of 13). The
 * re-cut index keeps such words together, so there it finds every page Pagefind found, and the missed ones.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefindApi from 'pagefind';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle, repackBundle } from '../../src/integrations/pagefind.ts';
import { indexChunks } from '../../src/lib/pagefind-bundle.ts';
import { startStaticServer } from '../../scripts/static-server.ts';
import { ROOT } from '../helpers/build.ts';
import { builtSite, launchChromium, type ServedSite } from '../helpers/site.ts';

const folder = join(ROOT, 'tests/.tmp/search-index', String(process.pid));
let browser: Browser;
let served: ServedSite;
let queries: string[];
let splitByPagefind: Set<string>;

/** A query whose results differ: each bundle's `page:score` list, best first. */
interface Difference {
  query: string;
  original: string[];
  cut: string[];
  first: string;
}

/**
 * Searches each query with both bundles (Pagefind's own script each, with the site's ranking options) and sets
 * `window.comparison`: the queries whose results (page and score, in order; the first one's excerpt) differ.
 */
const COMPARE = `
const queries = await (await fetch('/queries.json')).json();
const [original, cut] = await Promise.all([import('/original/pagefind.js'), import('/cut/pagefind.js')]);
// A new Pagefind for every search, as a reader's first search: one that has loaded a chunk for an earlier query
// would find a word there even when its own lookup named the wrong chunk.
async function firstSearch(bundle, query) {
  const instance = bundle.createInstance({ noWorker: true });
  await instance.options({ excerptLength: 40, ranking: { termSimilarity: 5 } });
  const search = await instance.search(query);
  const first = search.results[0] ? await search.results[0].data() : null;
  const results = search.results.map((result) => result.id + ':' + result.score);
  await instance.destroy();
  return { results, first: first ? first.url + ' ' + first.excerpt : '' };
}
const differences = [];
let withResults = 0;
for (const query of queries) {
  const [a, b] = await Promise.all([firstSearch(original, query), firstSearch(cut, query)]);
  if (a.results.length > 0) withResults += 1;
  if (a.results.join() !== b.results.join() || a.first !== b.first) {
    differences.push({ query, original: a.results, cut: b.results, first: a.first === b.first ? '' : 'first differs' });
  }
}
window.comparison = { differences, withResults };
`;

/** The words of each chunk of a bundle's (first language's) index. */
async function bundleChunks(bundle: string): Promise<string[][]> {
  const [language, index] = [...(await readBundle(bundle)).languages][0]!;
  return indexChunks(index, language).map((chunk) => chunk.words.map(({ word }) => word));
}

const firstCharacter = (word: string) => String.fromCodePoint(word.codePointAt(0)!);

/**
 * Two-character words the browser keeps whole (Intl.Segmenter, the same ICU dictionary as Chromium's) that the index
 * lacks but whose first character starts indexed words: Pagefind finds none that start so, and falls back to the
 * indexed words they start with (中餐 finds 中), which must be in the chunk it loads.
 */
function unindexedWords(firstCharacters: ReadonlySet<string>, indexed: ReadonlySet<string>): string[] {
  const segmenter = new Intl.Segmenter('zh-cn', { granularity: 'word' });
  const found: string[] = [];
  for (const first of firstCharacters) {
    for (const second of '长餐部馆会局品业店员区') {
      const word = `${first}${second}`;
      if (!indexed.has(word) && [...segmenter.segment(word)].length === 1) found.push(word);
    }
  }
  return found;
}

beforeAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const { index } = await pagefindApi.createIndex({});
  await index!.addDirectory({ path: builtSite('project').dist });
  await index!.writeFiles({ outputPath: join(folder, 'original') });
  await pagefindApi.close();
  cpSync(join(folder, 'original'), join(folder, 'cut'), { recursive: true });
  await repackBundle(join(folder, 'cut'));
  writeFileSync(join(folder, 'index.html'), '<!doctype html><html lang="zh-cn"><title>索引对照</title></html>');
  writeFileSync(join(folder, 'compare.js'), COMPARE);

  const words = (await bundleChunks(join(folder, 'cut'))).flat();
  const firstCharacters = new Set(words.map(firstCharacter));
  // Characters whose words Pagefind's own chunks split: each is the first character of two chunks' words.
  const seen = (await bundleChunks(join(folder, 'original'))).flatMap((chunk) => [
    ...new Set(chunk.map(firstCharacter)),
  ]);
  splitByPagefind = new Set(seen.filter((character, at) => seen.indexOf(character) !== at));
  // Each query is a new Pagefind's first search (~60 ms for the two): a share of each kind, and every split character.
  const every = <T>(list: readonly T[], step: number) => list.filter((_, at) => at % step === 0);
  queries = [
    ...new Set([
      ...splitByPagefind,
      ...every([...firstCharacters], 12),
      ...every(words, 150),
      ...every(unindexedWords(firstCharacters, new Set(words)), 6),
      '明厨亮灶',
      '食品安全',
      '冷链食品',
      '学校食堂',
      '餐饮服务食品安全',
    ]),
  ];
  writeFileSync(join(folder, 'queries.json'), JSON.stringify(queries));
  [browser, served] = await Promise.all([
    launchChromium(),
    startStaticServer(folder).then(({ server, url }) => ({
      url,
      close: () => new Promise<void>((done) => server.close(() => done())),
    })),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the re-cut search index', () => {
  it('answers each search as Pagefind’s own index does', async () => {
    expect(queries.length).toBeGreaterThan(150);
    const page = await browser.newPage();
    await page.goto(`${served.url}/`);
    // A module of the served folder: the site's policy allows no inline script.
    await page.addScriptTag({ url: '/compare.js', type: 'module' });
    await page.waitForFunction(() => 'comparison' in window, undefined, { timeout: 100_000 });
    const { differences, withResults } = await page.evaluate(
      () => (window as unknown as { comparison: { differences: Difference[]; withResults: number } }).comparison,
    );
    const unexplained = differences.filter(
      (difference) => ![...difference.query].some((character) => splitByPagefind.has(character)),
    );
    expect(unexplained.slice(0, 3)).toEqual([]);
    for (const { query, original, cut } of differences) {
      const pages = (results: string[]) => results.map((result) => result.split(':')[0]);
      expect(pages(cut), query).toEqual(expect.arrayContaining(pages(original)));
    }
    // Most queries are words of the index or their first characters, which find pages: the comparison is not empty.
    expect(withResults).toBeGreaterThan(queries.length / 2);
    await page.close();
  }, 120_000);
});
