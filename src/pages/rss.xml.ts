import type { APIRoute } from 'astro';
import { getArticleData } from '../data/article-data.ts';
import { articleFeed } from '../lib/articles/feed.ts';

export const GET: APIRoute = async ({ site }) => {
  const { articles } = await getArticleData();
  const xml = articleFeed(
    articles,
    {
      title: '食安武清 新闻科普',
      path: '/articles/',
      self: '/rss.xml',
      description: '武清区食品安全新闻动态、科普知识、政策解读和通知公告。',
    },
    site!,
  );
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
