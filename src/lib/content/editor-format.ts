/**
 * The web editor's file formats (Decap CMS's `fromFile` and `toFile`, run in the browser by src/scripts/admin.ts):
 * an MDX file's front matter and body, a YAML list, a YAML map. Reading goes through the pipeline's own reader
 * (src/lib/content/yaml.ts), so the editor shows exactly the data the check and the build see; writing goes through
 * the one writer (yaml-writer.ts). Pure functions, no Node module: this file is bundled for the browser.
 */
import { readFrontMatter, readYaml } from './yaml.ts';
import { writeYaml } from './yaml-writer.ts';

/** The name the reader gives the file in its messages: the editor passes only the text. */
const EDITED_FILE = '正在编辑的文件';

/** A file the reader refuses: its problems, in Chinese, with their lines, as one error Decap can show. */
function unreadable(problems: ReadonlyArray<{ message: string }>): Error {
  return new Error(
    `这个文件有格式问题，编辑器无法读取：${problems.map((problem) => problem.message).join(' ')}` +
      '请先按 npm run check:content 的提示改正这个文件。',
  );
}

/** Values a form leaves behind when a field is not filled: never written, so the file reads as staff left it. */
function isEmpty(value: unknown): boolean {
  return value === '' || value === null || value === undefined;
}

/** The value without empty fields and list items, text trimmed; an object left empty becomes null. */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune).filter((item) => !isEmpty(item));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => [key, prune(item)] as const);
    const kept = entries.filter(([, item]) => !isEmpty(item));
    return kept.length > 0 ? Object.fromEntries(kept) : null;
  }
  return typeof value === 'string' ? value.trim() : value;
}

/**
 * An MDX file as the editor's form holds it: the front matter's fields, and the body as `body`.
 * @throws Error in Chinese when the pipeline's reader refuses the front matter
 */
export function readMdxFields(text: string): Record<string, unknown> {
  const front = readFrontMatter(text, EDITED_FILE);
  if (front.problems.length > 0 || front.data === undefined) throw unreadable(front.problems);
  const data = (front.data ?? {}) as Record<string, unknown>;
  return { ...data, body: front.body.replace(/^\r?\n/, '') };
}

/**
 * An MDX file's text from the form: front matter in the order of the form's fields, then the body.
 * @param fields the front matter's fields (without the body)
 * @param body the body's text
 * @param order the form's field names, in order; fields not named come last
 */
export function writeMdxText(fields: Record<string, unknown>, body: unknown, order: readonly string[] = []): string {
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const ordered = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => rank(a) - rank(b)));
  const text = typeof body === 'string' ? body.trim() : '';
  return `---\n${writeYaml(prune(ordered) ?? {})}---\n${text ? `\n${text}\n` : ''}`;
}

/** A YAML file's value, read by the pipeline's reader. @throws Error in Chinese when the reader refuses it */
function readValue(text: string): unknown {
  const yaml = readYaml(text, EDITED_FILE);
  if (yaml.problems.length > 0) throw unreadable(yaml.problems);
  return yaml.value;
}

/** A YAML list's items (a registry, the re-inspections). @throws Error in Chinese when the reader refuses it */
export function readYamlListItems(text: string): unknown[] {
  const value = readValue(text);
  return Array.isArray(value) ? value : [];
}

/** A YAML list's text: one item a paragraph, as the project's lists are written; `[]` when empty. */
export function writeYamlListText(items: unknown): string {
  const kept = (prune(items) as unknown[] | null) ?? [];
  if (kept.length === 0) return '[]\n';
  return kept.map((item) => writeYaml([item])).join('\n');
}

/** A YAML map's fields (content/site.yaml). @throws Error in Chinese when the reader refuses it */
export function readYamlMapFields(text: string): Record<string, unknown> {
  const value = readValue(text);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A YAML map's text; empty when no field is filled. */
export function writeYamlMapText(fields: Record<string, unknown>): string {
  const kept = prune(fields);
  return kept ? writeYaml(kept) : '';
}
