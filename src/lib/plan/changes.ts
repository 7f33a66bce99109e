/**
 * What a new plan changes against the previous year's: tasks added, dropped and kept (paired by title and text
 * similarity, or as meta.yaml's `matches` says), the sentences of a kept task added and removed (verbatim: the
 * official text is never reworded), the units that gained or lost a task or a role, and the targets whose figures
 * changed.
 */
import { diffArrays } from 'diff';
import type { ContentProblem } from '../content-errors.ts';
import { ROLES, type Role } from './assignment.ts';
import type { PlanTask } from './parse.ts';
import { groupTaskUnits } from './responsibilities.ts';
import { formatTarget, type TargetValue } from './targets.ts';

/** The character pairs of a text (Chinese has no spaces: pairs of characters stand in for words). */
function bigrams(text: string): Map<string, number> {
  const chars = [...text.replace(/[\s，。、；：（）“”《》]/g, '')];
  const counts = new Map<string, number>();
  for (let index = 0; index + 1 < chars.length; index += 1) {
    const pair = chars[index]! + chars[index + 1]!;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** How alike two texts are, 0 to 1 (Dice's coefficient on character pairs). */
export function similarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const count of left.values()) total += count;
  for (const count of right.values()) total += count;
  for (const [pair, count] of left) shared += Math.min(count, right.get(pair) ?? 0);
  return total === 0 ? (a === b ? 1 : 0) : (2 * shared) / total;
}

/** Below this score two tasks are not taken for the same task. */
export const MATCH_THRESHOLD = 0.35;

/** One pairing of a task with the previous plan's. */
export interface TaskMatch {
  current: PlanTask;
  previous: PlanTask;
  /** 0 to 1; undefined when meta.yaml sets the pairing. */
  score?: number;
  byOverride: boolean;
}

/** A plan as this module needs it. */
export interface PlanTasks {
  year: number;
  tasks: readonly PlanTask[];
  matches: ReadonlyArray<{ task: number; previous: number }>;
}

/** How alike two tasks are: the title counts for two fifths, the text for three. */
export function taskSimilarity(a: PlanTask, b: PlanTask): number {
  return 0.4 * similarity(a.title, b.title) + 0.6 * similarity(a.text, b.text);
}

/**
 * Pairs the tasks of a plan with the previous plan's: meta.yaml's `matches` first, then the most alike pairs, each
 * task once, down to {@link MATCH_THRESHOLD}.
 */
export function matchTasks(
  current: PlanTasks,
  previous: PlanTasks,
): {
  kept: TaskMatch[];
  added: PlanTask[];
  dropped: PlanTask[];
} {
  const usedCurrent = new Set<number>();
  const usedPrevious = new Set<number>();
  const kept: TaskMatch[] = [];
  for (const override of current.matches) {
    const task = current.tasks.find((candidate) => candidate.number === override.task);
    if (!task) continue;
    usedCurrent.add(task.number);
    const old = previous.tasks.find((candidate) => candidate.number === override.previous);
    if (!old || usedPrevious.has(old.number)) continue;
    usedPrevious.add(old.number);
    kept.push({ current: task, previous: old, byOverride: true });
  }
  const pairs = current.tasks
    .filter((task) => !usedCurrent.has(task.number))
    .flatMap((task) =>
      previous.tasks
        .filter((old) => !usedPrevious.has(old.number))
        .map((old) => ({ task, old, score: taskSimilarity(task, old) })),
    )
    .filter((pair) => pair.score >= MATCH_THRESHOLD)
    .sort((a, b) => b.score - a.score || a.task.number - b.task.number);
  for (const { task, old, score } of pairs) {
    if (usedCurrent.has(task.number) || usedPrevious.has(old.number)) continue;
    usedCurrent.add(task.number);
    usedPrevious.add(old.number);
    kept.push({ current: task, previous: old, score, byOverride: false });
  }
  kept.sort((a, b) => a.current.number - b.current.number);
  return {
    kept,
    added: current.tasks.filter((task) => !kept.some((match) => match.current === task)),
    dropped: previous.tasks.filter((task) => !kept.some((match) => match.previous === task)),
  };
}

/** A task's text cut into sentences, each with the assignment parenthesis that follows it. */
export function sentences(text: string): string[] {
  return text.match(/[^。]+。(?:（[^（）]*）)?|[^。]+$/g) ?? [];
}

/** One part of a sentence diff: sentences both texts have, or only the old or only the new. */
export interface SentencePart {
  kind: 'same' | 'added' | 'removed';
  sentences: string[];
}

/** The sentences added to and removed from a task's official text, in order (the `diff` package's array diff). */
export function sentenceDiff(previous: string, current: string): SentencePart[] {
  return diffArrays(sentences(previous), sentences(current)).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    sentences: part.value,
  }));
}

/** A unit's role in a task: the strongest the task gives it. */
function rolesByDepartment(task: PlanTask, byName: ReadonlyMap<string, string>): Map<string, Role> {
  const roles = new Map<string, Role>();
  for (const group of groupTaskUnits(task, byName)) {
    for (const id of group.ids) if (!roles.has(id)) roles.set(id, group.role);
  }
  return roles;
}

/** One unit's changes: tasks it gains or loses, and tasks where its role changes. */
export interface UnitChange {
  department: string;
  gained: Array<{ task: PlanTask; role: Role }>;
  lost: Array<{ task: PlanTask; role: Role }>;
  roleChanged: Array<{ task: PlanTask; from: Role; to: Role }>;
}

/** Which units gained or lost a task or a role, across the paired tasks. */
export function unitChanges(matched: ReturnType<typeof matchTasks>, byName: ReadonlyMap<string, string>): UnitChange[] {
  const changes = new Map<string, UnitChange>();
  const of = (id: string) => {
    const change = changes.get(id) ?? { department: id, gained: [], lost: [], roleChanged: [] };
    changes.set(id, change);
    return change;
  };
  for (const task of matched.added)
    for (const [id, role] of rolesByDepartment(task, byName)) of(id).gained.push({ task, role });
  for (const task of matched.dropped)
    for (const [id, role] of rolesByDepartment(task, byName)) of(id).lost.push({ task, role });
  for (const { current, previous } of matched.kept) {
    const now = rolesByDepartment(current, byName);
    const before = rolesByDepartment(previous, byName);
    for (const [id, role] of now) {
      const old = before.get(id);
      if (!old) of(id).gained.push({ task: current, role });
      else if (old !== role) of(id).roleChanged.push({ task: current, from: old, to: role });
    }
    for (const [id, role] of before) if (!now.has(id)) of(id).lost.push({ task: previous, role });
  }
  return [...changes.values()];
}

/** The fields of a target this module compares. */
export interface TargetRef extends TargetValue {
  id: string;
  plan: number;
  task: number;
  label: string;
}

/** A target whose figure differs from the previous plan's target of the same label in the paired task. */
export interface TargetChange {
  previous: TargetRef;
  current: TargetRef;
  from: string;
  to: string;
}

/** Targets whose figures changed between paired tasks (matched by their label). */
export function targetChanges(
  matched: ReturnType<typeof matchTasks>,
  targets: readonly TargetRef[],
  years: { current: number; previous: number },
): TargetChange[] {
  const changes: TargetChange[] = [];
  for (const { current, previous } of matched.kept) {
    const now = targets.filter((target) => target.plan === years.current && target.task === current.number);
    const before = targets.filter((target) => target.plan === years.previous && target.task === previous.number);
    for (const target of now) {
      const old = before.find((candidate) => candidate.label === target.label);
      if (!old) continue;
      const [from, to] = [formatTarget(old), formatTarget(target)];
      if (from !== to) changes.push({ previous: old, current: target, from, to });
    }
  }
  return changes;
}

/** The roles in the order a page lists them, for sorting unit changes. */
export const ROLE_ORDER = ROLES;

/**
 * Checks meta.yaml's `matches`: each names a task of this plan once, and a task of the previous year's plan (or 0).
 * @returns one problem per wrong pairing
 */
export function checkMatches(current: PlanTasks, previous: PlanTasks | undefined, file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Set<number>();
  current.matches.forEach((match, index) => {
    const at = (key: 'task' | 'previous', fieldLabel: string, message: string) =>
      problems.push({ file, entry: String(current.year), field: `matches.${index}.${key}`, fieldLabel, message });
    if (!current.tasks.some((task) => task.number === match.task))
      at(
        'task',
        '本计划任务序号',
        `${current.year} 年计划没有第 ${match.task} 项任务（共 ${current.tasks.length} 项）。`,
      );
    if (seen.has(match.task)) at('task', '本计划任务序号', `第 ${match.task} 项任务的对应关系写了两次。`);
    seen.add(match.task);
    if (!previous) at('previous', '上一年计划任务序号', `没有 ${current.year - 1} 年的计划，不能填写对应关系。`);
    else if (match.previous !== 0 && !previous.tasks.some((task) => task.number === match.previous))
      at(
        'previous',
        '上一年计划任务序号',
        `${previous.year} 年计划没有第 ${match.previous} 项任务（共 ${previous.tasks.length} 项）；新增的任务请写 0。`,
      );
  });
  return problems;
}
