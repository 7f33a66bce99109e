import type { APIRoute, GetStaticPaths } from 'astro';
import { getPlanProgressRecords, planYears } from '../../data/progress-data.ts';
import { PROGRESS_CSV_COLUMNS } from '../../lib/plan/progress.ts';

export const getStaticPaths: GetStaticPaths = planYears;

export const GET: APIRoute = async ({ params }) => {
  const year = Number(params.year);
  const records = await getPlanProgressRecords(year);
  const fields = Object.fromEntries(PROGRESS_CSV_COLUMNS.map(([heading, key]) => [key, heading]));
  return new Response(`${JSON.stringify({ plan: year, fields, records }, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
