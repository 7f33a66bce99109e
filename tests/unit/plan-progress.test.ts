import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/lib/plan/parse.ts';
import { matchTasks, sentenceDiff, sentences, similarity, checkMatches } from '../../src/lib/plan/changes.ts';
import {
  barFraction,
  byStatus,
  latestFigure,
  meetsTarget,
  planOverview,
  planYearOver,
  reportingPeriod,
  taskProgress,
  taskVerdict,
} from '../../src/lib/plan/progress.ts';
import { checkProgress, type ProgressContext } from '../../src/lib/plan/progress-rules.ts';
import type { ProgressReport } from '../../src/schemas/progress.ts';

/** A plan of a few tasks in the real plan.txt form. */
function plan(year: number, tasks: string[]) {
  const text = [
    `测试区人民政府办公室关于印发测试区${year}年食品安全监督管理计划的通知`,
    '各有关单位：',
    '现印发给你们。',
    '测试区人民政府办公室',
    `${year}年1月15日`,
    `测试区${year}年食品安全监督管理计划`,
    '开头。',
    '一、第一部分',
    ...tasks,
  ].join('\n');
  return {
    year,
    ...parsePlan(`${text}\n`, 'plan.txt'),
    textFile: 'plan.txt',
    matches: [] as Array<{ task: number; previous: number }>,
  };
}

const OLD = plan(2030, [
  '（一）开展抽样检验工作。全年完成抽检1000批次。（区市场监管局负责）做好核查处置。（区市场监管局负责）',
  '（二）落实考核评议制度。将食品安全工作纳入年度考核。（区食安办负责）',
  '（三）推进明厨亮灶建设。推动后厨公开透明。（区市场监管局负责）',
]);
const NEW = plan(2031, [
  '（一）推进明厨亮灶建设。推动后厨公开透明。（区市场监管局牵头，各镇街配合）',
  '（二）开展抽样检验工作。全年完成抽检1200批次。（区市场监管局负责）按季度公布抽检信息。（区市场监管局负责）',
  '（三）推进智慧监管。建设信息平台。（区市场监管局牵头）',
]);

describe('what a new plan changes', () => {
  it('pairs tasks by title and text, whatever their numbers, and finds the added and dropped ones', () => {
    const matched = matchTasks(NEW, OLD);
    expect(matched.kept.map((match) => [match.current.number, match.previous.number])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    expect(matched.added.map((task) => task.title)).toEqual(['推进智慧监管']);
    expect(matched.dropped.map((task) => task.title)).toEqual(['落实考核评议制度']);
  });

  it('follows meta.yaml’s matches over the similarity: a pairing, or 0 for a new task', () => {
    const matched = matchTasks(
      {
        ...NEW,
        matches: [
          { task: 3, previous: 2 },
          { task: 1, previous: 0 },
        ],
      },
      OLD,
    );
    expect(matched.kept.map((match) => [match.current.number, match.previous.number, match.byOverride])).toEqual([
      [2, 1, false],
      [3, 2, true],
    ]);
    expect(matched.added.map((task) => task.number)).toEqual([1]);
    expect(matched.dropped.map((task) => task.number)).toEqual([3]);
  });

  it('checks the matches: tasks that exist, each once, and a previous plan to pair with', () => {
    const file = 'content/plans/2031/meta.yaml';
    const bad = {
      ...NEW,
      matches: [
        { task: 7, previous: 1 },
        { task: 2, previous: 9 },
        { task: 2, previous: 1 },
      ],
    };
    expect(checkMatches(bad, OLD, file).map((problem) => [problem.field, problem.message])).toEqual([
      ['matches.0.task', '2031 年计划没有第 7 项任务（共 3 项）。'],
      ['matches.1.previous', '2030 年计划没有第 9 项任务（共 3 项）；新增的任务请写 0。'],
      ['matches.2.task', '第 2 项任务的对应关系写了两次。'],
    ]);
    expect(checkMatches({ ...NEW, matches: [{ task: 1, previous: 0 }] }, undefined, file)[0]?.message).toBe(
      '没有 2030 年的计划，不能填写对应关系。',
    );
  });

  it('cuts a task into sentences with their assignment and diffs them verbatim', () => {
    expect(sentences('抽检。全年完成抽检1000批次。（区市场监管局负责）做好核查处置。')).toEqual([
      '抽检。',
      '全年完成抽检1000批次。（区市场监管局负责）',
      '做好核查处置。',
    ]);
    expect(sentenceDiff(OLD.tasks[0]!.text, NEW.tasks[1]!.text)).toEqual([
      { kind: 'same', sentences: ['开展抽样检验工作。'] },
      {
        kind: 'removed',
        sentences: ['全年完成抽检1000批次。（区市场监管局负责）', '做好核查处置。（区市场监管局负责）'],
      },
      {
        kind: 'added',
        sentences: ['全年完成抽检1200批次。（区市场监管局负责）', '按季度公布抽检信息。（区市场监管局负责）'],
      },
    ]);
  });

  it('measures similarity from 0 to 1', () => {
    expect(similarity('推进明厨亮灶建设', '推进明厨亮灶建设')).toBe(1);
    expect(similarity('推进明厨亮灶建设', '落实考核评议制度')).toBe(0);
  });
});

const report = (fields: Partial<ProgressReport> & { id: string; date: string }): ProgressReport => ({
  plan: 2030,
  task: 1,
  department: 'market-regulation',
  status: '推进中',
  text: '说明。',
  figures: [],
  articles: [],
  attachments: [],
  sample: false,
  file: `content/progress/${fields.id}.yaml`,
  ...fields,
});

describe('progress', () => {
  const reports = [
    report({ id: 'a', date: '2030-06-30', figures: [{ target: 'batches', value: 450 }] }),
    report({ id: 'b', date: '2030-07-05', corrects: 'a', figures: [{ target: 'batches', value: 480 }] }),
    report({ id: 'c', date: '2030-08-01', status: '已完成' }),
    report({ id: 'd', date: '2030-09-01', task: 3, corrects: 'e' }),
    report({
      id: 'e',
      date: '2030-08-01',
      task: 3,
      status: '未完成',
      reason: '原因。',
      figures: [{ target: 'rate', value: 90 }],
    }),
  ];

  it('gives a task its timeline, oldest first, and the latest report that stands', () => {
    const progress = taskProgress(reports, 2030, 1);
    expect(progress.timeline.map((entry) => [entry.report.id, entry.correctedBy?.id])).toEqual([
      ['a', 'b'],
      ['b', undefined],
      ['c', undefined],
    ]);
    expect(progress.latest?.id).toBe('c');
    // A corrected report's figure no longer counts; a report without the figure leaves the last one standing.
    expect(latestFigure(reports, 'batches')).toMatchObject({ value: 480, date: '2030-07-05' });
    expect(latestFigure(reports, 'rate')).toBeUndefined();
    expect(taskProgress(reports, 2030, 2)).toEqual({ plan: 2030, task: 2, timeline: [], latest: undefined });
  });

  it('says at the year’s end what is final, and never invents a verdict', () => {
    expect(taskVerdict(taskProgress(reports, 2030, 1))).toEqual({ status: '已完成', final: true, date: '2030-08-01' });
    expect(taskVerdict(taskProgress(reports, 2030, 3))).toEqual({ status: '推进中', final: false, date: '2030-09-01' });
    expect(taskVerdict(taskProgress(reports, 2030, 2))).toEqual({ final: false });
    expect([planYearOver(2030, '2030-12-31'), planYearOver(2030, '2031-01-01')]).toEqual([false, true]);
    expect(reportingPeriod(2030)).toEqual({ start: '2030-01-01', end: '2031-03-31' });
  });

  it('compares figures with their target and fills bars to at most the whole', () => {
    const target = { value: 98, unit: '%', comparator: 'atLeast' as const };
    expect([meetsTarget(target, 98), meetsTarget({ ...target, comparator: 'moreThan' }, 98)]).toEqual([true, false]);
    expect([barFraction(target, 49), barFraction(target, 120)]).toEqual([0.5, 1]);
  });

  it('groups the overview by status in a fixed order', () => {
    const rows = planOverview(
      OLD,
      [report({ id: 'x', date: '2030-05-01', task: 2, status: '未完成', reason: 'r' })],
      new Map(),
    );
    expect(byStatus(rows).map((group) => [group.status, group.rows.map((row) => row.task.number)])).toEqual([
      ['未完成', [2]],
      ['尚无进展报告', [1, 3]],
    ]);
  });
});

describe('progress rules', () => {
  const context: ProgressContext = {
    plans: [OLD],
    targets: [{ id: 'batches', plan: 2030, task: 1, unit: '批次', label: '抽检' }],
    departmentIdByName: new Map([
      ['区市场监管局', 'market-regulation'],
      ['区食安办', 'food-safety-office'],
    ]),
    departmentNames: new Map([
      ['market-regulation', '区市场监管局'],
      ['food-safety-office', '区食安办'],
    ]),
    articleSlugs: new Set(['news']),
    publicArticleSlugs: new Set(['news']),
    attachmentProblem: () => null,
  };
  const fields = (reports: ProgressReport[]) =>
    checkProgress(reports, context).map((problem) => `${problem.entry} ${problem.field}`);

  it('accepts a valid report, a correction and a step back with its reason', () => {
    expect(
      fields([
        report({
          id: 'a',
          date: '2030-03-01',
          status: '已完成',
          figures: [{ target: 'batches', value: 10, unit: '批次' }],
        }),
        report({ id: 'b', date: '2030-04-01', corrects: 'a', reason: '3 月的报告有误。', articles: ['news'] }),
      ]),
    ).toEqual([]);
  });

  it('refuses a correction of a later report, of another task, or of itself', () => {
    expect(
      fields([
        report({ id: 'a', date: '2030-05-01' }),
        report({ id: 'b', date: '2030-04-01', corrects: 'a' }),
        report({ id: 'c', date: '2030-05-01', task: 2, department: 'food-safety-office', corrects: 'a' }),
        report({ id: 'd', date: '2030-05-01', corrects: 'd' }),
      ]),
    ).toEqual(['b corrects', 'c corrects', 'd corrects']);
  });

  it('refuses a figure given twice for one target in one report', () => {
    const twice = [
      { target: 'batches', value: 1 },
      { target: 'batches', value: 2 },
    ];
    expect(fields([report({ id: 'a', date: '2030-05-01', figures: twice })])).toEqual(['a figures.1.target']);
  });
});
