/**
 * Rules for an article's front matter that look beyond its own fields (its category, related tasks, cover and
 * attachments exist). Run by the content pipeline (src/lib/content/pipeline.ts); the body's rules are in
 * src/lib/content/mdx.ts. Every problem names the file and the field, in Chinese; the pipeline adds the field's line
 * from its own reading of the front matter (there is no second reader here).
 */
import type { ImageSize } from '../image-size.ts';
import type { ContentProblem } from '../content-errors.ts';

/** What the checks need to know about the rest of the site. */
export interface ArticleContext {
  /** Every page address on the site, with trailing slashes: /plan/2022/tasks/5/ … */
  paths: ReadonlySet<string>;
  /** Category ids. */
  categories: ReadonlySet<string>;
  /**
   * Why an attachment's address (/files/2023/notice.pdf) cannot be offered, or null: it must be exactly an existing
   * file under public/files/ (src/lib/content/public-files.ts, attachmentProblem).
   */
  attachmentProblem: (publicPath: string) => string | null;
  /** Whether a file exists beside the articles, e.g. images/cover.jpg under content/articles/. */
  articleFileExists: (relativePath: string) => boolean;
  /** The pixel size of an existing image beside the articles; null when it cannot be read as PNG, JPEG or WebP. */
  articleImageSize: (relativePath: string) => ImageSize | null;
}

/**
 * The narrowest cover picture, in pixels. A cover spans the article's column: up to 62rem (1,116 px at the default
 * text size, 1,364 px in 长者模式) on a computer, and a phone's screen at two to three device pixels per CSS pixel
 * (about 1,000 px on a 412 px-wide phone). A narrower picture is stretched and looks blurred.
 */
export const MIN_COVER_WIDTH = 1200;

/** What is wrong with a cover picture (missing, unreadable, too narrow), or null. */
function coverProblem(cover: string, context: ArticleContext): string | null {
  if (!context.articleFileExists(cover)) return `图片不存在：content/articles/${cover}。`;
  const size = context.articleImageSize(cover);
  if (!size) {
    return `无法读取图片 content/articles/${cover}：文件不是有效的 PNG、JPEG 或 WebP 图片，请重新导出或换一张。`;
  }
  if (size.width < MIN_COVER_WIDTH) {
    return (
      `封面图 content/articles/${cover} 只有 ${size.width} 像素宽，在手机和电脑上都会被拉大而模糊。` +
      `请换一张至少 ${MIN_COVER_WIDTH} 像素宽的图片（手机拍的照片一般都够）。`
    );
  }
  return null;
}

/** The parts of an article's front matter the cross-checks need. */
export interface ArticleFields {
  category: string;
  tasks: readonly string[];
  attachments: ReadonlyArray<{ file: string }>;
  cover?: { src: string } | undefined;
}

/**
 * Checks one article's front matter against the rest of the site (its file name is checked with every MDX file's,
 * by the pipeline: mdxFileNameProblem).
 * @param file path relative to the project, e.g. content/articles/cold-chain.mdx
 * @param fields its validated front matter
 * @returns problems naming the file and the field; the pipeline gives each the line of its field
 */
export function checkArticle(file: string, fields: ArticleFields, context: ArticleContext): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const at = (field: string | undefined, fieldLabel: string | undefined, message: string) =>
    problems.push({ file, ...(field ? { field, fieldLabel } : {}), message });

  if (!context.categories.has(fields.category)) {
    at(
      'category',
      '栏目',
      `没有编号为“${fields.category}”的栏目。可用：${[...context.categories].join('、')}（见 content/article-categories.yaml）。`,
    );
  }
  fields.tasks.forEach((task, index) => {
    const [year, number] = task.split('-');
    if (!context.paths.has(`/plan/${year}/tasks/${Number(number)}/`)) {
      at(
        `tasks.${index}`,
        '相关任务',
        `没有“${task}”这项任务：${year} 年计划中没有第 ${Number(number)} 项任务，或没有 ${year} 年的计划。`,
      );
    }
  });
  const cover = fields.cover?.src.replace(/^\.\//, '');
  const coverMistake = cover ? coverProblem(cover, context) : null;
  if (coverMistake) at('cover.src', '封面图', coverMistake);
  fields.attachments.forEach((attachment, index) => {
    const problem = context.attachmentProblem(attachment.file);
    if (problem) at(`attachments.${index}.file`, '附件文件', problem);
  });

  return problems;
}
