/**
 * Content mistakes are reported to publicity staff, who are not programmers: every message is in plain Chinese
 * (no programming words) and names the file, the line, the entry, the field (its Chinese label and its key), and
 * says what to write instead.
 */
import { z } from 'astro/zod';

// Zod's own Chinese messages, for schemas parsed elsewhere (Astro's own checks). validateEntry does not rely on them:
// they carry words such as "string" and "undefined", so it writes its own (see plainMessage).
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
  // The YAML reader's messages start with their line ("第 3 行用了制表符…"), which the prefix already names.
  const message = problem.line ? problem.message.replace(new RegExp(`^第 ${problem.line} 行的?`), '') : problem.message;
  return `${parts.join('，')}：${message}`;
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

/** A path into an entry, as validateEntry and the YAML reader name fields: keys and list positions. */
export type FieldPath = readonly (string | number)[];

/** Where an entry's problems are reported; `lineOf` gives the line of a field, when the caller knows it. */
export interface EntryWhere {
  file: string;
  entry: string;
  /** The line of the field at a path within the entry, e.g. from readYaml's `lineOf`. */
  lineOf?: (path: FieldPath) => number | undefined;
}

/**
 * Finds the Chinese label of a field from the schema's `.describe()` text, following the path
 * through objects, arrays, optionals and defaults.
 */
export function describeField(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  let current: z.ZodType | undefined = schema;
  let label: string | undefined;
  for (const key of path) {
    current = step(current, key);
    if (!current) return label;
    label = current.description ?? unwrap(current).description ?? label;
  }
  return label;
}

/** The schema of the field at `path` (with its optional or default wrapper), or undefined. */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    if (!current) return undefined;
    current = step(current, key);
  }
  return current;
}

/** One step into an object's field or an array's element. */
function step(schema: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) return (inner.shape as Record<string, z.ZodType>)[String(key)];
  if (inner instanceof z.ZodArray) return inner.element as z.ZodType;
  return undefined;
}

/** A schema without its optional, default and nullable wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/**
 * Whether a field holds a date written YYYY-MM-DD ('date') or a time written 'YYYY-MM-DD HH:MM' ('datetime'),
 * recognised by the pattern its text must match (src/schemas/common.ts isoDateSchema, article dateTimeSchema).
 */
export function dateKind(schema: z.ZodType | undefined): 'date' | 'datetime' | undefined {
  let current = schema && unwrap(schema);
  // isoDateSchema is z.preprocess(…, z.string()…): the text schema is the pipe's output side.
  if (current instanceof z.ZodPipe) current = current.out as z.ZodType;
  if (!(current instanceof z.ZodString)) return undefined;
  for (const check of current.def.checks ?? []) {
    const pattern = (check._zod.def as { pattern?: unknown }).pattern;
    if (!(pattern instanceof RegExp)) continue;
    if (pattern.source === String.raw`^\d{4}-\d{2}-\d{2}$`) return 'date';
    if (pattern.source.startsWith(String.raw`^\d{4}-\d{2}-\d{2} `)) return 'datetime';
  }
  return undefined;
}

/** Excel stores dates as days since 1899-12-30; a pasted cell can arrive as such a number. */
const EXCEL_SERIALS = { min: 30000, max: 80000 } as const;

/**
 * The date (and time) an Excel date serial stands for, e.g. 44747 → 2022-07-05, 44747.5 → 2022-07-05 12:00.
 * @returns undefined when the number is outside the years such a serial plausibly is (1982–2119)
 */
export function excelSerialDate(serial: number): { date: string; time: string } | undefined {
  if (!Number.isFinite(serial) || serial < EXCEL_SERIALS.min || serial > EXCEL_SERIALS.max) return undefined;
  const iso = new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000)).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** How a date that YAML (or Astro's front-matter parser) turned into a Date was written: 2022-07-05. */
function showDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '（无效日期）';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Shortens a received value for a message, as staff wrote it: text quoted, dates as dates, long values cut. */
export function showValue(value: unknown): string {
  const text = showRaw(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function showRaw(value: unknown): string {
  if (value === undefined || value === null) return '（空）';
  if (typeof value === 'string') return `“${value}”`;
  if (value instanceof Date) return showDate(value);
  if (Array.isArray(value)) {
    return `[${value.map((item) => (typeof item === 'string' ? item : showRaw(item))).join(', ')}]`;
  }
  if (typeof value === 'object') return `（一组字段：${Object.keys(value).join('、')}）`;
  return String(value);
}

/** How staff call each kind of value. */
const KIND_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否（true/false）',
  array: '列表',
  object: '对象',
  date: '日期',
};

/** The kind of a value a staff member wrote, in their words. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return '列表';
  if (value instanceof Date) return '日期';
  if (typeof value === 'string') return '文字';
  if (typeof value === 'number') return '数字';
  if (typeof value === 'boolean') return '是或否';
  return '对象';
}

/** What to write instead of a value of the wrong kind. */
function wrongKind(expected: string, input: unknown): string {
  const written = input instanceof Date ? showDate(input) : String(input);
  switch (expected) {
    case 'string':
      if (typeof input === 'number' || typeof input === 'boolean' || input instanceof Date) {
        return `应为文字：如果就是要写 ${written}，请加上英文单引号，写成 '${written}'`;
      }
      if (Array.isArray(input)) return '应为一段文字，不是列表：请去掉“- ”或方括号，只写一项';
      return '应为一段文字，不是一组字段：如果内容里有英文冒号加空格“: ”，请给整段内容加上英文单引号';
    case 'number':
    case 'int':
      if (expected === 'int' && typeof input === 'number' && Number.isFinite(input)) return '应为整数：请去掉小数部分';
      if (typeof input === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(input)) {
        return `应为数字：请去掉引号，直接写 ${input.trim()}`;
      }
      return `应为${KIND_NAMES[expected]}：请用阿拉伯数字书写，不加引号、汉字或单位`;
    case 'boolean':
      return '应为是或否（true/false）：请写 true 或 false，不加引号';
    case 'array':
      return '应为列表：每项单独一行以“- ”开头，或写成 [甲, 乙]（用英文逗号分隔）';
    case 'object':
      return '应为对象：在下面的行里缩进两个空格，逐项写“字段名: 内容”';
    default:
      return `应为${KIND_NAMES[expected] ?? '别的内容'}，不是${kindOf(input)}`;
  }
}

/** Words for a bound: 不能小于 5 / 应大于 0. */
function bound(
  issue: { origin: string; inclusive?: boolean; exact?: boolean },
  limit: number | bigint,
  small: boolean,
) {
  const n = String(limit);
  switch (issue.origin) {
    case 'string':
      if (issue.exact) return `应为 ${n} 个字`;
      if (small) return Number(limit) <= 1 ? '不能为空' : `至少要写 ${n} 个字`;
      return `不能超过 ${n} 个字`;
    case 'array':
    case 'set':
      if (issue.exact) return `应为 ${n} 项`;
      if (small) return Number(limit) <= 1 ? '至少需要填写一项' : `至少需要 ${n} 项`;
      return `最多填写 ${n} 项`;
    case 'date':
      return small ? `不能早于 ${n}` : `不能晚于 ${n}`;
    default:
      if (small) return issue.inclusive === false ? `应大于 ${n}` : `不能小于 ${n}`;
      return issue.inclusive === false ? `应小于 ${n}` : `不能大于 ${n}`;
  }
}

/**
 * Zod's issue in plain Chinese, with no programming words: the error map validateEntry parses with. A schema's own
 * message (most schemas pass Chinese messages to `.regex()` and `.min()`) still wins over it.
 */
export function plainMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return wrongKind(issue.expected, issue.input);
    case 'invalid_value':
      return issue.values.length === 1
        ? `只能填写 ${String(issue.values[0])}`
        : `应为以下之一：${issue.values.map(String).join('、')}`;
    case 'too_small':
      return bound(issue, issue.minimum, true);
    case 'too_big':
      return bound(issue, issue.maximum, false);
    case 'invalid_format':
      switch (issue.format) {
        case 'url':
          return '应为完整的网址，以 https:// 开头';
        case 'email':
          return '应为电子邮箱地址';
        case 'starts_with':
          return `应以“${String(issue.prefix)}”开头`;
        case 'ends_with':
          return `应以“${String(issue.suffix)}”结尾`;
        case 'includes':
          return `应包含“${String(issue.includes)}”`;
        default:
          return '格式不符合要求，请对照说明或其他条目的写法修改';
      }
    case 'not_multiple_of':
      return `应为 ${issue.divisor} 的倍数`;
    case 'unrecognized_keys':
      return `不认识的字段${issue.keys.map((key) => `“${key}”`).join('')}：请检查拼写，或删除这一行`;
    case 'invalid_union': {
      const alternatives = issue.errors.map((issues) => issues[0]).filter((first) => first !== undefined);
      if (alternatives.length > 0 && alternatives.every((first) => first.code === 'invalid_type')) {
        const kinds = alternatives.map((first) => KIND_NAMES[(first as { expected: string }).expected] ?? '别的内容');
        return `应为${[...new Set(kinds)].join('或')}`;
      }
      return alternatives[0]?.message ?? '填写的内容不符合要求，请对照说明修改';
    }
    default:
      return '填写的内容不符合要求，请对照说明修改';
  }
}

/** The distance between two short words, counting inserted, deleted and changed letters. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known field a misspelt key most likely meant, if one is close. */
function closestKey(key: string, known: readonly string[]): string | undefined {
  const scored = known
    .map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= Math.min(2, Math.floor(key.length / 2)))
    .sort((a, b) => a.distance - b.distance);
  return scored[0]?.candidate;
}

/**
 * How a required field left empty is named, by `check:content` and by the web editor alike (the editor's
 * required-field message is this with its label placeholder, src/lib/editor/cms-config.ts).
 */
export function missingFieldMessage(label: string): string {
  return `缺少必填内容“${label}”`;
}

/** The message for a field left out (`undefined`) or written with nothing after the colon (`null`). */
function emptyMessage(
  path: FieldPath,
  label: string | undefined,
  received: undefined | null,
  optional: boolean,
  custom: string | undefined,
): string {
  const key = path.at(-1);
  const after = custom ? `${custom}。` : '';
  if (key === undefined) return '这个条目是空的：请按说明填写各个字段，或删除这个条目。';
  if (typeof key === 'number') return `列表中的第 ${key + 1} 项是空的：请填写内容，或删除这一项。`;
  const name = label ?? key;
  if (received === undefined) return `${missingFieldMessage(name)}：请补上一行“${key}: …”。${after}`;
  if (optional) return `“${key}:”后面是空的：请填写${name}，不需要时删除这一行。`;
  return `${missingFieldMessage(name)}：“${key}:”后面是空的，请填写。${after}`;
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The line of a field, or of the nearest enclosing field or entry that has one. */
function nearestLine(lineOf: EntryWhere['lineOf'], path: FieldPath): number | undefined {
  if (!lineOf) return undefined;
  for (let length = path.length; length >= 0; length -= 1) {
    const line = lineOf(path.slice(0, length));
    if (line !== undefined) return line;
  }
  return undefined;
}

/**
 * Validates one entry against its schema.
 * @param where the file and entry named in messages; with `lineOf`, every problem also gets its line
 * @returns the parsed data, or the problems, each naming file, entry and field, with what was received and what to do.
 */
export function validateEntry<T extends z.ZodType>(
  schema: T,
  data: unknown,
  where: EntryWhere,
): { data: z.infer<T>; problems: [] } | { data: undefined; problems: ContentProblem[] } {
  // Messages our map wrote; any other message came from the schema itself and is kept.
  const own = new Set<string>();
  const result = schema.safeParse(data, {
    error: (issue) => {
      const message = plainMessage(issue);
      own.add(message);
      return message;
    },
  });
  if (result.success) return { data: result.data, problems: [] };
  const { lineOf, ...location } = where;
  const problem = (path: FieldPath, message: string, fieldPath: FieldPath = path): ContentProblem => {
    const line = nearestLine(lineOf, path);
    return {
      ...location,
      ...(line === undefined ? {} : { line }),
      field: fieldPath.length > 0 ? fieldPath.join('.') : undefined,
      fieldLabel: fieldPath.length > 0 ? describeField(schema, fieldPath) : undefined,
      message,
    };
  };
  const problems = result.error.issues.flatMap((issue): ContentProblem[] => {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    const received = valueAt(data, path);
    const custom = own.has(issue.message) ? undefined : issue.message;
    if (issue.code === 'unrecognized_keys') {
      const known = Object.keys((unwrap(schemaAt(schema, path) ?? schema) as z.ZodObject).shape ?? {});
      return issue.keys.map((key) => {
        const guess = closestKey(key, known);
        const hint = guess ? `（是不是“${guess}”？）` : '';
        return problem([...path, key], `不认识的字段“${key}”：请检查拼写${hint}，或删除这一行。`, path);
      });
    }
    // Left out, or nothing after the colon: say so, whatever kind of value the field takes (an enum reports
    // invalid_value, not invalid_type). Refinements keep their own message: they name what is missing.
    const emptyCodes = ['invalid_type', 'invalid_value', 'invalid_union'];
    if (emptyCodes.includes(issue.code) && (received === undefined || received === null)) {
      const field = schemaAt(schema, path);
      const optional = field instanceof z.ZodOptional || field instanceof z.ZodDefault;
      return [problem(path, emptyMessage(path, describeField(schema, path), received, optional, custom))];
    }
    const kind = typeof received === 'number' ? dateKind(schemaAt(schema, path)) : undefined;
    if (kind && typeof received === 'number') {
      const excel = excelSerialDate(received);
      if (excel) {
        const example =
          kind === 'date' ? `${excel.date} 这样的日期` : `'${excel.date} ${excel.time}' 这样的时间（加英文单引号）`;
        return [problem(path, `这看起来是 Excel 的日期序号（${received}），请写成 ${example}。`)];
      }
      if (kind === 'date') {
        return [problem(path, `应为日期，写成 2022-07-05 这样（年-月-日，用“-”连接）；实际填写：${received}。`)];
      }
    }
    return [problem(path, `${issue.message}；实际填写：${showValue(received)}。`)];
  });
  return { data: undefined, problems };
}
