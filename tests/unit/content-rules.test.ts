/**
 * Each content rule with a bad fixture: the message must name the file, the entry and the field
 * (in Chinese, with its key) and say what was expected.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContentError, formatProblem, throwIfProblems } from '../../src/lib/content-errors.ts';
import { parsePlan } from '../../src/lib/plan/parse.ts';
import { collectDuties, indexDepartmentNames } from '../../src/lib/plan/responsibilities.ts';
import { checkTargets } from '../../src/lib/plan/targets.ts';
import { readYamlList } from '../../src/lib/yaml-list.ts';
import { departmentSchema } from '../../src/schemas/department.ts';
import { targetSchema } from '../../src/schemas/target.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
const messages = (path: string, schema: typeof departmentSchema | typeof targetSchema) =>
  readYamlList(fixture(path), `tests/fixtures/${path}`, schema).problems.map(formatProblem);

const plan2022 = {
  year: 2022,
  textFile: 'content/plans/2022/plan.txt',
  ...parsePlan(readFileSync(new URL('../../content/plans/2022/plan.txt', import.meta.url), 'utf8')),
};
const departments = readYamlList(
  readFileSync(new URL('../../content/departments.yaml', import.meta.url), 'utf8'),
  'content/departments.yaml',
  departmentSchema,
);

describe('department entries', () => {
  it('accept a valid file, filling in defaults', () => {
    const result = readYamlList(fixture('departments/good.yaml'), 'good.yaml', departmentSchema);
    expect(result.problems).toEqual([]);
    expect(result.entries.map((entry) => entry.id)).toEqual(['market-regulation', 'townships']);
    expect(result.entries[0]!.aliases).toEqual([]);
  });

  it('the real registry is valid', () => {
    expect(departments.problems).toEqual([]);
    expect(departments.entries.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    [
      'departments/missing-name.yaml',
      /文件 tests\/fixtures\/departments\/missing-name\.yaml 第 1 行，条目“market-regulation”，字段“名称（按计划原文）”（name）：缺少必填内容“名称（按计划原文）”：请补上一行“name: …”。/,
    ],
    [
      'departments/empty-name.yaml',
      /第 2 行，条目“market-regulation”，字段“名称（按计划原文）”（name）：不能为空；实际填写：“ {2}”/,
    ],
    [
      'departments/bad-kind.yaml',
      /第 3 行，条目“market-regulation”，字段“类别”（kind）：应为以下之一：department、group、township；实际填写：“bureau”。/,
    ],
    ['departments/bad-id.yaml', /第 1 行，条目“市场监管局”，字段“编号”（id）：只能使用小写英文字母、数字和连字符/],
    [
      'departments/duplicate-id.yaml',
      /第 4 行，条目“market-regulation”，字段“编号”（id）：编号重复：另一个条目（第 1 行）已经使用“market-regulation”/,
    ],
    [
      'departments/unknown-field.yaml',
      /第 4 行，条目“market-regulation”：不认识的字段“phone”：请检查拼写，或删除这一行。/,
    ],
    ['departments/empty.yaml', /departments\/empty\.yaml：列表为空/],
    ['departments/not-a-list.yaml', /文件内容应是以“- ”开头的条目列表/],
    ['departments/syntax-error.yaml', /syntax-error\.yaml 第 2 行：方括号“\[”没有配对：请在这一行的末尾补上英文的“]”/],
  ])('%s is rejected with a message naming file, entry and field', (path, expected) => {
    const found = messages(path, departmentSchema);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(expected);
  });
});

describe('target entries', () => {
  const check = (path: string) => {
    const result = readYamlList(fixture(path), `tests/fixtures/${path}`, targetSchema);
    return [...result.problems, ...checkTargets(result.entries, [plan2022], `tests/fixtures/${path}`)]
      .map(formatProblem)
      .join('\n');
  };

  it('accept a target quoted exactly from its task', () => {
    expect(check('targets/good.yaml')).toBe('');
  });

  it('the real targets are all quoted from their tasks', () => {
    const result = readYamlList(
      readFileSync(new URL('../../content/targets.yaml', import.meta.url), 'utf8'),
      'content/targets.yaml',
      targetSchema,
    );
    expect(result.problems).toEqual([]);
    expect(checkTargets(result.entries, [plan2022], 'content/targets.yaml')).toEqual([]);
    expect(result.entries.length).toBeGreaterThanOrEqual(7);
  });

  it.each([
    [
      'targets/value-as-text.yaml',
      /第 5 行，条目“2022-sampling-market”，字段“数值”（value）：应为数字：请用阿拉伯数字书写，不加引号、汉字或单位；实际填写：“四千九百三十二”。/,
    ],
    [
      'targets/phrase-not-in-task.yaml',
      /字段“原文短语”（phrase）：“市场监管部门食品安全监督抽检5000批次”不在任务（十四）的原文中/,
    ],
    ['targets/unknown-task.yaml', /字段“任务序号”（task）：2022 年计划没有第 25 项任务（共 24 项）/],
    ['targets/unknown-plan.yaml', /字段“计划年份”（plan）：没有 2023 年的计划；现有计划：2022/],
  ])('%s is rejected', (path, expected) => {
    expect(check(path)).toMatch(expected);
  });
});

describe('units in the plan text', () => {
  it('every unit of the 2022 plan matches a department', () => {
    const { byName, problems } = indexDepartmentNames(departments.entries, 'content/departments.yaml');
    expect(problems).toEqual([]);
    const duties = collectDuties([plan2022], byName, 'content/departments.yaml');
    expect(duties.problems).toEqual([]);
    expect(duties.duties.get('market-regulation')!.length).toBeGreaterThan(10);
  });

  it('a unit with no department fails, naming the plan file, the task and the text', () => {
    const withoutCustoms = departments.entries.filter((entry) => entry.id !== 'customs');
    const { byName } = indexDepartmentNames(withoutCustoms, 'content/departments.yaml');
    const { problems } = collectDuties([plan2022], byName, 'content/departments.yaml');
    expect(problems).toHaveLength(1);
    expect(formatProblem(problems[0]!)).toMatch(
      /^文件 content\/plans\/2022\/plan\.txt，条目“任务（五）强化冷链管理”：责任单位“武清海关”（出自“（区市场监管局牵头，.*武清海关.*）”）在 content\/departments\.yaml 中没有对应的部门/,
    );
  });

  it('an alias matches its department', () => {
    const renamed = departments.entries.map((entry) =>
      entry.id === 'customs' ? { ...entry, name: '天津海关武清办事处', aliases: ['武清海关'] } : entry,
    );
    const { byName } = indexDepartmentNames(renamed, 'd.yaml');
    expect(collectDuties([plan2022], byName, 'd.yaml').problems).toEqual([]);
  });

  it('two departments claiming one name fail', () => {
    const clash = [
      ...departments.entries,
      { id: 'market-regulation-2', name: '区市场监管局', aliases: [], kind: 'department' as const },
    ];
    const { problems } = indexDepartmentNames(clash, 'content/departments.yaml');
    expect(formatProblem(problems[0]!)).toMatch(
      /条目“market-regulation-2”，字段“名称（按计划原文）”（name）：名称“区市场监管局”已被部门“market-regulation”使用/,
    );
  });
});

describe('ContentError', () => {
  it('lists every problem, numbered, and is thrown only when there are problems', () => {
    expect(() => throwIfProblems([])).not.toThrow();
    const error = new ContentError([
      { file: 'a.yaml', entry: 'x', field: 'name', fieldLabel: '名称', message: '不能为空。' },
      { file: 'b.yaml', message: '列表为空。' },
    ]);
    expect(error.message).toBe(
      '内容有误，共 2 处，请逐条修改后重新构建：\n  1. 文件 a.yaml，条目“x”，字段“名称”（name）：不能为空。\n  2. 文件 b.yaml：列表为空。',
    );
  });
});
