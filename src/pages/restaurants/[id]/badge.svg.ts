/** /restaurants/<id>/badge.svg: the restaurant's embeddable badge (src/lib/sticker/badge.ts), made at build time. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteConfig } from '../../../config/site.ts';
import { getRedBlackData } from '../../../data/redblack-data.ts';
import { getSticker } from '../../../data/sticker-data.ts';
import { formatChineseDate } from '../../../lib/dates.ts';
import { badgeSvg } from '../../../lib/sticker/badge.ts';

export const getStaticPaths = (async () => {
  const { restaurants } = await getRedBlackData();
  return restaurants.map((view) => ({ params: { id: view.restaurant.id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const { view, current } = await getSticker(params.id!, site!);
  const svg = badgeSvg(view.restaurant.signName, siteConfig.name, current, formatChineseDate(current.since));
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
};
