/** Every page address the site builds, derived from its content: what an article may link to. */
import {
  campaignEventUrl,
  campaignUrl,
  changesUrl,
  departmentUrl,
  listIssueUrl,
  redBlackYearUrl,
  materialUrl,
  openDataYearUrl,
  planUrl,
  progressDataUrl,
  progressFeedUrl,
  progressUrl,
  responsibilitiesUrl,
  restaurantInitialUrl,
  restaurantUrl,
  targetsUrl,
  taskUrl,
  townUrl,
} from './urls.ts';
import { initialPages, initialSlug } from './redblack/initials.ts';

/** Pages that exist whatever the content. */
export const STATIC_PATHS = [
  '/',
  '/plan/',
  '/departments/',
  '/redblack/',
  '/restaurants/',
  '/towns/',
  '/data/',
  '/campaign/',
  '/articles/',
  '/search/',
  '/sitemap/',
  '/feedback/',
  '/statement/',
  '/privacy/',
  '/help/article-components/',
  '/data/redblack.csv',
  '/data/redblack.json',
  '/redblack/rss.xml',
  '/rss.xml',
  '/.well-known/security.txt',
] as const;

/** Pages every plan has besides its tasks: the text, who does what, targets, progress (three orders) and its data. */
function planPaths(year: number): string[] {
  return [
    planUrl(year),
    responsibilitiesUrl(year),
    targetsUrl(year),
    progressUrl(year),
    progressUrl(year, 'status'),
    progressUrl(year, 'department'),
    progressDataUrl(year, 'csv'),
    progressDataUrl(year, 'json'),
  ];
}

/** The facts about the content that decide which pages exist. */
export interface SiteFacts {
  /** `hasPrevious`: the plan of the year before exists (the plan then has a page of changes). */
  plans: ReadonlyArray<{ year: number; tasks: number; hasPrevious?: boolean }>;
  /** Departments that a plan names (the others have no page). */
  departmentIds: readonly string[];
  /** Restaurants that an issue lists. */
  restaurantIds: readonly string[];
  /** Their sign names (any order): the pages of the A–Z index (src/lib/redblack/initials.ts). */
  restaurantSignNames: readonly string[];
  issueIds: readonly string[];
  townIds: readonly string[];
  campaigns: ReadonlyArray<{ year: number; eventIds: readonly string[]; materialIds: readonly string[] }>;
  articleSlugs: readonly string[];
  categoryIds: readonly string[];
  tags: readonly string[];
}

/** The set of page addresses, each with a trailing slash (files keep their extension). */
export function sitePaths(facts: SiteFacts): Set<string> {
  const paths = new Set<string>(STATIC_PATHS);
  if (facts.plans.length > 0) paths.add(progressFeedUrl);
  for (const plan of facts.plans) {
    for (const path of planPaths(plan.year)) paths.add(path);
    if (plan.hasPrevious) paths.add(changesUrl(plan.year));
    for (let task = 1; task <= plan.tasks; task += 1) paths.add(taskUrl(plan.year, task));
  }
  for (const id of facts.departmentIds) paths.add(departmentUrl(id));
  for (const id of facts.restaurantIds) paths.add(restaurantUrl(id));
  for (const page of initialPages(facts.restaurantSignNames, (name) => name)) {
    paths.add(restaurantInitialUrl(initialSlug(page.initial), page.page));
  }
  for (const id of facts.issueIds) paths.add(listIssueUrl(id));
  // An issue's id starts with its year (2022-03): one page of entries per year that has an issue.
  for (const id of facts.issueIds) {
    const year = Number(id.slice(0, 4));
    for (const path of [redBlackYearUrl(year), openDataYearUrl(year, 'csv'), openDataYearUrl(year, 'json')]) {
      paths.add(path);
    }
  }
  for (const id of facts.townIds) paths.add(townUrl(id));
  for (const campaign of facts.campaigns) {
    paths.add(campaignUrl(campaign.year));
    for (const id of campaign.eventIds) paths.add(campaignEventUrl(campaign.year, id));
    for (const id of campaign.materialIds) paths.add(materialUrl(campaign.year, id));
  }
  for (const slug of facts.articleSlugs) paths.add(`/articles/${slug}/`);
  for (const id of facts.categoryIds) paths.add(`/articles/category/${id}/`);
  for (const tag of facts.tags) paths.add(`/articles/tags/${tag}/`);
  return paths;
}
