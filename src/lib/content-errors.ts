/**
 * Content mistakes are reported to publicity staff, who are not programmers: every message is in
 * Chinese and names the file, the entry, the field (its Chinese label and its key) and what was expected.
 */
import { z } from 'astro/zod';

// Zod's own messages in Chinese ("无效输入：期望 数字，实际接收 string").
z.config(z.locales.zhCN());

/** Where a content problem is. */
export interface ContentLocation {
  /** Path of the file, relative to the project, e.g. content/departments.yaml. */
  file: string;
  /** Line in the file, when known. */
  line?: number;
  /** The entry's id or description, e.g. market-regulation or 任务（五）. */
  entry?: string;
  /** The field's key path, e.g. aliases.0. */
  field?: string;
  /** The field's Chinese label, e.g. 别名. */
  fieldLabel?: string;
}

/** One content problem. */
export interface ContentProblem extends ContentLocation {
  message: string;
}

/** Formats a problem as one Chinese line: 文件 …，条目 …，字段 …：message */
export function formatProblem(problem: ContentProblem): string {
  const parts = [`文件 ${problem.file}${problem.line ? ` 第 ${problem.line} 行` : ''}`];
  if (problem.entry) parts.push(`条目“${problem.entry}”`);
  if (problem.field) {
    parts.push(problem.fieldLabel ? `字段“${problem.fieldLabel}”（${problem.field}）` : `字段“${problem.field}”`);
  }
  return `${parts.join('，')}：${problem.message}`;
}

/** Thrown when content is invalid; its message lists every problem found, one per line. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    super(
      `内容有误，共 ${problems.length} 处，请逐条修改后重新构建：\n` +
        problems.map((problem, index) => `  ${index + 1}. ${formatProblem(problem)}`).join('\n'),
    );
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** Throws a ContentError when there are problems; does nothing otherwise. */
export function throwIfProblems(problems: ContentProblem[]): void {
  if (problems.length > 0) throw new ContentError(problems);
}

/**
 * Finds the Chinese label of a field from the schema's `.describe()` text, following the path
 * through objects, arrays, optionals and defaults.
 */
export function describeField(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  let current: z.ZodType | undefined = schema;
  let label: string | undefined;
  for (const key of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject) {
      current = (current.shape as Record<string, z.ZodType>)[String(key)];
    } else if (current instanceof z.ZodArray) {
      current = current.element as z.ZodType;
    } else {
      return label;
    }
    if (!current) return label;
    label = current.description ?? unwrap(current).description ?? label;
  }
  return label;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** Shortens a received value for a message: strings quoted, long values cut. */
export function showValue(value: unknown): string {
  if (value === undefined) return '（空）';
  const text = typeof value === 'string' ? `“${value}”` : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Validates one entry against its schema.
 * @returns the parsed data, or the problems, each naming file, entry and field, with what was received.
 */
export function validateEntry<T extends z.ZodType>(
  schema: T,
  data: unknown,
  where: { file: string; entry: string },
): { data: z.infer<T>; problems: [] } | { data: undefined; problems: ContentProblem[] } {
  const result = schema.safeParse(data);
  if (result.success) return { data: result.data, problems: [] };
  const problems = result.error.issues.map((issue): ContentProblem => {
    const path = issue.path;
    const received = valueAt(data, path);
    const missing = received === undefined && issue.code === 'invalid_type';
    return {
      ...where,
      field: path.length > 0 ? path.map(String).join('.') : undefined,
      fieldLabel: path.length > 0 ? describeField(schema, path) : undefined,
      message: missing ? `缺少必填内容（${issue.message}）。` : `${issue.message}；实际填写：${showValue(received)}。`,
    };
  });
  return { data: undefined, problems };
}
