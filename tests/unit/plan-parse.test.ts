import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan, PlanParseError } from '../../src/lib/plan/parse.ts';

const SOURCE = readFileSync(new URL('../../content/plans/2022/plan.txt', import.meta.url), 'utf8');
const plan = parsePlan(SOURCE, 'content/plans/2022/plan.txt');

// Every assignment parenthesis of the 2022 plan, task by task, as the official text words it.
// L = 牵头 (lead), R = 负责 (responsible), S = 按职责分工负责 (shared), P = 配合 (support).
const EXPECTED: Record<number, string[]> = {
  1: ['区食安委成员单位 R', '区委督查室 R', '区食安办 L; 区食安委成员单位 S', '各镇街 R'],
  2: [
    '区食安办 L; 区食安委成员单位 S',
    '区市场监管局 S; 区农业农村委 S; 公安武清分局 S; 区卫生健康委 S; 区教育局 S; 区民政局 S; 区民宗委 S; 区住房建设委 S; 区城市管理委 S',
  ],
  3: ['区食安委成员单位 S'],
  4: [
    '区食安委成员单位 S',
    '区市场监管局 R',
    '区农业农村委 S; 区卫生健康委 S; 区食安办 S; 区市场监管局 S; 公安武清分局 S; 区检察院 S; 区法院 S; 区财政局 S',
  ],
  5: ['区市场监管局 L; 区卫生健康委 S; 区商务局 S; 区交通局 S; 公安武清分局 S; 武清海关 S; 区委网信办 S'],
  6: [
    '区教育局 L; 区市场监管局 L; 区卫生健康委 S; 区城市管理委 S; 公安武清分局 S',
    '区教育局 R',
    '区市场监管局 L; 区教育局 S; 区卫生健康委 S; 区城市管理委 S; 公安武清分局 S',
  ],
  7: ['区农业农村委 L; 区生态环境局 S; 市规划资源局武清分局 S'],
  8: ['区农业农村委 R', '区农业农村委 S; 区市场监管局 S'],
  9: ['区发展改革委 R'],
  10: ['区市场监管局 R'],
  11: [
    '区市场监管局 R',
    '区住房建设委 S; 区民政局 S; 区卫生健康委 S; 区文化和旅游局 S; 区交通局 S; 区民宗委 S; 区城市管理委 S; 区商务局 S',
  ],
  12: [
    '区市场监管局 L; 区委宣传部 S; 公安武清分局 S; 区民政局 S; 区商务局 S; 区文化和旅游局 S; 区卫生健康委 S',
    '区市场监管局 R',
  ],
  13: ['区市场监管局 R'],
  14: ['区农业农村委 S; 区市场监管局 S', '区水务局 R'],
  15: ['(none)'],
  16: ['区市场监管局 R', '公安武清分局 R'],
  17: [
    '区市场监管局 L; 区农业农村委 L; 公安武清分局 S; 区商务局 S; 区知识产权局 S; 区供销合作社 S',
    '区商务局 S; 区市场监管局 S',
  ],
  18: ['区农业农村委 R'],
  19: ['区工业和信息化局 R', '区发展改革委 R', '区商务局 R'],
  20: ['区市场监管局 R', '区农业农村委 L; 各镇街 P'],
  21: ['区市场监管局 S; 区食安委成员单位 S', '区工业和信息化局 R', '区科技局 R'],
  22: ['区农业农村委 R', '区食品创城办 L; 区市场监管局 S; 区农业农村委 S +等相关部门'],
  23: [
    '区食安办 L; 区食安委成员单位 P; 区科协 P',
    '区委宣传部 L; 区食安委成员单位 P',
    '区农业农村委 S; 区市场监管局 S; 区食安委成员单位 S',
  ],
  24: [
    '区委网信办 S; 区市场监管局 S; 公安武清分局 S; 区农业农村委 S; 区卫生健康委 S',
    '区商务局 R',
    '区市场监管局 R',
    '各镇街 R',
  ],
};
const CODE = { lead: 'L', responsible: 'R', shared: 'S', support: 'P' } as const;

describe('parsePlan on the 2022 plan', () => {
  it('reads the notice, joining the title that PDF extraction broke over two lines', () => {
    expect(plan.notice.title).toBe('武清区人民政府办公室关于印发武清区2022年食品安全监督管理计划的通知');
    expect(plan.notice.addressees).toBe('各镇人民政府、街道办事处，各委、办、局，各有关单位：');
    expect(plan.notice.body).toEqual([
      '经区人民政府同意，现将《武清区2022年食品安全监督管理计划》印发给你们，请遵照执行。',
    ]);
    expect(plan.notice.issuer).toBe('武清区人民政府办公室');
    expect(plan.notice.dateText).toBe('2022年8月11日');
    expect(plan.notice.date).toBe('2022-08-11');
    expect(plan.notice.disclosure).toBe('（此件主动公开）');
  });

  it('reads the title, the opening and 8 chapters holding 24 tasks in order', () => {
    expect(plan.title).toBe('武清区2022年食品安全监督管理计划');
    expect(plan.opening).toHaveLength(1);
    expect(plan.opening[0]).toMatch(/^2022年，全区食品安全工作要坚持/);
    expect(plan.chapters.map((chapter) => chapter.label + chapter.title)).toEqual([
      '一、落实食品安全党政同责',
      '二、突出食品安全监管重点',
      '三、加强食用农产品管控',
      '四、推进食品生产安全监管',
      '五、加强风险监测和抽样检测',
      '六、严厉打击食品安全违法犯罪',
      '七、提高食品安全治理能力',
      '八、构建食品安全共治共享格局',
    ]);
    expect(plan.chapters.map((chapter) => chapter.tasks.length)).toEqual([3, 3, 3, 4, 2, 3, 3, 3]);
    expect(plan.tasks.map((task) => task.number)).toEqual(Array.from({ length: 24 }, (_, index) => index + 1));
  });

  it('keeps each task title and label as written', () => {
    expect(plan.tasks[4]).toMatchObject({ label: '（五）', title: '强化冷链管理', chapter: 2 });
    expect(plan.tasks[23]).toMatchObject({ label: '（二十四）', title: '加强舆情监测和社会监督', chapter: 8 });
    expect(plan.tasks[21]!.title).toBe('推动“双安双创”创建任务落地');
  });

  it('reproduces each task line exactly: label, title and clauses join back to the source', () => {
    for (const task of plan.tasks) {
      const rebuilt = `${task.label}${task.title}。${task.clauses
        .map((clause) => clause.text + (clause.assignmentText === null ? '' : `（${clause.assignmentText}）`))
        .join('')}`;
      expect(SOURCE).toContain(rebuilt);
    }
  });

  it.each(Object.entries(EXPECTED))('task %s names every unit with its role', (number, expected) => {
    const task = plan.tasks[Number(number) - 1]!;
    const actual = task.clauses.map((clause) =>
      clause.units.length === 0
        ? '(none)'
        : clause.units.map((unit) => `${unit.name} ${CODE[unit.role]}`).join('; ') +
          (clause.andRelatedDepartments ? ' +等相关部门' : ''),
    );
    expect(actual).toEqual(expected);
  });

  it('does not take ordinary parentheses such as （罚） or 校长（园长） for assignments', () => {
    const task4 = plan.tasks[3]!;
    expect(task4.clauses[0]!.text).toContain('加大不合格食品处置（罚）力度');
    expect(plan.tasks[5]!.clauses[0]!.text).toContain('校长（园长）负责制');
    expect(plan.tasks[22]!.clauses[2]!.text).toContain('进企业（个体）');
  });

  it('names 32 distinct units across the plan', () => {
    const names = new Set(
      plan.tasks.flatMap((task) => task.clauses.flatMap((clause) => clause.units.map((unit) => unit.name))),
    );
    expect(names.size).toBe(32);
    expect(names).toContain('各镇街');
    expect(names).toContain('区食安委成员单位');
    expect(names).not.toContain('其他区食安委成员单位');
  });
});

describe('parsePlan on malformed text', () => {
  const notice = '关于印发计划的通知\n各单位：\n现印发给你们。\n某某办公室\n2022年8月11日\n计划标题\n开篇。\n';
  const parse = (text: string) => () => parsePlan(text, 'content/plans/bad/plan.txt');

  it('accepts a minimal well-formed plan', () => {
    const result = parsePlan(`${notice}一、第一章\n（一）任务甲。内容。（区市场监管局负责）\n`);
    expect(result.tasks[0]!.clauses[0]!.units).toEqual([{ name: '区市场监管局', role: 'responsible' }]);
    expect(result.notice.disclosure).toBeNull();
  });

  it('fails on a skipped task number, naming the file and line', () => {
    expect(parse(`${notice}一、第一章\n（一）甲。内容。\n（三）丙。内容。\n`)).toThrow(
      /content\/plans\/bad\/plan\.txt 第 10 行：任务编号应为第 2 项，实际为“（三）”/,
    );
  });

  it('fails on a skipped chapter number', () => {
    expect(parse(`${notice}一、第一章\n（一）甲。内容。\n三、第三章\n（二）乙。内容。\n`)).toThrow(
      /章节编号应为第 2 章/,
    );
  });

  it('fails on a line that is neither a chapter nor a task', () => {
    expect(parse(`${notice}一、第一章\n（一）甲。内容。\n随便一行\n`)).toThrow(/无法识别这一行/);
  });

  it('fails when the notice has no date line', () => {
    expect(parse('标题\n各单位：\n正文。\n办公室\n')).toThrow(/未找到通知落款日期/);
  });

  it('fails when there is no addressee line', () => {
    expect(parse('标题\n正文。\n')).toThrow(PlanParseError);
  });

  it('fails on a chapter without tasks', () => {
    expect(parse(`${notice}一、第一章\n`)).toThrow(/下没有任务/);
  });

  it('fails on a task without a title sentence', () => {
    expect(parse(`${notice}一、第一章\n（一）没有句号的任务\n`)).toThrow(/缺少以“。”结尾的标题/);
  });
});
