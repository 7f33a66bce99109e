import type { APIRoute } from 'astro';
import { getRedBlackData } from '../../data/redblack-data.ts';
import { renderRss } from '../../lib/rss.ts';
import { countEntries } from '../../lib/redblack/stats.ts';
import { issueLabel } from '../../lib/redblack/status.ts';
import { listIssueUrl, redBlackUrl } from '../../lib/urls.ts';

export const GET: APIRoute = async ({ site }) => {
  const { issues } = await getRedBlackData();
  const absolute = (path: string) => new URL(path, site).href;
  const xml = renderRss({
    title: '武清区随机查餐厅红黑榜',
    link: absolute(redBlackUrl),
    self: absolute('/redblack/rss.xml'),
    description: '武清区随机查餐厅“红黑榜”每期发布。',
    items: issues.map((issue) => {
      const counts = countEntries(issue.data);
      return {
        title: `${issueLabel(issue.data)}：${issue.data.theme}`,
        link: absolute(listIssueUrl(issue.id)),
        published: issue.data.publishedOn,
        description:
          `检查片区：${issue.data.area}。红榜 ${counts.red} 家，黑榜 ${counts.black} 家。` +
          (issue.data.sample ? '（示例数据）' : ''),
      };
    }),
  });
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
