/** When an article is public: not a draft, and its publication time has come (Beijing time). */

/** 'YYYY-MM-DD HH:MM' in Beijing time → an ISO date-time with offset, for <time datetime> and feeds. */
export function toIsoDateTime(publishedAt: string): string {
  return `${publishedAt.replace(' ', 'T')}+08:00`;
}

/** Whether an article appears on the public site at `now`. */
export function isPublic(article: { draft: boolean; publishedAt: string }, now: Date): boolean {
  return !article.draft && new Date(toIsoDateTime(article.publishedAt)).getTime() <= now.getTime();
}

/** Why an article is held back, for the marks shown in development; null when it is public. */
export function unpublishedReason(
  article: { draft: boolean; publishedAt: string },
  now: Date,
): '草稿' | '定时发布' | null {
  if (article.draft) return '草稿';
  return isPublic(article, now) ? null : '定时发布';
}

/** Splits a list into pages of `size` (at least one page, possibly empty). */
export function paginate<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let start = 0; start < items.length; start += size) pages.push(items.slice(start, start + size));
  return pages.length > 0 ? pages : [[]];
}

/** Articles per page of /articles/, of a category's page and of a tag's. */
export const ARTICLES_PER_PAGE = 8;
