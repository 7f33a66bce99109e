import type { APIRoute } from 'astro';
import { getSiteData } from '../../data/site-data.ts';
import { renderRss } from '../../lib/rss.ts';
import { progressFeedUrl, progressUrl, taskUrl } from '../../lib/urls.ts';

/** New progress reports on every plan's tasks, newest first. */
export const GET: APIRoute = async ({ site }) => {
  const { plans, progress, departmentById } = await getSiteData();
  const absolute = (path: string) => new URL(path, site).href;
  const latestPlan = plans[0]!;
  const xml = renderRss({
    title: '武清区食品安全监督管理计划进展报告',
    link: absolute(progressUrl(latestPlan.year)),
    self: absolute(progressFeedUrl),
    description: '各责任单位报告的计划任务进展。',
    items: [...progress].reverse().map((report) => {
      const task = plans.find((plan) => plan.year === report.plan)?.tasks[report.task - 1];
      return {
        title: `${report.plan}年任务${task?.label ?? report.task}${task?.title ?? ''}：${report.status}`,
        link: `${absolute(taskUrl(report.plan, report.task))}#report-${report.id}`,
        published: report.date,
        description:
          `${departmentById.get(report.department)?.name ?? report.department}报告：${report.text}` +
          (report.reason ? `原因：${report.reason}` : '') +
          (report.sample ? '（示例数据）' : ''),
      };
    }),
  });
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
