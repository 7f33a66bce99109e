import { renderRss } from '../rss.ts';
import { toIsoDateTime } from './publish.ts';

/** The fields of an article a feed needs. */
interface FeedArticle {
  slug: string;
  entry: { data: { title: string; summary: string; publishedAt: string; sample: boolean } };
}

/** An RSS feed of articles, newest first as given. */
export function articleFeed(
  articles: readonly FeedArticle[],
  feed: { title: string; path: string; self: string; description: string },
  site: URL,
): string {
  const absolute = (path: string) => new URL(path, site).href;
  return renderRss({
    title: feed.title,
    link: absolute(feed.path),
    self: absolute(feed.self),
    description: feed.description,
    items: articles.map(({ slug, entry }) => ({
      title: entry.data.title,
      link: absolute(`/articles/${slug}/`),
      published: toIsoDateTime(entry.data.publishedAt),
      description: `${entry.data.summary}${entry.data.sample ? '（示例）' : ''}`,
    })),
  });
}
