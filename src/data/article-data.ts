/**
 * Articles (新闻、科普、政策解读、通知公告): loaded once per build and checked (categories, tasks,
 * internal links, images without alt text, scripts). Drafts and articles dated in the future are
 * left out of the public build; `npm run dev` shows them, marked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { checkArticle } from '../lib/articles/checks.ts';
import { isPublic, unpublishedReason } from '../lib/articles/publish.ts';
import { throwIfProblems } from '../lib/content-errors.ts';
import { sitePaths, type SiteFacts } from '../lib/site-paths.ts';
import type { ArticleCategory } from '../schemas/article.ts';
import { getCampaignData } from './campaign-data.ts';
import { getRedBlackData } from './redblack-data.ts';
import { getSiteData } from './site-data.ts';

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
  cached ??= load();
  return cached;
}

async function load(): Promise<ArticleData> {
  const [entries, categoryEntries, site, redBlack, campaign] = await Promise.all([
    getCollection('articles'),
    getCollection('articleCategories'),
    getSiteData(),
    getRedBlackData(),
    getCampaignData(),
  ]);
  const now = new Date();
  const categories = categoryEntries.map((entry) => entry.data);
  const categoryById = new Map(categories.map((category) => [category.id, category]));
  // The mode, not DEV: DEV follows NODE_ENV, which a test runner or shell may have set for a real build.
  const preview = import.meta.env.MODE === 'development';
  const visible = entries.filter((entry) => preview || isPublic(entry.data, now));
  const tags = countTags(visible.map((entry) => entry.data.tags));

  const facts: SiteFacts = {
    plans: site.plans.map((plan) => ({ year: plan.year, tasks: plan.tasks.length })),
    departmentIds: [...site.duties.keys()],
    restaurantIds: redBlack.restaurants.map((view) => view.restaurant.id),
    issueIds: redBlack.issues.map((issue) => issue.id),
    townIds: site.towns.map((town) => town.id),
    campaigns: campaign.campaigns.map(({ entry, materials }) => ({
      year: entry.data.year,
      eventIds: entry.data.events.map((event) => event.id),
      materialIds: materials.map((material) => material.id),
    })),
    articleSlugs: visible.map((entry) => entry.id),
    categoryIds: categories.map((category) => category.id),
    tags,
  };
  const context = {
    paths: sitePaths(facts),
    categories: new Set(categoryById.keys()),
    fileExists: (path: string) => existsSync(join(process.cwd(), 'public', path)),
    articleFileExists: (path: string) => existsSync(join(process.cwd(), 'content/articles', path)),
  };
  const problems = entries.flatMap((entry) => {
    const file = entry.filePath ?? `content/articles/${entry.id}.mdx`;
    return checkArticle(file, readFileSync(join(process.cwd(), file), 'utf8'), entry.data, context);
  });
  // No article yet is a valid state: the lists say so.
  throwIfProblems(problems);

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
