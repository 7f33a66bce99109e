import type { APIRoute } from 'astro';
import { getArticleData } from '../../../../data/article-data.ts';
import { articleFeed } from '../../../../lib/articles/feed.ts';

export async function getStaticPaths() {
  const { categories } = await getArticleData();
  return categories.map((category) => ({ params: { id: category.id } }));
}

export const GET: APIRoute = async ({ params, site }) => {
  const { articles, categories } = await getArticleData();
  const category = categories.find((candidate) => candidate.id === params.id)!;
  const xml = articleFeed(
    articles.filter((article) => article.category.id === category.id),
    {
      title: `食安武清 ${category.name}`,
      path: `/articles/category/${category.id}/`,
      self: `/articles/category/${category.id}/rss.xml`,
      description: category.description,
    },
    site!,
  );
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
