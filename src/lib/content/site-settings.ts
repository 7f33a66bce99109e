/**
 * 网站信息 (content/site.yaml): read and checked by the content pipeline, which reports its problems with all others
 * and hands the settings on in its model (`model.site`); the pages take them from there (src/config/site.ts).
 */
import { validateEntry, type ContentProblem } from '../content-errors.ts';
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
