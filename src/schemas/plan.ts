import { z } from 'astro/zod';
import { textSchema } from './common.ts';

/** meta.yaml beside a plan's verbatim text. */
export const planMetaSchema = z
  .object({
    year: z.number().int().min(2000).max(2100).describe('年份'),
    source: textSchema.describe('来源说明'),
    /**
     * Corrections to how /plan/<year>/changes/ pairs this plan's tasks with the previous plan's (by title and text
     * similarity, src/lib/plan/changes.ts): `previous: 0` says the task is new.
     */
    matches: z
      .array(
        z
          .object({
            task: z.number().int().min(1).describe('本计划任务序号'),
            previous: z.number().int().min(0).describe('上一年计划任务序号（0 表示新增）'),
          })
          .strict(),
      )
      .default([])
      .describe('任务对应关系'),
  })
  .strict();

export type PlanMeta = z.infer<typeof planMetaSchema>;

const roleSchema = z.enum(['lead', 'responsible', 'shared', 'support']);

/** The structure derived from the text by the parser (src/lib/plan/parse.ts). */
export const planSchema = planMetaSchema.extend({
  notice: z.object({
    title: z.string(),
    addressees: z.string(),
    body: z.array(z.string()),
    issuer: z.string(),
    dateText: z.string(),
    date: z.string(),
    disclosure: z.string().nullable(),
  }),
  title: z.string(),
  opening: z.array(z.string()),
  chapters: z.array(z.object({ number: z.number(), label: z.string(), title: z.string(), tasks: z.array(z.number()) })),
  tasks: z.array(
    z.object({
      number: z.number(),
      label: z.string(),
      title: z.string(),
      chapter: z.number(),
      text: z.string(),
      clauses: z.array(
        z.object({
          text: z.string(),
          assignmentText: z.string().nullable(),
          units: z.array(z.object({ name: z.string(), role: roleSchema })),
          andRelatedDepartments: z.boolean(),
        }),
      ),
    }),
  ),
  /** Path of the text file, for error messages. */
  textFile: z.string(),
});

export type Plan = z.infer<typeof planSchema>;
