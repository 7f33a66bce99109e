/**
 * Bundles every module of `content/` (each MDX article, list issue and campaign, with what it imports) into one chunk
 * of the build's server code, instead of one chunk per file. At 2,000 articles the build otherwise writes, loads and
 * deletes some 2,100 small files in the middle of every build (about 4 s of a cold build, and more where creating
 * files is slow right after many were deleted). Only the server code that renders the pages changes: the pages are
 * byte for byte the same.
 */
import { fileURLToPath } from 'node:url';

/**
 * Rolldown's `output.codeSplitting` for the site's build: one group, named `content`, of the modules under `content/`.
 * @param root the project's root folder (where astro.config.mjs is)
 */
export function contentChunking(root: URL): { groups: { name: string; test: (id: string) => boolean }[] } {
  const contentFolder = fileURLToPath(new URL('content/', root));
  // A module id is an absolute path, maybe followed by a query (`?astroPropagatedAssets` …).
  return { groups: [{ name: 'content', test: (id) => id.startsWith(contentFolder) }] };
}
