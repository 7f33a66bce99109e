/**
 * 网站信息 (content/site.yaml): read and checked the same way by the content pipeline (which reports its problems
 * with all others) and by the site's configuration (src/config/site.ts, which the pages read).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { throwIfProblems, validateEntry, type ContentProblem } from '../content-errors.ts';
import { siteSettingsSchema, type SiteSettings } from '../../schemas/site.ts';
import { CONTENT_FILES } from './files.ts';
import { readYaml } from './yaml.ts';

/** How problems name the settings as an entry. */
const ENTRY = '网站信息';

/**
 * The settings in `text`; a file of comments only (or none at all) gives no settings: every value is 待提供.
 * @returns the settings (empty when they have problems) and the problems, with their lines
 */
export function parseSiteSettings(
  text: string | null,
  file: string = CONTENT_FILES.site,
): { data: SiteSettings; problems: ContentProblem[] } {
  if (text === null) return { data: {}, problems: [] };
  const yaml = readYaml(text, file);
  if (yaml.problems.length > 0) return { data: {}, problems: yaml.problems };
  const result = validateEntry(siteSettingsSchema, yaml.value ?? {}, { file, entry: ENTRY, lineOf: yaml.lineOf });
  return result.data ? { data: result.data, problems: [] } : { data: {}, problems: result.problems };
}

/**
 * The settings of the project at `root`.
 * @throws ContentError with the same messages `check:content` gives, when content/site.yaml has problems
 */
export function readSiteSettings(root: string): SiteSettings {
  const path = join(root, CONTENT_FILES.site);
  const { data, problems } = parseSiteSettings(existsSync(path) ? readFileSync(path, 'utf8') : null);
  throwIfProblems(problems);
  return data;
}
