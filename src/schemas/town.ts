import { z } from 'astro/zod';
import { textSchema } from './common.ts';

/** 镇街 — one of Wuqing's 30 township-level units, by its 9-digit statistical code. */
export const townSchema = z
  .object({
    id: z
      .string()
      .regex(/^120114\d{3}$/, '应为以 120114 开头的 9 位统计用区划代码，例如 120114001')
      .describe('区划代码'),
    name: textSchema.describe('名称'),
    kind: z.enum(['street', 'town']).describe('类别'),
  })
  .strict();

export type Town = z.infer<typeof townSchema>;

export const TOWN_KIND_LABELS: Record<Town['kind'], string> = { street: '街道', town: '镇' };
