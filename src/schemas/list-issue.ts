import { z } from 'astro/zod';
import { isoDateSchema, slugSchema, textSchema } from './common.ts';

/** Which list an entry is on. */
export const LISTS = ['红榜', '黑榜'] as const;
export type ListName = (typeof LISTS)[number];

/**
 * One restaurant's entry in an issue. Rules across fields (a 黑榜 entry needs measures …) are in
 * src/lib/redblack/rules.ts.
 */
export const listEntrySchema = z
  .object({
    restaurant: slugSchema.describe('餐厅编号'),
    list: z.enum(LISTS, { error: '应为“红榜”或“黑榜”' }).describe('榜单'),
    inspectedOn: isoDateSchema.describe('检查日期'),
    reasons: z.array(textSchema).default([]).describe('上榜理由'),
    measures: z.array(textSchema).default([]).describe('处理措施'),
    deadline: isoDateSchema.optional().describe('整改期限'),
  })
  .strict();

/**
 * 红黑榜 一期 — the front matter of content/redblack/<year>-<nn>.mdx. The introduction is the plain-text `intro`
 * (the importer writes data only, never MDX); a body written by hand is still shown after it.
 */
export const listIssueSchema = z
  .object({
    year: z.number().int().min(2020).max(2100).describe('年份'),
    number: z.number().int().min(1).max(99).describe('期次'),
    publishedOn: isoDateSchema.describe('发布日期'),
    theme: textSchema.describe('主题'),
    area: textSchema.describe('检查片区'),
    // Plain text, shown escaped; paragraphs are separated by blank lines.
    intro: textSchema.optional().describe('导语'),
    participants: z.array(textSchema).default([]).describe('参与人员'),
    source: slugSchema.describe('发布单位'),
    sample: z.boolean().describe('示例数据'),
    entries: z.array(listEntrySchema).min(1, '至少需要一条上榜记录').describe('上榜记录'),
  })
  .strict();

export type ListIssue = z.infer<typeof listIssueSchema>;
export type ListEntry = z.infer<typeof listEntrySchema>;

/** Results of a re-inspection (复查). */
export const FOLLOW_UP_RESULTS = ['整改中', '复查合格', '复查不合格'] as const;

/** 复查 — a later re-inspection of a 黑榜 entry, kept apart so the original entry is never rewritten. */
export const followUpSchema = z
  .object({
    id: slugSchema.describe('编号'),
    issue: z
      .string()
      .regex(/^\d{4}-\d{2}$/, '应写成“年份-两位期次”，例如 2022-03')
      .describe('所属期次'),
    restaurant: slugSchema.describe('餐厅编号'),
    date: isoDateSchema.describe('复查日期'),
    result: z.enum(FOLLOW_UP_RESULTS, { error: `应为以下之一：${FOLLOW_UP_RESULTS.join('、')}` }).describe('复查结果'),
    note: textSchema.optional().describe('说明'),
  })
  .strict();

export type FollowUp = z.infer<typeof followUpSchema>;
