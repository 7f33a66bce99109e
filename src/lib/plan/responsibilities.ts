/**
 * Links the units named in a plan's text to the department registry, and answers who does what:
 * a department's tasks by role, the role of each department in each task.
 */
import type { ContentProblem } from '../content-errors.ts';
import { ROLES, type Role } from './assignment.ts';
import type { PlanClause, PlanTask } from './parse.ts';

/** The fields of a department this module needs. */
export interface DepartmentRef {
  id: string;
  name: string;
  aliases: string[];
}

/** The fields of a plan this module needs. */
export interface PlanRef {
  year: number;
  textFile: string;
  tasks: PlanTask[];
}

/** One assignment of a department in a plan: the clause that names it and its role there. */
export interface Duty {
  year: number;
  task: PlanTask;
  clause: PlanClause;
  role: Role;
}

/**
 * Maps every name and alias to its department id.
 * @returns the map, and a problem for any name used by two departments.
 */
export function indexDepartmentNames(
  departments: readonly DepartmentRef[],
  file: string,
): { byName: Map<string, string>; problems: ContentProblem[] } {
  const byName = new Map<string, string>();
  const problems: ContentProblem[] = [];
  for (const department of departments) {
    for (const name of [department.name, ...department.aliases]) {
      const other = byName.get(name);
      if (other && other !== department.id) {
        problems.push({
          file,
          entry: department.id,
          field: 'name',
          fieldLabel: '名称（按计划原文）',
          message: `名称“${name}”已被部门“${other}”使用，一个名称只能对应一个部门。`,
        });
      }
      byName.set(name, department.id);
    }
  }
  return { byName, problems };
}

/**
 * Finds the department of every unit in every task.
 * @returns each department's duties, and a problem for each unit that matches no department.
 */
export function collectDuties(
  plans: readonly PlanRef[],
  byName: ReadonlyMap<string, string>,
  departmentsFile: string,
): { duties: Map<string, Duty[]>; problems: ContentProblem[] } {
  const duties = new Map<string, Duty[]>();
  const problems: ContentProblem[] = [];
  for (const plan of plans) {
    for (const task of plan.tasks) {
      for (const clause of task.clauses) {
        for (const unit of clause.units) {
          const id = byName.get(unit.name);
          if (!id) {
            problems.push({
              file: plan.textFile,
              entry: `任务${task.label}${task.title}`,
              message:
                `责任单位“${unit.name}”（出自“（${clause.assignmentText}）”）在 ${departmentsFile} 中没有对应的部门。` +
                '请在该文件中新增部门，或把这个写法加入已有部门的 aliases（别名）。',
            });
            continue;
          }
          const list = duties.get(id) ?? [];
          list.push({ year: plan.year, task, clause, role: unit.role });
          duties.set(id, list);
        }
      }
    }
  }
  return { duties, problems };
}

/** Groups duties by role, in the order 牵头, 负责, 按职责分工负责, 配合; roles with no duty are left out. */
export function groupByRole<T extends { role: Role }>(items: readonly T[]): Array<{ role: Role; items: T[] }> {
  return ROLES.map((role) => ({ role, items: items.filter((item) => item.role === role) })).filter(
    (group) => group.items.length > 0,
  );
}

/**
 * The roles a department holds in one task, strongest first, without repeats
 * (a department can lead one sentence of a task and share another).
 */
export function rolesInTask(duties: readonly Duty[], year: number, taskNumber: number): Role[] {
  const held = new Set(
    duties.filter((duty) => duty.year === year && duty.task.number === taskNumber).map((duty) => duty.role),
  );
  return ROLES.filter((role) => held.has(role));
}

/**
 * The departments named in a task, grouped by role, each department once per role,
 * in the order the text first names them.
 */
export function groupTaskUnits(
  task: PlanTask,
  departmentIdByName: ReadonlyMap<string, string>,
): Array<{ role: Role; ids: string[] }> {
  const units = task.clauses.flatMap((clause) => clause.units);
  return ROLES.map((role) => ({
    role,
    ids: [
      ...new Set(units.filter((unit) => unit.role === role).map((unit) => departmentIdByName.get(unit.name))),
    ].filter((id): id is string => id !== undefined),
  })).filter((group) => group.ids.length > 0);
}

/** How many distinct tasks (across plans) a department's duties cover. */
export function countTasks(duties: readonly Duty[]): number {
  return new Set(duties.map((duty) => `${duty.year}-${duty.task.number}`)).size;
}
