import { z } from 'astro/zod';
import { slugSchema, textSchema } from './common.ts';
import { parseIsoDate } from '../lib/dates.ts';

/** 栏目 — an article category, from content/article-categories.yaml. */
export const articleCategorySchema = z
  .object({
    id: slugSchema.describe('编号'),
    name: textSchema.describe('名称'),
    description: textSchema.describe('说明'),
  })
  .strict();

export type ArticleCategory = z.infer<typeof articleCategorySchema>;

/** Publication date and time, Beijing time, written 'YYYY-MM-DD HH:MM'. */
export const dateTimeSchema = z
  .string({ error: "应写成 'YYYY-MM-DD HH:MM'（加英文单引号），例如 '2023-03-01 09:30'" })
  .regex(/^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d$/, "应写成 'YYYY-MM-DD HH:MM'，例如 '2023-03-01 09:30'")
  // Only a well-formed value can be an impossible date; a malformed one has its own message above.
  .refine(
    (text) => !/^\d{4}-\d{2}-\d{2} /.test(text) || parseIsoDate(text.slice(0, 10)) !== null,
    '不是真实存在的日期',
  );

/** 文章 — front matter of content/articles/<slug>.mdx; the MDX body is the article. */
export const articleSchema = z
  .object({
    title: textSchema.max(40, '标题不超过 40 个字').describe('标题'),
    summary: textSchema.max(120, '摘要不超过 120 个字').describe('摘要'),
    publishedAt: dateTimeSchema.describe('发布时间'),
    category: slugSchema.describe('栏目'),
    tags: z.array(textSchema).default([]).describe('标签'),
    source: textSchema.describe('来源'),
    author: textSchema.optional().describe('作者'),
    tasks: z
      .array(
        z
          .string()
          .regex(/^\d{4}-\d{1,2}$/, "应写成 '年份-任务序号'，例如 '2022-5'")
          // '2022-05' and '2022-5' are the same task.
          .transform((text) => text.replace(/-0(\d)$/, '-$1')),
      )
      .default([])
      .describe('相关任务'),
    cover: z
      .object({
        src: z
          .string()
          .regex(
            // The web editor writes images/…, staff by hand ./images/…: the same file.
            /^(?:\.\/)?images\/[\w.-]+\.(?:png|jpe?g|webp)$/,
            '应为本文件旁 images 目录下的图片，例如 ./images/cover.jpg',
          )
          .describe('图片'),
        alt: textSchema.describe('图片说明（替代文字）'),
      })
      .strict()
      .optional()
      .describe('封面图'),
    attachments: z
      .array(
        z
          .object({
            title: textSchema.describe('附件名称'),
            file: z
              .string()
              .regex(/^\/files\/[\w./-]+\.[a-z0-9]+$/, '应为 public/files/ 下的文件，例如 /files/2023/notice.pdf')
              .describe('附件文件'),
          })
          .strict(),
      )
      .default([])
      .describe('附件'),
    sample: z.boolean().default(false).describe('示例数据'),
    draft: z.boolean().default(false).describe('草稿'),
  })
  .strict();

export type Article = z.infer<typeof articleSchema>;
