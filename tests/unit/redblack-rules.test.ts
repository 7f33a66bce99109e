/** Each red/black list rule with a bad fixture: the message names file, entry and field. */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { checkRedBlack, suggestTown, type RedBlackContent } from '../../src/lib/redblack/rules.ts';
import { listIssueSchema, followUpSchema, type FollowUp, type ListIssue } from '../../src/schemas/list-issue.ts';
import { restaurantSchema, type Restaurant } from '../../src/schemas/restaurant.ts';
import type { Town } from '../../src/schemas/town.ts';
import { validateEntry } from '../../src/lib/content-errors.ts';

const towns: Town[] = [
  { id: '120114001', name: '杨村街道', kind: 'street' },
  { id: '120114103', name: '崔黄口镇', kind: 'town' },
];
const restaurant = (id: string, town = '120114001'): Restaurant => ({
  id,
  signName: `示例·${id}`,
  registeredName: `示例${id}餐饮店`,
  address: '示例路 1 号',
  town,
  businessType: '正餐',
  sample: true,
});
const issue = (overrides: Partial<ListIssue> = {}): ListIssue => ({
  year: 2022,
  number: 3,
  publishedOn: '2022-08-30',
  theme: '示例主题',
  area: '杨村街道',
  participants: ['区人大代表'],
  source: 'market-regulation',
  sample: true,
  entries: [
    { restaurant: 'good', list: '红榜', inspectedOn: '2022-08-20', reasons: ['后厨整洁'], measures: [] },
    {
      restaurant: 'bad',
      list: '黑榜',
      inspectedOn: '2022-08-21',
      reasons: ['生熟混放'],
      measures: ['下达责令改正通知书'],
      deadline: '2022-09-10',
    },
  ],
  ...overrides,
});
const followUp = (overrides: Partial<FollowUp> = {}): FollowUp => ({
  id: 'f1',
  issue: '2022-03',
  restaurant: 'bad',
  date: '2022-09-08',
  result: '复查合格',
  ...overrides,
});
const content = (overrides: Partial<RedBlackContent> = {}): RedBlackContent => ({
  issues: [{ file: 'content/redblack/2022-03.mdx', id: '2022-03', data: issue() }],
  restaurants: [restaurant('good'), restaurant('bad')],
  restaurantsFile: 'content/restaurants.yaml',
  towns,
  followUps: [followUp()],
  followUpsFile: 'content/redblack/follow-ups.yaml',
  departmentIds: new Set(['market-regulation']),
  ...overrides,
});
const check = (overrides: Partial<RedBlackContent>) => checkRedBlack(content(overrides)).map(formatProblem).join('\n');
const withIssue = (data: ListIssue, id = '2022-03') => ({ issues: [{ file: `content/redblack/${id}.mdx`, id, data }] });
const entries = issue().entries;

describe('red/black list rules', () => {
  it('accept consistent content', () => {
    expect(checkRedBlack(content())).toEqual([]);
  });

  it('reject a restaurant in an unknown town', () => {
    expect(check({ restaurants: [restaurant('good', '120114999'), restaurant('bad')] })).toMatch(
      /^文件 content\/restaurants\.yaml，条目“good”，字段“所在镇街”（town）：没有代码为“120114999”的镇街/,
    );
  });

  it('reject an entry naming an unknown restaurant', () => {
    expect(check({ restaurants: [restaurant('bad')] })).toMatch(
      /文件 content\/redblack\/2022-03\.mdx，条目“第 1 条上榜记录（good）”，字段“餐厅编号”（entries\.0\.restaurant）：餐厅登记表 content\/restaurants\.yaml 中没有编号为“good”的餐厅/,
    );
  });

  it('reject a 黑榜 entry without reasons', () => {
    const data = issue({ entries: [entries[0]!, { ...entries[1]!, reasons: [] }] });
    expect(check(withIssue(data))).toMatch(
      /条目“第 2 条上榜记录（bad）”，字段“上榜理由”（entries\.1\.reasons）：黑榜记录至少需要一条上榜理由/,
    );
  });

  it('reject a 黑榜 entry without a rectification deadline', () => {
    const { deadline: _unused, ...withoutDeadline } = entries[1]!;
    const data = issue({ entries: [entries[0]!, withoutDeadline] });
    expect(check(withIssue(data))).toMatch(/字段“整改期限”（entries\.1\.deadline）：黑榜记录必须写明整改期限/);
  });

  it('reject a 黑榜 entry without measures', () => {
    const data = issue({ entries: [entries[0]!, { ...entries[1]!, measures: [] }] });
    expect(check(withIssue(data))).toMatch(/字段“处理措施”（entries\.1\.measures）：黑榜记录必须写明处理措施/);
  });

  it('reject measures on a 红榜 entry', () => {
    const data = issue({ entries: [{ ...entries[0]!, measures: ['约谈'] }, entries[1]!] });
    expect(check(withIssue(data))).toMatch(/字段“处理措施”（entries\.0\.measures）：红榜记录不填写处理措施和整改期限/);
  });

  it('reject an inspection after publication', () => {
    const data = issue({ entries: [{ ...entries[0]!, inspectedOn: '2022-09-01' }, entries[1]!] });
    expect(check(withIssue(data))).toMatch(
      /字段“检查日期”（entries\.0\.inspectedOn）：检查日期 2022-09-01 晚于本期发布日期 2022-08-30/,
    );
  });

  it('reject a deadline before the inspection', () => {
    const data = issue({ entries: [entries[0]!, { ...entries[1]!, deadline: '2022-08-01' }] });
    expect(check(withIssue(data))).toMatch(
      /字段“整改期限”（entries\.1\.deadline）：整改期限 2022-08-01 早于检查日期 2022-08-21/,
    );
  });

  it('reject the same restaurant twice in one issue', () => {
    const data = issue({ entries: [entries[0]!, entries[1]!, { ...entries[0]!, inspectedOn: '2022-08-22' }] });
    expect(check(withIssue(data))).toMatch(
      /条目“第 3 条上榜记录（good）”，字段“餐厅编号”（entries\.2\.restaurant）：同一家餐厅在一期中只能上榜一次/,
    );
  });

  it('reject two issues with the same year and number', () => {
    const issues = [
      { file: 'content/redblack/2022-03.mdx', id: '2022-03', data: issue() },
      { file: 'content/redblack/2022-03-copy.mdx', id: '2022-03-copy', data: issue() },
    ];
    const text = check({ issues });
    expect(text).toMatch(
      /文件 content\/redblack\/2022-03-copy\.mdx，条目“2022年第3期”，字段“期次”（number）：2022年第3期已由 content\/redblack\/2022-03\.mdx 发布过/,
    );
    expect(text).toMatch(/文件名应与年份和期次一致，应为 2022-03\.mdx/);
  });

  it('reject an unknown publishing department', () => {
    expect(check(withIssue(issue({ source: 'no-such-bureau' })))).toMatch(
      /字段“发布单位”（source）：没有编号为“no-such-bureau”的部门/,
    );
  });

  it('reject a publication date outside the issue’s year', () => {
    expect(check(withIssue(issue({ publishedOn: '2023-01-05' })))).toMatch(
      /字段“发布日期”（publishedOn）：发布日期 2023-01-05 不在 2022 年内/,
    );
  });

  it('reject a follow-up before its inspection', () => {
    expect(check({ followUps: [followUp({ date: '2022-08-01' })] })).toMatch(
      /^文件 content\/redblack\/follow-ups\.yaml，条目“f1”，字段“复查日期”（date）：复查日期 2022-08-01 早于检查日期 2022-08-21/,
    );
  });

  it('reject a follow-up of a 红榜 entry or of an unknown issue', () => {
    expect(check({ followUps: [followUp({ restaurant: 'good' })] })).toMatch(
      /字段“餐厅编号”（restaurant）：2022年第3期的黑榜中没有“good”/,
    );
    expect(check({ followUps: [followUp({ issue: '2021-01' })] })).toMatch(
      /字段“所属期次”（issue）：没有 2021-01 这一期/,
    );
  });
});

describe('red/black list schemas', () => {
  const where = { file: 'content/restaurants.yaml', entry: 'x' };

  it('reject a malformed licence number', () => {
    const result = validateEntry(restaurantSchema, { ...restaurant('x'), licence: 'JY1234' }, where);
    expect(result.problems.map(formatProblem).join('\n')).toMatch(
      /条目“x”，字段“食品经营许可证编号”（licence）：应为“JY”加 14 位数字，例如餐饮服务为 JY2 开头：JY21201140012345；实际填写：“JY1234”/,
    );
    expect(
      validateEntry(restaurantSchema, { ...restaurant('x'), licence: 'JY11201140012345' }, where).problems,
    ).toEqual([]);
  });

  it('reject an impossible date, and accept a YAML date object', () => {
    const bad = validateEntry(followUpSchema, { ...followUp(), date: '2022-02-30' }, where);
    expect(bad.problems.map(formatProblem).join('\n')).toMatch(/字段“复查日期”（date）：不是真实存在的日期/);
    const fromYaml = validateEntry(followUpSchema, { ...followUp(), date: new Date('2022-09-08T00:00:00Z') }, where);
    expect(fromYaml.data?.date).toBe('2022-09-08');
  });

  it('reject an unknown list name and an issue without entries', () => {
    const wrongList = validateEntry(
      listIssueSchema,
      { ...issue(), entries: [{ ...entries[0]!, list: '白榜' }] },
      where,
    );
    expect(wrongList.problems.map(formatProblem).join('\n')).toMatch(
      /字段“榜单”（entries\.0\.list）：应为“红榜”或“黑榜”；实际填写：“白榜”/,
    );
    const empty = validateEntry(listIssueSchema, { ...issue(), entries: [] }, where);
    expect(empty.problems.map(formatProblem).join('\n')).toMatch(/字段“上榜记录”（entries）：至少需要一条上榜记录/);
  });
});

describe('suggestTown', () => {
  it('suggests the closest valid town for a misspelt or shortened name', () => {
    expect(suggestTown('杨村', towns)?.name).toBe('杨村街道');
    expect(suggestTown('崔黄囗镇', towns)?.name).toBe('崔黄口镇');
    expect(suggestTown('北京市', towns)).toBeNull();
  });
});
