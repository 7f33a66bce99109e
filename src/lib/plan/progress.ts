/**
 * What the progress reports say about a plan: each task's current status and timeline, each target's latest figure,
 * and the year-end scorecard. Nothing here is invented: a task or target without a report says so.
 */
import type { ProgressReport, ProgressStatus } from '../../schemas/progress.ts';
import type { PlanTask } from './parse.ts';
import { groupTaskUnits } from './responsibilities.ts';
import type { TargetValue } from './targets.ts';

/**
 * The dates a plan's reports may carry: the plan's year, and the first quarter of the next year for the year-end
 * report (年终总结 are written in January–March).
 */
export function reportingPeriod(year: number): { start: string; end: string } {
  return { start: `${year}-01-01`, end: `${year + 1}-03-31` };
}

/** Reports in the order they were made: by date, then by file name (two reports of one day). */
export function reportOrder(a: { date: string; id: string }, b: { date: string; id: string }): number {
  return a.date.localeCompare(b.date) || a.id.localeCompare(b.id);
}

/** The order statuses are listed in, from not started to done. */
export const STATUS_ORDER: readonly (ProgressStatus | '尚无进展报告')[] = [
  '未完成',
  '未启动',
  '推进中',
  '已完成',
  '尚无进展报告',
];

/** One report on a timeline, with what later reports did to it. */
export interface TimelineEntry {
  report: ProgressReport;
  /** The report that corrects this one, when there is one. */
  correctedBy?: ProgressReport;
}

/** A task's progress: its reports oldest first, and the status of the latest report that stands. */
export interface TaskProgress {
  plan: number;
  task: number;
  timeline: TimelineEntry[];
  /** The latest report not corrected by another; undefined when the task has no report. */
  latest?: ProgressReport;
}

/** Reports that a later report corrects do not count for status or figures (they stay on the timeline). */
function standing(reports: readonly ProgressReport[]): ProgressReport[] {
  const corrected = new Set(reports.flatMap((report) => (report.corrects ? [report.corrects] : [])));
  return reports.filter((report) => !corrected.has(report.id));
}

/** The progress of one task from all the reports (any plan, any task: the task's are picked out). */
export function taskProgress(reports: readonly ProgressReport[], plan: number, task: number): TaskProgress {
  const own = reports.filter((report) => report.plan === plan && report.task === task).sort(reportOrder);
  const timeline = own.map((report) => {
    const correctedBy = own.find((other) => other.corrects === report.id);
    return correctedBy ? { report, correctedBy } : { report };
  });
  return { plan, task, timeline, latest: standing(own).at(-1) };
}

/** A target's latest reported figure. */
export interface TargetFigure {
  value: number;
  date: string;
  report: ProgressReport;
}

/** The latest figure standing reports give for a target, or undefined when none gives one. */
export function latestFigure(reports: readonly ProgressReport[], targetId: string): TargetFigure | undefined {
  const withFigure = standing(reports)
    .filter((report) => report.figures.some((figure) => figure.target === targetId))
    .sort(reportOrder);
  const report = withFigure.at(-1);
  if (!report) return undefined;
  const figure = report.figures.find((candidate) => candidate.target === targetId)!;
  return { value: figure.value, date: report.date, report };
}

/** Whether a figure reaches a target (超过 needs more than the value; the others at least the value). */
export function meetsTarget(target: TargetValue, value: number): boolean {
  return target.comparator === 'moreThan' ? value > target.value : value >= target.value;
}

/** How much of a bar a figure fills: 0 to 1. */
export function barFraction(target: TargetValue, value: number): number {
  if (target.value <= 0) return 0;
  return Math.max(0, Math.min(1, value / target.value));
}

/** Whether a plan's year is over at `today` (YYYY-MM-DD, Beijing). */
export function planYearOver(year: number, today: string): boolean {
  return today > `${year}-12-31`;
}

/** The year-end verdict on one task. */
export interface TaskVerdict {
  /** The last standing report's status, or undefined when there is no report at all. */
  status?: ProgressStatus;
  /** Whether that report closes the task (已完成 or 未完成): otherwise there is no final report. */
  final: boolean;
  /** The reason the last report gives, when it gives one. */
  reason?: string;
  date?: string;
}

/** The year-end verdict on a task: its last report, and whether that report is final. */
export function taskVerdict(progress: TaskProgress): TaskVerdict {
  const latest = progress.latest;
  if (!latest) return { final: false };
  return {
    status: latest.status,
    final: latest.status === '已完成' || latest.status === '未完成',
    date: latest.date,
    ...(latest.reason ? { reason: latest.reason } : {}),
  };
}

/** The status a list shows for a task: its latest report's, or 尚无进展报告. */
export function shownStatus(progress: TaskProgress): ProgressStatus | '尚无进展报告' {
  return progress.latest?.status ?? '尚无进展报告';
}

/** One task in a plan's overview. */
export interface OverviewRow {
  task: PlanTask;
  progress: TaskProgress;
  status: ProgressStatus | '尚无进展报告';
  /** The units the task names first (its 牵头, else 负责 …): the overview's department order. */
  firstUnits: string[];
}

/** Every task of a plan with its status and the units it names first, in the plan's order. */
export function planOverview(
  plan: { year: number; tasks: readonly PlanTask[] },
  reports: readonly ProgressReport[],
  departmentIdByName: ReadonlyMap<string, string>,
): OverviewRow[] {
  return plan.tasks.map((task) => {
    const progress = taskProgress(reports, plan.year, task.number);
    return {
      task,
      progress,
      status: shownStatus(progress),
      firstUnits: groupTaskUnits(task, departmentIdByName)[0]?.ids ?? [],
    };
  });
}

/** The overview's rows grouped by status, in {@link STATUS_ORDER}; statuses no task has are left out. */
export function byStatus(rows: readonly OverviewRow[]): Array<{ status: OverviewRow['status']; rows: OverviewRow[] }> {
  return STATUS_ORDER.map((status) => ({ status, rows: rows.filter((row) => row.status === status) })).filter(
    (group) => group.rows.length > 0,
  );
}

/**
 * The overview's rows grouped by each unit the plan names for them (a task appears under every unit it names), the
 * units in `order` (the site's department order).
 */
export function byDepartment(
  rows: readonly OverviewRow[],
  departmentIdByName: ReadonlyMap<string, string>,
  order: readonly string[],
): Array<{ department: string; rows: OverviewRow[] }> {
  const units = (row: OverviewRow) => groupTaskUnits(row.task, departmentIdByName).flatMap((group) => group.ids);
  return order
    .map((department) => ({ department, rows: rows.filter((row) => units(row).includes(department)) }))
    .filter((group) => group.rows.length > 0);
}

/** The date of a plan's latest report, or undefined when it has none. */
export function latestReportDate(reports: readonly ProgressReport[], year: number): string | undefined {
  return reports
    .filter((report) => report.plan === year)
    .map((report) => report.date)
    .sort()
    .at(-1);
}

/** One row of a plan's progress open data: one report, or one figure of a report. */
export interface ProgressRecord {
  report: string;
  plan: number;
  task: number;
  taskTitle: string;
  date: string;
  department: string;
  departmentName: string;
  status: ProgressStatus;
  text: string;
  reason: string;
  corrects: string;
  correctedBy: string;
  target: string;
  targetLabel: string;
  value: number | null;
  unit: string;
  sample: boolean;
}

/** A plan's reports as open data, oldest first: one record per figure (a report without figures is one record). */
export function progressRecords(
  plan: { year: number; tasks: readonly PlanTask[] },
  reports: readonly ProgressReport[],
  targets: ReadonlyArray<{ id: string; label: string; unit: string }>,
  departmentName: (id: string) => string,
): ProgressRecord[] {
  const own = reports.filter((report) => report.plan === plan.year).sort(reportOrder);
  return own.flatMap((report): ProgressRecord[] => {
    const base = {
      report: report.id,
      plan: report.plan,
      task: report.task,
      taskTitle: plan.tasks.find((task) => task.number === report.task)?.title ?? '',
      date: report.date,
      department: report.department,
      departmentName: departmentName(report.department),
      status: report.status,
      text: report.text,
      reason: report.reason ?? '',
      corrects: report.corrects ?? '',
      correctedBy: own.find((other) => other.corrects === report.id)?.id ?? '',
      sample: report.sample,
    };
    if (report.figures.length === 0) return [{ ...base, target: '', targetLabel: '', value: null, unit: '' }];
    return report.figures.map((figure) => {
      const target = targets.find((candidate) => candidate.id === figure.target);
      return {
        ...base,
        target: figure.target,
        targetLabel: target?.label ?? '',
        value: figure.value,
        unit: target?.unit ?? '',
      };
    });
  });
}

/** The columns of the CSV, in Chinese, and the record field each holds. */
export const PROGRESS_CSV_COLUMNS: ReadonlyArray<[string, keyof ProgressRecord]> = [
  ['报告编号', 'report'],
  ['计划年份', 'plan'],
  ['任务序号', 'task'],
  ['任务', 'taskTitle'],
  ['报告日期', 'date'],
  ['报告单位编号', 'department'],
  ['报告单位', 'departmentName'],
  ['进展状态', 'status'],
  ['进展说明', 'text'],
  ['原因', 'reason'],
  ['更正的报告', 'corrects'],
  ['被更正于', 'correctedBy'],
  ['量化目标编号', 'target'],
  ['量化目标', 'targetLabel'],
  ['完成数值', 'value'],
  ['单位', 'unit'],
  ['示例数据', 'sample'],
];

/** The records as CSV rows, the header first (written with src/lib/csv.ts writeCsv: Excel-safe). */
export function progressCsvRows(records: readonly ProgressRecord[]): string[][] {
  const cell = (value: ProgressRecord[keyof ProgressRecord]) =>
    value === null ? '' : typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
  return [
    PROGRESS_CSV_COLUMNS.map(([heading]) => heading),
    ...records.map((record) => PROGRESS_CSV_COLUMNS.map(([, key]) => cell(record[key]))),
  ];
}
