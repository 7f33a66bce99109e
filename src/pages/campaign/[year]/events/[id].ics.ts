import type { APIRoute } from 'astro';
import { getCampaignData } from '../../../../data/campaign-data.ts';
import { renderIcs } from '../../../../lib/ics.ts';
import { campaignEventUrl } from '../../../../lib/urls.ts';

export async function getStaticPaths() {
  const { events } = await getCampaignData();
  return events.map((event) => ({ params: { year: String(event.year), id: event.id }, props: { event } }));
}

export const GET: APIRoute = ({ props, site }) => {
  const { event } = props as Awaited<ReturnType<typeof getCampaignData>>['events'][number] extends infer E
    ? { event: E & { year: number } }
    : never;
  const url = new URL(campaignEventUrl(event.year, event.id), site).href;
  const body = renderIcs({
    uid: `${event.year}-${event.id}@shian-wuqing`,
    date: event.date,
    startTime: event.startTime,
    ...(event.endTime ? { endTime: event.endTime } : {}),
    title: event.sample ? `${event.title}（示例）` : event.title,
    location: event.place,
    description: `${event.description}\n${url}`,
    url,
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
