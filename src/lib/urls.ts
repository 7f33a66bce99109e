/** Public addresses. They are a contract: change them only with redirects. */

export const planUrl = (year: number) => `/plan/${year}/`;
export const taskAnchor = (task: number) => `task-${task}`;
export const taskUrl = (year: number, task: number) => `/plan/${year}/tasks/${task}/`;
export const responsibilitiesUrl = (year: number) => `/plan/${year}/responsibilities/`;
export const targetsUrl = (year: number) => `/plan/${year}/targets/`;
/** A plan's progress at a glance, and the same sorted by status or by department (separate pages: no JavaScript). */
export const progressUrl = (year: number, order: 'task' | 'status' | 'department' = 'task') =>
  order === 'task' ? `/plan/${year}/progress/` : `/plan/${year}/progress/by-${order}/`;
/** What a plan changes against the previous year's (only for a plan with a previous year). */
export const changesUrl = (year: number) => `/plan/${year}/changes/`;
/** A plan's progress reports as open data: /data/plan-2022-progress.csv or .json. */
export const progressDataUrl = (year: number, format: 'csv' | 'json') => `/data/plan-${year}-progress.${format}`;
/** The feed of new progress reports, all plans. */
export const progressFeedUrl = '/plan/rss.xml';
export const departmentUrl = (id: string) => `/departments/${id}/`;
export const redBlackUrl = '/redblack/';
export const listIssueUrl = (id: string) => `/redblack/${id}/`;
/** Every entry of one year's issues, with the no-JavaScript filters. */
export const redBlackYearUrl = (year: number) => `/redblack/year/${year}/`;
/** The stylesheet of /redblack/'s filters; its hash changes with the rules (src/data/redblack-filters.ts). */
export const redBlackFiltersUrl = (hash: string) => `/redblack/filters-${hash}.css`;
export const restaurantUrl = (id: string) => `/restaurants/${id}/`;
/** A page of the restaurants' A–Z index: /restaurants/initial/f/, then /restaurants/initial/f/2/ … */
export const restaurantInitialUrl = (slug: string, page = 1) =>
  page === 1 ? `/restaurants/initial/${slug}/` : `/restaurants/initial/${slug}/${page}/`;
export const townUrl = (code: string) => `/towns/${code}/`;
export const openDataUrl = '/data/';
/** One year's open data: /data/redblack-2024.csv or .json (the whole set: /data/redblack.csv, .json). */
export const openDataYearUrl = (year: number, format: 'csv' | 'json') => `/data/redblack-${year}.${format}`;
export const campaignsUrl = '/campaign/';
export const campaignUrl = (year: number) => `/campaign/${year}/`;
export const campaignEventUrl = (year: number, id: string) => `/campaign/${year}/events/${id}/`;
export const campaignEventIcsUrl = (year: number, id: string) => `/campaign/${year}/events/${id}.ics`;
export const materialUrl = (year: number, id: string) => `/campaign/${year}/materials/${id}/`;
export const articlesUrl = '/articles/';
export const articleUrl = (slug: string) => `/articles/${slug}/`;
export const articlesPageUrl = (page: number) => (page <= 1 ? '/articles/' : `/articles/page/${page}/`);
export const categoryUrl = (id: string) => `/articles/category/${id}/`;
export const categoryPageUrl = (id: string, page: number) =>
  page <= 1 ? categoryUrl(id) : `${categoryUrl(id)}page/${page}/`;
export const tagUrl = (tag: string) => `/articles/tags/${tag}/`;
export const tagPageUrl = (tag: string, page: number) => (page <= 1 ? tagUrl(tag) : `${tagUrl(tag)}page/${page}/`);
/** A restaurant's door sticker (门贴), a print page: left out of sitemap.xml and search (src/lib/sticker/paths.ts). */
export const stickerUrl = (id: string) => `/restaurants/${id}/sticker/`;
/** A restaurant's embeddable badge, an SVG image. */
export const badgeUrl = (id: string) => `/restaurants/${id}/badge.svg`;
/** The stickers of a town's listed restaurants, several to an A4 page: /towns/<code>/stickers/, then …/stickers/2/ … */
export const townStickersUrl = (code: string, page = 1) =>
  page === 1 ? `/towns/${code}/stickers/` : `/towns/${code}/stickers/${page}/`;
