/** /data/redblack-<year>.csv: the open data of one year's issues (the whole set is /data/redblack.csv). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getOpenDataRecords, getRedBlackYears } from '../../data/redblack-data.ts';
import { openDataCsv, recordsOfYear } from '../../lib/redblack/open-data.ts';

export const getStaticPaths = (async () =>
  (await getRedBlackYears()).map((year) => ({
    params: { year: String(year) },
    props: { year },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(openDataCsv(recordsOfYear(await getOpenDataRecords(), (props as { year: number }).year)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
