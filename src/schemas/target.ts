import { z } from 'astro/zod';
import { slugSchema, textSchema } from './common.ts';

/** 量化目标 — a quantitative target set by a plan task, with the phrase it is quoted from. */
export const targetSchema = z
  .object({
    id: slugSchema.describe('编号'),
    plan: z.number().int().min(2000).max(2100).describe('计划年份'),
    task: z.number().int().min(1).describe('任务序号'),
    label: textSchema.describe('指标名称'),
    value: z.number().positive().describe('数值'),
    unit: textSchema.describe('单位'),
    comparator: z.enum(['about', 'atLeast', 'moreThan', 'exact', 'per']).describe('比较方式'),
    phrase: textSchema.describe('原文短语'),
  })
  .strict();

export type Target = z.infer<typeof targetSchema>;
