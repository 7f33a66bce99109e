/**
 * The one YAML reader (src/lib/content/yaml.ts) and the validation messages: each common mistake staff make gives an
 * exact Chinese message, on the line where it is in the file, with no programming words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, showValue, validateEntry, type ContentProblem } from '../../src/lib/content-errors.ts';
import { readFrontMatter, readYaml } from '../../src/lib/content/yaml.ts';
import { readYamlList } from '../../src/lib/yaml-list.ts';
import { articleSchema } from '../../src/schemas/article.ts';
import { departmentSchema } from '../../src/schemas/department.ts';
import { followUpSchema } from '../../src/schemas/list-issue.ts';
import { restaurantSchema } from '../../src/schemas/restaurant.ts';
import { targetSchema } from '../../src/schemas/target.ts';

const file = (name: string) => `tests/fixtures/yaml/${name}`;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/yaml/${name}`, import.meta.url), 'utf8');
const departments = (name: string) => readYamlList(fixture(name), file(name), departmentSchema).problems;
/** Front matter read and validated as an article, as the content pipeline does. */
function article(name: string): ContentProblem[] {
  const front = readFrontMatter(fixture(name), file(name));
  if (front.problems.length > 0) return front.problems;
  // The pipeline names an article by its file name.
  const entry = name.replace('.mdx', '');
  return validateEntry(articleSchema, front.data, { file: file(name), entry, lineOf: front.lineOf }).problems;
}

/** Each fixture, how it is read, and the one problem expected: its line, where, and the exact message. */
const CASES: ReadonlyArray<[string, () => ContentProblem[], Partial<ContentProblem>]> = [
  [
    'tab.yaml',
    () => departments('tab.yaml'),
    { line: 2, message: '第 2 行用了制表符（Tab）缩进：只能用空格缩进，请把 Tab 换成两个空格。' },
  ],
  [
    'full-width-colon.yaml',
    () => departments('full-width-colon.yaml'),
    {
      line: 2,
      message: '第 2 行的“name”后面用了中文冒号“：”：字段名后面要用英文冒号加一个空格，请写成“name: 区市场监管局”。',
    },
  ],
  [
    'full-width-comma.yaml',
    () => departments('full-width-comma.yaml'),
    {
      line: 3,
      message:
        '第 3 行列表中的项目要用英文逗号“,”分隔，不能用中文逗号“，”：请写成 [各镇, 街道]，或每项单独一行以“- ”开头；' +
        "如果“各镇，街道”本来就是一项，请给它加上英文引号：'各镇，街道'。",
    },
  ],
  [
    'enumeration-comma.yaml',
    () => departments('enumeration-comma.yaml'),
    {
      line: 3,
      message:
        '第 3 行列表中的项目要用英文逗号“,”分隔，不能用顿号“、”：请写成 [各镇, 街道]，或每项单独一行以“- ”开头；' +
        "如果“各镇、街道”本来就是一项，请给它加上英文引号：'各镇、街道'。",
    },
  ],
  [
    'unclosed-quote.yaml',
    () => departments('unclosed-quote.yaml'),
    {
      line: 2,
      message:
        '第 2 行的引号没有配对：开头的英文引号 " 缺少结尾的 "。请在这一项内容的末尾补上 "（结尾不要用中文引号 ”）。',
    },
  ],
  [
    'duplicate-key.yaml',
    () => departments('duplicate-key.yaml'),
    { line: 4, message: '同一个条目里“name”写了两次（第 2 行和第 4 行）：请只保留一行，删除多余的那一行。' },
  ],
  [
    'excel-date.yaml',
    () => readYamlList(fixture('excel-date.yaml'), file('excel-date.yaml'), followUpSchema).problems,
    {
      line: 4,
      entry: '2022-01-fu-lai-0705',
      field: 'date',
      fieldLabel: '复查日期',
      message: '这看起来是 Excel 的日期序号（44747），请写成 2022-07-05 这样的日期。',
    },
  ],
  [
    'missing-field.yaml',
    () => departments('missing-field.yaml'),
    {
      line: 4,
      entry: 'health',
      field: 'name',
      message: '缺少必填内容“名称（按计划原文）”：请补上一行“name: …”。',
    },
  ],
  [
    'wrong-type.yaml',
    () => readYamlList(fixture('wrong-type.yaml'), file('wrong-type.yaml'), targetSchema).problems,
    { line: 3, field: 'task', message: '应为数字：请去掉引号，直接写 14；实际填写：“14”。' },
  ],
  [
    'front-matter-tab.mdx',
    () => article('front-matter-tab.mdx'),
    { line: 4, message: '第 4 行用了制表符（Tab）缩进：只能用空格缩进，请把 Tab 换成两个空格。' },
  ],
  [
    'front-matter-comma.mdx',
    () => article('front-matter-comma.mdx'),
    {
      line: 6,
      message:
        '第 6 行列表中的项目要用英文逗号“,”分隔，不能用中文逗号“，”：请写成 [食品安全, 冷链]，或每项单独一行以“- ”开头；' +
        "如果“食品安全，冷链”本来就是一项，请给它加上英文引号：'食品安全，冷链'。",
    },
  ],
];

describe('each common mistake: exact message, real line', () => {
  it.each(CASES)('%s', (name, read, expected) => {
    const problems = read();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: file(name), ...expected });
  });

  it('a missing field and a wrong type in MDX front matter are on their lines in the whole file', () => {
    expect(article('front-matter-fields.mdx').map(formatProblem)).toEqual([
      `文件 ${file('front-matter-fields.mdx')} 第 2 行，条目“front-matter-fields”，字段“来源”（source）：` +
        '缺少必填内容“来源”：请补上一行“source: …”。',
      `文件 ${file('front-matter-fields.mdx')} 第 6 行，条目“front-matter-fields”，字段“示例数据”（sample）：` +
        '应为是或否（true/false）：请写 true 或 false，不加引号；实际填写：“是”。',
    ]);
  });

  it('a message that names its line does not name it twice when formatted', () => {
    expect(formatProblem(departments('tab.yaml')[0]!)).toBe(
      `文件 ${file('tab.yaml')} 第 2 行：用了制表符（Tab）缩进：只能用空格缩进，请把 Tab 换成两个空格。`,
    );
    expect(formatProblem(departments('full-width-colon.yaml')[0]!)).toBe(
      `文件 ${file('full-width-colon.yaml')} 第 2 行：“name”后面用了中文冒号“：”：` +
        '字段名后面要用英文冒号加一个空格，请写成“name: 区市场监管局”。',
    );
  });

  it('no message uses English words, other than field keys, file paths and what staff wrote', () => {
    const names = [...CASES.map(([name]) => name), 'front-matter-fields.mdx'];
    const problems = [...CASES.flatMap(([, read]) => read()), ...article('front-matter-fields.mdx')];
    expect(problems.length).toBeGreaterThan(names.length);
    for (const problem of problems) {
      const written = fixture(problem.file.replace('tests/fixtures/yaml/', ''));
      const allowed = new Set([
        ...(written.match(/[A-Za-z]{4,}/g) ?? []),
        ...(problem.field?.split('.') ?? []),
        ...(problem.entry?.match(/[A-Za-z]{4,}/g) ?? []),
        // Staff type these themselves: the two values of a yes-or-no field, and the program they paste from.
        'true',
        'false',
        'Excel',
      ]);
      const text = formatProblem(problem).replace(problem.file, '');
      const english = (text.match(/[A-Za-z]{4,}/g) ?? []).filter((word) => !allowed.has(word));
      expect(english, text).toEqual([]);
    }
  });
});

describe('values YAML reads silently', () => {
  it('an unquoted date stays the date written, and a date field accepts it', () => {
    const result = readYamlList(fixture('unquoted-date.yaml'), file('unquoted-date.yaml'), followUpSchema);
    expect(result.problems).toEqual([]);
    expect(result.entries[0]!.date).toBe('2022-07-05');
  });

  it('a date Astro’s front-matter parser turned into a Date is accepted as YYYY-MM-DD, and shown as written', () => {
    const data = { id: 'a', issue: '2022-01', restaurant: 'b', date: new Date('2022-07-05'), result: '复查合格' };
    expect(validateEntry(followUpSchema, data, { file: 'f', entry: 'a' }).data?.date).toBe('2022-07-05');
    expect(showValue(new Date('2022-07-05'))).toBe('2022-07-05');
  });

  it('quoted list items may hold a full-width comma: staff said it is one item', () => {
    expect(readYaml("tags: ['食品安全，冷链', 甲]\n", 'f.yaml')).toMatchObject({
      value: { tags: ['食品安全，冷链', '甲'] },
      problems: [],
    });
  });

  it('a Tab or full-width colon inside a block of text is part of the text', () => {
    expect(readYaml('summary: |\n  第一行\n  \t缩进：保留\n', 'f.yaml').problems).toEqual([]);
  });
});

describe('other syntax mistakes', () => {
  const message = (text: string) => readYaml(text, 'f.yaml').problems.map((problem) => problem.message);

  it.each([
    [
      'a bracket left open',
      'tags: [甲, 乙\nsource: 乙\n',
      '第 1 行的方括号“[”没有配对：请在这一行的末尾补上英文的“]”，例如 [甲, 乙]（不要用中文的“］”或“】”）。',
    ],
    [
      'a line indented too deep',
      '- id: a\n  name: 甲\n   kind: department\n',
      '第 3 行缩进不对：同一层的字段要左边对齐，下一层比上一层多缩进两个空格（只用空格）。请对照上下几行调整这一行开头的空格。',
    ],
    ['no space after the colon', '- id: a\n  name:甲\n', '第 2 行的英文冒号后面少了一个空格：请写成“name: 甲”。'],
    [
      'a colon and space inside a value',
      'title: 说明: 内容\n',
      "第 1 行的内容里有英文冒号加空格“: ”，会被当成一个新的字段：请给整段内容加上英文单引号，写成 title: '说明: 内容'，" +
        '或把内容里的冒号改成中文“：”。',
    ],
    [
      'a value starting with a reserved character',
      'title: @甲\n',
      "第 1 行的内容以“@”开头，这个符号在这里有特殊含义：请给整段内容加上英文单引号，例如 '@…'。",
    ],
    [
      'a full-width space as indentation',
      '- id: a\n\u3000name: 甲\n',
      '第 2 行开头用了全角空格：缩进只能用半角空格（英文输入法下的空格），请删掉这些空格后重新输入。',
    ],
    [
      'a closing Chinese quote',
      'title: "甲”\nsummary: 乙\n',
      '第 1 行的引号没有配对：开头的英文引号 " 缺少结尾的 "。请在这一项内容的末尾补上 "（结尾不要用中文引号 ”）。',
    ],
  ])('%s', (_, text, expected) => {
    expect(message(text)).toEqual([expected]);
  });

  it('a syntax mistake leaves no value to validate', () => {
    expect(readYaml('name：甲\n', 'f.yaml').value).toBeUndefined();
  });
});

describe('lines of nodes', () => {
  const text = '# 部门\n- id: a\n  name: 甲\n- id: b\n  tags:\n    - 乙\n    - 丙\n  name:\n';

  it('finds a field by its key path, a list item by its position', () => {
    const { lineOf } = readYaml(text, 'f.yaml');
    expect(lineOf([1])).toBe(4);
    expect(lineOf([0, 'name'])).toBe(3);
    expect(lineOf([1, 'tags', 1])).toBe(7);
    expect(lineOf([1, 'name'])).toBe(8);
    expect(lineOf([1, 'summary'])).toBeUndefined();
    expect(lineOf([2])).toBeUndefined();
  });

  it('counts the lines before the text', () => {
    const read = readYaml(text, 'f.yaml', { lineOffset: 10 });
    expect(read.lineOf([0, 'name'])).toBe(13);
    expect(readYaml('a: 1\n\tb: 2\n', 'f.yaml', { lineOffset: 1 }).problems[0]).toMatchObject({ line: 3 });
  });

  it('a list entry’s problems are on the field’s line, or the entry’s first line when it is missing', () => {
    const text = '- id: a\n  name: 甲\n  kind: department\n- id: b\n  kind: bureau\n  nmae: 乙\n';
    expect(readYamlList(text, 'd.yaml', departmentSchema).problems.map(formatProblem)).toEqual([
      '文件 d.yaml 第 4 行，条目“b”，字段“名称（按计划原文）”（name）：缺少必填内容“名称（按计划原文）”：请补上一行“name: …”。',
      '文件 d.yaml 第 5 行，条目“b”，字段“类别”（kind）：应为以下之一：department、group、township；实际填写：“bureau”。',
      '文件 d.yaml 第 6 行，条目“b”：不认识的字段“nmae”：请检查拼写（是不是“name”？），或删除这一行。',
    ]);
  });
});

describe('front matter', () => {
  it('splits front matter and body, and counts lines in the whole file', () => {
    const front = readFrontMatter('---\ntitle: 甲\ntags: [乙]\n---\n\n正文\n', 'a.mdx');
    expect(front).toMatchObject({
      data: { title: '甲', tags: ['乙'] },
      body: '\n正文\n',
      bodyStartLine: 5,
      problems: [],
    });
    expect(front.lineOf(['tags', 0])).toBe(3);
  });

  it('a file without front matter has none; an unclosed one is a problem', () => {
    expect(readFrontMatter('正文\n', 'a.mdx')).toMatchObject({ data: {}, body: '正文\n', bodyStartLine: 1 });
    expect(readFrontMatter('---\ntitle: 甲\n正文\n', 'a.mdx').problems).toEqual([
      { file: 'a.mdx', line: 1, message: '开头的信息部分没有结束：请在最后一个字段的下一行加上一行“---”，再写正文。' },
    ]);
  });
});

describe('validation messages', () => {
  const where = { file: 'f', entry: 'e' };
  const messages = (schema: Parameters<typeof validateEntry>[0], data: unknown) =>
    validateEntry(schema, data, where).problems.map((problem) => problem.message);
  const restaurant = {
    id: 'a',
    signName: '甲',
    registeredName: '甲',
    address: '乙',
    town: '120114001',
    businessType: '正餐',
    sample: false,
  };

  it('a number where text is expected: add quotes', () => {
    expect(messages(restaurantSchema, { ...restaurant, town: 120114001 })).toEqual([
      "应为文字：如果就是要写 120114001，请加上英文单引号，写成 '120114001'；实际填写：120114001。",
    ]);
  });

  it('an optional field left empty after its colon: fill it in or delete the line', () => {
    expect(messages(restaurantSchema, { ...restaurant, grade: null })).toEqual([
      '“grade:”后面是空的：请填写量化分级，不需要时删除这一行。',
    ]);
  });

  it('an Excel serial in a time field, and a missing time keeps the schema’s own advice', () => {
    const base = { title: '甲', summary: '乙', category: 'science', source: '丙' };
    expect(messages(articleSchema, { ...base, publishedAt: 44747.5 })).toEqual([
      "这看起来是 Excel 的日期序号（44747.5），请写成 '2022-07-05 12:00' 这样的时间（加英文单引号）。",
    ]);
    expect(messages(articleSchema, base)).toEqual([
      "缺少必填内容“发布时间”：请补上一行“publishedAt: …”。应写成 'YYYY-MM-DD HH:MM'（加英文单引号），例如 '2023-03-01 09:30'。",
    ]);
  });

  it('numbers: bounds in words', () => {
    const target = {
      id: 'a',
      plan: 2022,
      task: 0,
      label: '甲',
      value: -1,
      unit: '批次',
      comparator: 'exact',
      phrase: '乙',
    };
    expect(messages(targetSchema, target)).toEqual(['不能小于 1；实际填写：0。', '应大于 0；实际填写：-1。']);
    expect(messages(targetSchema, { ...target, task: 1, value: 1, plan: 2022.5 })).toEqual([
      '应为整数：请去掉小数部分；实际填写：2022.5。',
    ]);
  });
});
