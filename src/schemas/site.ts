import { z } from 'astro/zod';
import { codeSchema, textSchema } from './common.ts';

/**
 * 网站信息 — content/site.yaml: the footer details Chinese government sites show, and what /privacy/ and
 * /.well-known/security.txt need from the hosting unit. A field left out has not been given to the project yet: the
 * site shows 待提供 instead of inventing it. Registration codes are issued by the authorities: fill them in only from
 * the official certificates.
 */
export const siteSettingsSchema = z
  .object({
    sponsor: textSchema.optional().describe('主办单位'),
    organizer: textSchema.optional().describe('承办单位'),
    phone: codeSchema(textSchema).optional().describe('联系电话'),
    email: z.email('应为电子邮箱地址，例如 name@example.gov.cn').optional().describe('电子邮箱'),
    address: textSchema.optional().describe('通信地址'),
    governmentSiteCode: codeSchema(textSchema).optional().describe('政府网站标识码'),
    icpLicence: codeSchema(textSchema).optional().describe('ICP备案号'),
    publicSecurityRecord: codeSchema(textSchema).optional().describe('公安备案号'),
    securityContact: codeSchema(
      z
        .string()
        .regex(
          /^(mailto:\S+@\S+|https:\/\/\S+|tel:\+?[\d-]+)$/,
          '应以 mailto:、https:// 或 tel: 开头，例如 mailto:security@example.gov.cn',
        ),
    )
      .optional()
      .describe('安全问题联系方式'),
    serverLogRetention: textSchema.optional().describe('访问日志保存期限'),
  })
  .strict();

export type SiteSettings = z.infer<typeof siteSettingsSchema>;
