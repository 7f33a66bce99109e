/**
 * The one YAML reader for all content: the YAML lists, plan metadata and MDX front matter. Staff who edit these
 * files are not programmers, so every mistake is reported in Chinese, on its real line, with what to do. Mistakes
 * that YAML accepts without a word are reported too: a full-width comma in `[甲，乙]` (one item instead of two), a
 * full-width colon after a key, indentation with Tab or a full-width space.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar,
  visit,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import type { ContentProblem } from '../content-errors.ts';
import { readContentText, splitFrontMatter } from './source.ts';

/** A path of keys and list positions into a YAML document, e.g. `[3, 'name']` or `['tags', 1]`. */
export type YamlPath = readonly (string | number)[];

/** What {@link readYaml} found. */
export interface YamlRead {
  /** The parsed value; `undefined` when the text has a syntax problem, so that nothing misread is ever validated. */
  value: unknown;
  /**
   * The parsed document, for callers that need its nodes; null when the text was not parsed (it holds characters
   * parsers read differently, see src/lib/content/source.ts) or the parser itself failed.
   */
  doc: Document.Parsed | null;
  /** Every problem, in Chinese, with its line in the file; sorted by line. */
  problems: ContentProblem[];
  /** The line (in the file) of the node at `path`: a key's own line for a field, an item's first line. */
  lineOf(path: YamlPath): number | undefined;
}

/** A problem found at a line of the YAML text (1-based, before any offset). */
interface Finding {
  line: number;
  /** Builds the message, given the line as the file numbers it and the lines before the text. */
  message: (line: number, offset: number) => string;
  /** Whether the text could not be read as intended, so the parsed value is not to be trusted. */
  syntax: boolean;
}

/** Everything the error translators look at. */
interface Source {
  text: string;
  lines: readonly string[];
  doc: Document.Parsed;
  /** Local line (1-based) of an offset in the text. */
  lineAt: (offset: number) => number;
}

/**
 * The deepest nesting of lists and fields a content file may have. The deepest real content (a campaign's
 * `recap.figures[].label`) is 4 levels; parsers handle very deep nesting differently or run out of stack.
 */
export const MAX_YAML_NESTING = 32;

/** The message for nesting deeper than {@link MAX_YAML_NESTING}; `line` when known. */
function tooDeep(line: number | undefined): string {
  return (
    `${line === undefined ? '' : `第 ${line} 行`}嵌套层数过多（超过 ${MAX_YAML_NESTING} 层）：` +
    '请检查是否多写了方括号“[”、花括号“{”或缩进，内容文件的字段和列表只需要几层。'
  );
}

/** Whether two keys of a mapping name the same field, as JavaScript objects compare keys (as text). */
function sameKey(a: unknown, b: unknown): boolean {
  const text = (key: unknown) => (isScalar(key) ? String(key.value) : key);
  return text(a) === text(b);
}

const GENERIC_SYNTAX = (line: number) =>
  `第 ${line} 行格式有误：请检查这一行的缩进（只用空格）、字段名后面的英文冒号和空格，以及引号、括号是否成对。`;
const BAD_INDENT = (line: number) =>
  `第 ${line} 行缩进不对：同一层的字段要左边对齐，下一层比上一层多缩进两个空格（只用空格）。请对照上下几行调整这一行开头的空格。`;

/**
 * Parses YAML text and reports every mistake in Chinese; never throws.
 * @param text the YAML text (for MDX, only the front matter between the `---` lines)
 * @param file the file's path, named in messages
 * @param options.lineOffset lines in the file before the text, e.g. 1 for front matter after the opening `---`
 */
export function readYaml(text: string, file: string, options: { lineOffset?: number } = {}): YamlRead {
  const offset = options.lineOffset ?? 0;
  const unread = (problems: ContentProblem[]): YamlRead => ({
    value: undefined,
    doc: null,
    problems,
    lineOf: () => undefined,
  });
  // Characters parsers read differently (a lone CR, NUL, a BOM inside) leave nothing to parse: report them alone.
  const read = readContentText(text, file, offset);
  if (read.problems.length > 0) return unread(read.problems);
  try {
    return parseYaml(read.text, file, offset);
  } catch (error) {
    // The parser and the checks below guard their depth; this is only a safety net against a stack overflow.
    if (!(error instanceof RangeError)) throw error;
    return unread([{ file, message: tooDeep(undefined) }]);
  }
}

/** {@link readYaml} on text already read by {@link readContentText}. */
function parseYaml(text: string, file: string, offset: number): YamlRead {
  const counter = new LineCounter();
  let doc: Document.Parsed;
  try {
    // Keys are compared as JavaScript compares object keys: `1:` and `'1':` are the same field, and a duplicate.
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: sameKey });
  } catch {
    // The parser reports mistakes as errors rather than throwing; this is only a safety net.
    const problem = { file, message: '文件内容无法读取：请检查格式是否正确，或从版本库恢复这个文件后重新修改。' };
    return { value: undefined, doc: null, problems: [problem], lineOf: () => undefined };
  }
  const source: Source = {
    text,
    lines: text.split('\n'),
    doc,
    // Line 0 means "before the first line break": an empty or one-line text.
    lineAt: (position) => Math.max(1, counter.linePos(position).line),
  };
  const findings = collectFindings(source);

  let value: unknown;
  try {
    value = doc.toJS();
  } catch {
    // An alias to an anchor that does not exist, or too many aliases; reported by the walk below, but be sure.
    if (findings.length === 0) findings.push({ line: 1, message: GENERIC_SYNTAX, syntax: true });
  }
  const problems = findings
    .sort((a, b) => a.line - b.line)
    .map((finding): ContentProblem => ({
      file,
      line: finding.line + offset,
      message: finding.message(finding.line + offset, offset),
    }));
  return {
    value: source.doc.errors.length > 0 || findings.some((finding) => finding.syntax) ? undefined : value,
    doc,
    problems,
    lineOf: (path) => {
      const line = localLineOf(source, path);
      return line === undefined ? undefined : line + offset;
    },
  };
}

/**
 * All findings, at most one per line: mistakes seen in a line's text first (the parser's errors on those lines are
 * their consequences), then the parser's errors, then what the document holds (full-width commas in lists).
 */
function collectFindings(source: Source): Finding[] {
  const findings: Finding[] = [];
  const taken = new Set<number>();
  const add = (finding: Finding | undefined) => {
    if (!finding || taken.has(finding.line)) return;
    taken.add(finding.line);
    findings.push(finding);
  };
  // Nesting too deep is said once, where it starts: past it, the parser's own errors (it may have run out of stack)
  // are consequences.
  const deep = tooDeepNode(source.doc.contents);
  const exhausted = source.doc.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  if (deep?.range || exhausted) {
    const line = deep?.range ? source.lineAt(deep.range[0]) : source.lineAt(exhausted!.pos[0]);
    return [{ line, syntax: true, message: tooDeep }];
  }
  const sealed = sealedLines(source);
  source.lines.forEach((content, index) => {
    if (!sealed.has(index + 1)) add(scanLine(content, index + 1));
  });
  const scanned = new Set(taken);
  for (const error of [...source.doc.errors, ...source.doc.warnings]) {
    const first = error.linePos?.[0]?.line ?? source.lineAt(error.pos[0]);
    const last = error.linePos?.[1]?.line ?? first;
    const covered = Array.from({ length: last - first + 1 }, (_, index) => first + index);
    if (!covered.some((line) => scanned.has(line))) add(translateError(error, source));
  }
  for (const finding of documentFindings(source)) add(finding);
  return findings;
}

/**
 * Lines inside a block scalar (`|`, `>`) or a quoted text spanning lines, after its first line: there, a Tab or a
 * full-width colon is part of the text the staff wrote.
 */
function sealedLines(source: Source): Set<number> {
  const sealed = new Set<number>();
  visit(source.doc, {
    Scalar(_, node) {
      if (!node.range || node.type === Scalar.PLAIN) return;
      const first = source.lineAt(node.range[0]);
      const last = source.lineAt(Math.max(node.range[0], node.range[1] - 1));
      for (let line = first + 1; line <= last; line += 1) sealed.add(line);
    },
  });
  return sealed;
}

/**
 * Mistakes visible in one line of text: Tab or full-width space as indentation, a full-width colon after a key.
 * @param content the line, without its line break
 * @param line its local line number
 */
function scanLine(content: string, line: number): Finding | undefined {
  // Markers and directives at the start of a line: some parsers read a second document, or settings, here.
  if (/^---(?:[ \t].*)?$/.test(content)) return { line, syntax: true, message: SECOND_DOCUMENT };
  if (/^\.\.\.(?:[ \t].*)?$/.test(content)) {
    return {
      line,
      syntax: true,
      message: (at) =>
        `第 ${at} 行的“...”表示内容到此结束，有的程序会忽略它后面的内容，有的不会：请删除这一行。`,
    };
  }
  if (content.startsWith('%')) {
    return {
      line,
      syntax: true,
      message: (at) =>
        `第 ${at} 行以“%”开头，这是 YAML 的指令写法，本站的内容文件不使用：请删除这一行；` +
        '如果“%”是内容的一部分，请写在字段名后面，并给整段内容加上英文单引号。',
    };
  }
  if (/^[ \u3000]*\t[ \t\u3000]*[^\s#]/.test(content)) {
    return {
      line,
      syntax: true,
      message: (at) => `第 ${at} 行用了制表符（Tab）缩进：只能用空格缩进，请把 Tab 换成两个空格。`,
    };
  }
  if (/^[ ]*\u3000+[ ]*(?:- |[A-Za-z_][\w-]*[ \t]*[:：])/.test(content)) {
    return {
      line,
      syntax: true,
      message: (at) =>
        `第 ${at} 行开头用了全角空格：缩进只能用半角空格（英文输入法下的空格），请删掉这些空格后重新输入。`,
    };
  }
  const colon = /^[ ]*(?:-[ ]+)?([A-Za-z_][\w-]*)[ \t]*：[ \t]*(.*)$/.exec(content);
  if (colon) {
    const [, key, rest] = colon;
    return {
      line,
      syntax: true,
      message: (at) =>
        `第 ${at} 行的“${key}”后面用了中文冒号“：”：字段名后面要用英文冒号加一个空格，请写成“${key}: ${rest}”。`,
    };
  }
  return undefined;
}

/**
 * Mistakes YAML accepts: a flow list item holding a full-width comma or 、 (one item where staff meant two),
 * anchors (`&`) and aliases (`*`), which staff never mean to write.
 */
function documentFindings(source: Source): Finding[] {
  const findings: Finding[] = [];
  const special = (node: Node, mark: string) => {
    if (!node.range) return;
    findings.push({
      line: source.lineAt(node.range[0]),
      syntax: true,
      message: (at) =>
        `第 ${at} 行的内容以“${mark}”开头，这个符号在这里有特殊含义：请给整段内容加上英文单引号，例如 '${mark}…'。`,
    });
  };
  visit(source.doc, {
    Alias(_, node) {
      special(node, '*');
    },
    Scalar(_, node) {
      if (node.anchor) special(node, '&');
      // An explicit tag (`!!str 1`, `!foo x`): parsers resolve tags differently, and staff never mean one.
      else if (node.tag) special(node, '!');
    },
    Map(_, node) {
      if (node.anchor) special(node, '&');
      else if (node.tag) special(node, '!');
      for (const pair of node.items) {
        // A merge key: one parser copies the fields of another entry here, another reads a field named “<<”.
        if (!isScalar(pair.key) || pair.key.value !== '<<' || !pair.key.range) continue;
        findings.push({
          line: source.lineAt(pair.key.range[0]),
          syntax: true,
          message: (at) =>
            `第 ${at} 行的“<<”是 YAML 的合并写法，不同的程序会读出不同的内容：请删除这一行，把需要的字段逐个写出来。`,
        });
      }
    },
    Seq(_, node) {
      if (node.anchor) special(node, '&');
      else if (node.tag) special(node, '!');
      if (!node.flow) return;
      const item = node.items.find(
        (candidate): candidate is Scalar<string> =>
          isScalar(candidate) &&
          candidate.type === Scalar.PLAIN &&
          typeof candidate.value === 'string' &&
          /[，、]/.test(candidate.value),
      );
      if (!item?.range) return;
      const mark = item.value.includes('，') ? '中文逗号“，”' : '顿号“、”';
      const written = node.items.flatMap((entry) =>
        isScalar(entry) && entry.type === Scalar.PLAIN && typeof entry.value === 'string'
          ? entry.value
              .split(/[，、]/)
              .map((part) => part.trim())
              .filter(Boolean)
          : isScalar(entry) && entry.range
            ? [source.text.slice(entry.range[0], entry.range[1])]
            : [],
      );
      findings.push({
        line: source.lineAt(item.range[0]),
        syntax: false,
        message: (at) =>
          `第 ${at} 行列表中的项目要用英文逗号“,”分隔，不能用${mark}：请写成 [${written.join(', ')}]，` +
          `或每项单独一行以“- ”开头；如果“${item.value}”本来就是一项，请给它加上英文引号：'${item.value}'。`,
      });
    },
  });
  return findings;
}

/** The first node nested deeper than {@link MAX_YAML_NESTING} lists and mappings, if any; walked without recursion. */
function tooDeepNode(root: unknown): Node | undefined {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_YAML_NESTING) return node;
    for (const item of node.items) {
      if (isMap(node)) stack.push({ node: (item as { value: unknown }).value, depth: depth + 1 });
      else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Translates one error or warning of the `yaml` package into Chinese, at the line where staff should look.
 * The package's codes are coarse, so its (English, stable within a version) message tells some cases apart.
 */
function translateError(error: YAMLError, source: Source): Finding | undefined {
  const start = error.linePos?.[0]?.line ?? source.lineAt(error.pos[0]);
  const at = (line: number, message: (line: number) => string): Finding => ({ line, message, syntax: true });
  const lineText = source.lines[start - 1] ?? '';
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return at(start, (line) => `第 ${line} 行用了制表符（Tab）缩进：只能用空格缩进，请把 Tab 换成两个空格。`);
    case 'DUPLICATE_KEY':
      return duplicateKey(error, source) ?? at(start, GENERIC_SYNTAX);
    case 'MISSING_CHAR':
      if (/quote/i.test(error.message)) return unclosedQuote(error, source);
      if (/end with a [\]}]/.test(error.message)) return unclosedBracket(error, source);
      if (/without - indicator/.test(error.message)) return at(start, BAD_INDENT);
      if (/followed by map values/.test(error.message)) return keyWithoutValue(start, lineText);
      if (/separated from the next token/.test(error.message)) {
        return at(start, (line) => specialStart(line, lineText.trim().match(/[!&*]/)?.[0] ?? '!'));
      }
      return at(start, GENERIC_SYNTAX);
    case 'BAD_INDENT':
      if (/end with a [\]}]/.test(error.message)) return unclosedBracket(error, source);
      return at(start, BAD_INDENT);
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const rest = lineText.slice((error.linePos?.[0]?.col ?? 1) - 1);
      if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && /:(\s|$)/.test(rest)) return colonInValue(start, lineText);
      // A value ran on to a later line holding a key: that line is indented deeper than its neighbours.
      const next = source.lines.findIndex((content, index) => index >= start && content.trim() !== '');
      return at(next < 0 ? start : next + 1, BAD_INDENT);
    }
    case 'UNEXPECTED_TOKEN':
      if (/Unexpected , in flow/.test(error.message)) {
        return at(start, (line) => `第 ${line} 行的列表里有多余的逗号：请删掉多余的“,”。`);
      }
      if (/scalar at node end/.test(error.message) && /['"]\s*$/.test(lineText.slice(0, (error.linePos?.[0]?.col ?? 1) - 1))) {
        return at(
          start,
          (line) => `第 ${line} 行引号外面还有文字：引号要把整段内容都括起来，请把结尾的引号移到内容的最后。`,
        );
      }
      return at(start, GENERIC_SYNTAX);
    case 'BAD_SCALAR_START':
      return at(start, (line) => specialStart(line, source.text.charAt(error.pos[0])));
    case 'BAD_DQ_ESCAPE':
      return at(
        start,
        (line) =>
          `第 ${line} 行双引号里的反斜杠“\\”用法不对：请改用英文单引号把内容括起来，或把“\\”写成两个“\\\\”。`,
      );
    case 'MULTIPLE_DOCS':
      return at(start, SECOND_DOCUMENT);
    case 'BLOCK_IN_FLOW':
      return at(
        start,
        (line) =>
          `第 ${line} 行方括号 [ ] 里的列表要写在同一行，项目之间用英文逗号分隔；也可以去掉方括号，每项单独一行以“- ”开头。`,
      );
    case 'ALIAS_PROPS':
    case 'BAD_ALIAS':
    case 'BAD_PROP_ORDER':
    case 'MULTIPLE_ANCHORS':
    case 'MULTIPLE_TAGS':
    case 'TAG_RESOLVE_FAILED':
      return at(start, (line) => specialStart(line, source.text.charAt(error.pos[0]).replace(/[^!&*]/, '!')));
    default:
      return at(start, GENERIC_SYNTAX);
  }
}

/** A `---` line inside YAML: the start of a second document. */
const SECOND_DOCUMENT = (line: number) => `第 ${line} 行多了一行“---”：这个文件只能有一段内容，请删除这一行。`;

/** The message for a value starting with a character YAML reserves. */
function specialStart(line: number, mark: string): string {
  return `第 ${line} 行的内容以“${mark}”开头，这个符号在这里有特殊含义：请给整段内容加上英文单引号，例如 '${mark}…'。`;
}

/** A key written twice in one mapping: names the key and both lines. */
function duplicateKey(error: YAMLError, source: Source): Finding | undefined {
  let found: Finding | undefined;
  visit(source.doc, {
    Map(_, node) {
      const index = node.items.findIndex((pair) => isScalar(pair.key) && pair.key.range?.[0] === error.pos[0]);
      if (index < 0) return;
      const key = (node.items[index]!.key as Scalar).value;
      const earlier = node.items.slice(0, index).find((pair) => sameKey(pair.key, node.items[index]!.key));
      const second = source.lineAt(error.pos[0]);
      const first = startLine(source, earlier?.key) ?? second;
      found = {
        line: second,
        syntax: true,
        message: (line, offset) =>
          `同一个条目里“${String(key)}”写了两次（第 ${first + offset} 行和第 ${line} 行）：请只保留一行，删除多余的那一行。`,
      };
      return visit.BREAK;
    },
  });
  return found;
}

/** A quote never closed: the parser notices at the end of the text, but staff must look where the quote opens. */
function unclosedQuote(error: YAMLError, source: Source): Finding {
  const quote = /'quote/.test(error.message) ? "'" : '"';
  const type = quote === "'" ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
  let opening = error.pos[0];
  visit(source.doc, {
    Scalar(_, node) {
      // The last quoted text starting before the error is the one left open.
      if (node.type === type && node.range && node.range[0] < error.pos[0]) opening = node.range[0];
    },
  });
  const chinese = quote === "'" ? '’' : '”';
  return {
    line: source.lineAt(opening),
    syntax: true,
    message: (line) =>
      `第 ${line} 行的引号没有配对：开头的英文引号 ${quote} 缺少结尾的 ${quote}。` +
      `请在这一项内容的末尾补上 ${quote}（结尾不要用中文引号 ${chinese}）。`,
  };
}

/** A `[` or `{` never closed: reported at the line where it opens. */
function unclosedBracket(error: YAMLError, source: Source): Finding {
  const mapping = /end with a }/.test(error.message);
  const [open, close] = mapping ? ['{', '}'] : ['[', ']'];
  let opening = error.pos[0];
  visit(source.doc, {
    Collection(_, node) {
      if (!node.flow || !node.range || node.range[0] >= error.pos[0]) return;
      if (!source.text.slice(node.range[0], node.range[1]).trimEnd().endsWith(close)) opening = node.range[0];
    },
  });
  const name = mapping ? '花括号' : '方括号';
  return {
    line: source.lineAt(opening),
    syntax: true,
    message: (line) =>
      `第 ${line} 行的${name}“${open}”没有配对：请在这一行的末尾补上英文的“${close}”` +
      `${mapping ? '' : '，例如 [甲, 乙]'}（不要用中文的${mapping ? '“｝”' : '“］”或“】”'}）。`,
  };
}

/** A line the parser took for a key with no value: a missing space after the colon, or a stray line. */
function keyWithoutValue(start: number, lineText: string): Finding {
  const glued = /^[ ]*(?:-[ ]+)?([A-Za-z_][\w-]*):(\S.*)$/.exec(lineText);
  return {
    line: start,
    syntax: true,
    message: glued
      ? (line) => `第 ${line} 行的英文冒号后面少了一个空格：请写成“${glued[1]}: ${glued[2]}”。`
      : (line) =>
          `第 ${line} 行不是“字段名: 内容”的写法：字段名后面要有英文冒号和一个空格；` +
          '如果这一行是上一行内容的接续，请把整段内容写在同一行里。',
  };
}

/** A value holding `: `, which YAML reads as a new key. */
function colonInValue(start: number, lineText: string): Finding {
  const parts = /^[ ]*(?:-[ ]+)?([^:]+):[ ]+(.*)$/.exec(lineText);
  const example = parts ? `，写成 ${parts[1]!.trim()}: '${parts[2]!.trim().replace(/'/g, "''")}'` : '';
  return {
    line: start,
    syntax: true,
    message: (line) =>
      `第 ${line} 行的内容里有英文冒号加空格“: ”，会被当成一个新的字段：请给整段内容加上英文单引号${example}，` +
      '或把内容里的冒号改成中文“：”。',
  };
}

/** The local line of the node at `path`: a field's key line, a list item's first line; undefined if absent. */
function localLineOf(source: Source, path: YamlPath): number | undefined {
  let node: unknown = source.doc.contents;
  let line = startLine(source, node);
  for (const key of path) {
    if (isMap(node)) {
      // The last of duplicate keys is the one whose value is used.
      const pair = node.items.findLast((item) => isScalar(item.key) && String(item.key.value) === String(key));
      if (!pair) return undefined;
      line = startLine(source, pair.key) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      if (key < 0 || key >= node.items.length) return undefined;
      node = node.items[key];
      line = startLine(source, node) ?? line;
    } else {
      return undefined;
    }
  }
  return line;
}

/** The line where a node starts, if it has a position. */
function startLine(source: Source, node: unknown): number | undefined {
  if (isAlias(node) || isScalar(node) || isMap(node) || isSeq(node)) {
    return node.range ? source.lineAt(node.range[0]) : undefined;
  }
  return undefined;
}

/** What {@link readFrontMatter} found. */
export interface FrontMatter {
  /** The front matter's fields; `{}` when the file has none; undefined when it could not be read. */
  data: unknown;
  /**
   * The whole file as every parser is to see it (src/lib/content/source.ts): LF line ends, no byte order mark; the
   * lines are the file's own.
   */
  text: string;
  /** The text after the closing `---`. */
  body: string;
  /** The line (1-based, in the whole file) where the body starts. */
  bodyStartLine: number;
  /** Every problem, with its line in the whole file; when there is any, `data` is not to be trusted. */
  problems: ContentProblem[];
  /** The line, in the whole file, of the field at `path`. */
  lineOf(path: YamlPath): number | undefined;
}

/**
 * Reads an MDX file the one way the check, the editor, the importer and the build all read it: its text by
 * {@link readContentText}, split by {@link splitFrontMatter} (fences are exactly `---`), the front matter by
 * {@link readYaml}. Never throws.
 * @param text the whole file
 * @param file the file's path, named in messages
 */
export function readFrontMatter(text: string, file: string): FrontMatter {
  const read = readContentText(text, file);
  const unread = (problems: ContentProblem[], body = ''): FrontMatter => ({
    data: undefined,
    text: read.text,
    body,
    bodyStartLine: 1,
    problems,
    lineOf: () => undefined,
  });
  if (read.problems.length > 0) return unread(read.problems);
  const split = splitFrontMatter(read.text, file);
  if (split.problems.length > 0) return unread(split.problems);
  if (split.yaml === null) return { ...unread([], split.body), data: {} };
  const yaml = readYaml(split.yaml, file, { lineOffset: split.yamlLineOffset });
  return {
    data: yaml.value === null ? {} : yaml.value,
    text: read.text,
    body: split.body,
    bodyStartLine: split.bodyStartLine,
    problems: yaml.problems,
    lineOf: yaml.lineOf,
  };
}
