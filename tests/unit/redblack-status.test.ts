import { describe, expect, it } from 'vitest';
import {
  allAppearances,
  currentStatus,
  issueId,
  issueLabel,
  rectificationOf,
  restaurantHistories,
} from '../../src/lib/redblack/status.ts';
import type { FollowUp, ListIssue } from '../../src/schemas/list-issue.ts';

const issue = (number: number, publishedOn: string, entries: ListIssue['entries']): ListIssue => ({
  year: 2022,
  number,
  publishedOn,
  theme: '主题',
  area: '片区',
  participants: [],
  source: 'market-regulation',
  sample: true,
  entries,
});
const black = (restaurant: string, inspectedOn: string, deadline?: string) => ({
  restaurant,
  list: '黑榜' as const,
  inspectedOn,
  reasons: ['问题'],
  measures: ['责令改正'],
  ...(deadline ? { deadline } : {}),
});
const red = (restaurant: string, inspectedOn: string) => ({
  restaurant,
  list: '红榜' as const,
  inspectedOn,
  reasons: ['良好'],
  measures: [],
});
const followUp = (issue: string, restaurant: string, date: string, result: FollowUp['result']): FollowUp => ({
  id: `${issue}-${date}`,
  issue,
  restaurant,
  date,
  result,
});

const issues = [
  issue(1, '2022-06-28', [black('a', '2022-06-16'), red('b', '2022-06-15')]),
  issue(4, '2022-09-28', [red('a', '2022-09-14'), black('b', '2022-09-15')]),
];

describe('issue names', () => {
  it('pads the number in the id and writes the label in Chinese', () => {
    expect(issueId({ year: 2022, number: 3 })).toBe('2022-03');
    expect(issueId({ year: 2023, number: 12 })).toBe('2023-12');
    expect(issueLabel({ year: 2022, number: 3 })).toBe('2022年第3期');
  });
});

describe('rectificationOf', () => {
  it('is 整改中 before any re-inspection while the deadline has not passed', () => {
    expect(rectificationOf([], '2022-07-10', '2022-07-01')).toBe('整改中');
    expect(rectificationOf([], undefined, '2030-01-01')).toBe('整改中');
  });

  it('follows the latest re-inspection, whatever the order given', () => {
    const failedThenPassed = [
      followUp('2022-01', 'a', '2022-08-19', '复查合格'),
      followUp('2022-01', 'a', '2022-08-04', '复查不合格'),
    ];
    expect(rectificationOf(failedThenPassed, '2022-08-05', '2026-01-01')).toBe('复查合格');
    expect(rectificationOf([followUp('2022-01', 'a', '2022-07-01', '复查不合格')], '2022-07-05', '2026-01-01')).toBe(
      '复查不合格',
    );
  });

  it('is 已过整改期限 once the deadline passes with no result, so a stale 整改中 never shows', () => {
    expect(rectificationOf([], '2022-07-10', '2022-07-11')).toBe('已过整改期限');
    expect(rectificationOf([], '2022-07-10', '2022-07-10')).toBe('整改中');
    // Re-inspected before the deadline and still working on it: overdue once the deadline passes.
    expect(rectificationOf([followUp('2022-01', 'a', '2022-07-05', '整改中')], '2022-07-10', '2022-08-01')).toBe(
      '已过整改期限',
    );
    // Re-inspected after the deadline and given more time: still 整改中.
    expect(rectificationOf([followUp('2022-01', 'a', '2022-07-12', '整改中')], '2022-07-10', '2022-08-01')).toBe(
      '整改中',
    );
  });
});

describe('allAppearances, restaurantHistories and currentStatus', () => {
  const followUps = [
    followUp('2022-01', 'a', '2022-07-05', '复查合格'),
    followUp('2022-01', 'b', '2022-07-05', '复查不合格'),
  ];
  const appearances = allAppearances(issues, followUps, '2022-12-31');
  const histories = restaurantHistories(appearances);

  it('lists every entry once, newest inspection first', () => {
    expect(appearances.map((item) => [item.issueId, item.entry.restaurant])).toEqual([
      ['2022-04', 'b'],
      ['2022-04', 'a'],
      ['2022-01', 'a'],
      ['2022-01', 'b'],
    ]);
  });

  it('lists a restaurant’s appearances, newest first, each with its own re-inspections', () => {
    const history = histories.get('a')!;
    expect(history.map((appearance) => [appearance.issueId, appearance.entry.list, appearance.rectification])).toEqual([
      ['2022-04', '红榜', null],
      ['2022-01', '黑榜', '复查合格'],
    ]);
    expect(history[1]!.followUps.map((item) => item.date)).toEqual(['2022-07-05']);
  });

  it('groups every appearance under its own restaurant, and no other', () => {
    expect([...histories.keys()].sort()).toEqual(['a', 'b']);
    expect([...histories.values()].flat()).toHaveLength(appearances.length);
  });

  it('does not attach a re-inspection of another restaurant or issue', () => {
    // b's 2022-01 entry is 红榜; the 复查不合格 record names issue 2022-01, which has no 黑榜 entry for b.
    expect(histories.get('b')![0]).toMatchObject({
      issueId: '2022-04',
      rectification: '整改中',
      followUps: [],
    });
  });

  it('summarises the latest appearance', () => {
    expect(currentStatus(histories.get('a')!)).toEqual({
      list: '红榜',
      inspectedOn: '2022-09-14',
      issueId: '2022-04',
      rectification: null,
      label: '红榜',
    });
    expect(currentStatus(histories.get('b')!)?.label).toBe('黑榜 · 整改中');
    expect(currentStatus([])).toBeNull();
  });
});
