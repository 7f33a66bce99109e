/**
 * The parser-disagreement corpus: text that two parsers read differently (the project's reader and Astro's
 * front-matter parser, the `yaml` package and js-yaml, a Markdown parser and a YAML one), where the check could pass
 * what the build then reads otherwise. Every case must be refused by `npm run check:content` with its file, line and
 * a Chinese message; the MDX ones are also refused by `astro build`, which must not run any of the code they hide:
 * the attacks write a marker file (see {@link markerFiles}) when their code runs.
 *
 * Cases in {@link NEW_FILE_CASES} each add a file of their own, so they all fit in one copy of the fixture site (one
 * build); {@link SHARED_FILE_CASES} change a shared YAML list and are checked one copy each (no build).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ARTICLE_HEAD, type BadCase } from './bad-content.ts';

const write = (dir: string, file: string, text: string) => {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
};

/** Where an attack's code would leave its mark in a copy, had it run: `marker-<name>` in the copy's folder. */
export function markerFile(dir: string, name: string): string {
  return join(dir, `marker-${name}`);
}

/** The names of the cases whose hidden code writes a marker file when it runs. */
export const markerFiles: string[] = [];

/** JavaScript that writes the case's marker file when run. */
function markerCode(dir: string, name: string): string {
  if (!markerFiles.includes(name)) markerFiles.push(name);
  return `(await import("node:fs")).writeFileSync(${JSON.stringify(markerFile(dir, name))}, "ran")`;
}

/** A `layout:` front-matter line whose value is a JavaScript module (a `data:` address) writing the marker. */
function markerLayout(dir: string, name: string): string {
  const module = `${markerCode(dir, name)};export default function Layout(){return ""}`;
  return `layout: 'data:text/javascript,${encodeURIComponent(module)}'`;
}

/** Front matter of a valid article, lines 1–10; line 11 is empty and the body starts on line 12. */
const ARTICLE_FIELDS = ARTICLE_HEAD.trimEnd().split('\n');

/** An article's text from its front matter lines (fences included) and body. */
const article = (fields: readonly string[], body = '正文。') => `${fields.join('\n')}\n\n${body}\n`;

/** A case adding `content/articles/bad-<name>.mdx`, whose text may depend on the copy's folder (for markers). */
function articleCase(name: string, line: number, message: string, text: (dir: string) => string): BadCase {
  const file = `content/articles/bad-${name}.mdx`;
  return { name, file, line, message, apply: (dir) => write(dir, file, text(dir)) };
}

/** The article's front matter with line `at` (1-based) replaced by `lines`. */
const replaced = (at: number, ...lines: string[]) => [
  ...ARTICLE_FIELDS.slice(0, at - 1),
  ...lines,
  ...ARTICLE_FIELDS.slice(at),
];

const FENCE = '“---”后面还有空格或制表符';
const LONE_CR = '看不见的回车符（CR）';
const NUL = '看不见的空字符（NUL）';
const BOM = '看不见的字节顺序标记（BOM）';
const SPECIAL = '这个符号在这里有特殊含义';
const TOO_DEEP = '嵌套层数过多';
const NO_FRONT_MATTER = '应为“---”：文件开头是信息部分';

/** MDX files, each a new file: fences, invisible characters, YAML features, nesting. */
const MDX_CASES: BadCase[] = [
  articleCase('fence-open-space', 1, FENCE, () => article(replaced(1, '--- '))),
  articleCase('fence-open-tab', 1, FENCE, () => article(replaced(1, '---\t'))),
  articleCase('fence-close-space', 10, FENCE, () => article(replaced(10, '--- '))),
  // The first build-time attack: a closing fence with a Tab ends the front matter for the reader and for Astro, but
  // not for the MDX parser, which read on to the next `---` and never saw the export between.
  articleCase('fence-close-tab-export', 10, FENCE, (dir) =>
    article(replaced(10, '---\t'), `export const ran = ${markerCode(dir, 'fence-close-tab-export')}\n\n---\n\n正文。`),
  ),
  // Astro reads TOML front matter between `+++` lines, and front matter after blank lines; the reader reads neither.
  articleCase('toml-front-matter', 1, NO_FRONT_MATTER, () => '+++\ntitle = "测试文章"\n+++\n\n正文。\n'),
  articleCase('blank-line-before-fence', 1, NO_FRONT_MATTER, () => `\n${article(ARTICLE_FIELDS)}`),
  articleCase('lone-cr-body', 12, LONE_CR, () => article(ARTICLE_FIELDS, '第一句。\r第二句。')),
  articleCase('lone-cr-front-matter', 2, LONE_CR, () => article(replaced(2, 'title: 测试\r文章'))),
  // The second build-time attack: a lone CR inside a YAML comment. The `yaml` package reads one comment line; Astro's
  // front-matter parser reads a line break and a `layout:` key, and @astrojs/mdx imports that layout when building.
  articleCase('lone-cr-comment-layout', 10, LONE_CR, (dir) =>
    article(replaced(10, `# 说明\r${markerLayout(dir, 'lone-cr-comment-layout')}`, '---')),
  ),
  articleCase('crlf-with-lone-cr', 12, LONE_CR, () =>
    article(ARTICLE_FIELDS, '第一句。\r第二句。').replace(/\n/g, '\r\n'),
  ),
  articleCase('nul-body', 12, NUL, () => article(ARTICLE_FIELDS, '文字\0文字。')),
  articleCase('nul-front-matter', 3, NUL, () => article(replaced(3, 'summary: 测试\0摘要。'))),
  articleCase('bom-body', 12, BOM, () => article(ARTICLE_FIELDS, '文字\uFEFF文字。')),
  articleCase('bom-front-matter', 7, BOM, () => article(replaced(7, 'source: 测试\uFEFF编辑部'))),
  articleCase('layout-key', 10, '不认识的字段“layout”', (dir) =>
    article(replaced(10, markerLayout(dir, 'layout-key'), '---')),
  ),
  articleCase('yaml-anchor-alias', 3, SPECIAL, () =>
    article(replaced(7, 'source: *s').with(2, 'summary: &s 测试摘要。')),
  ),
  articleCase('yaml-tag', 2, SPECIAL, () => article(replaced(2, 'title: !!str 测试文章'))),
  articleCase('yaml-directive', 2, '以“%”开头', () => article(replaced(2, '%YAML 1.2', 'title: 测试文章'))),
  articleCase('yaml-document-end', 10, '“...”表示内容到此结束', () => article(replaced(10, '...', '---'))),
  articleCase('yaml-merge-key', 10, '合并写法', () => article(replaced(10, '<<: {author: 某人}', '---'))),
  articleCase('yaml-duplicate-key', 3, '写了两次', () => article(replaced(3, 'title: 另一个标题'))),
  articleCase('yaml-deep-nesting', 6, TOO_DEEP, () =>
    article(replaced(6, `tags: ${'['.repeat(10_000)}${']'.repeat(10_000)}`)),
  ),
  articleCase('mdx-deep-quotes', 12, TOO_DEEP, () => article(ARTICLE_FIELDS, `${'> '.repeat(10_000)}深。`)),
  // The MDX parser crashes the process (no error to catch) on some 10,000 brackets in an expression.
  articleCase('mdx-deep-brackets', 12, TOO_DEEP, () =>
    article(ARTICLE_FIELDS, `<TaskCard plan={${'['.repeat(10_000)}${']'.repeat(10_000)}} task={1} />`),
  ),
  articleCase('mdx-deep-elements', 12, TOO_DEEP, () =>
    article(ARTICLE_FIELDS, `${'<span>'.repeat(5_000)}深${'</span>'.repeat(5_000)}`),
  ),
];

/** Introductions of red/black list issues and campaigns carry the same attacks. */
const INTRO_CASES: BadCase[] = [
  {
    name: 'campaign-fence-close-tab-export',
    file: 'content/campaigns/2036.mdx',
    line: 8,
    message: FENCE,
    apply: (dir) =>
      write(
        dir,
        'content/campaigns/2036.mdx',
        '---\nyear: 2036\nnationalTheme: 测试主题\nstartDate: 2036-06-09\nendDate: 2036-06-15\n' +
          'organisers: [food-safety-office]\nsample: false\n---\t\n' +
          `export const ran = ${markerCode(dir, 'campaign-fence-close-tab-export')}\n\n---\n\n介绍。\n`,
      ),
  },
  {
    name: 'issue-lone-cr-comment-layout',
    file: 'content/redblack/2024-16.mdx',
    line: 9,
    message: LONE_CR,
    apply: (dir) =>
      write(
        dir,
        'content/redblack/2024-16.mdx',
        '---\nyear: 2024\nnumber: 16\npublishedOn: 2024-10-20\ntheme: 测试主题\narea: 杨村街道\n' +
          `source: market-regulation\nsample: false\n# 说明\r${markerLayout(dir, 'issue-lone-cr-comment-layout')}\n` +
          'entries:\n  - restaurant: ce-shi-jia-can-ting\n    list: 红榜\n    inspectedOn: 2024-10-01\n' +
          '    reasons: [整洁]\n---\n',
      ),
  },
];

/** A plan of a new year: the fixture's plan text and its meta.yaml, either changed. */
const PLAN_TEXT = readFileSync(new URL('../fixtures/site/content/plans/2030/plan.txt', import.meta.url), 'utf8');
function planCase(
  name: string,
  year: number,
  change: { meta?: string; text?: (text: string) => string },
  line: number,
  message: string,
): BadCase {
  const which = change.meta === undefined ? 'plan.txt' : 'meta.yaml';
  const file = `content/plans/${year}/${which}`;
  return {
    name,
    file,
    line,
    message,
    apply: (dir) => {
      const text = PLAN_TEXT.replaceAll('2030', String(year));
      write(dir, `content/plans/${year}/plan.txt`, change.text ? change.text(text) : text);
      write(dir, `content/plans/${year}/meta.yaml`, change.meta ?? `year: ${year}\nsource: 测试数据。\n`);
    },
  };
}

/** The YAML of plan metadata, and a plan's verbatim text, each in a new plan year. */
const PLAN_CASES: BadCase[] = [
  planCase('meta-anchor', 2043, { meta: 'year: &y 2043\nsource: 测试数据。\n' }, 1, SPECIAL),
  planCase('meta-tag', 2044, { meta: 'year: 2044\nsource: !foo 测试数据。\n' }, 2, SPECIAL),
  planCase('meta-directive', 2045, { meta: '%YAML 1.2\n---\nyear: 2045\nsource: 测试数据。\n' }, 1, '以“%”开头'),
  planCase('meta-second-document', 2046, { meta: 'year: 2046\n---\nsource: 测试数据。\n' }, 2, '多了一行“---”'),
  planCase('meta-nul', 2047, { meta: 'year: 2047\nsource: 测试\0数据。\n' }, 2, NUL),
  planCase('plan-lone-cr', 2048, { text: (text) => text.replace('\n', '\r') }, 1, LONE_CR),
  planCase('plan-bom-inside', 2049, { text: (text) => text.replace('\n', '\n\uFEFF') }, 2, BOM),
];

/** Every case that adds files of its own: all fit in one copy of the fixture site. */
export const NEW_FILE_CASES: readonly BadCase[] = [...MDX_CASES, ...INTRO_CASES, ...PLAN_CASES];

/** A change to a shared YAML list of the fixture site. */
function listCase(name: string, file: string, line: number, message: string, change: (text: string) => string) {
  return {
    name,
    file,
    line,
    message,
    apply: (dir: string) => writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8'))),
  };
}

/** Each changes a shared YAML list: one copy each. */
export const SHARED_FILE_CASES: readonly BadCase[] = [
  listCase('restaurants-lone-cr-comment', 'content/restaurants.yaml', 1, LONE_CR, (text) => `# 说明\r${text}`),
  listCase('towns-crlf-nul', 'content/towns.yaml', 2, NUL, (text) => text.replace('\n', '\n\0').replace(/\n/g, '\r\n')),
  listCase(
    'departments-merge-key',
    'content/departments.yaml',
    1,
    '合并写法',
    (text) => `- <<: {kind: group}\n${text}`,
  ),
  listCase('categories-duplicate-key', 'content/article-categories.yaml', 7, '写了两次', (text) =>
    text.replace(/^(- id: \S+)$/m, '$1\n  id: again'),
  ),
  listCase(
    'follow-ups-deep-nesting',
    'content/redblack/follow-ups.yaml',
    1,
    TOO_DEEP,
    (text) => `${'- '.repeat(60)}x\n${text}`,
  ),
];
