/**
 * The one reader of a content file's text, before any parser sees it: every YAML list, plan text, meta.yaml,
 * site.yaml and MDX file goes through {@link readContentText}, and every MDX file is split into front matter and body
 * by {@link splitFrontMatter}. Parsers disagree about invisible characters and about where front matter ends (a lone
 * carriage return is a line break to one parser and part of a comment to another; `---` followed by a Tab closes
 * the front matter for one and not for another), so such text is refused with a Chinese message that says what to
 * do, rather than read one way by the check and another by the build.
 */
import type { ContentProblem } from '../content-errors.ts';

/** What {@link readContentText} found. */
export interface ContentText {
  /**
   * The text every parser is given: line ends `\n` (a CRLF file reads exactly like the same file saved with LF),
   * without a byte order mark at the start. It has as many lines as the file, so line numbers stay the file's own.
   */
  text: string;
  /**
   * Characters that parsers read differently, one problem per kind at its first line (counted by `\n`), in
   * Chinese. When there is any, the text must not be parsed: the file is unreadable until it is fixed.
   */
  problems: ContentProblem[];
}

/** Invisible characters refused anywhere in a content file, each with what to do. */
const REFUSED: ReadonlyArray<{ pattern: RegExp; message: (line: number, count: number) => string }> = [
  {
    // A carriage return not followed by a line feed: a line break to some parsers, ordinary text to others.
    pattern: /\r(?!\n)/g,
    message: (line, count) =>
      `第 ${line} 行有一个看不见的回车符（CR）${more(count)}，不同的程序会把它读成换行或普通文字，读出的内容不一样：` +
      '请把这一行删掉后重新输入；如果整个文件都是这样，请在编辑器中把换行符设为 LF（或 Windows 的 CRLF）后重新保存。',
  },
  {
    pattern: /\0/g,
    message: (line, count) =>
      `第 ${line} 行有一个看不见的空字符（NUL）${more(count)}：文本文件里不应有这个字符，文件可能已损坏或不是文本文件。` +
      '请把这一行删掉后重新输入，或从版本库恢复这个文件。',
  },
  {
    // The byte order mark is allowed as the file's very first character only (some Windows editors write it).
    pattern: /(?<!^)\uFEFF/g,
    message: (line, count) =>
      `第 ${line} 行中间有一个看不见的字节顺序标记（BOM）${more(count)}，通常是从别的文件复制粘贴带进来的：` +
      '请把这一行删掉后重新输入。',
  },
];

/** “（全文共 3 处）” when a character occurs more than once. */
function more(count: number): string {
  return count > 1 ? `（全文共 ${count} 处，这里是第一处）` : '';
}

/** The line (1-based, counted by `\n`) of a position in a text. */
function lineAt(text: string, position: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index >= 0 && index < position; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}

/**
 * Reads a content file's text the one way every parser will see it: drops a byte order mark at the start and reads
 * CRLF line ends as LF; refuses a lone carriage return (CR not followed by LF), a NUL character, and a byte order mark
 * anywhere after the start. Never throws.
 * @param raw the file's text as decoded from UTF-8
 * @param file the file's path relative to the project, named in messages
 * @param lineOffset lines in the file before `raw` (when `raw` is a part of a file), added to every line number
 * @returns the text to parse, and the problems (empty when the text may be parsed)
 */
export function readContentText(raw: string, file: string, lineOffset = 0): ContentText {
  const problems: ContentProblem[] = [];
  for (const { pattern, message } of REFUSED) {
    const found = [...raw.matchAll(pattern)];
    if (found.length === 0) continue;
    const line = lineAt(raw, found[0]!.index) + lineOffset;
    problems.push({ file, line, message: message(line, found.length) });
  }
  problems.sort((a, b) => a.line! - b.line!);
  const withoutBom = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  return { text: withoutBom.replaceAll('\r\n', '\n'), problems };
}

/** What {@link splitFrontMatter} found. */
export interface FrontMatterSplit {
  /**
   * The text between the opening and the closing `---` lines; null when the file has no front matter (its first
   * line is not `---`) or when the fences have problems.
   */
  yaml: string | null;
  /** Lines of the file before the front matter's text: 1 (the opening `---`). */
  yamlLineOffset: number;
  /** The text after the closing `---` line (the whole text when there is no front matter). */
  body: string;
  /** The line (1-based, in the whole file) where the body starts. */
  bodyStartLine: number;
  /** Problems with the fences, in Chinese with their lines; when there is any, neither part is to be trusted. */
  problems: ContentProblem[];
}

/** A line that looks like a fence but has spaces or Tabs after it: a fence to some parsers, not to others. */
const FENCE_WITH_TRAILING_SPACE = /^---[ \t]+$/;

/** The message for a fence followed by spaces or Tabs. */
function fenceMessage(line: number): string {
  return (
    `第 ${line} 行的“---”后面还有空格或制表符（Tab）：开头信息部分的分隔线必须只有三个减号“---”，` +
    '请删除“---”后面看不见的空格。'
  );
}

/** The message for an MDX content file without front matter: every one needs its fields. */
export const NO_FRONT_MATTER =
  '第 1 行应为“---”：文件开头是信息部分（标题、日期等字段），以一行“---”开始、一行“---”结束，正文写在后面。';

/** The message for front matter with no closing fence. */
export const UNCLOSED_FRONT_MATTER = '开头的信息部分没有结束：请在最后一个字段的下一行加上一行“---”，再写正文。';

/**
 * Splits an MDX file into its front matter and body. The front matter starts with a first line that is exactly `---`
 * and ends at the next line that is exactly `---`; a fence followed by spaces or Tabs is refused, never taken for a
 * fence, since parsers disagree about it. Never throws.
 * @param text the whole file as {@link readContentText} returned it (LF line ends, no BOM)
 * @param file the file's path relative to the project, named in messages
 */
export function splitFrontMatter(text: string, file: string): FrontMatterSplit {
  const lines = text.split('\n');
  const none = (problems: ContentProblem[]): FrontMatterSplit => ({
    yaml: null,
    yamlLineOffset: 1,
    body: problems.length > 0 ? '' : text,
    bodyStartLine: problems.length > 0 ? lines.length + 1 : 1,
    problems,
  });
  if (FENCE_WITH_TRAILING_SPACE.test(lines[0]!)) return none([{ file, line: 1, message: fenceMessage(1) }]);
  if (lines[0] !== '---') return none([]);
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (FENCE_WITH_TRAILING_SPACE.test(line)) {
      return none([{ file, line: index + 1, message: fenceMessage(index + 1) }]);
    }
    if (line !== '---') continue;
    return {
      yaml: lines.slice(1, index).join('\n'),
      yamlLineOffset: 1,
      body: lines.slice(index + 1).join('\n'),
      bodyStartLine: index + 2,
      problems: [],
    };
  }
  return none([{ file, line: 1, message: UNCLOSED_FRONT_MATTER }]);
}
