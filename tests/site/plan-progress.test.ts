/**
 * Progress reports, the plan overview and what a new plan changes, on the fixture site (tests/fixtures/site/README.md,
 * “Progress reports” and “Second plan”): exact statuses, bars' figures, department lists, open data, the feed, and the
 * 2031 plan's changes against 2030's (an added, a dropped and a changed task, a changed target, units and roles).
 * The year-end scorecard needs the plan's year to be over: tests/content/publish.test.ts publishes the fixture as of
 * 2099 and checks it there.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv.ts';
import { findElement, startTags, textOf } from '../helpers/html.ts';
import { builtSite } from '../helpers/site.ts';

const site = builtSite('fixture');

/** The text of the element with this attribute (and value) on a page. */
function textAt(path: string, attribute: string, value?: string): string {
  const element = findElement(
    site.page(path),
    (tag) => tag.attrs[attribute] !== undefined && (value === undefined || tag.attrs[attribute] === value),
  );
  if (!element) throw new Error(`${path}: no element with ${attribute}${value ? `="${value}"` : ''}`);
  return textOf(element.inner);
}

/** The values of an attribute on a page's tags, in order. */
function attributeValues(html: string, attribute: string): string[] {
  return startTags(html).flatMap((tag) => (tag.attrs[attribute] === undefined ? [] : [tag.attrs[attribute]!]));
}

/** The tasks listed under each heading of an overview order (h3 text → task numbers). */
function groupsOf(path: string): Array<[string, string[]]> {
  const html = site.page(path);
  return [...html.matchAll(/<h3 id="(?:status|unit)-[^"]*"[^>]*>([\s\S]*?)<\/h3>\s*<ul[^>]*>([\s\S]*?)<\/ul>/g)].map(
    (match) => [textOf(match[1]!), attributeValues(match[2]!, 'data-task')],
  );
}

describe('task pages', () => {
  it('show the current status of every task of the 2030 plan, and 尚无进展报告 where there is no report', () => {
    const statuses = [1, 2, 3, 4, 5, 6].map((task) =>
      attributeValues(textOfSection(`/plan/2030/tasks/${task}/`), 'data-status').at(0),
    );
    expect(statuses).toEqual(['已完成', '未完成', '推进中', '尚无进展报告', '推进中', '未启动']);
    expect(textOf(site.page('/plan/2030/tasks/4/'))).toContain('尚无进展报告。');
  });

  it('show a dated timeline with the department, the reason, the evidence and corrections', () => {
    const task5 = textOfSection('/plan/2030/tasks/5/');
    expect(attributeValues(task5, 'datetime')).toEqual(['2030-06-30', '2030-07-05', '2030-07-05']);
    expect(textOf(task5)).toContain('已被更正： 见 2030年7月5日 的 更正报告 ，本报告的状态和数字不再计入。');
    expect(textOf(task5)).toContain('更正 此前的一份报告');
    const task1 = site.page('/plan/2030/tasks/1/');
    expect(attributeValues(textOfSection('/plan/2030/tasks/1/'), 'href')).toEqual([
      '/departments/food-safety-office/',
      '/articles/notice-site-test/',
      '/files/2025/test-form.pdf',
      '/plan/2030/progress/',
    ]);
    expect(textOf(task1)).toContain('会议纪要');
    expect(textOf(textOfSection('/plan/2030/tasks/2/'))).toContain('原因：评议办法未获通过，评议结果无法向社会公开。');
  });

  it('show each target as a bar with the latest standing figure and its date, in words', () => {
    expect(textAt('/plan/2030/tasks/5/', 'data-figure')).toBe(
      '报告数字 480批次 ，目标1000批次（达到目标的约 48%）； 2030年7月5日 报告',
    );
    expect(textAt('/plan/2030/tasks/3/', 'data-figure')).toBe(
      '报告数字 98% ，目标100%（达到目标的约 98%）； 2030年9月30日 报告',
    );
    // The bar is drawn, hidden from screen readers (the words say it): 48% of 298 units.
    const bar = findElement(
      site.page('/plan/2030/tasks/5/'),
      (tag) => tag.attrs.class?.includes('progress-bar') ?? false,
    )!;
    expect(bar.inner).toMatch(/<svg[^>]*aria-hidden="true"/);
    expect(attributeValues(bar.inner, 'width')).toEqual(['298', '143']);
    expect(
      textOf(findElement(site.page('/plan/2031/tasks/4/'), (tag) => tag.attrs.class === 'progress-bar')!.inner),
    ).toBe('目标1200批次：尚无进展报告');
  });
});

/** The 进展 section and the targets of a task page, as HTML. */
function textOfSection(path: string): string {
  const html = site.page(path);
  const start = html.indexOf('<section aria-labelledby="progress-heading"');
  return html.slice(start, html.indexOf('</section>', start));
}

describe('/plan/<year>/progress/', () => {
  it('lists all tasks in the plan’s order with their status, and the latest report’s date', () => {
    const page = site.page('/plan/2030/progress/');
    expect(attributeValues(page, 'data-task')).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(attributeValues(page, 'data-status')).toEqual([
      '已完成',
      '未完成',
      '推进中',
      '尚无进展报告',
      '推进中',
      '未启动',
    ]);
    expect(textOf(page)).toContain('最近一次进展报告： 2030年12月20日 （共 9 份报告）。');
    expect(textAt('/plan/2030/progress/', 'data-task', '4')).toBe(
      '（四） 推进明厨亮灶建设 – 尚无进展报告 尚无进展报告 ；责任单位：区市场监管局等',
    );
    expect(attributeValues(page, 'data-target')).toEqual(['2030-canteen-sample-rate', '2030-sampling-batches']);
    // Not in the search index: the task pages carry the reports.
    expect(page).not.toContain('data-pagefind-body');
  });

  it('is sorted by status and by department on pages of their own, without JavaScript', () => {
    expect(groupsOf('/plan/2030/progress/by-status/')).toEqual([
      ['未完成（1 项）', ['2']],
      ['未启动（1 项）', ['6']],
      ['推进中（2 项）', ['3', '5']],
      ['已完成（1 项）', ['1']],
      ['尚无进展报告（1 项）', ['4']],
    ]);
    // Units in the site's order (most tasks across the plans first), each task under every unit it names.
    expect(groupsOf('/plan/2030/progress/by-department/')).toEqual([
      ['区市场监管局（4 项）', ['3', '4', '5', '6']],
      ['各镇街（2 项）', ['1', '6']],
      ['区农业农村委（2 项）', ['5', '6']],
      ['区食安办（3 项）', ['1', '2', '6']],
      ['区食安委成员单位（3 项）', ['1', '2', '6']],
      ['区卫生健康委（2 项）', ['3', '6']],
      ['区教育局（1 项）', ['3']],
    ]);
    for (const path of ['/plan/2030/progress/by-status/', '/plan/2030/progress/by-department/'])
      expect(site.page(path)).toContain('aria-current="page"');
  });

  it('says 尚无进展报告 for a plan without any report', () => {
    const page = site.page('/plan/2031/progress/');
    expect(textOf(page)).toContain('尚无进展报告。');
    expect(new Set(attributeValues(page, 'data-status'))).toEqual(new Set(['尚无进展报告']));
    // Its year (2031) is not over: no scorecard yet.
    expect(textOf(page)).not.toContain('年终结果');
  });
});

describe('department pages', () => {
  it('list their tasks with status, per plan', () => {
    const list = (id: string, year: number) => textAt(`/departments/${id}/`, 'data-progress-list', String(year));
    expect(list('health', 2030)).toBe(
      '任务（三）加强校园食品安全管理 ◐ 推进中 （ 2030年9月30日 ） 任务（六）开展宣传教育活动 ○ 未启动 （ 2030年6月1日 ）',
    );
    expect(list('market-regulation', 2031)).toBe(
      '任务（二）加强校园食品安全管理 – 尚无进展报告 任务（三）推进明厨亮灶建设 – 尚无进展报告 ' +
        '任务（四）开展抽样检验工作 – 尚无进展报告 任务（五）开展宣传教育活动 – 尚无进展报告 ' +
        '任务（六）推进食品安全智慧监管 – 尚无进展报告',
    );
  });
});

describe('open data and feed', () => {
  it('has one CSV row per report (per figure), Excel-safe, and the same records as JSON', () => {
    const csv = site.read('data/plan-2030-progress.csv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([
      '报告编号',
      '计划年份',
      '任务序号',
      '任务',
      '报告日期',
      '报告单位编号',
      '报告单位',
      '进展状态',
      '进展说明',
      '原因',
      '更正的报告',
      '被更正于',
      '量化目标编号',
      '量化目标',
      '完成数值',
      '单位',
      '示例数据',
    ]);
    expect(rows.slice(1).map((row) => [row[0], row[7], row[14]])).toEqual([
      ['2030-2-food-safety-office-0310', '未启动', ''],
      ['2030-1-food-safety-office-0320', '已完成', ''],
      ['2030-3-education-0415', '推进中', '96'],
      ['2030-6-health-0520', '已完成', ''],
      ['2030-6-health-0601', '未启动', ''],
      ['2030-5-market-regulation-0630', '推进中', '450'],
      ['2030-5-market-regulation-0705', '推进中', '480'],
      ['2030-3-health-0930', '推进中', '98'],
      ['2030-2-food-safety-office-1220', '未完成', ''],
    ]);
    const json = JSON.parse(site.read('data/plan-2030-progress.json')) as {
      records: Array<{ report: string; correctedBy: string }>;
    };
    expect(json.records.map((record) => record.report)).toEqual(rows.slice(1).map((row) => row[0]));
    expect(json.records.find((record) => record.report === '2030-5-market-regulation-0630')?.correctedBy).toBe(
      '2030-5-market-regulation-0705',
    );
    expect(parseCsv(site.read('data/plan-2031-progress.csv').slice(1))).toHaveLength(1);
  });

  it('has an RSS feed of the reports, newest first, linking to each report on its task page', () => {
    const feed = site.read('plan/rss.xml');
    const links = [...feed.matchAll(/<link>([^<]+)<\/link>/g)].map(
      (match) => new URL(match[1]!).pathname + new URL(match[1]!).hash,
    );
    expect(links.slice(1, 3)).toEqual([
      '/plan/2030/tasks/2/#report-2030-2-food-safety-office-1220',
      '/plan/2030/tasks/3/#report-2030-3-health-0930',
    ]);
    expect(links).toHaveLength(10);
  });
});

describe('/plan/2031/changes/', () => {
  const page = () => site.page('/plan/2031/changes/');

  it('shows the added, dropped and kept tasks with how each was matched', () => {
    expect(textAt('/plan/2031/changes/', 'data-changes', 'added')).toBe(
      '2031年任务（六）推进食品安全智慧监管 （按 meta.yaml 指定为新增）',
    );
    expect(textAt('/plan/2031/changes/', 'data-changes', 'dropped')).toBe('2030年任务（二）落实考核评议制度');
    expect(attributeValues(page(), 'data-kept')).toEqual(['1', '2', '3', '4', '5']);
    expect(attributeValues(page(), 'data-previous')).toEqual(['1', '3', '4', '5', '6']);
    expect(textAt('/plan/2031/changes/', 'data-kept', '1')).toContain('（相似度 100%） 原文未变。');
  });

  it('shows the sentences of a changed task added and removed, verbatim', () => {
    const diff = findElement(page(), (tag) => tag.attrs['data-kept'] === '4')!.inner;
    expect([...diff.matchAll(/<(ins|del)>([^<]*)<\/\1>/g)].map((match) => [match[1], match[2]])).toEqual([
      ['del', '全年完成食品安全监督抽检1000批次，抽检合格率达到97%以上。（区市场监管局、区农业农村委按职责分工负责）'],
      ['del', '做好抽检不合格食品核查处置。（区市场监督管理局负责）'],
      ['ins', '全年完成食品安全监督抽检1200批次，抽检合格率达到97%以上。（区市场监管局、区农业农村委按职责分工负责）'],
      ['ins', '按季度公布抽检信息，接受社会监督。（区市场监管局负责）'],
    ]);
    // Readable without colour: each sentence says whether it was added or removed.
    expect(textOf(diff)).toContain('删去： 做好抽检不合格食品核查处置。');
  });

  it('shows the units that gained or lost a task or a role, and the changed target', () => {
    const unit = (id: string) => textAt('/plan/2031/changes/', 'data-unit', id);
    expect(unit('market-regulation')).toBe(
      '区市场监管局 新增任务：2031年任务（六）推进食品安全智慧监管（牵头） 职责变化：2031年任务（三）推进明厨亮灶建设，由“负责”改为“牵头”',
    );
    expect(unit('townships')).toBe('各镇街 新增任务：2031年任务（三）推进明厨亮灶建设（配合）');
    expect(unit('food-safety-office')).toBe('区食安办 不再承担：2030年任务（二）落实考核评议制度（原为牵头）');
    expect(unit('health')).toBe(
      '区卫生健康委 职责变化：2031年任务（二）加强校园食品安全管理，由“按职责分工负责”改为“配合”',
    );
    expect(textAt('/plan/2031/changes/', 'data-target', '2031-sampling-batches')).toBe(
      '食品安全监督抽检：1000批次 → 1200批次',
    );
  });

  it('exists only for a plan with a previous year', () => {
    expect(site.exists('plan/2031/changes/index.html')).toBe(true);
    expect(site.exists('plan/2030/changes/index.html')).toBe(false);
  });
});
