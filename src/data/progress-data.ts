/** The plans' progress reports as open data and feed items, from the checked content (src/data/site-data.ts). */
import { progressRecords, type ProgressRecord } from '../lib/plan/progress.ts';
import { getPlan, getSiteData } from './site-data.ts';

/** One page per plan: the years as Astro's static paths. */
export async function planYears(): Promise<Array<{ params: { year: string } }>> {
  const { plans } = await getSiteData();
  return plans.map((plan) => ({ params: { year: String(plan.year) } }));
}

/** A plan's reports as open-data records, oldest first. */
export async function getPlanProgressRecords(year: number): Promise<ProgressRecord[]> {
  const { progress, targets, departmentById } = await getSiteData();
  return progressRecords(await getPlan(year), progress, targets, (id) => departmentById.get(id)?.name ?? id);
}
