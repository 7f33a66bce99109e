import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { writeHeadersFile } from './headers-file.ts';
import { indexSite } from './pagefind.ts';
import { precompressWithSummary } from './precompress.ts';

/**
 * Set by `npm run build`, `npm start` and `npm run publish` (scripts/lib/astro-build.ts): they finish the site
 * themselves once Astro has ended, so Pagefind's indexer never holds its memory beside Astro's (at 10,000
 * restaurants, about 1.1 GB and 1.3 GB; 2.5 GB at once, 1.4 GB one after the other).
 */
export const FINISH_AFTER_ASTRO = 'SHIAN_FINISH_AFTER_ASTRO';

/**
 * The steps over a built site, in order: the search index (Pagefind), `_headers` (which lists the index's files),
 * then the precompressed copies of everything (the index's included).
 * @param site the built site's folder
 * @param log where each step reports
 * @param previous the previous build (dist/ for `npm run build`), whose compressed copies of unchanged files are
 *   reused; null if none
 */
export async function finishSite(
  site: string,
  log: (message: string) => void,
  previous: string | null = null,
): Promise<void> {
  const started = performance.now();
  const { read, indexed } = await indexSite(site);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(
    `Pagefind 读取了 ${read} 个页面，为其中 ${indexed} 个可搜索的页面（带 data-pagefind-body）建立了索引，用时 ${seconds} 秒`,
  );
  await writeHeadersFile(site);
  log(await precompressWithSummary(site, previous));
}

/**
 * Finishes the site at the end of `astro build` ({@link finishSite}), unless the build script that started Astro
 * said it will ({@link FINISH_AFTER_ASTRO}). Any error fails the build.
 */
export function finishSiteAfterBuild(): AstroIntegration {
  return {
    name: 'finish-site',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        if (process.env[FINISH_AFTER_ASTRO] === '1') return;
        await finishSite(fileURLToPath(dir), (message) => logger.info(message));
      },
    },
  };
}
