import { z } from 'astro/zod';
import { slugSchema, textSchema } from './common.ts';

/** 部门 — a unit named in a plan. */
export const departmentSchema = z
  .object({
    id: slugSchema.describe('编号'),
    name: textSchema.describe('名称（按计划原文）'),
    aliases: z.array(textSchema).default([]).describe('别名'),
    fullName: textSchema.optional().describe('正式全称'),
    kind: z.enum(['department', 'group', 'township']).describe('类别'),
    summary: textSchema.optional().describe('简介'),
  })
  .strict();

export type Department = z.infer<typeof departmentSchema>;

/** How each kind is named on the site. */
export const DEPARTMENT_KIND_LABELS: Record<Department['kind'], string> = {
  department: '区级部门',
  group: '单位集合',
  township: '镇街',
};
