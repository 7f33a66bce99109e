/**
 * The red and black lists (随机查餐厅 红黑榜): issues, restaurants and re-inspections with each restaurant's history
 * and status, loaded once per build. The content pipeline has checked them (src/lib/content/pipeline.ts).
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { inPinyinOrder } from '../lib/redblack/initials.ts';
import { openDataRecords, type OpenDataRecord } from '../lib/redblack/open-data.ts';
import {
  allAppearances,
  currentStatus,
  restaurantHistories,
  type Appearance,
  type CurrentStatus,
} from '../lib/redblack/status.ts';
import { siteNow, todayInBeijing } from '../lib/dates.ts';
import type { FollowUp, ListEntry } from '../schemas/list-issue.ts';
import type { Restaurant } from '../schemas/restaurant.ts';
import type { Town } from '../schemas/town.ts';
import { getSiteData } from './site-data.ts';

export interface RestaurantView {
  restaurant: Restaurant;
  town: Town;
  /** Newest inspection first. */
  history: Appearance[];
  status: CurrentStatus;
}

export interface RedBlackData {
  /** Newest first; each entry keeps its rendered MDX introduction. */
  issues: CollectionEntry<'listIssues'>[];
  /** In pinyin order of their sign names (inPinyinOrder), as every list of restaurants shows them. */
  restaurants: RestaurantView[];
  restaurantById: Map<string, RestaurantView>;
  followUps: FollowUp[];
  /** Every entry of every issue, newest inspection first. */
  appearances: Appearance[];
  /** Each entry's appearance, by the entry (an issue's `data.entries` item). */
  appearanceByEntry: Map<ListEntry, Appearance>;
  /** The date statuses are computed for (the build date, Beijing time). */
  asOf: string;
}

let cached: Promise<RedBlackData> | undefined;

/** Loads and checks the red/black list content; the same promise serves every page of a build. */
export function getRedBlackData(): Promise<RedBlackData> {
  if (import.meta.env.MODE === 'development') return load();
  cached ??= load();
  return cached;
}

async function load(): Promise<RedBlackData> {
  const [issueEntries, restaurantEntries, followUpEntries, site] = await Promise.all([
    getCollection('listIssues'),
    getCollection('restaurants'),
    getCollection('followUps'),
    getSiteData(),
  ]);
  const { townById } = site;
  const issues = issueEntries.sort(
    (a, b) => b.data.publishedOn.localeCompare(a.data.publishedOn) || b.id.localeCompare(a.id),
  );
  const restaurants = restaurantEntries.map((entry) => entry.data);
  const followUps = followUpEntries.map((entry) => entry.data);

  // The build's moment, or SITE_NOW's (src/lib/dates.ts): a deadline passes with time alone.
  const asOf = todayInBeijing(siteNow());
  const appearances = allAppearances(
    issues.map((entry) => entry.data),
    followUps,
    asOf,
  );
  const histories = restaurantHistories(appearances);
  const views: RestaurantView[] = [];
  for (const restaurant of restaurants) {
    const history = histories.get(restaurant.id) ?? [];
    const status = currentStatus(history);
    // A registered restaurant that no issue lists would be an empty page.
    if (!status) continue;
    views.push({ restaurant, town: townById.get(restaurant.town)!, history, status });
  }
  // Every list of restaurants (the A–Z index, a town's page, its sticker sheets) keeps this order.
  const ordered = inPinyinOrder(
    views,
    (view) => view.restaurant.signName,
    (view) => view.restaurant.id,
  );
  return {
    issues,
    restaurants: ordered,
    restaurantById: new Map(ordered.map((view) => [view.restaurant.id, view])),
    followUps,
    appearances,
    appearanceByEntry: new Map(appearances.map((appearance) => [appearance.entry, appearance])),
    asOf,
  };
}

/** Every entry as an open-data record, for /data/redblack.csv, /data/redblack.json and /data/ (built once). */
let openData: Promise<OpenDataRecord[]> | undefined;
export function getOpenDataRecords(): Promise<OpenDataRecord[]> {
  openData ??= Promise.all([getRedBlackData(), getSiteData()]).then(([{ appearances, restaurantById }, { townById }]) =>
    openDataRecords(appearances, new Map([...restaurantById].map(([id, view]) => [id, view.restaurant])), townById),
  );
  return openData;
}

/** The years that have an issue, newest first. */
export async function getRedBlackYears(): Promise<number[]> {
  const { issues } = await getRedBlackData();
  return [...new Set(issues.map((issue) => issue.data.year))].sort((a, b) => b - a);
}
