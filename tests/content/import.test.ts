/**
 * The spreadsheet importer on the fixture site's registry: encodings, every kind of bad row, duplicate detection,
 * nothing written on error, and files written so that a kill at any moment leaves valid content.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../scripts/import-redblack.ts';
import { temporaryPath } from '../../src/lib/atomic-file.ts';
import { fixtureExisting, importArgs, ISSUE_DETAILS } from '../helpers/workbook.ts';
import { checkAllContent } from '../../src/lib/content/pipeline.ts';
import { formatProblem, validateEntry } from '../../src/lib/content-errors.ts';
import {
  appendToRegistry,
  normaliseDate,
  planImport,
  sameEntries,
  splitPoints,
  type ExistingContent,
  type IssueDetails,
} from '../../src/lib/redblack/import.ts';
import { writeCheckedChange } from '../../src/lib/content/write-change.ts';
import { prepareImport } from '../../src/lib/redblack/import-request.ts';
import { readYamlList } from '../../src/lib/yaml-list.ts';
import { listIssueSchema } from '../../src/schemas/list-issue.ts';
import { restaurantSchema } from '../../src/schemas/restaurant.ts';
import { townSchema } from '../../src/schemas/town.ts';
import { build, personEnv, prepareCopy, SCRATCH } from '../helpers/build.ts';
import { startTags } from '../helpers/html.ts';

const ROOT = new URL('../../', import.meta.url);
const SITE = new URL('tests/fixtures/site/', ROOT);
const SITE_PATH = fileURLToPath(SITE);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`tests/fixtures/import/${name}`, ROOT)));
const read = (file: string, base = SITE) => readFileSync(new URL(file, base), 'utf8');
const existing = fixtureExisting('2026-06-01');
/** Text typed on the command line that would be markup or a JavaScript expression if it reached the MDX body. */
const hostile = {
  theme: '<img src=x onerror=alert(1)>',
  area: '{globalThis.process.exit(1)}',
  intro: '---\n<script>alert(1)</script>\n{1+1}',
};
/** Sheet cells of the same kind: an address and two reasons (one per line of the cell). */
const hostileCells = {
  address: '测试路 {globalThis.process.exit(2)} 号 <b>虚构</b>',
  reasons: ['<script>alert(2)</script>', '{globalThis.process.exit(3)}'],
};
const hostileSheet = () =>
  new TextEncoder().encode(
    '牌匾名称,营业执照名称,经营地址,镇街,业态,榜单,检查日期,上榜理由\r\n' +
      `测试子,测试子店,${hostileCells.address},杨村街道,快餐,红榜,2026-02-10,"${hostileCells.reasons.join('\n')}"\r\n`,
  );
/** The front matter and the body of an .mdx file. */
const splitIssue = (text: string) => {
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
  return { front: parseYaml(front!) as Record<string, unknown>, body: body! };
};

const details: IssueDetails = { ...ISSUE_DETAILS, participants: ['区人大代表'] };

/** The CLI arguments for importing `sheet` with the hostile theme, area and introduction. */
const hostileArgs = (sheet: string) => [
  sheet,
  '--published',
  '2026-02-20',
  '--theme',
  hostile.theme,
  '--area',
  hostile.area,
  // A value starting with “-” must be attached with “=”, or parseArgs takes it for an option.
  `--intro=${hostile.intro}`,
];

describe('planImport', () => {
  it.each([
    ['good-gbk.csv', 'gbk'],
    ['good-utf8-bom.csv', 'utf-8'],
    ['good-utf8.csv', 'utf-8'],
  ])('reads %s (%s) into a new issue', (name, encoding) => {
    const result = planImport(fixture(name), name, details, existing);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.encoding).toBe(encoding);
    expect(result.issuePath).toBe('content/redblack/2026-02.mdx');
    expect(result.issue.entries.map((entry) => [entry.list, entry.inspectedOn])).toEqual([
      ['红榜', '2026-02-10'],
      ['黑榜', '2026-02-11'],
      ['红榜', '2026-02-12'],
    ]);
    expect(result.issue.entries[0]!.reasons).toEqual(['后厨整洁', '餐具消毒记录完整']);
    expect(result.issue.entries[1]).toMatchObject({
      reasons: ['生熟食品混放', '未公示食品经营许可证'],
      measures: ['下达责令改正通知书'],
      deadline: '2026-03-01',
    });
  });

  it('adds new restaurants and reuses a registered one with the same registered name and address', () => {
    const result = planImport(fixture('good-utf8.csv'), 'good-utf8.csv', details, existing);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.added.map((restaurant) => restaurant.id)).toEqual(['ce-shi-ren-mian-guan', 'ce-shi-gui-fan-dian']);
    expect(result.reused).toEqual(['ce-shi-jia-can-ting']);
    expect(result.issue.entries[2]!.restaurant).toBe('ce-shi-jia-can-ting');
    expect(result.registryAppend).toContain('- id: ce-shi-ren-mian-guan');
    expect(result.registryAppend).toContain('town: "120114001"');
    expect(result.issueText).toMatch(/^---\nyear: 2026\nnumber: 2\n/);
  });

  it('reuses a registered restaurant with the same licence number, even under a new name', () => {
    const withLicence: ExistingContent = {
      ...existing,
      restaurants: [
        ...existing.restaurants,
        {
          ...existing.restaurants[0]!,
          id: 'licensed',
          registeredName: '旧名称',
          address: '旧地址',
          licence: 'JY11201149990066',
        },
      ],
    };
    const result = planImport(fixture('good-utf8.csv'), 'good-utf8.csv', details, withLicence);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.issue.entries[0]!.restaurant).toBe('licensed');
    expect(result.reused).toContain('licensed');
  });

  it('reports every bad row at once, with row and column, and produces nothing', () => {
    const result = planImport(fixture('bad-rows.csv'), 'bad-rows.csv', details, existing);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      'bad-rows.csv 第 2 行，“镇街”列：没有名为“杨村”的镇街。您是不是要填“杨村街道”？',
      'bad-rows.csv 第 2 行，“检查日期”列：“2026-02-30”不是真实存在的日期，请核对月份和日期。',
      'bad-rows.csv 第 2 行，“许可证编号”列：应为“JY”加 14 位数字，例如餐饮服务为 JY2 开头：JY21201140012345；实际填写：“JY123”。',
      'bad-rows.csv 第 2 行，“量化分级”列：应为 A、B 或 C；实际填写：“D”。',
      'bad-rows.csv 第 3 行，“业态”列：应为以下之一：正餐、快餐、小吃、饮品、糕点、火锅、食堂、集体用餐配送、中央厨房；实际填写：“西餐”。',
      'bad-rows.csv 第 3 行，“处理措施”列：黑榜记录必须写明处理措施，例如“下达责令改正通知书”。',
      'bad-rows.csv 第 4 行，“牌匾名称”列：不能为空。',
      'bad-rows.csv 第 4 行，“上榜理由”列：不能为空。',
      'bad-rows.csv 第 4 行，“榜单”列：应填“红榜”或“黑榜”，实际填写：“白榜”。',
    ]);
  });

  it('reports a sheet that names one business twice (same licence number): the pipeline’s verdict, by row', () => {
    const sheet = 'duplicate-in-sheet.csv';
    const result = prepareImport(
      SITE_PATH,
      { file: sheet, bytes: fixture(sheet), published: '2026-02-20', theme: details.theme, area: details.area },
      new Date('2026-06-01T00:00:00Z'),
    );
    expect(result).toEqual({
      ok: false,
      stage: 'sheet',
      problems: [
        `${sheet} 第 3 行：同一家餐厅在一期中只能上榜一次。（按许可证编号，或营业执照名称加经营地址，这一行与前面某一行是同一家餐厅。）`,
      ],
    });
  });

  it('reports a missing or unknown header column', () => {
    const result = planImport(fixture('bad-header.csv'), 'bad-header.csv', details, existing);
    const problems = result.ok ? [] : result.problems;
    expect(problems[0]).toBe(
      'bad-header.csv 第 1 行（表头）：缺少“牌匾名称”列。请使用模板 docs/templates/redblack-import-template.csv 的表头。',
    );
    expect(problems.at(-1)).toMatch(/无法识别的列“名称”“地址”/);
  });

  it('keeps spreadsheet row numbers across blank lines, and names a date that does not exist', () => {
    const sheet = new TextEncoder().encode(
      '牌匾名称,营业执照名称,经营地址,镇街,业态,榜单,检查日期,上榜理由\r\n' +
        '测试子,测试子店,测试路 1 号,杨村街道,快餐,红榜,2026-02-10,整洁\r\n' +
        ',,,,,,,\r\n' +
        '测试丑,测试丑店,测试路 2 号,杨村街道,快餐,红榜,2026-02-29,整洁\r\n',
    );
    const result = planImport(sheet, 'blank.csv', details, existing);
    expect(result.ok ? [] : result.problems).toEqual([
      'blank.csv 第 4 行，“检查日期”列：“2026-02-29”不是真实存在的日期，请核对月份和日期。',
    ]);
  });

  it('accepts a licence number and a grade typed in lower case', () => {
    const sheet = new TextEncoder().encode(
      '牌匾名称,营业执照名称,经营地址,镇街,业态,许可证编号,量化分级,榜单,检查日期,上榜理由\r\n' +
        '测试子,测试子店,测试路 1 号,杨村街道,快餐,jy2 1201149990077,b,红榜,2026-02-10,整洁\r\n',
    );
    const result = planImport(sheet, 'lower.csv', details, existing);
    expect(result.ok && result.added[0]).toMatchObject({ licence: 'JY21201149990077', grade: 'B' });
  });

  it('refuses to mix sample and real data, and a publication date in the future', () => {
    const sample = planImport(fixture('good-utf8.csv'), 'good-utf8.csv', { ...details, sample: true }, existing);
    expect(sample.ok ? [] : sample.problems).toEqual([
      'good-utf8.csv 第 4 行，“营业执照名称”列：与已登记的真实餐厅“测试甲餐厅”（ce-shi-jia-can-ting）是同一家，但本次导入的是示例数据。示例数据和真实数据不能混在一起。',
    ]);
    const future = planImport(fixture('good-utf8.csv'), 'good-utf8.csv', details, { ...existing, today: '2026-02-01' });
    expect(future.ok ? [] : future.problems).toContain(
      '发布日期 2026-02-20 晚于今天（2026-02-01）：不能发布未来日期的红黑榜。',
    );
  });

  it('warns when a reused restaurant’s row differs from the registry', () => {
    const sheet = new TextEncoder().encode(
      '牌匾名称,营业执照名称,经营地址,镇街,业态,榜单,检查日期,上榜理由\r\n' +
        '测试甲饭庄,测试区测试甲餐厅餐饮店,杨村街道测试一路 1 号（虚构地址）,杨村街道,快餐,红榜,2026-02-10,整洁\r\n',
    );
    const result = planImport(sheet, 'differs.csv', details, existing);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.reused).toEqual(['ce-shi-jia-can-ting']);
    expect(result.warnings).toEqual([
      'differs.csv 第 2 行：按许可证编号或营业执照名称加地址，认定为已登记的“测试甲餐厅”（ce-shi-jia-can-ting），' +
        '沿用登记表中的信息；表格中不同的是：牌匾名称“测试甲餐厅”→“测试甲饭庄”，业态“正餐”→“快餐”。' +
        '如登记信息需要更新，请直接修改 content/restaurants.yaml。',
    ]);
  });

  it('refuses an issue number that is already published', () => {
    const published: ExistingContent = {
      ...existing,
      issues: [{ file: 'content/redblack/2026-02.mdx', id: '2026-02', data: { ...details, entries: [] } }],
    };
    const result = planImport(fixture('good-utf8.csv'), 'good-utf8.csv', details, published);
    expect(result.ok ? [] : result.problems).toEqual([
      'content/redblack/2026-02.mdx 已存在：2026年第2期已经发布过。如需修改，请直接编辑该文件。',
    ]);
  });

  it('refuses a sheet already imported: the same restaurants, lists and inspection dates as a published issue', () => {
    const first = planImport(fixture('good-utf8.csv'), 'good-utf8.csv', details, existing);
    if (!first.ok) throw new Error(first.problems.join('\n'));
    const published: ExistingContent = {
      ...existing,
      restaurants: [...existing.restaurants, ...first.added],
      issues: [{ file: first.issuePath, id: '2026-02', data: first.issue }],
    };
    const again = planImport(fixture('good-gbk.csv'), 'good-gbk.csv', { ...details, number: 3 }, published);
    expect(again.ok ? [] : again.problems).toEqual([
      'good-gbk.csv 与已发布的2026年第2期（content/redblack/2026-02.mdx）相同：餐厅、榜单和检查日期逐条一致。' +
        '这张表格已经导入过，请不要重复导入；如需修改该期，请直接编辑该文件。',
    ]);
    // One inspection on another day makes it another issue.
    const sheet = new TextDecoder().decode(fixture('good-utf8.csv')).replace('2026-02-12', '2026-02-13');
    const changed = planImport(new TextEncoder().encode(sheet), 'changed.csv', { ...details, number: 3 }, published);
    expect(changed.ok ? [] : changed.problems).toEqual([]);
  });

  it('writes command-line text and sheet cells as front-matter data, and no MDX body', () => {
    const result = planImport(hostileSheet(), 'hostile.csv', { ...details, ...hostile }, existing);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { front, body } = splitIssue(result.issueText);
    expect(body).toBe('');
    expect(front).toMatchObject(hostile);
    expect((front.entries as Array<{ reasons: string[] }>)[0]!.reasons).toEqual(hostileCells.reasons);
    const checked = validateEntry(listIssueSchema, front, { file: result.issuePath, entry: '2026-02' });
    expect(checked.problems).toEqual([]);
    expect(checked.data).toMatchObject({ ...hostile, entries: [{ reasons: hostileCells.reasons }] });
    const registry = readYamlList(
      appendToRegistry(read('content/restaurants.yaml'), result.registryAppend),
      'content/restaurants.yaml',
      restaurantSchema,
    );
    expect(registry.problems).toEqual([]);
    expect(registry.entries.at(-1)!.address).toBe(hostileCells.address);
  });

  it('ships a template that imports cleanly into the district’s real towns', () => {
    const template = new Uint8Array(readFileSync(new URL('docs/templates/redblack-import-template.csv', ROOT)));
    const towns = readYamlList(read('content/towns.yaml', ROOT), 'content/towns.yaml', townSchema).entries;
    const result = planImport(template, 'template.csv', { ...details, sample: true }, { ...existing, towns });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe('appendToRegistry', () => {
  const added = '\n- id: a\n  signName: 甲\n';
  it.each([
    ['a registry written as []', '# 餐厅登记表\n[]\n'],
    ['a registry with comments only', '# 餐厅登记表\n'],
    ['a registry with entries', '# 餐厅登记表\n- id: b\n  signName: 乙\n'],
  ])('adds restaurants to %s and leaves a valid list', (_case, current) => {
    const text = appendToRegistry(current, added);
    const entries = parseYaml(text) as Array<{ id: string }>;
    expect(entries.at(-1)).toEqual({ id: 'a', signName: '甲' });
    expect(text.startsWith('# 餐厅登记表\n')).toBe(true);
  });
});

describe('sameEntries', () => {
  const entry = (restaurant: string, list: '红榜' | '黑榜', inspectedOn: string) => ({ restaurant, list, inspectedOn });
  const issue = [entry('a', '红榜', '2026-02-10'), entry('b', '黑榜', '2026-02-11')];
  it('matches the same inspections in any order, and nothing else', () => {
    expect(sameEntries(issue, [...issue].reverse())).toBe(true);
    expect(sameEntries(issue, [issue[0]!])).toBe(false);
    expect(sameEntries(issue, [issue[0]!, entry('b', '红榜', '2026-02-11')])).toBe(false);
    expect(sameEntries(issue, [issue[0]!, entry('b', '黑榜', '2026-02-12')])).toBe(false);
    expect(sameEntries(issue, [issue[0]!, entry('c', '黑榜', '2026-02-11')])).toBe(false);
    expect(sameEntries([], [])).toBe(false);
  });
});

describe('cell helpers', () => {
  it.each([
    ['2023-02-15', '2023-02-15'],
    ['2023/2/5', '2023-02-05'],
    ['2023.2.5', '2023-02-05'],
    ['2023年2月5日', '2023-02-05'],
    ['2023-02-30', null],
    ['2月5日', null],
  ])('normaliseDate(%s) is %s', (text, expected) => {
    expect(normaliseDate(text)).toBe(expected);
  });

  it('splits points on ；, ; and line breaks and drops their numbering', () => {
    expect(splitPoints('1、生熟混放；2.未公示许可证;（三）其他\n四、无记录')).toEqual([
      '生熟混放',
      '未公示许可证',
      '（三）其他',
      '无记录',
    ]);
  });
});

describe('npm run import:redblack', () => {
  let dir: string;
  const copyProject = () => {
    dir = mkdtempSync(join(tmpdir(), 'import-'));
    for (const folder of ['content', 'public']) cpSync(new URL(folder, SITE), join(dir, folder), { recursive: true });
    return dir;
  };
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('writes nothing when any row is wrong', async () => {
    const root = copyProject();
    const before = readFileSync(join(root, 'content/restaurants.yaml'), 'utf8');
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => void errors.push(message));
    expect(await main(importArgs(new URL('tests/fixtures/import/bad-rows.csv', ROOT).pathname), root)).toBe(1);
    expect(errors[0]).toMatch(/^发现 9 处问题，没有写入任何文件/);
    expect(
      await main(importArgs(new URL('tests/fixtures/import/good-gbk.csv', ROOT).pathname, '--number', 'abc'), root),
    ).toBe(2);
    expect(errors.at(-1)).toBe('--number 应为 1 到 99 的整数（期次），实际填写：“abc”。');
    expect(readFileSync(join(root, 'content/restaurants.yaml'), 'utf8')).toBe(before);
    expect(readdirSync(join(root, 'content/redblack')).filter((name) => name.startsWith('2026'))).toEqual([]);
  });

  it('writes the issue and registers new restaurants, taking the next number for the year', async () => {
    const root = copyProject();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await main(importArgs(new URL('tests/fixtures/import/good-gbk.csv', ROOT).pathname), root)).toBe(0);
    const issue = readFileSync(join(root, 'content/redblack/2026-01.mdx'), 'utf8');
    expect(issue).toContain('restaurant: ce-shi-jia-can-ting');
    expect(issue).toContain('sample: false');
    const registry = () =>
      readYamlList(readFileSync(join(root, 'content/restaurants.yaml'), 'utf8'), 'r.yaml', restaurantSchema);
    expect(registry().problems).toEqual([]);
    expect(registry().entries.filter((restaurant) => restaurant.id === 'ce-shi-ren-mian-guan')).toHaveLength(1);
    // An issue number that exists now is refused.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(
      await main(importArgs(new URL('tests/fixtures/import/good-gbk.csv', ROOT).pathname, '--number', '1'), root),
    ).toBe(1);
    // The same sheet again (saved as UTF-8 this time) is refused: it is the issue just imported.
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => void errors.push(message));
    expect(await main(importArgs(new URL('tests/fixtures/import/good-utf8.csv', ROOT).pathname), root)).toBe(1);
    expect(errors.at(-1)).toMatch(/与已发布的2026年第1期（content\/redblack\/2026-01\.mdx）相同/);
    expect(existsSync(join(root, 'content/redblack/2026-02.mdx'))).toBe(false);
    // Without --number, the next sheet of the year becomes issue 2, reusing the restaurants registered above.
    const next = join(root, 'next.csv');
    writeFileSync(next, read('tests/fixtures/import/good-utf8.csv', ROOT).replace('2026-02-12', '2026-02-13'));
    expect(await main(importArgs(next), root)).toBe(0);
    expect(existsSync(join(root, 'content/redblack/2026-02.mdx'))).toBe(true);
    expect(registry().entries.filter((restaurant) => restaurant.id === 'ce-shi-ren-mian-guan')).toHaveLength(1);
  });

  it('puts --theme, --area and --intro into front matter only, and the issue passes the content check', async () => {
    const root = copyProject();
    cpSync(new URL('public', SITE), join(root, 'public'), { recursive: true });
    const sheet = join(root, 'hostile.csv');
    writeFileSync(sheet, hostileSheet());
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await main(hostileArgs(sheet), root)).toBe(0);
    const { front, body } = splitIssue(readFileSync(join(root, 'content/redblack/2026-01.mdx'), 'utf8'));
    expect(body).toBe('');
    expect(front).toMatchObject(hostile);
    expect((front.entries as Array<{ reasons: string[] }>)[0]!.reasons).toEqual(hostileCells.reasons);
    const registry = readFileSync(join(root, 'content/restaurants.yaml'), 'utf8');
    const added = readYamlList(registry, 'r.yaml', restaurantSchema).entries.find((entry) => entry.signName === '测试子');
    expect(added?.address).toBe(hostileCells.address);
    expect(checkAllContent(root).map(formatProblem)).toEqual([]);
  });

  it('refuses to import into content the build would reject, with the pipeline’s messages', async () => {
    const root = copyProject();
    const registry = join(root, 'content/restaurants.yaml');
    writeFileSync(registry, readFileSync(registry, 'utf8').replace("town: '120114002'", "town: '120114999'"));
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => void errors.push(message));
    expect(await main(importArgs(new URL('tests/fixtures/import/good-utf8.csv', ROOT).pathname), root)).toBe(1);
    expect(errors[0]).toBe('现有内容有误（共 1 处），请先改正后再导入：');
    expect(errors[1]).toMatch(/^ {2}- 文件 content\/restaurants\.yaml 第 \d+ 行，条目“ce-shi-ding-cha-yin”，字段“所在镇街”/);
    expect(readdirSync(join(root, 'content/redblack')).filter((name) => name.startsWith('2026'))).toEqual([]);
  });

  it('explains missing arguments in Chinese', async () => {
    copyProject();
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((message: string) => void errors.push(message));
    expect(await main([], dir)).toBe(2);
    expect(errors[0]).toMatch(
      /^缺少：要导入的表格文件（\.csv 或 \.xlsx，只能一个）、--published（发布日期）、--theme（主题）、--area（检查片区）/,
    );
  });
});

describe('an imported issue in a real build', () => {
  const name = 'import-hostile';
  afterAll(() => rmSync(join(SCRATCH, name), { recursive: true, force: true }));

  /** The page's HTML outside its start tags: text and raw-text contents, where markup would be live. */
  const outsideTags = (html: string) => {
    let text = '';
    let at = 0;
    for (const tag of startTags(html)) {
      text += html.slice(at, tag.start);
      at = tag.end;
    }
    return text + html.slice(at);
  };

  it('shows the theme, area, introduction and sheet cells as text, and evaluates none of them', async () => {
    let sheet = '';
    const dir = prepareCopy(name, (copy) => {
      sheet = join(copy, 'hostile.csv');
      writeFileSync(sheet, hostileSheet());
    });
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await main(hostileArgs(sheet), dir)).toBe(0);
    vi.restoreAllMocks();
    const { status, output } = build(dir);
    // An evaluated `{globalThis.process.exit(1)}` would end the build with status 1.
    expect(status, output).toBe(0);
    const dist = join(dir, 'dist');
    const page = (file: string) => readFileSync(join(dist, file), 'utf8');
    const issue = page('redblack/2026-01/index.html');
    expect(issue).toContain('<dd>&lt;img src=x onerror=alert(1)&gt;</dd>');
    expect(issue).toContain('<dd>{globalThis.process.exit(1)}</dd>');
    expect(issue).toContain('<p>---\n&lt;script&gt;alert(1)&lt;/script&gt;\n{1+1}</p>');
    expect(issue).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(issue).toContain('{globalThis.process.exit(3)}');
    const registry = readFileSync(join(dir, 'content/restaurants.yaml'), 'utf8');
    const restaurant = readYamlList(registry, 'r.yaml', restaurantSchema).entries.find(
      (entry) => entry.signName === '测试子',
    )!;
    const pages = {
      issue,
      index: page('redblack/index.html'),
      home: page('index.html'),
      restaurant: page(`restaurants/${restaurant.id}/index.html`),
    };
    expect(pages.index).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(pages.restaurant).toContain('测试路 {globalThis.process.exit(2)} 号 &lt;b&gt;虚构&lt;/b&gt;');
    for (const [which, html] of Object.entries(pages)) {
      expect(outsideTags(html), which).not.toMatch(/<img src=x|<script>alert|<b>虚构/);
      const tags = startTags(html);
      expect(tags.filter((tag) => tag.name === 'img' && tag.attrs.src === 'x'), which).toEqual([]);
      expect(tags.flatMap((tag) => Object.keys(tag.attrs).filter((attr) => attr.startsWith('on'))), which).toEqual([]);
    }
    const rss = page('redblack/rss.xml');
    expect(rss).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(rss).not.toContain('<img');
    const records = JSON.parse(page('data/redblack.json')).records as Array<{ reasons: string[]; address: string }>;
    expect(records.find((record) => record.address === hostileCells.address)?.reasons).toEqual(hostileCells.reasons);
  });
});

describe('writing an import', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const fixtureContent = () => {
    root = mkdtempSync(join(tmpdir(), 'import-write-'));
    for (const folder of ['content', 'public']) cpSync(new URL(folder, SITE), join(root, folder), { recursive: true });
  };

  it('puts the registry back when the issue cannot be written, and says so in Chinese', () => {
    fixtureContent();
    const registry = readFileSync(join(root, 'content/restaurants.yaml'), 'utf8');
    const issue = readFileSync(join(root, 'content/redblack/2025-01.mdx'), 'utf8');
    // The issue's name was taken meanwhile (another import), after the change was checked: nothing of it may remain.
    const change = new Map([
      ['content/restaurants.yaml', appendToRegistry(registry, '\n- id: extra\n')],
      ['content/redblack/2025-01.mdx', '---\nyear: 2025\n---\n'],
    ]);
    const message = writeCheckedChange(root, change, ['content/redblack/2025-01.mdx']);
    expect(message).toBe(
      'content/redblack/2025-01.mdx 已存在（可能刚由另一次导入或保存写入），本次没有写入任何内容。' +
        '请运行 npm run check:content 查看这个文件。',
    );
    expect(readFileSync(join(root, 'content/restaurants.yaml'), 'utf8')).toBe(registry);
    expect(readFileSync(join(root, 'content/redblack/2025-01.mdx'), 'utf8')).toBe(issue);
    expect(readdirSync(join(root, 'content')).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  /**
   * Runs the importer as staff do, in its own process group, and SIGKILLs the group after `killAfter` ms (the test's
   * stimulus: a random moment, not a wait). Resolves when the process has ended.
   */
  const runImport = (killAfter?: number) =>
    new Promise<{ status: number | null; ms: number }>((resolve, reject) => {
      const started = performance.now();
      const child = spawn(
        join(fileURLToPath(ROOT), 'node_modules/.bin/node'),
        [
          join(fileURLToPath(ROOT), 'scripts/import-redblack.ts'),
          fileURLToPath(new URL('tests/fixtures/import/good-utf8.csv', ROOT)),
          ...['--published', '2026-02-20', '--theme', '春节后复工餐饮检查', '--area', '杨村街道、梅厂镇'],
        ],
        // A fixed “today” after the publication date, whatever the real date.
        { cwd: root, env: personEnv({ SITE_NOW: '2026-06-01' }), detached: true, stdio: 'ignore' },
      );
      const timer =
        killAfter === undefined
          ? undefined
          : setTimeout(() => {
              try {
                process.kill(-child.pid!, 'SIGKILL');
              } catch {
                // It has ended already.
              }
            }, killAfter);
      child.on('error', reject);
      child.on('exit', (status) => {
        clearTimeout(timer);
        resolve({ status, ms: performance.now() - started });
      });
    });

  it('leaves the old files or the new ones when killed at any moment, never a cut file or bad content', async () => {
    fixtureContent();
    const files = {
      registry: join(root, 'content/restaurants.yaml'),
      issue: join(root, 'content/redblack/2026-01.mdx'),
    };
    const pristine = join(root, 'pristine');
    cpSync(join(root, 'content'), pristine, { recursive: true });
    const reset = () => {
      rmSync(join(root, 'content'), { recursive: true, force: true });
      cpSync(pristine, join(root, 'content'), { recursive: true });
    };
    const before = readFileSync(files.registry, 'utf8');
    // The typical duration, and the files as a complete import writes them.
    const complete = await runImport();
    expect(complete.status).toBe(0);
    const after = { registry: readFileSync(files.registry, 'utf8'), issue: readFileSync(files.issue, 'utf8') };
    expect(after.registry).not.toBe(before);

    const states = { untouched: 0, registered: 0, imported: 0, temporaries: 0 };
    // 20 kills, the floor issue 10 set: 13 anywhere in a run, the last 7 near its end, where the files are written.
    const kills = 20;
    for (let run = 0; run < kills; run += 1) {
      reset();
      const delay = run < 13 ? Math.random() * complete.ms * 1.1 : complete.ms * (0.8 + Math.random() * 0.3);
      await runImport(delay);
      const registry = readFileSync(files.registry, 'utf8');
      const issue = existsSync(files.issue) ? readFileSync(files.issue, 'utf8') : null;
      expect([before, after.registry], `run ${run}, killed after ${delay} ms`).toContain(registry);
      expect([null, after.issue], `run ${run}`).toContain(issue);
      // The issue names restaurants the registry adds: it never exists without them.
      if (issue !== null) expect(registry, `run ${run}`).toBe(after.registry);
      const [visible, hidden] = contentFiles();
      for (const name of visible) {
        expect(readFileSync(join(root, 'content', name), 'utf8').trim(), `run ${run}: ${name}`).not.toBe('');
      }
      expect(checkAllContent(root).map(formatProblem), `run ${run}`).toEqual([]);
      states[issue !== null ? 'imported' : registry === before ? 'untouched' : 'registered'] += 1;
      if (hidden.length > 0) states.temporaries += 1;
    }
    console.info(
      `导入中途被杀 ${kills} 次（一次完整导入 ${Math.round(complete.ms)} ms）：未改动 ${states.untouched} 次，` +
        `只登记了餐厅 ${states.registered} 次，已完整导入 ${states.imported} 次；` +
        `留下临时文件 ${states.temporaries} 次（以“.”开头，内容检查不读取）。`,
    );
    expect(states.untouched + states.registered + states.imported).toBe(kills);

    // The next import, after a kill mid-write (its half-written temporary files left behind), does the whole job
    // and clears them.
    reset();
    const killed = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(temporaryPath(files.registry, killed), after.registry.slice(0, 100));
    writeFileSync(temporaryPath(files.issue, killed), after.issue.slice(0, 10));
    expect((await runImport()).status).toBe(0);
    expect(readFileSync(files.registry, 'utf8')).toBe(after.registry);
    expect(readFileSync(files.issue, 'utf8')).toBe(after.issue);
    expect(contentFiles()[1]).toEqual([]);
  });

  /** The files under content/: those the site reads, and hidden ones (temporary files of the importer). */
  const contentFiles = (): [string[], string[]] => {
    const files = readdirSync(join(root, 'content'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(join(root, 'content').length + 1));
    const isHidden = (name: string) => name.split('/').some((part) => part.startsWith('.'));
    return [files.filter((name) => !isHidden(name)), files.filter(isHidden)];
  };
});
