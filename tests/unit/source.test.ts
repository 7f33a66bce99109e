/**
 * The one reader of content text (src/lib/content/source.ts) and the YAML features parsers read differently
 * (src/lib/content/yaml.ts): CRLF files read exactly like LF ones; invisible characters, fences with trailing spaces,
 * anchors, tags, directives, second documents, merge keys, duplicate keys and deep nesting are refused with a
 * Chinese message on their line; comments stay allowed.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { ARTICLE_COMPONENTS, checkMdxBody, type MdxContext } from '../../src/lib/content/mdx.ts';
import { readContentText, splitFrontMatter } from '../../src/lib/content/source.ts';
import { MAX_YAML_NESTING, readFrontMatter, readYaml } from '../../src/lib/content/yaml.ts';

/** The formatted problems of a YAML text. */
const yamlProblems = (text: string) => readYaml(text, 'content/x.yaml').problems.map(formatProblem);

describe('readContentText', () => {
  it('reads CRLF as LF and drops a byte order mark at the start, keeping the lines the file’s own', () => {
    expect(readContentText('\uFEFFa: 1\r\nb: 2\r\n', 'f.yaml')).toEqual({ text: 'a: 1\nb: 2\n', problems: [] });
    expect(readContentText('a\nb\n', 'f.yaml')).toEqual({ text: 'a\nb\n', problems: [] });
  });

  it.each([
    ['a lone CR', 'a\nb\rc\n', 2, '看不见的回车符（CR）'],
    ['a lone CR at the end', 'a\nb\r', 2, '看不见的回车符（CR）'],
    ['a NUL', 'a\n\nx\0\n', 3, '看不见的空字符（NUL）'],
    ['a BOM after the start', 'a\n\uFEFFb\n', 2, '看不见的字节顺序标记（BOM）'],
    ['a second BOM right after the first', '\uFEFF\uFEFFa\n', 1, '看不见的字节顺序标记（BOM）'],
  ])('refuses %s, on its line, saying what to do', (_name, text, line, message) => {
    const { problems } = readContentText(text, 'content/f.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'content/f.yaml', line });
    expect(problems[0]!.message).toContain(message);
    expect(problems[0]!.message).toMatch(/请/);
  });

  it('names a character once, at its first line, with how often it occurs', () => {
    const { problems } = readContentText('a\rb\nc\rd\n', 'f.txt');
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^文件 f\.txt 第 1 行：有一个看不见的回车符（CR）（全文共 2 处，这里是第一处）/),
    ]);
  });

  it('counts lines after an offset', () => {
    expect(readContentText('a\n\0', 'f.mdx', 4).problems[0]).toMatchObject({ line: 6 });
  });
});

describe('splitFrontMatter: fences are exactly ---', () => {
  it('splits at lines that are exactly ---', () => {
    expect(splitFrontMatter('---\ntitle: 甲\n---\n\n正文\n', 'a.mdx')).toEqual({
      yaml: 'title: 甲',
      yamlLineOffset: 1,
      body: '\n正文\n',
      bodyStartLine: 4,
      problems: [],
    });
  });

  it.each([
    ['an opening fence followed by a space', '--- \ntitle: 甲\n---\n', 1],
    ['an opening fence followed by a Tab', '---\t\ntitle: 甲\n---\n', 1],
    ['a closing fence followed by spaces', '---\ntitle: 甲\n---  \n正文\n', 3],
    [
      'a closing fence followed by a Tab, with a fence further on',
      '---\ntitle: 甲\n---\t\nexport const x = 1\n---\n',
      3,
    ],
  ])('refuses %s: never taken for a fence', (_name, text, line) => {
    const split = splitFrontMatter(text, 'a.mdx');
    expect(split.yaml).toBeNull();
    expect(split.problems.map(formatProblem)).toEqual([
      `文件 a.mdx 第 ${line} 行：“---”后面还有空格或制表符（Tab）：开头信息部分的分隔线必须只有三个减号“---”，` +
        '请删除“---”后面看不见的空格。',
    ]);
  });

  it('a file whose first line is not a fence has no front matter; an unclosed one is a problem', () => {
    expect(splitFrontMatter('正文\n---\n', 'a.mdx')).toMatchObject({ yaml: null, body: '正文\n---\n', problems: [] });
    expect(splitFrontMatter('---\ntitle: 甲\n', 'a.mdx').problems).toEqual([
      { file: 'a.mdx', line: 1, message: '开头的信息部分没有结束：请在最后一个字段的下一行加上一行“---”，再写正文。' },
    ]);
  });

  it('a “--- ” line in the body is Markdown, not a fence', () => {
    expect(splitFrontMatter('---\ntitle: 甲\n---\n\n--- \n', 'a.mdx').problems).toEqual([]);
  });
});

describe('readFrontMatter: CRLF reads exactly like LF', () => {
  const lf = '---\ntitle: 甲\ntags: [乙, 丙]\nsummary: |\n  一行\n  二行\n---\n\n正文第一段。\n\n正文第二段。\n';
  it('same data, body and lines', () => {
    const fromLf = readFrontMatter(lf, 'a.mdx');
    const fromCrlf = readFrontMatter(`\uFEFF${lf.replace(/\n/g, '\r\n')}`, 'a.mdx');
    expect(fromCrlf.problems).toEqual([]);
    expect({ ...fromCrlf, lineOf: undefined }).toEqual({ ...fromLf, lineOf: undefined });
    expect(fromCrlf.data).toEqual({ title: '甲', tags: ['乙', '丙'], summary: '一行\n二行\n' });
    expect(fromCrlf.lineOf(['summary'])).toBe(fromLf.lineOf(['summary']));
  });

  it('a CRLF article’s last field is read without its CR (草稿 was refused as not a boolean)', () => {
    const front = readFrontMatter('---\r\ntitle: 甲\r\ndraft: false\r\n---\r\n正文\r\n', 'a.mdx');
    expect(front.data).toEqual({ title: '甲', draft: false });
    expect(front.body).toBe('正文\n');
  });

  it('a lone CR in a comment is refused before the YAML is read (one parser reads a hidden line there)', () => {
    const front = readFrontMatter('---\ntitle: 甲\n# 说明\rlayout: x\n---\n', 'a.mdx');
    expect(front.data).toBeUndefined();
    expect(front.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^文件 a\.mdx 第 3 行：有一个看不见的回车符/),
    ]);
  });
});

describe('YAML features parsers read differently', () => {
  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n', ['第 1 行', '“&”开头'], ['第 2 行', '“*”开头']],
    ['a standard tag', 'a: !!str 1\n', ['第 1 行', '“!”开头']],
    ['a tag on a list', 'a: !!seq [1]\n', ['第 1 行', '“!”开头']],
    ['a custom tag', 'a: !foo bar\n', ['第 1 行', '“!”开头']],
    ['a directive', '%YAML 1.2\n---\na: 1\n', ['第 1 行', '以“%”开头'], ['第 2 行', '多了一行“---”']],
    ['a second document', 'a: 1\n---\nb: 2\n', ['第 2 行', '多了一行“---”']],
    ['a document end marker', 'a: 1\n...\n', ['第 2 行', '“...”表示内容到此结束']],
    ['a document start marker', '---\na: 1\n', ['第 1 行', '多了一行“---”']],
    ['a merge key', 'a: 1\nb:\n  <<: {c: 2}\n', ['第 3 行', '“<<”是 YAML 的合并写法']],
    ['a duplicate key', 'a: 1\na: 2\n', ['第 2 行', '“a”写了两次（第 1 行和第 2 行）']],
    ['a duplicate key written once as a number', '1: a\n"1": b\n', ['第 2 行', '“1”写了两次']],
  ])('refuses %s', (_name, text, ...expected) => {
    const read = readYaml(text, 'content/x.yaml');
    expect(read.value).toBeUndefined();
    const problems = read.problems.map(formatProblem);
    expect(problems).toHaveLength(expected.length);
    expected.forEach(([line, part], index) => {
      expect(problems[index]).toContain(`文件 content/x.yaml ${line}`);
      expect(problems[index]).toContain(part);
    });
  });

  it('comments stay allowed, on their own lines and after values', () => {
    expect(readYaml('# 说明\na: 1 # 注释\n# 结尾\n', 'x.yaml')).toMatchObject({ value: { a: 1 }, problems: [] });
  });

  it.each([
    ['10,000 [', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 1],
    ['deeply nested lists', `${Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n')}x\n`, 33],
    [`${MAX_YAML_NESTING + 1} levels`, `a: ${'['.repeat(MAX_YAML_NESTING)}${']'.repeat(MAX_YAML_NESTING)}\n`, 1],
  ])('nesting too deep (%s) gets one Chinese message, never a stack overflow', (_name, text, line) => {
    expect(yamlProblems(text)).toEqual([
      `文件 content/x.yaml 第 ${line} 行：嵌套层数过多（超过 ${MAX_YAML_NESTING} 层）：` +
        '请检查是否多写了方括号“[”、花括号“{”或缩进，内容文件的字段和列表只需要几层。',
    ]);
  });

  it(`${MAX_YAML_NESTING} levels are read`, () => {
    const text = `a: ${'['.repeat(MAX_YAML_NESTING - 1)}${']'.repeat(MAX_YAML_NESTING - 1)}\n`;
    expect(readYaml(text, 'x.yaml').problems).toEqual([]);
  });
});

describe('MDX bodies nested too deep', () => {
  const context: MdxContext = {
    isPublicPage: () => true,
    fileExists: () => true,
    localFileExists: () => true,
    taskExists: () => true,
    attachmentProblem: () => null,
    components: ARTICLE_COMPONENTS,
  };
  it.each([
    ['10,000 quotes', `${'> '.repeat(10_000)}x`],
    // satteri itself takes seconds to parse tens of thousands of nested tags: 5,000 are enough to make the point.
    ['5,000 elements', `${'<span>'.repeat(5_000)}x${'</span>'.repeat(5_000)}`],
    ['nested lists', Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n')],
  ])('%s: a Chinese message, never a RangeError', (_name, body) => {
    const problems = checkMdxBody('content/articles/a.mdx', `---\ntitle: 甲\n---\n\n${body}\n`, context);
    for (const problem of problems) expect(problem.message).not.toMatch(/RangeError|Maximum call stack/);
    if (problems.length > 0) expect(problems[0]!.message).toMatch(/^嵌套层数过多（超过 100 层）/);
  });

  it.each([
    ['10,000 brackets in an expression', `{${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
    ['10,000 brackets in a prop', `<TaskCard plan={${'['.repeat(10_000)}${']'.repeat(10_000)}} task={1} />`],
    ['a run of 1,000,000 asterisks', `${'*'.repeat(1_000_000)}x${'*'.repeat(1_000_000)}`],
    ['101 quote marks', `${'>'.repeat(101)} x`],
  ])('%s: refused before the parser, which would crash the process, sees it', (_name, body) => {
    const problems = checkMdxBody('content/articles/a.mdx', `---\ntitle: 甲\n---\n\n${body}\n`, context);
    expect(problems).toEqual([
      { file: 'content/articles/a.mdx', line: 5, message: expect.stringMatching(/^嵌套层数过多/) },
    ]);
  });

  it('ordinary text with brackets, emphasis and quotes is fine', () => {
    const body = '> 引用 **加粗** _斜体_ ~~删除~~ [链接](/plan/) (括号) \\{花括号\\} `code`\n\n***\n\n---\n';
    expect(checkMdxBody('content/articles/a.mdx', `---\ntitle: 甲\n---\n\n${body}`, context)).toEqual([]);
  });

  it('10,000 quotes are refused on their line', () => {
    const problems = checkMdxBody(
      'content/articles/a.mdx',
      `---\ntitle: 甲\n---\n\n${'> '.repeat(10_000)}x\n`,
      context,
    );
    expect(problems).toEqual([
      { file: 'content/articles/a.mdx', line: 5, message: expect.stringMatching(/^嵌套层数过多/) },
    ]);
  });
});
