import type { APIRoute } from 'astro';
import { getOpenDataRecords } from '../../data/redblack-data.ts';
import { openDataCsv } from '../../lib/redblack/open-data.ts';

export const GET: APIRoute = async () =>
  new Response(openDataCsv(await getOpenDataRecords()), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
