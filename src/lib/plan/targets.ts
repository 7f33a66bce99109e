import type { ContentProblem } from '../content-errors.ts';
import type { PlanRef } from './responsibilities.ts';

/** The fields of a target this module needs. */
export interface TargetRef {
  id: string;
  plan: number;
  task: number;
  phrase: string;
}

/**
 * Checks that each target's plan and task exist and that its phrase is quoted exactly from that task's text.
 * @returns one problem per target that fails.
 */
export function checkTargets(targets: readonly TargetRef[], plans: readonly PlanRef[], file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const target of targets) {
    const plan = plans.find((candidate) => candidate.year === target.plan);
    if (!plan) {
      const known = plans.map((candidate) => candidate.year).join('、');
      problems.push({
        file,
        entry: target.id,
        field: 'plan',
        fieldLabel: '计划年份',
        message: `没有 ${target.plan} 年的计划；现有计划：${known}。`,
      });
      continue;
    }
    const task = plan.tasks.find((candidate) => candidate.number === target.task);
    if (!task) {
      problems.push({
        file,
        entry: target.id,
        field: 'task',
        fieldLabel: '任务序号',
        message: `${target.plan} 年计划没有第 ${target.task} 项任务（共 ${plan.tasks.length} 项）。`,
      });
      continue;
    }
    if (!task.text.includes(target.phrase)) {
      problems.push({
        file,
        entry: target.id,
        field: 'phrase',
        fieldLabel: '原文短语',
        message: `“${target.phrase}”不在任务${task.label}的原文中。原文短语必须逐字摘自该任务。`,
      });
    }
  }
  return problems;
}

/** The fields of a target needed to show its value. */
export interface TargetValue {
  value: number;
  unit: string;
  comparator: 'about' | 'atLeast' | 'moreThan' | 'exact' | 'per';
}

/**
 * Shows a target's value in Chinese: 7300余批次, 不低于98%, 超过80%, 4932批次, 1人／万常住人口.
 */
export function formatTarget(target: TargetValue): string {
  const amount = `${target.value}${target.unit}`;
  switch (target.comparator) {
    case 'about':
      return `${target.value}余${target.unit}`;
    case 'atLeast':
      return `不低于${amount}`;
    case 'moreThan':
      return `超过${amount}`;
    case 'exact':
    case 'per':
      return amount;
  }
}
