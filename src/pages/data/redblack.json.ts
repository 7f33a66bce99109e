import type { APIRoute } from 'astro';
import { getOpenDataRecords } from '../../data/redblack-data.ts';
import { openDataJson } from '../../lib/redblack/open-data.ts';

export const GET: APIRoute = async () =>
  new Response(openDataJson(await getOpenDataRecords()), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
