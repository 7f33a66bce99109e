/**
 * Rules on progress reports (content/progress/*.yaml) that a schema alone cannot express: the plan, task, department,
 * figures, evidence and dates a report names must agree with the plan, targets.yaml and the other reports. Each
 * problem names the file, the field and what to write instead, in Chinese.
 */
import type { ContentProblem } from '../content-errors.ts';
import type { ProgressReport } from '../../schemas/progress.ts';
import { ROLE_LABELS } from './assignment.ts';
import { reportingPeriod, reportOrder } from './progress.ts';
import { groupTaskUnits, type PlanRef } from './responsibilities.ts';

/** What the rules look reports up in. */
export interface ProgressContext {
  plans: readonly PlanRef[];
  targets: ReadonlyArray<{ id: string; plan: number; task: number; unit: string; label: string }>;
  /** Department id for each name and alias a plan uses. */
  departmentIdByName: ReadonlyMap<string, string>;
  /** Every department's name, by id. */
  departmentNames: ReadonlyMap<string, string>;
  /** Articles that exist, drafts and scheduled ones included. */
  articleSlugs: ReadonlySet<string>;
  /** Articles public when the site is published: a report links only to these. */
  publicArticleSlugs: ReadonlySet<string>;
  /** Why an attachment address is not a file under public/files/, or null. */
  attachmentProblem: (path: string) => string | null;
}

/** The folder of the reports, for messages. */
const FOLDER = 'content/progress';

/** Checks every report against the plans, targets, articles, attachments and the other reports. */
export function checkProgress(reports: readonly ProgressReport[], context: ProgressContext): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byId = new Map(reports.map((report) => [report.id, report]));
  for (const report of reports) {
    const at = (field: string, fieldLabel: string, message: string) =>
      problems.push({ file: report.file, entry: report.id, field, fieldLabel, message });
    const plan = context.plans.find((candidate) => candidate.year === report.plan);
    if (!plan) {
      const known = context.plans.map((candidate) => candidate.year).join('、');
      at('plan', '计划年份', `没有 ${report.plan} 年的计划；现有计划：${known}。`);
      continue;
    }
    const task = plan.tasks.find((candidate) => candidate.number === report.task);
    if (!task) {
      at('task', '任务序号', `${report.plan} 年计划没有第 ${report.task} 项任务（共 ${plan.tasks.length} 项）。`);
      continue;
    }
    const units = groupTaskUnits(task, context.departmentIdByName);
    const named = units.flatMap((group) => group.ids);
    if (!named.includes(report.department)) {
      const list = units
        .map((group) => {
          const names = group.ids.map((id) => `${context.departmentNames.get(id) ?? id}（${id}）`);
          return `${names.join('、')}${ROLE_LABELS[group.role]}`;
        })
        .join('；');
      const who = context.departmentNames.get(report.department);
      at(
        'department',
        '报告单位',
        `${who ? `${who}（${report.department}）` : `“${report.department}”`}不是任务${task.label}${task.title}原文列明的责任单位。` +
          `只有原文列明的单位才能报告这项任务的进展：${list || '（原文未列明责任单位）'}。`,
      );
    }
    const period = reportingPeriod(report.plan);
    if (report.date < period.start || report.date > period.end) {
      at(
        'date',
        '报告日期',
        `报告日期 ${report.date} 不在 ${report.plan} 年计划的报告期内（${period.start} 至 ${period.end}：计划年度，` +
          '以及次年一季度的年终报告）。',
      );
    }
    if (report.status === '未完成' && !report.reason) {
      at('reason', '原因', '状态为“未完成”时必须写明原因（reason），说明哪些没有完成、为什么。');
    }
    const seenTargets = new Set<string>();
    report.figures.forEach((figure, index) => {
      const field = (key: string) => `figures.${index}.${key}`;
      const target = context.targets.find((candidate) => candidate.id === figure.target);
      const own = context.targets.filter(
        (candidate) => candidate.plan === report.plan && candidate.task === report.task,
      );
      const ownList =
        own.length > 0 ? own.map((candidate) => `${candidate.id}（${candidate.label}）`).join('、') : '无';
      if (!target || target.plan !== report.plan || target.task !== report.task) {
        at(
          field('target'),
          '量化目标',
          (target
            ? `量化目标“${figure.target}”属于 ${target.plan} 年计划第 ${target.task} 项任务，`
            : `content/targets.yaml 中没有编号为“${figure.target}”的量化目标，`) +
            `不能用于本报告。任务${task.label}的量化目标：${ownList}。`,
        );
        return;
      }
      if (seenTargets.has(target.id)) {
        at(field('target'), '量化目标', `同一份报告中量化目标“${target.id}”只能填写一次。`);
      }
      seenTargets.add(target.id);
      if (figure.unit !== undefined && figure.unit !== target.unit) {
        at(
          field('unit'),
          '单位',
          `单位应为量化目标的单位“${target.unit}”（见 content/targets.yaml），实际填写：“${figure.unit}”。` +
            '请按目标的单位填写数值（不要换算），或不填单位。',
        );
      }
      if (target.unit === '%' && figure.value > 100) {
        at(field('value'), '完成数值', `百分比不能超过 100，实际填写：${figure.value}。`);
      }
    });
    report.articles.forEach((slug, index) => {
      if (!context.articleSlugs.has(slug)) {
        at(`articles.${index}`, '相关文章', `没有网址名为“${slug}”的文章（content/articles/${slug}.mdx）。`);
      } else if (!context.publicArticleSlugs.has(slug)) {
        at(`articles.${index}`, '相关文章', `文章“${slug}”尚未公开（草稿或定时发布），发布后才能作为证明材料。`);
      }
    });
    report.attachments.forEach((attachment, index) => {
      const problem = context.attachmentProblem(attachment.file);
      if (problem) at(`attachments.${index}.file`, '材料文件', problem);
    });
    if (report.corrects !== undefined) {
      const corrected = byId.get(report.corrects);
      if (report.corrects === report.id) {
        at('corrects', '更正的报告', '报告不能更正它自己：请填写要更正的那份报告的文件名（不含 .yaml）。');
      } else if (!corrected) {
        at('corrects', '更正的报告', `${FOLDER}/ 中没有“${report.corrects}.yaml”这份报告。`);
      } else if (corrected.plan !== report.plan || corrected.task !== report.task) {
        at(
          'corrects',
          '更正的报告',
          `被更正的报告“${corrected.id}”是 ${corrected.plan} 年第 ${corrected.task} 项任务的，更正报告应报告同一项任务。`,
        );
      } else if (corrected.date > report.date) {
        at('corrects', '更正的报告', `更正报告的日期 ${report.date} 早于被更正的报告（${corrected.date}）。`);
      }
    }
  }
  problems.push(...statusSteps(reports));
  return problems;
}

/**
 * A task that was reported 已完成 cannot go back (to 未启动 or 推进中) without a reason: the report that goes back must
 * say why (a correction says so by naming the report it corrects, and gives its reason too).
 */
function statusSteps(reports: readonly ProgressReport[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byTask = new Map<string, ProgressReport[]>();
  for (const report of reports) {
    const key = `${report.plan}-${report.task}`;
    byTask.set(key, [...(byTask.get(key) ?? []), report]);
  }
  for (const list of byTask.values()) {
    let done: ProgressReport | undefined;
    for (const report of [...list].sort(reportOrder)) {
      if (report.status === '已完成') done = report;
      else if (done && !report.reason && report.status !== '未完成') {
        problems.push({
          file: report.file,
          entry: report.id,
          field: 'reason',
          fieldLabel: '原因',
          message:
            `这项任务已在 ${done.date} 的报告（${done.id}）中报告为“已完成”，现在改为“${report.status}”，` +
            '必须写明原因（reason）；如果是更正之前的报告，请同时在“更正的报告”（corrects）中填写那份报告。',
        });
      }
    }
  }
  return problems;
}
