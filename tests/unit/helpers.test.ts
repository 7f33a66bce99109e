import { describe, expect, it } from 'vitest';
import { renderSitemap, sitemapUrls } from '../../src/integrations/sitemap-xml.ts';
import { isHeadInjectDirectiveWarning, onBuildLog } from '../../src/integrations/head-inject-directive.ts';
import { isCurrentSection } from '../../src/lib/navigation.ts';
import { segmentAssignment } from '../../src/lib/plan/link-units.ts';
import {
  countTasks,
  groupByRole,
  groupTaskUnits,
  rolesInTask,
  type Duty,
} from '../../src/lib/plan/responsibilities.ts';
import { formatTarget } from '../../src/lib/plan/targets.ts';
import { parseAssignment } from '../../src/lib/plan/assignment.ts';
import { describeResults, pagefindFilters, readSearchParams, searchAddress } from '../../src/lib/search.ts';
import type { PlanTask } from '../../src/lib/plan/parse.ts';

describe('segmentAssignment', () => {
  const text = '区市场监管局及其他区食安委成员单位按职责分工负责';
  const units = parseAssignment(text)!.units;
  const ids = new Map([
    ['区市场监管局', 'market-regulation'],
    ['区食安委成员单位', 'food-safety-committee-members'],
  ]);

  it('keeps every character of the official text', () => {
    expect(
      segmentAssignment(text, units, ids)
        .map((segment) => segment.text)
        .join(''),
    ).toBe(text);
  });

  it('links each unit name to its department and leaves the words between plain', () => {
    expect(segmentAssignment(text, units, ids)).toEqual([
      { text: '区市场监管局', departmentId: 'market-regulation' },
      { text: '及其他' },
      { text: '区食安委成员单位', departmentId: 'food-safety-committee-members' },
      { text: '按职责分工负责' },
    ]);
  });
});

describe('responsibilities', () => {
  const task = (number: number, assignment: string): PlanTask => ({
    number,
    label: `（${number}）`,
    title: `任务${number}`,
    chapter: 1,
    text: '',
    clauses: [
      {
        text: '内容。',
        assignmentText: assignment,
        units: parseAssignment(assignment)!.units,
        andRelatedDepartments: false,
      },
    ],
  });
  const ids = new Map([
    ['甲局', 'a'],
    ['乙局', 'b'],
  ]);

  it('groups a task’s departments by role, strongest first, each once', () => {
    const twoClauses: PlanTask = {
      ...task(1, '乙局配合'),
      clauses: [...task(1, '乙局配合').clauses, ...task(1, '甲局牵头，乙局配合').clauses],
    };
    expect(groupTaskUnits(twoClauses, ids)).toEqual([
      { role: 'lead', ids: ['a'] },
      { role: 'support', ids: ['b'] },
    ]);
  });

  it('lists the roles a department holds in one task without repeats', () => {
    const t = task(3, '甲局牵头');
    const duties: Duty[] = [
      { year: 2022, task: t, clause: t.clauses[0]!, role: 'shared' },
      { year: 2022, task: t, clause: t.clauses[0]!, role: 'lead' },
      { year: 2022, task: t, clause: t.clauses[0]!, role: 'lead' },
      { year: 2023, task: t, clause: t.clauses[0]!, role: 'support' },
    ];
    expect(rolesInTask(duties, 2022, 3)).toEqual(['lead', 'shared']);
    expect(rolesInTask(duties, 2022, 4)).toEqual([]);
    // Task 3 of 2022 and task 3 of 2023 are different tasks; three 2022 duties are one task.
    expect(countTasks(duties)).toBe(2);
    expect(groupByRole(duties).map((group) => [group.role, group.items.length])).toEqual([
      ['lead', 2],
      ['shared', 1],
      ['support', 1],
    ]);
  });
});

describe('formatTarget', () => {
  it.each([
    [{ value: 7300, unit: '批次', comparator: 'about' as const }, '7300余批次'],
    [{ value: 98, unit: '%', comparator: 'atLeast' as const }, '不低于98%'],
    [{ value: 80, unit: '%', comparator: 'moreThan' as const }, '超过80%'],
    [{ value: 4932, unit: '批次', comparator: 'exact' as const }, '4932批次'],
    [{ value: 1, unit: '人／万常住人口', comparator: 'per' as const }, '1人／万常住人口'],
  ])('%o reads %s', (target, expected) => {
    expect(formatTarget(target)).toBe(expected);
  });
});

describe('sitemap.xml', () => {
  it('makes absolute, sorted, unique addresses and leaves out the 404 page', () => {
    expect(sitemapUrls('https://example.org/', ['plan/2022/', '', '404/', 'plan/2022/', 'departments/'])).toEqual([
      'https://example.org/',
      'https://example.org/departments/',
      'https://example.org/plan/2022/',
    ]);
  });

  it('leaves out the print pages (door stickers, towns’ sticker sheets) and keeps their restaurants and towns', () => {
    const pages = [
      'restaurants/a/',
      'restaurants/a/sticker/',
      'towns/120114001/',
      'towns/120114001/stickers/',
      'towns/120114001/stickers/2/',
    ];
    expect(sitemapUrls('https://example.org', pages)).toEqual([
      'https://example.org/restaurants/a/',
      'https://example.org/towns/120114001/',
    ]);
  });

  it('escapes addresses in the XML', () => {
    expect(renderSitemap(['https://example.org/?a=1&b=2'])).toContain('<loc>https://example.org/?a=1&amp;b=2</loc>');
    expect(sitemapUrls('https://example.org', ['articles/tags/冷链/'])).toEqual([
      'https://example.org/articles/tags/%E5%86%B7%E9%93%BE/',
    ]);
  });
});

describe('navigation', () => {
  it('marks the home page only on itself and sections on everything below them', () => {
    expect(isCurrentSection('/', '/')).toBe(true);
    expect(isCurrentSection('/plan/', '/')).toBe(false);
    expect(isCurrentSection('/plan/2022/tasks/5/', '/plan/')).toBe(true);
    expect(isCurrentSection('/plan', '/plan/')).toBe(true);
    expect(isCurrentSection('/planning/', '/plan/')).toBe(false);
  });
});

describe('search page helpers', () => {
  it('reads the query and the type from the address', () => {
    expect(readSearchParams('?q=%E5%86%B7%E9%93%BE+&type=任务')).toEqual({
      query: '冷链',
      type: '任务',
      more: { town: '', list: '', year: '', category: '' },
    });
    expect(readSearchParams('?q=饺子&town=杨村街道&list=黑榜')).toEqual({
      query: '饺子',
      type: '',
      more: { town: '杨村街道', list: '黑榜', year: '', category: '' },
    });
  });

  it('turns the chosen filters into Pagefind filters and back into an address', () => {
    const state = readSearchParams('?q=饺子&type=餐厅&town=杨村街道&year=2022');
    expect(pagefindFilters(state)).toEqual({ 类型: '餐厅', 镇街: '杨村街道', 年份: '2022' });
    expect(decodeURIComponent(searchAddress(state))).toBe('?q=饺子&type=餐厅&town=杨村街道&year=2022');
    expect(pagefindFilters(readSearchParams('?q=x'))).toEqual({});
  });

  it('describes results in Chinese', () => {
    expect(describeResults('冷链', 3, '')).toBe('找到 3 条与“冷链”相关的结果。');
    expect(describeResults('冷链', 0, '部门')).toBe('“部门”类中没有找到与“冷链”相关的内容。请换一个词试试。');
    expect(describeResults('', 0, '')).toMatch(/请输入要搜索的词语/);
    expect(describeResults('饺子', 2, '餐厅', ['杨村街道', '', '2022'])).toBe(
      '“餐厅”类、“杨村街道”、“2022”中找到 2 条与“饺子”相关的结果。',
    );
  });
});

describe('the build log filter', () => {
  const warning = (message: string, code = 'MODULE_LEVEL_DIRECTIVE') => ({ code, message });
  it('drops only Rolldown’s warning about Astro’s head-inject directive', () => {
    const passed: unknown[] = [];
    const handler = (level: string, log: unknown) => passed.push([level, log]);
    const head = warning('The semantics of the module level directive "use astro:head-inject" in "a.mdx" …');
    const client = warning('The semantics of the module level directive "use client" in "b.tsx" …');
    const other = warning('"use astro:head-inject"', 'SOMETHING_ELSE');
    for (const log of [head, client, other]) onBuildLog('warn', log as never, handler as never);
    onBuildLog('info', head as never, handler as never);
    expect(passed).toEqual([
      ['warn', client],
      ['warn', other],
      ['info', head],
    ]);
    expect(isHeadInjectDirectiveWarning(head)).toBe(true);
  });
});
