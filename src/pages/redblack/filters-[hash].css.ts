/**
 * /redblack/filters-<hash>.css: the no-JavaScript filter rules of each year's page (src/data/redblack-filters.ts), as
 * a stylesheet because the Content-Security-Policy allows no inline style. No issue yet, no filters, no file.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getRedBlackYears } from '../../data/redblack-data.ts';
import { getRedBlackFilters } from '../../data/redblack-filters.ts';

export const getStaticPaths = (async () => {
  const all = await Promise.all((await getRedBlackYears()).map((year) => getRedBlackFilters(year)));
  // Two years with the same rules share one file.
  const byHash = new Map(all.filter((filters) => filters !== null).map((filters) => [filters.hash, filters.css]));
  return [...byHash].map(([hash, css]) => ({ params: { hash }, props: { css } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(`${(props as { css: string }).css}\n`, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
