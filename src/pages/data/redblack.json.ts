import type { APIRoute } from 'astro';
import { getOpenDataRecords } from '../../data/redblack-data.ts';
import { OPEN_DATA_FIELDS } from '../../lib/redblack/open-data.ts';

export const GET: APIRoute = async () => {
  const body = {
    title: '武清区随机查餐厅红黑榜',
    description: '每条记录为一家餐厅在一期红黑榜中的上榜情况。字段说明见 /data/。',
    fields: OPEN_DATA_FIELDS,
    records: await getOpenDataRecords(),
  };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
