import { createHash } from 'node:crypto';
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { extensionOf, FILE_TYPES, isGzipped, PRECOMPRESSED_EXTENSIONS } from '../lib/file-types.ts';
import { isSentUncompressed } from '../lib/sticker/paths.ts';

/** What one file gave: bytes before, and after each encoding that was kept (null: it saved nothing). */
export interface CompressedFile {
  file: string;
  size: number;
  gzip: number | null;
  brotli: number | null;
  /** Whether the compressed bytes came from the cache. */
  cached: boolean;
}

/** Whether Brotli should model a file as text (its context model for UTF-8) or as generic data. */
function brotliMode(file: string): number {
  return FILE_TYPES[extensionOf(file)]?.text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC;
}

/**
 * Whether every visitor's browser fetches a file (and caches it): the hashed scripts and styles under `_astro/` and
 * the search's code and metadata under `pagefind/`, a few hundred kilobytes in all. Not the search index's word chunks
 * (`pagefind/index/`): megabytes, all changed by every build, of which a search fetches a few small ones.
 */
function fetchedByEveryVisitor(sitePath: string): boolean {
  return /^(_astro|pagefind)\//.test(sitePath) && !sitePath.startsWith('pagefind/index/');
}

/**
 * Brotli's quality for a file. 11 (the smallest, about a second of CPU per megabyte) for what every visitor fetches
 * ({@link fetchedByEveryVisitor}). 5 for pages, data files and the search index's chunks, which there are thousands
 * of, each fetched by few: about 70 times faster and 10–12% larger (a 10 KB page: some 300 bytes; an index chunk
 * about 100 bytes), so a cold build of ten years of lists does not spend minutes here.
 */
export function brotliQuality(sitePath: string): number {
  return fetchedByEveryVisitor(sitePath) ? 11 : 5;
}

/**
 * Gzip's level for a file (sent only to browsers without Brotli): 9 for what every visitor fetches, 6 (zlib's
 * default) for the rest. Level 9 searches longer for matches, which on repetitive text costs far more than it saves:
 * a town's sticker sheet (64 QR paths) took 71 ms at 9 and 8 ms at 6 for 10% more bytes; a year's list page 10 ms
 * and 6 ms for 5% more (docs/performance.md, "Door stickers").
 */
export function gzipLevel(sitePath: string): number {
  return fetchedByEveryVisitor(sitePath) ? 9 : 6;
}

/**
 * Gzip at {@link gzipLevel} and Brotli at {@link brotliQuality}: compressed once at build, served many times.
 * @param sitePath the file's path within the site, e.g. `_astro/app.js`
 */
function compressBoth(content: Buffer, sitePath: string): { gzip: Buffer; brotli: Buffer } {
  return { gzip: gzipSync(content, { level: gzipLevel(sitePath) }), brotli: brotliFor(content, sitePath) };
}

/**
 * The Brotli copy the build writes of a file (at {@link brotliQuality}, in the file's mode).
 * @param sitePath the file's path within the site, e.g. `_astro/app.js`
 */
export function brotliFor(content: Buffer, sitePath: string): Buffer {
  return brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: brotliQuality(sitePath),
      [constants.BROTLI_PARAM_MODE]: brotliMode(sitePath),
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
}

/**
 * Compressed copies of the files Brotli compresses at quality 11 (see {@link brotliQuality}), kept between builds by
 * the hash of the file's bytes: quality 11 is slow (about a second of CPU per megabyte), and most of those files are
 * byte for byte those of the last build (scripts, styles, the search's code). Entries unused for CACHE_DAYS are
 * removed.
 */
export interface CompressionCache {
  folder: string;
}

/** Raise when the compression settings change, so no entry made with the old ones is used. */
const CACHE_VERSION = 'gzip9-br11-v2';
const CACHE_DAYS = 30;

/**
 * The cache folder: node_modules/.cache/shian-precompress/ of the node_modules Astro is installed in (resolved
 * through symbolic links, so the test sites' copies of the project share the project's cache), or the folder
 * SHIAN_PRECOMPRESS_CACHE names (the benchmark's, whose first build must start with none).
 */
export function defaultCacheFolder(): string {
  if (process.env.SHIAN_PRECOMPRESS_CACHE) return process.env.SHIAN_PRECOMPRESS_CACHE;
  const astro = createRequire(import.meta.url).resolve('astro/package.json');
  return join(dirname(dirname(astro)), '.cache', 'shian-precompress');
}

function fromCache(cache: CompressionCache, key: string): { gzip: Buffer; brotli: Buffer } | null {
  try {
    const [gz, br] = ['gz', 'br'].map((kind) => readFileSync(join(cache.folder, `${key}.${kind}`)));
    markUsed(['gz', 'br'].map((kind) => join(cache.folder, `${key}.${kind}`)));
    return { gzip: gz!, brotli: br! };
  } catch {
    return null;
  }
}

/** Keeps cache entries from being pruned; one that cannot be marked (a read-only cache) costs a later recompression. */
function markUsed(paths: readonly string[]): void {
  const now = new Date();
  try {
    for (const path of paths) utimesSync(path, now, now);
  } catch {
    return;
  }
}

/** Writes an entry atomically (several builds may share the cache at once). */
function toCache(cache: CompressionCache, key: string, compressed: { gzip: Buffer; brotli: Buffer }): void {
  mkdirSync(cache.folder, { recursive: true });
  for (const [kind, bytes] of [
    ['gz', compressed.gzip],
    ['br', compressed.brotli],
  ] as const) {
    const temporary = join(cache.folder, `${key}.${kind}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
    writeFileSync(temporary, bytes);
    renameSync(temporary, join(cache.folder, `${key}.${kind}`));
  }
}

/** Removes entries not used for CACHE_DAYS, and temporary files that a killed build left. */
async function pruneCache(cache: CompressionCache): Promise<void> {
  const names = await readdir(cache.folder).catch(() => [] as string[]);
  const oldest = Date.now() - CACHE_DAYS * 24 * 60 * 60 * 1000;
  const hourAgo = Date.now() - 60 * 60 * 1000;
  await Promise.all(
    names.map(async (name) => {
      const path = join(cache.folder, name);
      const info = await stat(path).catch(() => null);
      if (!info) return;
      if (info.mtimeMs < oldest || (name.includes('.tmp-') && info.mtimeMs < hourAgo)) {
        // A cache this account may not change (a shared node_modules) is only not pruned.
        await rm(path, { force: true }).catch(() => undefined);
      }
    }),
  );
}

/**
 * Writes `<file>.gz` and `<file>.br` beside one file, each only when it is smaller than the file itself.
 * Returns null for a file that is compressed already. Synchronous: it runs in a worker thread
 * (precompress-worker.ts), where waiting costs nothing and zlib's one-shot calls are the fastest.
 */
export function precompressFile(
  site: string,
  path: string,
  cache: CompressionCache | null,
  previous: string | null,
): CompressedFile | null {
  const content = readFileSync(path);
  if (isGzipped(content)) return null;
  const sitePath = relative(site, path);
  const reused = previous ? reusePrevious(content, path, join(previous, sitePath)) : null;
  if (reused) return reused;
  // Only the slow kind is worth keeping: a page is compressed afresh faster than two cached copies are read back.
  const keep = cache && brotliQuality(sitePath) === 11 ? cache : null;
  const hash = createHash('sha256').update(content).digest('hex');
  const key = `${hash}-${brotliMode(sitePath)}-${CACHE_VERSION}`;
  let compressed = keep ? fromCache(keep, key) : null;
  const cached = compressed !== null;
  if (!compressed) {
    compressed = compressBoth(content, sitePath);
    if (keep) {
      try {
        toCache(keep, key, compressed);
      } catch {
        // A cache that cannot be written costs only a later recompression.
      }
    }
  }
  const { gzip: gz, brotli: br } = compressed;
  const keepGzip = gz.length < content.length;
  const keepBrotli = br.length < content.length;
  if (keepGzip) writeFileSync(`${path}.gz`, gz);
  if (keepBrotli) writeFileSync(`${path}.br`, br);
  return {
    file: path,
    size: content.length,
    gzip: keepGzip ? gz.length : null,
    brotli: keepBrotli ? br.length : null,
    cached,
  };
}

/**
 * The compressed copies of the same file in the previous build, when its bytes are unchanged: hard-linked (copied
 * where a link cannot be made), so a rebuild writes only what changed. Null when the file is new or changed.
 */
function reusePrevious(content: Buffer, path: string, before: string): CompressedFile | null {
  let old: Buffer;
  try {
    old = readFileSync(before);
  } catch {
    // New, or not a readable file in the previous build (a folder there now, say): compressed afresh.
    return null;
  }
  if (!old.equals(content)) return null;
  const sizes: Record<'gz' | 'br', number | null> = { gz: null, br: null };
  for (const kind of ['gz', 'br'] as const) {
    // A copy the previous build did not keep (it saved nothing) would not be kept now either.
    const info = statSync(`${before}.${kind}`, { throwIfNoEntry: false });
    if (!info) continue;
    try {
      linkSync(`${before}.${kind}`, `${path}.${kind}`);
    } catch {
      copyFileSync(`${before}.${kind}`, `${path}.${kind}`);
    }
    sizes[kind] = info.size;
  }
  return { file: path, size: content.length, gzip: sizes.gz, brotli: sizes.br, cached: true };
}

/**
 * Every file under a folder whose kind is worth compressing (text, WebAssembly, Pagefind's index: see
 * src/lib/file-types.ts), as absolute paths; not the per-restaurant print files sent as they are
 * (isSentUncompressed).
 */
export async function compressibleFiles(folder: string): Promise<string[]> {
  const kinds = new Set(PRECOMPRESSED_EXTENSIONS);
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && kinds.has(extensionOf(entry.name)))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !isSentUncompressed(relative(folder, path)))
    .sort();
}

/** What a worker of {@link precompressSite} is given (precompress-worker.ts). */
export interface PrecompressJob {
  site: string;
  files: string[];
  cache: CompressionCache | null;
  previous: string | null;
  /** One Int32: the index of the next file to take, shared by all workers. */
  next: SharedArrayBuffer;
}

/** Workers at most, however many cores the machine has: each holds about 30 MB. */
const MAX_WORKERS = 4;

/**
 * Runs `count` workers over the shared list of files; resolves with what each file gave, by index. When one fails,
 * the others take no further file and are stopped, so nothing writes into the site after the caller has heard of
 * the failure (the build then removes its unfinished folder).
 */
function runWorkers(job: PrecompressJob, count: number): Promise<(CompressedFile | null)[]> {
  const results: (CompressedFile | null)[] = new Array(job.files.length).fill(null);
  const workers = Array.from(
    { length: count },
    () => new Worker(new URL('./precompress-worker.ts', import.meta.url), { workerData: job }),
  );
  const finished = workers.map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        let done = false;
        worker.once('message', (fileResults: [number, CompressedFile | null][]) => {
          for (const [index, result] of fileResults) results[index] = result;
          done = true;
        });
        worker.once('error', reject);
        worker.once('exit', (code) =>
          done ? resolve() : reject(new Error(`预压缩的工作线程意外退出（退出码 ${code}）。`)),
        );
      }),
  );
  return Promise.all(finished).then(
    () => results,
    async (error: unknown) => {
      Atomics.store(new Int32Array(job.next), 0, job.files.length);
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    },
  );
}

/**
 * Precompresses every compressible file of a built site; returns what each gave (compressed already: left out).
 * @param cache where compressed copies are kept between builds; null to compress everything afresh.
 * @param previous the previous build of the site, whose copies of unchanged files are reused; null if none.
 */
export async function precompressSite(
  folder: string,
  cache: CompressionCache | null = { folder: defaultCacheFolder() },
  previous: string | null = null,
): Promise<CompressedFile[]> {
  const files = await compressibleFiles(folder);
  // One worker thread per core (at most four), each taking the next file until none is left, with zlib's one-shot
  // calls. At 10,000 restaurants, on 2 cores: a cold build's 12,839 files in 3.9 s, a rebuild's in 0.9 s; as promises
  // on libuv's thread pool, 6.4–6.9 s and 2.0 s (its round trips per file operation and per zlib chunk cost half as
  // much CPU again).
  const job = { site: folder, files, cache, previous, next: new SharedArrayBuffer(4) };
  const results =
    files.length > 0 ? await runWorkers(job, Math.min(availableParallelism(), MAX_WORKERS, files.length)) : [];
  if (cache) await pruneCache(cache);
  return results.filter((result): result is CompressedFile => result !== null);
}

/**
 * Writes gzip (`.gz`) and Brotli (`.br`) copies of every compressible file of a built site beside it, for web servers
 * that send a precompressed file when the browser accepts it (deploy/nginx.conf), and returns a line for the build's
 * log. Runs after Pagefind, so the search index's own files are covered; the last step that writes to the site.
 * @param site the built site's folder
 * @param previous the previous build, if any: see {@link precompressSite}
 */
export async function precompressWithSummary(site: string, previous: string | null = null): Promise<string> {
  const started = performance.now();
  const results = await precompressSite(site, undefined, previous);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const total = results.reduce((sum, result) => sum + result.size, 0);
  const brotli = results.reduce((sum, result) => sum + (result.brotli ?? result.size), 0);
  const percent = total > 0 ? Math.round((100 * brotli) / total) : 100;
  const cached = results.filter((result) => result.cached).length;
  return (
    `已预压缩 ${results.length} 个文件（其中 ${cached} 个沿用上次的结果），` +
    `brotli 后为原大小的 ${percent}%，用时 ${seconds} 秒`
  );
}
