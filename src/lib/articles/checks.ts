/**
 * Rules for articles that staff write by hand, checked both by the build and by
 * `npm run check:content`: every problem names the file, the line and the field, in Chinese.
 */
import type { ContentProblem } from '../content-errors.ts';

/** Splits an MDX file into front matter and body, remembering where the body starts. */
export function splitFrontMatter(text: string): { frontMatter: string; body: string; bodyStartLine: number } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { frontMatter: '', body: text, bodyStartLine: 1 };
  return { frontMatter: match[1]!, body: text.slice(match[0].length), bodyStartLine: match[0].split('\n').length };
}

/** The line (1-based, in the whole file) of a top-level front-matter field, or undefined. */
export function frontMatterLine(text: string, field: string): number | undefined {
  const lines = text.split('\n');
  for (let index = 1; index < lines.length; index += 1) {
    if (lines[index]!.startsWith('---')) return undefined;
    if (lines[index]!.startsWith(`${field}:`)) return index + 1;
  }
  return undefined;
}

/** What the checks need to know about the rest of the site. */
export interface ArticleContext {
  /** Every page address on the site, with trailing slashes: /plan/2022/tasks/5/ … */
  paths: ReadonlySet<string>;
  /** Category ids. */
  categories: ReadonlySet<string>;
  /** Whether a public address such as /files/2023/notice.pdf has a file under public/. */
  fileExists: (publicPath: string) => boolean;
  /** Whether a file exists beside the articles, e.g. images/cover.jpg under content/articles/. */
  articleFileExists: (relativePath: string) => boolean;
}

/** The parts of an article's front matter the cross-checks need. */
export interface ArticleFields {
  category: string;
  tasks: readonly string[];
  attachments: ReadonlyArray<{ file: string }>;
  cover?: { src: string } | undefined;
}

const DANGEROUS: ReadonlyArray<[RegExp, string]> = [
  [/<script\b/i, '文章中不能使用 <script>：脚本会带来安全风险。需要互动功能请联系网站技术人员。'],
  [/<iframe\b/i, '文章中不能嵌入 <iframe>：它会从其他网站加载内容。请改用文字链接。'],
  [/<[a-z][^>]*\son[a-z]+\s*=/i, '文章中不能使用 onclick 等事件属性：它们是脚本。请删除这个属性。'],
];

/** Normalises a site address for lookup: no query or fragment, trailing slash for pages. */
function normalisePath(href: string): string {
  const path = href.split(/[?#]/)[0]!;
  return /\.[a-z0-9]+$/i.test(path) || path.endsWith('/') ? path : `${path}/`;
}

/**
 * Checks one article file.
 * @param file path relative to the project, e.g. content/articles/cold-chain.mdx
 * @param text the whole file
 * @param fields its validated front matter
 */
export function checkArticle(
  file: string,
  text: string,
  fields: ArticleFields,
  context: ArticleContext,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const at = (line: number | undefined, field: string | undefined, fieldLabel: string | undefined, message: string) =>
    problems.push({ file, ...(line ? { line } : {}), ...(field ? { field, fieldLabel } : {}), message });

  if (!context.categories.has(fields.category)) {
    at(
      frontMatterLine(text, 'category'),
      'category',
      '栏目',
      `没有编号为“${fields.category}”的栏目。可用：${[...context.categories].join('、')}（见 content/article-categories.yaml）。`,
    );
  }
  fields.tasks.forEach((task, index) => {
    const [year, number] = task.split('-');
    if (!context.paths.has(`/plan/${year}/tasks/${Number(number)}/`)) {
      at(
        frontMatterLine(text, 'tasks'),
        `tasks.${index}`,
        '相关任务',
        `没有“${task}”这项任务：${year} 年计划中没有第 ${Number(number)} 项任务，或没有 ${year} 年的计划。`,
      );
    }
  });
  if (fields.cover && !context.articleFileExists(fields.cover.src.replace(/^\.\//, ''))) {
    at(
      frontMatterLine(text, 'cover'),
      'cover.src',
      '封面图',
      `图片不存在：content/articles/${fields.cover.src.replace(/^\.\//, '')}。`,
    );
  }
  fields.attachments.forEach((attachment, index) => {
    if (!context.fileExists(attachment.file)) {
      at(
        frontMatterLine(text, 'attachments'),
        `attachments.${index}.file`,
        '附件文件',
        `文件不存在：public${attachment.file}。`,
      );
    }
  });

  const { body, bodyStartLine } = splitFrontMatter(text);
  body.split('\n').forEach((content, index) => {
    const line = bodyStartLine + index;
    for (const [pattern, message] of DANGEROUS) if (pattern.test(content)) at(line, undefined, undefined, message);
    for (const match of content.matchAll(/!\[([^\]]*)\]\(([^)\s]*)\)/g)) {
      if (match[1]!.trim() === '')
        at(
          line,
          undefined,
          undefined,
          `图片“${match[2]}”缺少替代文字：请在 ![ ] 的方括号里写一句话说明图片内容，供看不见图片的读者使用。`,
        );
      if (match[2]!.startsWith('/') && !context.fileExists(match[2]!))
        at(line, undefined, undefined, `图片文件不存在：public${match[2]}。`);
    }
    for (const match of content.matchAll(/<(Figure|img)\b([^>]*)>/g)) {
      const alt = /\balt=(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\})/.exec(match[2]!);
      if (!alt || (alt[1] ?? alt[2] ?? alt[3] ?? '').trim() === '')
        at(line, undefined, undefined, `<${match[1]}> 缺少替代文字 alt：请写一句话说明图片内容。`);
    }
    // Links, not images (![…](…)), which are checked above.
    const links = [
      ...content.matchAll(/(?<!!)\[[^\]]*\]\((\/[^)\s]*)\)/g),
      ...content.matchAll(/\bhref=["'](\/[^"']*)["']/g),
    ].map((match) => match[1]!);
    for (const href of links) {
      if (!context.paths.has(normalisePath(href)) && !context.fileExists(normalisePath(href))) {
        at(
          line,
          undefined,
          undefined,
          `站内链接“${href}”指向不存在的页面。请检查网址，或在网站地图 /sitemap/ 中找到正确的网址。`,
        );
      }
    }
    for (const match of content.matchAll(/<TaskCard\b([^>]*)\/?>/g)) {
      const task = /\btask=\{(\d+)\}/.exec(match[1]!)?.[1];
      const plan = /\bplan=\{(\d{4})\}/.exec(match[1]!)?.[1];
      if (!task || !plan)
        at(line, undefined, undefined, '<TaskCard> 需要写明 plan 和 task，例如 <TaskCard plan={2022} task={5} />。');
      else if (!context.paths.has(`/plan/${plan}/tasks/${task}/`))
        at(line, undefined, undefined, `<TaskCard>：${plan} 年计划中没有第 ${task} 项任务。`);
    }
    for (const match of content.matchAll(/<DownloadCard\b([^>]*)\/?>/g)) {
      const file = /\bfile=["']([^"']+)["']/.exec(match[1]!)?.[1];
      if (!file) at(line, undefined, undefined, '<DownloadCard> 需要写明 file，例如 file="/files/2023/notice.pdf"。');
      else if (!context.fileExists(file)) at(line, undefined, undefined, `<DownloadCard>：文件不存在：public${file}。`);
    }
  });
  return problems;
}
