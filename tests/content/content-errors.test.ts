/**
 * Invalid content must fail the real build, with the Chinese message staff will see.
 * Each case copies the fixture site to a scratch folder, breaks one file, and runs `astro build`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWith, edit, SCRATCH } from '../helpers/build.ts';

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe('astro build with invalid content', () => {
  it('fails on an invalid department field, naming file, entry and field', () => {
    const { status, output } = buildWith('bad-field', (dir) =>
      edit(dir, 'content/departments.yaml', /(- id: health\n {2}name: 区卫生健康委\n {2}kind:) department/, '$1 bureau'),
    );
    expect(status).not.toBe(0);
    expect(output).toContain(
      '文件 content/departments.yaml 第 30 行，条目“health”，字段“类别”（kind）：应为以下之一：department、group、township',
    );
  });

  it('fails when a unit in the plan text matches no department', () => {
    const { status, output } = buildWith('unknown-unit', (dir) =>
      edit(dir, 'content/departments.yaml', /- id: health\n {2}name: 区卫生健康委\n {2}kind: department\n/, ''),
    );
    expect(status).not.toBe(0);
    expect(output).toContain('文件 content/plans/2030/plan.txt 第 25 行，条目“任务（三）加强校园食品安全管理”：责任单位“区卫生健康委”');
  });

  it('fails when a target quotes a phrase that is not in its task', () => {
    const { status, output } = buildWith('bad-phrase', (dir) =>
      edit(dir, 'content/targets.yaml', 'phrase: 全年完成食品安全监督抽检1000批次', 'phrase: 全年完成食品安全监督抽检2000批次'),
    );
    expect(status).not.toBe(0);
    expect(output).toContain(
      '条目“2030-sampling-batches”，字段“原文短语”（phrase）：“全年完成食品安全监督抽检2000批次”不在任务（五）的原文中',
    );
  });

  it('fails when the plan text is broken, naming the line', () => {
    const { status, output } = buildWith('bad-plan', (dir) =>
      edit(dir, 'content/plans/2030/plan.txt', '（四）推进明厨亮灶建设', '（三）推进明厨亮灶建设'),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /文件 content\/plans\/2030\/plan\.txt 第 (\d+) 行，条目“第 \1 行”：任务编号应为第 4 项，实际为“（三）”/,
    );
  });

  it('fails when a collection is empty', () => {
    const { status, output } = buildWith('empty', (dir) => writeFileSync(join(dir, 'content/targets.yaml'), '[]\n'));
    expect(status).not.toBe(0);
    expect(output).toContain('文件 content/targets.yaml：列表为空');
  });
});
