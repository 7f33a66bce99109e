/**
 * The bad-content corpus: mistakes and attacks staff content may contain, each applied to a copy of the fixture site
 * (tests/fixtures/site/). Every case must be rejected by `npm run check:content` and by `astro build` alike, with a
 * problem naming its file and line. Cases that add their own file can share a copy; cases that change a shared file
 * (restaurants.yaml …) each need their own.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface BadCase {
  /** Short English name, unique. */
  name: string;
  /** The file the problem must be reported in, relative to the project. */
  file: string;
  /** The line it must be reported on (in the whole file). */
  line: number;
  /** A part of the Chinese message. */
  message: string;
  /** Makes the mistake in a copy of the fixture site. */
  apply: (dir: string) => void;
}

const write = (dir: string, file: string, text: string) => {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
};
const replace = (dir: string, file: string, from: string, to: string) => {
  const text = readFileSync(join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`bad-content case: “${from}” not in ${file}`);
  writeFileSync(join(dir, file), text.replace(from, to));
};

/** Front matter of a valid article (lines 1–10); the body starts on line 12. The corpora's helpers share it. */
export const ARTICLE_HEAD = `---
title: 测试文章
summary: 测试摘要。
publishedAt: '2024-08-01 09:00'
category: science
tags: []
source: 测试编辑部
sample: false
draft: false
---
`;
const BODY_LINE = 12;

/** An article whose body is `body` (starting on line 12); its name is the case name. */
function articleCase(name: string, body: string, message: string, offset = 0): BadCase {
  const file = `content/articles/bad-${name}.mdx`;
  return {
    name,
    file,
    line: BODY_LINE + offset,
    message,
    apply: (dir) => write(dir, file, `${ARTICLE_HEAD}\n${body}\n`),
  };
}

/** An article whose front matter has `field` replaced; `line` is that field's line. */
function frontMatterCase(name: string, from: string, to: string, line: number, message: string): BadCase {
  const file = `content/articles/bad-${name}.mdx`;
  return {
    name,
    file,
    line,
    message,
    apply: (dir) => write(dir, file, `${ARTICLE_HEAD.replace(from, to)}\n正文。\n`),
  };
}

const SCRIPT = '不能使用 <script>';
const HANDLER = '事件属性';
const URL_SCHEME = '不能使用“javascript:”开头的网址';
const EXPRESSION = '不能使用 {…} 表达式';
const IMPORT = '不能使用 import 或 export';
const SPREAD = '展开写法';
const NO_ALT = '缺少替代文字';

/** Attacks and mistakes in article bodies: each in more than one formatting. */
const ARTICLE_BODIES: BadCase[] = [
  articleCase('script', "<script>alert('x')</script>", SCRIPT),
  articleCase('script-upper', '<SCRIPT src="/x.js"></SCRIPT>', SCRIPT),
  articleCase('script-multiline', '<script\n  type="module"\n  src="/x.js"\n></script>', SCRIPT),
  articleCase(
    'onerror-multiline',
    '<img\n  src="/files/2025/test-figure.png"\n  alt="图"\n  onerror="alert(1)"\n/>',
    HANDLER,
  ),
  articleCase(
    'onload-figure',
    '<Figure src="/files/2025/test-figure.png" alt="图" caption="说明" onLoad="alert(1)" />',
    HANDLER,
  ),
  articleCase('onclick-inline', '文字 <span onclick="alert(1)">点我</span> 文字', HANDLER),
  articleCase('spread-component', '<Callout {...{ onload: "alert(1)" }}>提示</Callout>', SPREAD),
  articleCase('spread-element', '<span {...{onclick: () => alert(1)}}>x</span>', SPREAD),
  articleCase('set-html', "<span set:html={'<img src=x on' + 'error=alert(1)>'} />", 'set:html'),
  articleCase('set-html-string', '<p set:html="&lt;img src=x onerror=alert(1)&gt;" />', 'set:html'),
  articleCase('set-text', '<p set:text="x" />', 'set:text'),
  articleCase('link-javascript', '[链接](javascript:alert(1))', URL_SCHEME),
  articleCase('link-javascript-upper', '[链接](JavaScript:alert(1))', URL_SCHEME),
  articleCase('link-reference', '[链接][x]\n\n[x]: javascript:alert(1)', URL_SCHEME, 2),
  articleCase('href-javascript', '<a href="javascript:alert(1)">链接</a>', URL_SCHEME),
  articleCase('href-javascript-tab', '<a href="java\tscript:alert(1)">链接</a>', URL_SCHEME),
  articleCase('href-data', '<a href="data:text/html,<script>alert(1)</script>">链接</a>', '不能使用“data:”开头的网址'),
  articleCase('href-protocol-relative', '<a href="//evil.example/x">链接</a>', '网址不能以 // 开头'),
  articleCase('form-action', '<form action="javascript:alert(1)">\n  <p>x</p>\n</form>', '不能使用 <form>'),
  articleCase(
    'form-upper-multiline',
    '<FORM\n  method="post"\n  action="https://evil.example/collect"\n>\n</FORM>',
    '不能使用 <form>',
  ),
  articleCase('link-multiline', '<link\n  rel="prefetch"\n  href="https://evil.example/"\n/>', '不能使用 <link>'),
  articleCase('object-multiline', '<object\n  type="text/html"\n  data="/index.html"\n></object>', '不能使用 <object>'),
  articleCase('embed-inline', '文字 <embed src="/favicon.svg" /> 文字', '不能使用 <embed>'),
  articleCase('meta-multiline', '<meta\n  http-equiv="refresh"\n  content="1"\n/>', '不能使用 <meta>'),
  articleCase('link-element', '<link rel="stylesheet" href="https://evil.example/x.css" />', '不能使用 <link>'),
  articleCase('object', '<object data="https://evil.example/x.swf"></object>', '不能使用 <object>'),
  articleCase('embed', '<embed src="https://evil.example/x.swf" />', '不能使用 <embed>'),
  articleCase('iframe', '<iframe src="https://evil.example/"></iframe>', '不能嵌入 <iframe>'),
  articleCase(
    'style-element',
    '<style>{`body{background:url(https://evil.example/x.png)}`}</style>',
    '不能使用 <style>',
  ),
  articleCase('style-attribute', '<span style="background:url(https://evil.example/x.png)">x</span>', 'style 属性'),
  articleCase(
    'style-attribute-object',
    '<p style={{ background: "url(https://evil.example/x.png)" }}>x</p>',
    'style 属性',
  ),
  articleCase('meta-refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example/" />', '不能使用 <meta>'),
  articleCase('base', '<base href="https://evil.example/" />', '不能使用 <base>'),
  articleCase('import', "import { execSync } from 'node:child_process'", IMPORT),
  articleCase('export', "export const x = (await import('node:child_process')).execSync('id')", IMPORT),
  articleCase(
    'import-then-export',
    "import fs from 'node:fs'\nexport const y = fs.readFileSync('/etc/passwd')",
    IMPORT,
  ),
  articleCase('expression-flow', '{process.exit(1)}', EXPRESSION),
  articleCase('expression-inline', '今天是 {new Date().toString()}。', EXPRESSION),
  articleCase('stray-brace', '价格在 { 10 元左右。', '没有配对'),
  articleCase('prop-code', '<TaskCard plan={2030} task={globalThis.process.exit(1)} />', '不能写程序代码'),
  articleCase('image-no-alt', '![](/files/2025/test-figure.png)', NO_ALT),
  articleCase('image-blank-alt', '![  ](/files/2025/test-figure.png)', NO_ALT),
  articleCase('img-no-alt', '<img src="/files/2025/test-figure.png" />', NO_ALT),
  articleCase('figure-no-alt-multiline', '<Figure\n  src="/files/2025/test-figure.png"\n  caption="说明"\n/>', NO_ALT),
  articleCase('figure-empty-alt', '<Figure src="/files/2025/test-figure.png" alt="" caption="说明" />', NO_ALT),
  articleCase('link-draft', '[草稿](/articles/draft-article/)', '尚未公开'),
  articleCase('link-scheduled', '<a href="/articles/scheduled-article/">定时</a>', '尚未公开'),
  articleCase('link-missing-page', '[不存在](/plan/2099/)', '尚未公开'),
  articleCase('download-missing-file', '<DownloadCard title="附件" file="/files/2025/missing.pdf" />', '文件不存在'),
  articleCase('image-other-site', '![外站图片](https://evil.example/track.png)', '来自其他网站'),
  articleCase('img-other-site', '<img src="https://evil.example/track.png" alt="外站图片" />', '来自其他网站'),
  articleCase('unknown-component', '<Video src="/x.mp4" />', '不能使用 <Video> 标签'),
  articleCase('unknown-prop', '<Callout colour="red">x</Callout>', '没有“colour”这个属性'),
];

/** Mistakes in article front matter. */
const ARTICLE_FIELDS: BadCase[] = [
  frontMatterCase('category', 'category: science', 'category: gossip', 5, '没有编号为“gossip”的栏目'),
  frontMatterCase('date', "publishedAt: '2024-08-01 09:00'", 'publishedAt: 2024/8/1', 4, '发布时间'),
  frontMatterCase('title-empty', 'title: 测试文章', "title: ''", 2, '标题'),
  frontMatterCase('tab', 'tags: []', 'tags:\n\t- 冷链', 7, '制表符'),
  frontMatterCase('full-width-comma', 'tags: []', 'tags: [冷链，进口]', 6, '逗号'),
];

/** Each red/black issue case is its own new issue file (2024-09 …), valid but for the mistake. */
function issueCase(name: string, number: number, entry: string, line: number, message: string, body = ''): BadCase {
  const file = `content/redblack/2024-${String(number).padStart(2, '0')}.mdx`;
  const text = `---
year: 2024
number: ${number}
publishedOn: 2024-10-20
theme: 测试主题
area: 杨村街道
source: market-regulation
sample: false
entries:
${entry}
---
${body}`;
  return { name, file, line, message, apply: (dir) => write(dir, file, text) };
}

const ISSUES: BadCase[] = [
  issueCase(
    'issue-unknown-restaurant',
    11,
    '  - restaurant: no-such-restaurant\n    list: 红榜\n    inspectedOn: 2024-10-01\n    reasons: [整洁]',
    10,
    '餐厅编号',
  ),
  issueCase(
    'issue-bad-list',
    12,
    '  - restaurant: ce-shi-jia-can-ting\n    list: 灰榜\n    inspectedOn: 2024-10-01\n    reasons: [整洁]',
    11,
    '应为“红榜”或“黑榜”',
  ),
  issueCase(
    'issue-black-without-deadline',
    13,
    '  - restaurant: ce-shi-jia-can-ting\n    list: 黑榜\n    inspectedOn: 2024-10-01\n' +
      '    reasons: [脏乱]\n    measures: [责令改正]',
    10,
    '整改期限',
  ),
  issueCase(
    'issue-excel-date',
    14,
    '  - restaurant: ce-shi-jia-can-ting\n    list: 红榜\n    inspectedOn: 45566\n    reasons: [整洁]',
    12,
    'Excel',
  ),
  issueCase(
    'issue-script-in-intro',
    15,
    '  - restaurant: ce-shi-jia-can-ting\n    list: 红榜\n    inspectedOn: 2024-10-01\n    reasons: [整洁]',
    16,
    SCRIPT,
    "\n<script>alert('x')</script>\n",
  ),
];

/** Each campaign case is a new campaign year, valid but for the mistake. */
function campaignCase(name: string, year: number, extra: string, line: number, message: string, body = ''): BadCase {
  const file = `content/campaigns/${year}.mdx`;
  const text = `---
year: ${year}
nationalTheme: 测试主题
startDate: ${year}-06-09
endDate: ${year}-06-15
organisers: [food-safety-office]
sample: false
${extra}
---
${body}`;
  return { name, file, line, message, apply: (dir) => write(dir, file, text) };
}

const CAMPAIGNS: BadCase[] = [
  campaignCase(
    'campaign-notice-javascript',
    2031,
    "notice:\n  title: 通知\n  issuer: 测试区食安办\n  date: 2031-05-30\n  url: 'javascript:alert(1)'\nevents: []",
    12,
    'http',
  ),
  campaignCase(
    'campaign-notice-javascript-spaces',
    2032,
    "notice:\n  title: 通知\n  issuer: 测试区食安办\n  date: 2032-05-30\n  url: ' JavaScript:alert(1)'\nevents: []",
    12,
    'http',
  ),
  campaignCase(
    'campaign-event-outside',
    2033,
    'events:\n  - id: e1\n    date: 2033-07-01\n    startTime: "09:00"\n    title: 活动\n' +
      '    organiser: market-regulation\n' +
      '    place: 广场\n    town: "120114001"\n    category: 进社区\n    description: 说明。',
    10,
    '不在宣传周',
  ),
  campaignCase(
    'campaign-event-unknown-town',
    2034,
    'events:\n  - id: e1\n    date: 2034-06-10\n    startTime: "09:00"\n    title: 活动\n' +
      '    organiser: market-regulation\n' +
      '    place: 广场\n    town: "999999999"\n    category: 进社区\n    description: 说明。',
    15,
    '没有代码为“999999999”的镇街',
  ),
  campaignCase(
    'campaign-body-iframe',
    2035,
    'events: []',
    11,
    '不能嵌入 <iframe>',
    '\n<iframe src="https://evil.example/"></iframe>\n',
  ),
];

/** A new plan year, valid but for the mistake; lines are the plan text's. */
const PLAN_TEXT = readFileSync(new URL('../fixtures/site/content/plans/2030/plan.txt', import.meta.url), 'utf8');
function planCase(
  name: string,
  year: number,
  change: (text: string) => string,
  line: number,
  message: string,
): BadCase {
  const file = `content/plans/${year}/plan.txt`;
  return {
    name,
    file,
    line,
    message,
    apply: (dir) => {
      write(dir, file, change(PLAN_TEXT.replaceAll('2030', String(year))));
      write(dir, `content/plans/${year}/meta.yaml`, `year: ${year}\nsource: 测试数据。\n`);
    },
  };
}
const lineOf = (text: string, part: string) => text.split('\n').findIndex((line) => line.includes(part)) + 1;

const PLANS: BadCase[] = [
  planCase(
    'plan-numbering',
    2041,
    (text) => text.replace('（四）推进明厨亮灶建设', '（三）推进明厨亮灶建设'),
    lineOf(PLAN_TEXT, '（四）推进明厨亮灶建设'),
    '任务编号应为第 4 项',
  ),
  planCase(
    'plan-unknown-unit',
    2042,
    (text) => text.replace('（区市场监管局负责）', '（区外星事务局负责）'),
    lineOf(PLAN_TEXT, '（四）推进明厨亮灶建设'),
    '区外星事务局',
  ),
];

/** A mistake made by replacing text in a shared file. */
function listCase(name: string, file: string, line: number, message: string, from: string, to: string): BadCase {
  return { name, file, line, message, apply: (dir) => replace(dir, file, from, to) };
}

/** Mistakes in the shared YAML lists: each needs its own copy. */
const LISTS: BadCase[] = [
  {
    name: 'site-settings-email',
    file: 'content/site.yaml',
    line: 3,
    message: '电子邮箱',
    apply: (dir) => write(dir, 'content/site.yaml', '# 网站信息\nsponsor: 测试主办单位\nemail: 不是邮箱\n'),
  },
  {
    name: 'department-kind',
    file: 'content/departments.yaml',
    line: 30,
    message: '类别',
    apply: (dir) =>
      replace(
        dir,
        'content/departments.yaml',
        'name: 区卫生健康委\n  kind: department',
        'name: 区卫生健康委\n  kind: bureau',
      ),
  },
  {
    name: 'department-duplicate',
    file: 'content/departments.yaml',
    line: 36,
    message: '编号重复',
    apply: (dir) =>
      appendFileSync(
        join(dir, 'content/departments.yaml'),
        '\n- id: health\n  name: 区卫生健康委员会\n  kind: department\n',
      ),
  },
  listCase(
    'department-tab',
    'content/departments.yaml',
    29,
    '制表符',
    '- id: health\n  name:',
    '- id: health\n\tname:',
  ),
  listCase('target-phrase', 'content/targets.yaml', 20, '不在任务（五）的原文中', '抽检1000批次', '抽检2000批次'),
  listCase('target-unknown-task', 'content/targets.yaml', 15, '任务', 'task: 5', 'task: 9'),
  listCase('town-code', 'content/towns.yaml', 13, '代码', "- id: '120114103'", "- id: '12011410'"),
  listCase('town-full-width-colon', 'content/towns.yaml', 14, '冒号', '  name: 崔黄口镇', '  name：崔黄口镇'),
  listCase('restaurant-unknown-town', 'content/restaurants.yaml', 40, '镇街', "town: '120114002'", "town: '120114999'"),
  listCase('restaurant-licence', 'content/restaurants.yaml', 13, 'JY', 'licence: JY21201149990011', 'licence: JY123'),
  {
    name: 'restaurant-duplicate-id',
    file: 'content/restaurants.yaml',
    line: 91,
    message: '编号重复',
    apply: (dir) =>
      appendFileSync(
        join(dir, 'content/restaurants.yaml'),
        "\n- id: ce-shi-jia-can-ting\n  signName: 重复\n  registeredName: 重复店\n  address: 地址\n  town: '120114001'\n" +
          '  businessType: 快餐\n  sample: false\n',
      ),
  },
  listCase(
    'follow-up-unknown-issue',
    'content/redblack/follow-ups.yaml',
    11,
    '2099-01',
    "issue: '2024-01'",
    "issue: '2099-01'",
  ),
  listCase(
    'follow-up-result',
    'content/redblack/follow-ups.yaml',
    14,
    '复查结果',
    'result: 复查合格',
    'result: 合格了',
  ),
];

/**
 * A progress report (content/progress/<name>.yaml): plan on line 1, task 2, date 3, department 4, status 5, text 6;
 * `extra` from line 7. Valid but for the mistake, as a department would file it in the editor.
 */
function progressCase(
  name: string,
  fields: { plan?: number; task?: number; date?: string; department?: string; status?: string },
  extra: string,
  line: number,
  message: string,
): BadCase {
  const file = `content/progress/bad-${name}.yaml`;
  const report = {
    plan: 2030,
    task: 4,
    date: '2030-08-01',
    department: 'market-regulation',
    status: '推进中',
    ...fields,
  };
  const text =
    `plan: ${report.plan}\ntask: ${report.task}\ndate: ${report.date}\ndepartment: ${report.department}\n` +
    `status: ${report.status}\ntext: 测试进展说明。\n${extra}`;
  return { name, file, line, message, apply: (dir) => write(dir, file, text) };
}

/** Bad progress reports: refused by check:content, the build and the editor (tests/content/progress-editor.test.ts). */
export const PROGRESS_CASES: readonly BadCase[] = [
  progressCase('progress-unknown-plan', { plan: 2029 }, '', 1, '没有 2029 年的计划'),
  progressCase('progress-unknown-task', { task: 9 }, '', 2, '2030 年计划没有第 9 项任务'),
  progressCase('progress-date-before-year', { date: '2029-12-31' }, '', 3, '不在 2030 年计划的报告期内'),
  progressCase('progress-date-after-period', { date: '2031-04-01' }, '', 3, '不在 2030 年计划的报告期内'),
  progressCase('progress-date-impossible', { date: '2030-02-30' }, '', 3, '不是真实存在的日期'),
  progressCase(
    'progress-department-not-named',
    { department: 'health' },
    '',
    4,
    '不是任务（四）推进明厨亮灶建设原文列明',
  ),
  progressCase('progress-department-unknown', { department: 'space-agency' }, '', 4, '“space-agency”不是任务（四）'),
  progressCase('progress-status-unknown', { status: '已完工' }, '', 5, '应为以下之一：未启动、推进中、已完成、未完成'),
  progressCase('progress-not-done-without-reason', { status: '未完成' }, '', 5, '状态为“未完成”时必须写明原因'),
  // Task 1 was reported 已完成 on 2030-03-20 (tests/fixtures/site/content/progress/).
  progressCase(
    'progress-backwards-without-reason',
    { task: 1, department: 'food-safety-office', date: '2030-04-01' },
    '',
    5,
    '现在改为“推进中”，必须写明原因',
  ),
  progressCase(
    'progress-back-to-not-started',
    { task: 1, department: 'townships', date: '2030-05-01', status: '未启动' },
    '',
    5,
    '现在改为“未启动”，必须写明原因',
  ),
  progressCase(
    'progress-figure-wrong-unit',
    { task: 5 },
    'figures:\n  - target: 2030-sampling-batches\n    value: 500\n    unit: 件\n',
    10,
    '单位应为量化目标的单位“批次”',
  ),
  progressCase(
    'progress-figure-other-task',
    {},
    'figures:\n  - target: 2030-sampling-batches\n    value: 500\n',
    8,
    '属于 2030 年计划第 5 项任务',
  ),
  progressCase(
    'progress-figure-unknown-target',
    { task: 5 },
    'figures:\n  - target: no-such-target\n    value: 500\n',
    8,
    '没有编号为“no-such-target”的量化目标',
  ),
  progressCase(
    'progress-percent-over-100',
    { task: 3, department: 'education' },
    'figures:\n  - target: 2030-canteen-sample-rate\n    value: 120\n',
    9,
    '百分比不能超过 100',
  ),
  progressCase(
    'progress-figure-as-text',
    { task: 5 },
    "figures:\n  - target: 2030-sampling-batches\n    value: '500批次'\n",
    9,
    '数字',
  ),
  progressCase('progress-corrects-missing', {}, 'corrects: no-such-report\n', 7, '没有“no-such-report.yaml”这份报告'),
  progressCase('progress-article-draft', {}, 'articles:\n  - draft-article\n', 8, '尚未公开'),
  progressCase(
    'progress-attachment-missing',
    {},
    'attachments:\n  - title: 证明\n    file: /files/2025/no-such-file.pdf\n',
    9,
    '文件不存在',
  ),
  progressCase('progress-unknown-field', {}, 'percent: 50\n', 7, 'percent'),
];

export const BAD_CONTENT: readonly BadCase[] = [
  ...ARTICLE_BODIES,
  ...ARTICLE_FIELDS,
  ...ISSUES,
  ...CAMPAIGNS,
  ...PLANS,
  ...LISTS,
  ...PROGRESS_CASES,
];

/**
 * Groups the cases into copies of the fixture site: cases that each add their own file share one copy; every case
 * that changes a shared file gets a copy with the others of its kind that change other files.
 */
export function batches(cases: readonly BadCase[]): BadCase[][] {
  const groups: BadCase[][] = [];
  for (const badCase of cases) {
    const group = groups.find((candidate) => candidate.every((other) => other.file !== badCase.file));
    if (group) group.push(badCase);
    else groups.push([badCase]);
  }
  return groups;
}
