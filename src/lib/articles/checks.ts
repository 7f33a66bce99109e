/**
 * Rules for an article's front matter that look beyond its own fields (its category, related tasks, cover and
 * attachments exist). Run by the content pipeline (src/lib/content/pipeline.ts); the body's rules are in
 * src/lib/content/mdx.ts. Every problem names the file, the line and the field, in Chinese.
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

/**
 * Checks one article's front matter against the rest of the site.
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

  return problems;
}
