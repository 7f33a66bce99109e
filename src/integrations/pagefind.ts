import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefindApi from 'pagefind';
import { rechunkIndex, unpackPagefindFile, type LanguageIndex } from '../lib/pagefind-bundle.ts';
import { searchGlob } from '../lib/sticker/paths.ts';

/** Pagefind's ready-made UI: the site has its own search page. */
const UNUSED_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
];

/**
 * Indexes a built site with Pagefind into its pagefind/ folder. Only pages with an element marked
 * `data-pagefind-body` are indexed (a content page's <main>); the print pages are not even read (searchGlob). Any
 * Pagefind error throws.
 * @param site the built site's folder
 * @returns how many HTML pages Pagefind read, and how many of them it indexed (one excerpt file each)
 */
export async function indexSite(site: string): Promise<{ read: number; indexed: number }> {
  const { index, errors } = await pagefindApi.createIndex({});
  if (!index || errors.length > 0) throw new Error(`Pagefind 无法创建索引：${errors.join('；')}`);
  const folders = (await readdir(site, { withFileTypes: true })).filter((entry) => entry.isDirectory());
  const added = await index.addDirectory({ path: site, glob: searchGlob(folders.map((entry) => entry.name)) });
  if (added.errors.length > 0) throw new Error(`Pagefind 索引出错：${added.errors.join('；')}`);
  if (added.page_count === 0) throw new Error('Pagefind 没有索引到任何页面：页面的 <main> 应带有 data-pagefind-body。');
  const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
  if (written.errors.length > 0) throw new Error(`Pagefind 写入索引出错：${written.errors.join('；')}`);
  await pagefindApi.close();
  await Promise.all(UNUSED_FILES.map((file) => rm(join(site, 'pagefind', file), { force: true })));
  await repackBundle(join(site, 'pagefind'));
  return { read: added.page_count, indexed: (await readdir(join(site, 'pagefind', 'fragment'))).length };
}

/** The part of `pagefind-entry.json` that names each language's metadata file. */
interface Entry {
  languages: Record<string, { hash: string }>;
}

/** A Pagefind bundle's word index, as read from its files (gzipped by Pagefind or not). */
export interface BundleIndex {
  /** `pagefind-entry.json`, parsed. */
  entry: Entry;
  /** The index/ folder's chunk files (`zh-cn_2262a3f.pf_index` …). */
  chunkFiles: string[];
  /** Each language's metadata and word chunks, by language. */
  languages: Map<string, LanguageIndex>;
}

/**
 * Reads a Pagefind bundle's word index: its entry file, and each language's metadata and chunks, unzipped.
 * @param bundle a pagefind/ folder
 */
export async function readBundle(bundle: string): Promise<BundleIndex> {
  const entry = JSON.parse(await readFile(join(bundle, 'pagefind-entry.json'), 'utf8')) as Entry;
  const indexFolder = join(bundle, 'index');
  // No index/ folder when no page had a word to index.
  const chunkFiles = (await readdir(indexFolder).catch(() => [])).filter((file) => file.endsWith('.pf_index'));
  const chunks = new Map(
    await Promise.all(
      chunkFiles.map(
        async (file) =>
          [file.replace(/\.pf_index$/, ''), unpackPagefindFile(await readFile(join(indexFolder, file)), file)] as const,
      ),
    ),
  );
  const languages = new Map<string, LanguageIndex>();
  for (const [language, { hash }] of Object.entries(entry.languages)) {
    const metaFile = `pagefind.${hash}.pf_meta`;
    languages.set(language, { meta: unpackPagefindFile(await readFile(join(bundle, metaFile)), metaFile), chunks });
  }
  return { entry, chunkFiles, languages };
}

/**
 * Re-cuts each language's word index into small chunks (src/lib/pagefind-bundle.ts), and stores the index and the
 * WebAssembly ungzipped, so that the site's precompression gives them Brotli. The new files are written before the old
 * ones go; index and metadata files Pagefind left from an earlier run in the same folder go too.
 * @param bundle the pagefind/ folder Pagefind wrote
 */
export async function repackBundle(bundle: string): Promise<void> {
  const { entry, chunkFiles, languages } = await readBundle(bundle);
  const indexFolder = join(bundle, 'index');
  const oldMetaFiles = (await readdir(bundle)).filter((file) => /^pagefind\..+\.pf_meta$/.test(file));
  const written = new Set<string>();
  for (const [language, index] of languages) {
    const repacked = rechunkIndex(index, language);
    await Promise.all(
      [...repacked.chunks].map(([name, content]) => {
        written.add(`${name}.pf_index`);
        return writeFile(join(indexFolder, `${name}.pf_index`), content);
      }),
    );
    await writeFile(join(bundle, `pagefind.${repacked.metaHash}.pf_meta`), repacked.meta);
    written.add(`pagefind.${repacked.metaHash}.pf_meta`);
    entry.languages[language]!.hash = repacked.metaHash;
  }
  await writeFile(join(bundle, 'pagefind-entry.json'), JSON.stringify(entry));
  await Promise.all([
    ...chunkFiles.filter((file) => !written.has(file)).map((file) => rm(join(indexFolder, file))),
    ...oldMetaFiles.filter((file) => !written.has(file)).map((file) => rm(join(bundle, file))),
  ]);
  for (const file of (await readdir(bundle)).filter((name) => /^wasm\..+\.pagefind$/.test(name))) {
    await writeFile(join(bundle, file), unpackPagefindFile(await readFile(join(bundle, file)), file));
  }
}
