/**
 * What every built test site holds (after the finishing steps: search index, _headers, compressed copies): no link
 * anywhere, and under /files/ only attachments of an allowed type whose bytes are that type
 * (src/lib/content/file-tree.ts, checkBuiltFiles). Checked once more here, by lstat, so the test fails if a build
 * ever publishes a file that came through a link or a type that may not be published.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuiltSite } from '../../src/integrations/published-files.ts';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { ATTACHMENT_EXTENSIONS } from '../../src/lib/content/file-kinds.ts';
import { extensionOf } from '../../src/lib/file-types.ts';
import { builtSite } from '../helpers/site.ts';
import { SITE_NAMES } from '../helpers/sites.ts';

describe.each(SITE_NAMES)('the %s site', (name) => {
  const site = builtSite(name);

  it('holds no link and, under /files/, only allowed attachments whose bytes are what their names say', () => {
    expect(checkBuiltSite(site.dist).map(formatProblem)).toEqual([]);
    const entries = readdirSync(site.dist, { recursive: true }) as string[];
    expect(entries.filter((entry) => lstatSync(join(site.dist, entry)).isSymbolicLink())).toEqual([]);
    const attachments = entries.filter(
      (entry) => entry.startsWith('files/') && lstatSync(join(site.dist, entry)).isFile(),
    );
    expect(attachments.filter((entry) => !ATTACHMENT_EXTENSIONS.includes(extensionOf(entry)))).toEqual([]);
  });
});
