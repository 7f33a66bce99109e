/**
 * All content the pages use, loaded once per build and checked across collections. Any problem
 * (an unknown unit, a dangling reference, an empty collection) fails the build with a Chinese message.
 */
import { getCollection } from 'astro:content';
import { throwIfProblems, type ContentProblem } from '../lib/content-errors.ts';
import { collectDuties, countTasks, indexDepartmentNames, type Duty } from '../lib/plan/responsibilities.ts';
import { checkTargets } from '../lib/plan/targets.ts';
import type { Department } from '../schemas/department.ts';
import type { Plan } from '../schemas/plan.ts';
import type { Target } from '../schemas/target.ts';
import type { Town } from '../schemas/town.ts';

export const DEPARTMENTS_FILE = 'content/departments.yaml';
export const TARGETS_FILE = 'content/targets.yaml';

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
}

let cached: Promise<SiteData> | undefined;

/** Loads and checks all content; the same promise serves every page of a build. */
export function getSiteData(): Promise<SiteData> {
  cached ??= load();
  return cached;
}

async function load(): Promise<SiteData> {
  const [planEntries, departmentEntries, targetEntries, townEntries] = await Promise.all([
    getCollection('plans'),
    getCollection('departments'),
    getCollection('targets'),
    getCollection('towns'),
  ]);
  const problems: ContentProblem[] = [];
  const nonEmpty = (entries: unknown[], file: string, what: string) => {
    if (entries.length === 0) problems.push({ file, message: `${what}为空：至少需要一个条目。` });
  };
  nonEmpty(planEntries, 'content/plans', '计划集合');
  nonEmpty(departmentEntries, DEPARTMENTS_FILE, '部门集合');
  nonEmpty(targetEntries, TARGETS_FILE, '量化目标集合');
  nonEmpty(townEntries, 'content/towns.yaml', '镇街集合');

  const plans = planEntries.map((entry) => entry.data).sort((a, b) => b.year - a.year);
  const departments = departmentEntries.map((entry) => entry.data);
  const names = indexDepartmentNames(departments, DEPARTMENTS_FILE);
  const duties = collectDuties(plans, names.byName, DEPARTMENTS_FILE);
  const targets = targetEntries.map((entry) => entry.data);
  const towns = townEntries.map((entry) => entry.data).sort((a, b) => a.id.localeCompare(b.id));
  problems.push(...names.problems, ...duties.problems, ...checkTargets(targets, plans, TARGETS_FILE));
  throwIfProblems(problems);

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
  };
}

/** The plan of a year; throws when there is none (a page asked for a year the content lacks). */
export async function getPlan(year: number): Promise<Plan> {
  const plan = (await getSiteData()).plans.find((candidate) => candidate.year === year);
  if (!plan) throw new Error(`没有 ${year} 年的计划。`);
  return plan;
}
