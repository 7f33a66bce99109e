/**
 * /redblack/filters-<hash>.css: the no-JavaScript filter rules of /redblack/ (src/data/redblack-filters.ts), as a
 * stylesheet because the Content-Security-Policy allows no inline style. No issue yet, no filters, no file.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getRedBlackFilters } from '../../data/redblack-filters.ts';

export const getStaticPaths = (async () => {
  const filters = await getRedBlackFilters();
  return filters ? [{ params: { hash: filters.hash } }] : [];
}) satisfies GetStaticPaths;

export const GET: APIRoute = async () => {
  const filters = await getRedBlackFilters();
  return new Response(`${filters?.css ?? ''}\n`, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
