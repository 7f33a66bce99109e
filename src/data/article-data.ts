/**
 * Articles (新闻、科普、政策解读、通知公告), loaded once per build; the content pipeline has checked them
 * (src/lib/content/pipeline.ts). Drafts and articles dated in the future are left out of the public build;
 * `npm run dev` shows them, marked.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { ARTICLES_PER_PAGE, isPublic, paginate, unpublishedReason } from '../lib/articles/publish.ts';
import { siteNow } from '../lib/dates.ts';
import type { ArticleCategory } from '../schemas/article.ts';

export interface ArticleView {
  entry: CollectionEntry<'articles'>;
  slug: string;
  category: ArticleCategory;
  /** Set in development for drafts and future articles, which the public build leaves out. */
  hold: '草稿' | '定时发布' | null;
}

export interface ArticleData {
  /** Newest first. */
  articles: ArticleView[];
  categories: ArticleCategory[];
  /** Tags in use, most used first. */
  tags: string[];
}

let cached: Promise<ArticleData> | undefined;

/** Loads and checks the articles; the same promise serves every page of a build. */
export function getArticleData(): Promise<ArticleData> {
  if (import.meta.env.MODE === 'development') return load();
  cached ??= load();
  return cached;
}

async function load(): Promise<ArticleData> {
  const [entries, categoryEntries] = await Promise.all([getCollection('articles'), getCollection('articleCategories')]);
  // The build's moment, or SITE_NOW's (src/lib/dates.ts): a scheduled article becomes public with time alone.
  const now = siteNow();
  const categories = categoryEntries.map((entry) => entry.data);
  const categoryById = new Map(categories.map((category) => [category.id, category]));
  // The mode, not DEV: DEV follows NODE_ENV, which a test runner or shell may have set for a real build.
  const preview = import.meta.env.MODE === 'development';
  const visible = entries.filter((entry) => preview || isPublic(entry.data, now));
  const tags = countTags(visible.map((entry) => entry.data.tags));

  const articles = visible
    .map((entry) => ({
      entry,
      slug: entry.id,
      category: categoryById.get(entry.data.category)!,
      hold: unpublishedReason(entry.data, now),
    }))
    .sort((a, b) => b.entry.data.publishedAt.localeCompare(a.entry.data.publishedAt) || a.slug.localeCompare(b.slug));
  return { articles, categories, tags };
}

/** Tags by how often they are used, most first, then by name. */
function countTags(lists: ReadonlyArray<readonly string[]>): string[] {
  const counts = new Map<string, number>();
  for (const tag of lists.flat()) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).map(([tag]) => tag);
}

/** Articles related to one plan task (its 政策解读 first). */
export function articlesForTask(articles: readonly ArticleView[], year: number, task: number): ArticleView[] {
  const key = `${year}-${task}`;
  return articles
    .filter((article) => article.entry.data.tasks.includes(key))
    .sort((a, b) => Number(b.category.id === 'policy') - Number(a.category.id === 'policy'));
}

/** A category's articles, newest first, in pages of {@link ARTICLES_PER_PAGE} (one empty page when it has none). */
export function categoryPages(articles: readonly ArticleView[], id: string): ArticleView[][] {
  return paginate(
    articles.filter((article) => article.category.id === id),
    ARTICLES_PER_PAGE,
  );
}

/** The articles that carry a tag, newest first, in pages of {@link ARTICLES_PER_PAGE}. */
export function tagPages(articles: readonly ArticleView[], tag: string): ArticleView[][] {
  return paginate(
    articles.filter((article) => article.entry.data.tags.includes(tag)),
    ARTICLES_PER_PAGE,
  );
}
