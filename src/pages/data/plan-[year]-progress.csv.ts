import type { APIRoute, GetStaticPaths } from 'astro';
import { getPlanProgressRecords, planYears } from '../../data/progress-data.ts';
import { writeCsv } from '../../lib/csv.ts';
import { progressCsvRows } from '../../lib/plan/progress.ts';

export const getStaticPaths: GetStaticPaths = planYears;

export const GET: APIRoute = async ({ params }) =>
  new Response(writeCsv(progressCsvRows(await getPlanProgressRecords(Number(params.year)))), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
