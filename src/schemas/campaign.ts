import { z } from 'astro/zod';
import { httpUrlSchema, isoDateSchema, slugSchema, textSchema } from './common.ts';

/** Activity categories, as task 二十三 words them, plus the main event and the themed days. */
export const EVENT_CATEGORIES = ['主场活动', '主题日', '进农村', '进社区', '进学校', '进企业', '其他'] as const;

/** Kinds of downloadable material. */
export const MATERIAL_KINDS = ['海报', '折页', '展板', '视频', '课件', '其他'] as const;

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间应写成 24 小时制 HH:MM，例如 09:30');

/** 宣传活动 — one activity of the week. */
export const campaignEventSchema = z
  .object({
    id: slugSchema.describe('编号'),
    date: isoDateSchema.describe('日期'),
    startTime: timeSchema.describe('开始时间'),
    endTime: timeSchema.optional().describe('结束时间'),
    title: textSchema.describe('活动名称'),
    organiser: slugSchema.describe('主办单位'),
    place: textSchema.describe('地点'),
    town: z.string().describe('所在镇街'),
    category: z.enum(EVENT_CATEGORIES, { error: `应为以下之一：${EVENT_CATEGORIES.join('、')}` }).describe('类别'),
    description: textSchema.describe('简介'),
  })
  .strict();

/** 宣传资料 — a downloadable file under public/. */
export const materialSchema = z
  .object({
    id: slugSchema.describe('编号'),
    title: textSchema.describe('资料名称'),
    kind: z.enum(MATERIAL_KINDS, { error: `应为以下之一：${MATERIAL_KINDS.join('、')}` }).describe('类型'),
    file: z
      .string()
      .regex(
        /^\/materials\/[\w./-]+\.[a-z0-9]+$/,
        '应为 public/ 下的文件地址，以 /materials/ 开头，例如 /materials/2022/poster.pdf',
      )
      .describe('文件'),
    description: textSchema.describe('说明'),
  })
  .strict();

/** 宣传周 — one year's food-safety publicity week: content/campaigns/<year>.mdx; the MDX body is its introduction. */
export const campaignSchema = z
  .object({
    year: z.number().int().min(2000).max(2100).describe('年份'),
    nationalTheme: textSchema.describe('全国主题'),
    localTheme: textSchema.optional().describe('本区主题'),
    startDate: isoDateSchema.describe('开始日期'),
    endDate: isoDateSchema.describe('结束日期'),
    organisers: z.array(slugSchema).min(1, '至少需要一个组织单位').describe('组织单位'),
    sample: z.boolean().describe('示例数据'),
    notice: z
      .object({
        title: textSchema.describe('通知标题'),
        issuer: textSchema.describe('发文单位'),
        date: isoDateSchema.describe('发文日期'),
        url: httpUrlSchema.optional().describe('原文链接'),
      })
      .strict()
      .optional()
      .describe('活动通知'),
    recap: z
      .object({
        summary: textSchema.describe('总结'),
        figures: z
          .array(
            z
              .object({
                label: textSchema.describe('项目'),
                value: z.number().nonnegative().describe('数值'),
                unit: textSchema.describe('单位'),
              })
              .strict(),
          )
          .default([])
          .describe('数据'),
      })
      .strict()
      .optional()
      .describe('活动回顾'),
    events: z.array(campaignEventSchema).default([]).describe('活动'),
    materials: z.array(materialSchema).default([]).describe('宣传资料'),
  })
  .strict();

export type Campaign = z.infer<typeof campaignSchema>;
export type CampaignEvent = z.infer<typeof campaignEventSchema>;
export type Material = z.infer<typeof materialSchema>;
