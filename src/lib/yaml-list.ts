/**
 * Reads a YAML file holding a list of entries with ids, validating every entry and collecting
 * every problem, so that staff see all their mistakes at once.
 */
import type { z } from 'astro/zod';
import { validateEntry, type ContentProblem } from './content-errors.ts';
import { readYaml } from './content/yaml.ts';

/**
 * The lists that hold no entries until the first real red/black list issue is published (the samples removed):
 * the restaurant registry and the re-inspections. Named by path, as the build, `npm run check:content` and the
 * importer all name them, so all three accept the empty file. Every other list needs at least one entry.
 */
export const LISTS_THAT_MAY_BE_EMPTY: ReadonlySet<string> = new Set([
  'content/restaurants.yaml',
  'content/redblack/follow-ups.yaml',
]);

export interface YamlListResult<T> {
  entries: T[];
  /**
   * Whether the text could be read at all (no syntax mistake, no character parsers read differently): when not,
   * `entries` is empty whatever the file holds, and rules that look entries up would be misled.
   */
  readable: boolean;
  problems: ContentProblem[];
  /** The line of the node at `path` inside the entry with this id (e.g. `['town']`), for rules across files. */
  lineOf: (id: string, path: readonly (string | number)[]) => number | undefined;
}

/**
 * Parses and validates a YAML list. A list in {@link LISTS_THAT_MAY_BE_EMPTY} may be `[]` or hold only comments;
 * only comments is how staff leave it, since the importer appends new entries to the file.
 * @param text the file's contents.
 * @param file the file's path, named in messages.
 * @param schema each entry's schema; entries must have a string `id`.
 */
export function readYamlList<T extends z.ZodType<{ id: string }>>(
  text: string,
  file: string,
  schema: T,
): YamlListResult<z.infer<T>> {
  const yaml = readYaml(text, file);
  const items = Array.isArray(yaml.value) ? (yaml.value as Array<{ id?: unknown } | null>) : [];
  const lineOf = (id: string, path: readonly (string | number)[]) => {
    const index = items.findIndex((item) => item?.id === id);
    return index < 0 ? undefined : yaml.lineOf([index, ...path]);
  };
  // A syntax mistake leaves nothing reliable to validate: report it alone, at its line.
  if (yaml.value === undefined) return { entries: [], readable: false, problems: yaml.problems, lineOf };
  const raw = yaml.value;
  const problems: ContentProblem[] = [...yaml.problems];
  // A file of comments alone parses as null.
  if (LISTS_THAT_MAY_BE_EMPTY.has(file) && (raw == null || (Array.isArray(raw) && raw.length === 0))) {
    return { entries: [], readable: true, problems, lineOf };
  }
  if (!Array.isArray(raw)) {
    const problem = { file, message: '文件内容应是以“- ”开头的条目列表。' };
    return { entries: [], readable: false, problems: [...problems, problem], lineOf };
  }
  if (raw.length === 0) {
    return {
      entries: [],
      readable: true,
      problems: [...problems, { file, message: '列表为空：至少需要一个条目。' }],
      lineOf,
    };
  }
  const entries: z.infer<T>[] = [];
  /** Each id seen so far, with the line of its first use. */
  const seen = new Map<string, number | undefined>();
  raw.forEach((item, index) => {
    const id = typeof item?.id === 'string' && item.id !== '' ? item.id : `第 ${index + 1} 个条目`;
    // Each problem points at its field's line, or the entry's first line when the field is missing.
    const fieldLine = (path: readonly (string | number)[]) => yaml.lineOf([index, ...path]);
    const result = validateEntry(schema, item, { file, entry: id, lineOf: fieldLine });
    problems.push(...result.problems);
    if (!result.data) return;
    if (seen.has(result.data.id)) {
      const first = seen.get(result.data.id);
      problems.push({
        file,
        line: fieldLine(['id']),
        entry: id,
        field: 'id',
        fieldLabel: '编号',
        message: `编号重复：另一个条目${first === undefined ? '' : `（第 ${first} 行）`}已经使用“${id}”，每个编号只能用一次。`,
      });
      return;
    }
    seen.set(result.data.id, fieldLine(['id']));
    entries.push(result.data);
  });
  return { entries, readable: true, problems, lineOf };
}
