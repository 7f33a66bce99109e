import { z } from 'astro/zod';
import { isoDateSchema, slugSchema, textSchema } from './common.ts';

/** A task's progress, as a report states it. */
export const PROGRESS_STATUSES = ['未启动', '推进中', '已完成', '未完成'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/**
 * 进展报告 — one report by one department on one task of a plan: content/progress/<id>.yaml, one file per report.
 * A report is never rewritten once published (the writer refuses it, src/lib/content/check-change.ts); a correction
 * is a new report naming the one it corrects. Rules across files (the department is one the task names, figures
 * against the task's targets, dates in the plan's reporting period) are in src/lib/plan/progress-rules.ts.
 */
export const progressReportSchema = z
  .object({
    plan: z.number().int().min(2000).max(2100).describe('计划年份'),
    task: z.number().int().min(1).describe('任务序号'),
    date: isoDateSchema.describe('报告日期'),
    department: slugSchema.describe('报告单位'),
    status: z.enum(PROGRESS_STATUSES, { error: `应为以下之一：${PROGRESS_STATUSES.join('、')}` }).describe('进展状态'),
    text: textSchema.describe('进展说明'),
    reason: textSchema.optional().describe('原因'),
    corrects: slugSchema.optional().describe('更正的报告'),
    figures: z
      .array(
        z
          .object({
            target: slugSchema.describe('量化目标'),
            value: z.number().min(0, '不能是负数').describe('完成数值'),
            // Optional: the unit is the target's (content/targets.yaml); when written, it must be exactly that one.
            unit: textSchema.optional().describe('单位'),
          })
          .strict(),
      )
      .default([])
      .describe('完成数据'),
    articles: z.array(slugSchema).default([]).describe('相关文章'),
    attachments: z
      .array(
        z
          .object({
            title: textSchema.describe('材料名称'),
            file: z
              .string()
              .regex(/^\/files\/[\w./-]+\.[a-z0-9]+$/, '应为 public/files/ 下的文件，例如 /files/2023/notice.pdf')
              .describe('材料文件'),
          })
          .strict(),
      )
      .default([])
      .describe('证明材料'),
    sample: z.boolean().default(false).describe('示例数据'),
  })
  .strict();

export type ProgressReportData = z.infer<typeof progressReportSchema>;

/** A checked report with its id (the file name without .yaml) and file. */
export const progressEntrySchema = progressReportSchema.extend({ id: z.string(), file: z.string() });
export type ProgressReport = z.infer<typeof progressEntrySchema>;
