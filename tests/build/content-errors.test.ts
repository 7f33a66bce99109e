/**
 * Invalid content must fail the real build, with the Chinese message staff will see.
 * Each case copies the project to a scratch folder, breaks one file, and runs `astro build`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWith, edit, SCRATCH } from '../helpers/build.ts';

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe('astro build with invalid content', () => {
  it('fails on an invalid department field, naming file, entry and field', () => {
    const { status, output } = buildWith('bad-field', (dir) =>
      edit(dir, 'content/departments.yaml', 'name: 区科协\n  kind: department', 'name: 区科协\n  kind: bureau'),
    );
    expect(status).not.toBe(0);
    expect(output).toContain('文件 content/departments.yaml，条目“science-association”，字段“类别”（kind）：无效选项');
  });

  it('fails when a unit in the plan text matches no department', () => {
    const { status, output } = buildWith('unknown-unit', (dir) =>
      edit(dir, 'content/departments.yaml', /- id: customs\n  name: 武清海关\n  kind: department\n/, ''),
    );
    expect(status).not.toBe(0);
    expect(output).toContain('文件 content/plans/2022/plan.txt，条目“任务（五）强化冷链管理”：责任单位“武清海关”');
  });

  it('fails when a target quotes a phrase that is not in its task', () => {
    const { status, output } = buildWith('bad-phrase', (dir) =>
      edit(
        dir,
        'content/targets.yaml',
        'phrase: 确保全年数据上传达标率超过80%',
        'phrase: 确保全年数据上传达标率超过90%',
      ),
    );
    expect(status).not.toBe(0);
    expect(output).toContain(
      '条目“2022-traceability-upload-rate”，字段“原文短语”（phrase）：“确保全年数据上传达标率超过90%”不在任务（十九）的原文中',
    );
  });

  it('fails when the plan text is broken, naming the line', () => {
    const { status, output } = buildWith('bad-plan', (dir) =>
      edit(dir, 'content/plans/2022/plan.txt', '（十三）严格食品添加剂', '（十二）严格食品添加剂'),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /文件 content\/plans\/2022\/plan\.txt，条目“第 \d+ 行”：任务编号应为第 13 项，实际为“（十二）”/,
    );
  });

  it('fails when a collection is empty', () => {
    const { status, output } = buildWith('empty', (dir) => writeFileSync(join(dir, 'content/targets.yaml'), '[]\n'));
    expect(status).not.toBe(0);
    expect(output).toContain('文件 content/targets.yaml：列表为空');
  });
});
