import { z } from 'astro/zod';
import { codeSchema, slugSchema, textSchema } from './common.ts';

/** Business types (业态) as the lists name them. */
export const BUSINESS_TYPES = [
  '正餐',
  '快餐',
  '小吃',
  '饮品',
  '糕点',
  '火锅',
  '食堂',
  '集体用餐配送',
  '中央厨房',
] as const;

/**
 * 食品经营许可证编号: JY, one digit for the kind of operator, then 13 digits
 * (6 for the administrative division, 6 for the sequence, 1 check digit).
 */
export const LICENCE_PATTERN = /^JY[1-3]\d{13}$/;

/** 餐厅 — a food business that has appeared on a red or black list. */
export const restaurantSchema = z
  .object({
    id: slugSchema.describe('编号'),
    signName: textSchema.describe('牌匾名称'),
    registeredName: textSchema.describe('营业执照名称'),
    address: textSchema.describe('经营地址'),
    town: z.string().describe('所在镇街'),
    businessType: z.enum(BUSINESS_TYPES, { error: `应为以下之一：${BUSINESS_TYPES.join('、')}` }).describe('业态'),
    licence: codeSchema(
      z.string().regex(LICENCE_PATTERN, '应为“JY”加 14 位数字，例如餐饮服务为 JY2 开头：JY21201140012345'),
    )
      .optional()
      .describe('食品经营许可证编号'),
    grade: z.enum(['A', 'B', 'C'], { error: '应为 A、B 或 C' }).optional().describe('量化分级'),
    sample: z.boolean().describe('示例数据'),
  })
  .strict();

export type Restaurant = z.infer<typeof restaurantSchema>;
