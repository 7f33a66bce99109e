/**
 * The plans, departments, targets and towns the pages use, loaded once per build. The content pipeline has checked
 * them across collections (src/lib/content/pipeline.ts); here they are only indexed.
 */
import { getCollection } from 'astro:content';
import { CONTENT_FILES } from '../lib/content/files.ts';
import { reportOrder } from '../lib/plan/progress.ts';
import { collectDuties, countTasks, indexDepartmentNames, type Duty } from '../lib/plan/responsibilities.ts';
import type { Department } from '../schemas/department.ts';
import type { Plan } from '../schemas/plan.ts';
import type { ProgressReport } from '../schemas/progress.ts';
import type { Target } from '../schemas/target.ts';
import type { Town } from '../schemas/town.ts';

export interface SiteData {
  /** Newest first. */
  plans: Plan[];
  /** Most involved first: the units with most tasks lead every list and table. */
  departments: Department[];
  departmentById: Map<string, Department>;
  /** Department id for each name and alias in the plans. */
  departmentIdByName: Map<string, string>;
  /** Each department's duties across all plans. */
  duties: Map<string, Duty[]>;
  targets: Target[];
  /** The 30 towns and streets, by code. */
  towns: Town[];
  townById: Map<string, Town>;
  /** Every progress report, oldest first (src/lib/plan/progress.ts reportOrder). */
  progress: ProgressReport[];
}

let cached: Promise<SiteData> | undefined;

/** Loads the site's plans and units; the same promise serves every page of a build. */
export function getSiteData(): Promise<SiteData> {
  if (import.meta.env.MODE === 'development') return load();
  cached ??= load();
  return cached;
}

async function load(): Promise<SiteData> {
  const [planEntries, departmentEntries, targetEntries, townEntries, progressEntries] = await Promise.all([
    getCollection('plans'),
    getCollection('departments'),
    getCollection('targets'),
    getCollection('towns'),
    getCollection('progress'),
  ]);
  const plans = planEntries.map((entry) => entry.data).sort((a, b) => b.year - a.year);
  const departments = departmentEntries.map((entry) => entry.data);
  const names = indexDepartmentNames(departments, CONTENT_FILES.departments);
  const duties = collectDuties(plans, names.byName, CONTENT_FILES.departments);
  const targets = targetEntries.map((entry) => entry.data);
  const towns = townEntries.map((entry) => entry.data).sort((a, b) => a.id.localeCompare(b.id));

  const taskCount = (id: string) => countTasks(duties.duties.get(id) ?? []);
  departments.sort((a, b) => taskCount(b.id) - taskCount(a.id) || a.name.localeCompare(b.name, 'zh-CN'));

  return {
    plans,
    departments,
    departmentById: new Map(departments.map((department) => [department.id, department])),
    departmentIdByName: names.byName,
    duties: duties.duties,
    targets,
    towns,
    townById: new Map(towns.map((town) => [town.id, town])),
    progress: progressEntries.map((entry) => entry.data).sort(reportOrder),
  };
}

/** The plan of a year; throws when there is none (a page asked for a year the content lacks). */
export async function getPlan(year: number): Promise<Plan> {
  const plan = (await getSiteData()).plans.find((candidate) => candidate.year === year);
  if (!plan) throw new Error(`没有 ${year} 年的计划。`);
  return plan;
}
