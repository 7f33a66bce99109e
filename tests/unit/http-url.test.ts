import { describe, expect, it } from 'vitest';
import { formatProblem, validateEntry } from '../../src/lib/content-errors.ts';
import { campaignSchema } from '../../src/schemas/campaign.ts';
import { httpUrlSchema, isHttpUrl } from '../../src/schemas/common.ts';

const MESSAGE = '网址应以 http:// 或 https:// 开头，中间不能有空格，例如 https://example.gov.cn/';

describe('httpUrlSchema', () => {
  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example',
    '/campaign/2022/',
    'example.gov.cn',
    'https:example.gov.cn',
    'https://',
    'ftp://example.gov.cn/',
    'https://example.gov.cn/a b',
    'https://example.gov.cn/\u3000',
    ' https://example.gov.cn/',
    'https://example.gov.cn/\u0000',
    '',
  ])('rejects %j', (text) => {
    expect(isHttpUrl(text)).toBe(false);
    const result = httpUrlSchema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(MESSAGE);
  });

  it.each(['https://ok.example/a?b', 'http://example.gov.cn/', 'HTTPS://Example.gov.cn/通知.html#第一条'])(
    'accepts %j and keeps it as written',
    (text) => {
      expect(isHttpUrl(text)).toBe(true);
      expect(httpUrlSchema.parse(text)).toBe(text);
    },
  );

  it('guards the campaign notice link, with the field named in Chinese', () => {
    const campaign = {
      year: 2022,
      nationalTheme: '共创食安新发展 共享美好新生活',
      startDate: '2022-09-19',
      endDate: '2022-09-25',
      organisers: ['food-safety-office'],
      sample: true,
      notice: { title: '通知', issuer: '区食安办', date: '2022-09-01', url: 'javascript:alert(1)' },
    };
    const where = { file: 'content/campaigns/2022.mdx', entry: '2022' };
    const problems = validateEntry(campaignSchema, campaign, where).problems.map(formatProblem);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`字段“原文链接”（notice.url）：${MESSAGE}`);
    const ok = { ...campaign, notice: { ...campaign.notice, url: 'https://example.gov.cn/notice.html' } };
    expect(validateEntry(campaignSchema, ok, where).problems).toEqual([]);
  });
});
