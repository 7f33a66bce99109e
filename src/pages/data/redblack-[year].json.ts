/** /data/redblack-<year>.json: the open data of one year's issues (the whole set is /data/redblack.json). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getOpenDataRecords, getRedBlackYears } from '../../data/redblack-data.ts';
import { openDataJson, recordsOfYear } from '../../lib/redblack/open-data.ts';

export const getStaticPaths = (async () =>
  (await getRedBlackYears()).map((year) => ({
    params: { year: String(year) },
    props: { year },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { year } = props as { year: number };
  return new Response(openDataJson(recordsOfYear(await getOpenDataRecords(), year), year), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
