import { z } from 'astro/zod';

/** A stable id used in public addresses: lower-case letters, digits and hyphens. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '只能使用小写英文字母、数字和连字符“-”，例如 market-regulation');

/** Non-empty text after trimming. */
export const textSchema = z.string().trim().min(1, '不能为空');
