/**
 * The importer reading an Excel workbook (.xlsx) directly, on the fixture site's content: the same issue as from the
 * equivalent CSV, dates as date cells or Excel serial numbers, a chosen sheet, the spreadsheet's own row numbers in
 * messages, and Chinese messages for a missing sheet or an unreadable file. Workbooks are made here with the library.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import {
  fixtureExisting,
  HEADER,
  importArgs,
  ISSUE_DETAILS,
  ISSUE_ROWS,
  issueWorkbook,
  NOTES,
  SHEET,
  workbook,
} from '../helpers/workbook.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../scripts/import-redblack.ts';
import { IMPORT_LIMITS, planImport } from '../../src/lib/redblack/import.ts';
import { commitImport, prepareImport, type ImportRequest } from '../../src/lib/redblack/import-request.ts';

const ROOT = new URL('../../', import.meta.url);
const SITE = new URL('tests/fixtures/site/', ROOT);
const CSV = fileURLToPath(new URL('tests/fixtures/import/good-utf8.csv', ROOT));
/** The moment of every import here: after the publication date, whatever the real date. */
const NOW = '2026-06-01';

const read = (file: string, base: URL | string = SITE) => readFileSync(new URL(file, base), 'utf8');
const existing = fixtureExisting(NOW);
const details = ISSUE_DETAILS;

describe('planImport on an .xlsx workbook', () => {
  it('reads the chosen sheet into the same issue as the equivalent CSV, dates and serial numbers alike', () => {
    const fromCsv = planImport(new Uint8Array(readFileSync(CSV)), 'good-utf8.csv', details, existing);
    const fromXlsx = planImport(issueWorkbook(), '五月.xlsx', details, existing, { sheet: SHEET });
    if (!fromCsv.ok || !fromXlsx.ok) throw new Error(JSON.stringify([fromCsv, fromXlsx]));
    expect(fromXlsx.issueText).toBe(fromCsv.issueText);
    expect(fromXlsx.registryAppend).toBe(fromCsv.registryAppend);
    expect(fromXlsx.issue.entries.map((entry) => [entry.inspectedOn, entry.deadline])).toEqual([
      ['2026-02-10', undefined],
      ['2026-02-11', '2026-03-01'],
      ['2026-02-12', undefined],
    ]);
    expect(fromXlsx).toMatchObject({
      encoding: null,
      workbook: { sheet: SHEET, sheets: ['填写说明', SHEET] },
      rows: [2, 3, 4],
      warnings: [],
    });
    expect(fromCsv).toMatchObject({ encoding: 'utf-8', workbook: null });
  });

  it('reads dates of a workbook that counts days from 1904 (old Mac Excel)', () => {
    // A serial number counts from 1904 there too: only date cells give the same days.
    const rows = ISSUE_ROWS.map((row) => row.map((cell) => (cell === 46064 ? new Date(2026, 1, 11) : cell)));
    const result = planImport(workbook([[SHEET, rows]], { date1904: true }), '1904.xlsx', details, existing);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.issue.entries.map((entry) => entry.inspectedOn)).toEqual(['2026-02-10', '2026-02-11', '2026-02-12']);
    expect(result.issue.entries[1]!.deadline).toBe('2026-03-01');
  });

  it('reads the first sheet when none is named, and says which, and which it did not read', () => {
    const first = workbook([
      [SHEET, ISSUE_ROWS],
      ['填写说明', NOTES],
    ]);
    const result = planImport(first, '五月.xlsx', details, existing);
    expect(result.ok && result.warnings).toEqual([
      `五月.xlsx 有 2 个工作表，读取的是第一个“${SHEET}”，没有读取 “填写说明”。` +
        '如需导入其他工作表，请指定工作表名称（命令行：--sheet 工作表名称）。',
    ]);
    // The wrong sheet first: the header problems say which sheet was read.
    const wrong = planImport(issueWorkbook(), '五月.xlsx', details, existing);
    const problems = wrong.ok ? [] : wrong.problems;
    expect(problems[0]).toBe(
      '五月.xlsx（工作表“填写说明”） 第 1 行（表头）：缺少“牌匾名称”列。' +
        '请使用模板 docs/templates/redblack-import-template.csv 的表头。',
    );
    expect(problems).toContain(
      `五月.xlsx（工作表“填写说明”）：读取的是第一个工作表“填写说明”；如要导入的是 “${SHEET}”，` +
        '如需导入其他工作表，请指定工作表名称（命令行：--sheet 工作表名称）。',
    );
  });

  it('names the spreadsheet’s own row of a bad cell, a blank row included, in the sheet read', () => {
    const rows = [...ISSUE_ROWS.slice(0, 2), [], ISSUE_ROWS[3]!.map((cell, column) => (column === 3 ? '杨村' : cell))];
    rows[3]![8] = 12;
    const result = planImport(workbook([['填写说明', NOTES], [SHEET, rows]]), '五月.xlsx', details, existing, {
      sheet: SHEET,
    });
    expect(result.ok ? [] : result.problems).toEqual([
      `五月.xlsx（工作表“${SHEET}”） 第 4 行，“镇街”列：没有名为“杨村”的镇街。您是不是要填“杨村街道”？`,
      `五月.xlsx（工作表“${SHEET}”） 第 4 行，“检查日期”列：无法识别日期“12”，请写成 2023-02-15 这样的格式。`,
    ]);
  });

  it('lists the sheets when the one named does not exist', () => {
    const result = planImport(issueWorkbook(), '五月.xlsx', details, existing, { sheet: '六月红黑榜' });
    expect(result.ok ? [] : result.problems).toEqual([
      `五月.xlsx 中没有名为“六月红黑榜”的工作表。这个文件的工作表有：“填写说明”“${SHEET}”。`,
    ]);
  });

  it('explains an unreadable, cut or mislabelled file in Chinese', () => {
    const unreadable = (file: string) =>
      `${file}：无法读取这个 Excel 文件，它可能已损坏、没有保存完整，或不是 .xlsx 工作簿。` +
      '请在 Excel 或 WPS 中打开确认，“另存为” Excel 工作簿（.xlsx）后再导入。';
    const whole = issueWorkbook();
    const garbage = new Uint8Array(4096).map((_, index) => (index * 7919) % 251);
    garbage.set([0x50, 0x4b, 0x03, 0x04]);
    for (const [file, bytes] of [
      ['截断.xlsx', whole.slice(0, Math.floor(whole.length / 2))],
      ['乱码.xlsx', garbage],
      ['其实是文本.xlsx', new TextEncoder().encode(`${HEADER.join(',')}\r\n`)],
    ] as const) {
      const result = planImport(bytes, file, details, existing);
      expect(result.ok ? [] : result.problems, file).toEqual([unreadable(file)]);
    }
    const compound = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    const xls = planImport(compound, '旧.xls', details, existing);
    expect(xls.ok ? [] : xls.problems).toEqual([
      '旧.xls：这是旧版 Excel 文件（.xls），或设置了打开密码的工作簿，无法直接导入。' +
        '请在 Excel 或 WPS 中打开，取消密码后“另存为” Excel 工作簿（.xlsx）或 CSV，再导入另存的文件。',
    ]);
  });

  it('applies the size limits: rows with text count, empty cells far below do not', () => {
    const far = XLSX.utils.aoa_to_sheet(ISSUE_ROWS, { cellDates: true });
    XLSX.utils.sheet_add_aoa(far, [['']], { origin: `A${IMPORT_LIMITS.rows + 10}` });
    const book = (sheet: XLSX.WorkSheet) => {
      const result = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(result, sheet, SHEET);
      return new Uint8Array(XLSX.write(result, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    };
    expect(planImport(book(far), 'far.xlsx', details, existing).ok).toBe(true);
    XLSX.utils.sheet_add_aoa(far, [['测试']], { origin: `A${IMPORT_LIMITS.rows + 10}` });
    const big = planImport(book(far), 'big.xlsx', details, existing);
    expect(big.ok ? [] : big.problems).toEqual([expect.stringMatching(/^big\.xlsx：表格过大（100,009 行数据）/)]);
    const huge = new Uint8Array(IMPORT_LIMITS.bytes + 1);
    huge.set([0x50, 0x4b, 0x03, 0x04]);
    const heavy = planImport(huge, 'huge.xlsx', details, existing);
    expect(heavy.ok ? [] : heavy.problems).toEqual([expect.stringMatching(/^huge\.xlsx：表格过大（20\.0 MB）/)]);
  });
});

describe('importing a workbook', () => {
  const roots: string[] = [];
  /** A copy of the fixture site's content and public files, to import into. */
  const copyProject = () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-xlsx-'));
    for (const folder of ['content', 'public']) cpSync(new URL(folder, SITE), join(dir, folder), { recursive: true });
    roots.push(dir);
    return dir;
  };
  const errors: string[] = [];
  beforeEach(() => {
    vi.stubEnv('SITE_NOW', NOW);
    errors.length = 0;
    vi.spyOn(console, 'error').mockImplementation((message: string) => void errors.push(message));
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterEach(() => {
    for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  const request = (bytes: Uint8Array, more: Partial<ImportRequest> = {}): ImportRequest => ({
    file: '五月.xlsx',
    bytes,
    published: '2026-02-20',
    theme: '春节后复工餐饮检查',
    area: '杨村街道、梅厂镇',
    sheet: SHEET,
    ...more,
  });
  const issues = (root: string) =>
    readdirSync(join(root, 'content/redblack')).filter((name) => name.startsWith('2026'));
  const registry = (root: string) => read('content/restaurants.yaml', `file://${root}/`);
  const files = (root: string) => ({ issue: read('content/redblack/2026-01.mdx', `file://${root}/`), registry: registry(root) });

  it('writes exactly the files the equivalent CSV gives, and prepareImport gives the same issue text', async () => {
    const [fromCsv, fromXlsx, prepared] = [copyProject(), copyProject(), copyProject()];
    expect(await main(importArgs(CSV), fromCsv), errors.join('\n')).toBe(0);
    const sheet = join(fromXlsx, '五月.xlsx');
    writeFileSync(sheet, issueWorkbook());
    expect(await main(importArgs(sheet, '--sheet', SHEET), fromXlsx), errors.join('\n')).toBe(0);
    expect(files(fromXlsx)).toEqual(files(fromCsv));

    const result = prepareImport(prepared, request(issueWorkbook()), new Date(NOW));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.plan.issueText).toBe(files(fromCsv).issue);
    expect(result.plan.issuePath).toBe('content/redblack/2026-01.mdx');
    expect(result.summary).toBe(
      '2026年第1期：3 条记录（红榜 2，黑榜 1）；新登记餐厅 2 家，沿用已登记餐厅 1 家。读取的工作表：“五月红黑榜”。',
    );
    // What a preview shows: each entry's row, restaurant and whether it is registered by this import.
    expect(
      result.entries.map(({ row, entry, restaurant, isNew }) => [row, restaurant.signName, isNew, entry.list]),
    ).toEqual([
      [2, '测试壬面馆', true, '红榜'],
      [3, '测试癸饭店', true, '黑榜'],
      [4, '测试甲餐厅', false, '红榜'],
    ]);
    expect(result.entries[1]!.entry).toMatchObject({
      restaurant: result.plan.added[1]!.id,
      reasons: ['生熟食品混放', '未公示食品经营许可证'],
      measures: ['下达责令改正通知书'],
      deadline: '2026-03-01',
    });
    expect(issues(prepared)).toEqual([]);
    expect(await commitImport(prepared, result)).toBeNull();
    expect(files(prepared)).toEqual(files(fromCsv));
  });

  it('refuses the same sheet imported twice', async () => {
    const root = copyProject();
    const sheet = join(root, '五月.xlsx');
    writeFileSync(sheet, issueWorkbook());
    expect(await main(importArgs(sheet, '--sheet', SHEET), root), errors.join('\n')).toBe(0);
    const before = registry(root);
    expect(await main(importArgs(sheet, '--sheet', SHEET), root)).toBe(1);
    expect(errors.at(-1)).toBe(
      `  - ${sheet}（工作表“${SHEET}”） 与已发布的2026年第1期（content/redblack/2026-01.mdx）相同：` +
        '餐厅、榜单和检查日期逐条一致。这张表格已经导入过，请不要重复导入；如需修改该期，请直接编辑该文件。',
    );
    expect(issues(root)).toEqual(['2026-01.mdx']);
    expect(registry(root)).toBe(before);
  });

  it('writes nothing when a row is wrong, and names its spreadsheet row', async () => {
    const root = copyProject();
    const before = registry(root);
    const rows = [...ISSUE_ROWS.slice(0, 2), [], ISSUE_ROWS[3]!.map((cell, column) => (column === 3 ? '杨村' : cell))];
    const sheet = join(root, '五月.xlsx');
    writeFileSync(sheet, workbook([['填写说明', NOTES], [SHEET, rows]]));
    expect(await main(importArgs(sheet, '--sheet', SHEET), root)).toBe(1);
    expect(errors).toEqual([
      '发现 1 处问题，没有写入任何文件。请改正表格后重新导入：',
      `  - ${sheet}（工作表“${SHEET}”） 第 4 行，“镇街”列：没有名为“杨村”的镇街。您是不是要填“杨村街道”？`,
    ]);
    expect(issues(root)).toEqual([]);
    expect(registry(root)).toBe(before);
  });

  it('lists the sheets for an unknown sheet name, and explains a corrupt file, in Chinese', async () => {
    const root = copyProject();
    const sheet = join(root, '五月.xlsx');
    writeFileSync(sheet, issueWorkbook());
    expect(await main(importArgs(sheet, '--sheet', '六月红黑榜'), root)).toBe(1);
    expect(errors.at(-1)).toBe(`  - ${sheet} 中没有名为“六月红黑榜”的工作表。这个文件的工作表有：“填写说明”“${SHEET}”。`);
    const corrupt = join(root, '损坏.xlsx');
    writeFileSync(corrupt, issueWorkbook().slice(0, 200));
    expect(await main(importArgs(corrupt), root)).toBe(1);
    expect(errors.at(-1)).toMatch(/^ {2}- .*损坏\.xlsx：无法读取这个 Excel 文件，它可能已损坏/);
    expect(errors.join('\n')).not.toMatch(/Error|\n\s+at /);
    expect(issues(root)).toEqual([]);
  });

  it('prepareImport reports the request’s problems in words; commitImport refuses content changed since', async () => {
    const root = copyProject();
    const wrong = request(issueWorkbook(), { published: '2026-13-01', theme: ' ', number: '0' });
    const bad = prepareImport(root, wrong, new Date(NOW));
    expect(bad).toEqual({
      ok: false,
      stage: 'request',
      problems: [
        '发布日期“2026-13-01”无法识别，请写成 2023-02-20 这样的格式。',
        '缺少主题。',
        '期次应为 1 到 99 的整数，实际填写：“0”。',
      ],
    });
    const prepared = prepareImport(root, request(issueWorkbook()), new Date(NOW));
    if (!prepared.ok) throw new Error(prepared.problems.join('\n'));
    // Another import (the CSV) lands between the preview and the commit.
    const csv = request(new Uint8Array(readFileSync(CSV)), { file: 'good-utf8.csv', sheet: undefined });
    const other = prepareImport(root, csv, new Date(NOW));
    if (!other.ok) throw new Error(other.problems.join('\n'));
    expect(await commitImport(root, other)).toBeNull();
    const before = registry(root);
    expect(await commitImport(root, prepared)).toMatch(/^检查表格之后，content\/restaurants\.yaml 或 content\/redblack\/ 中的文件有了改动/);
    expect(registry(root)).toBe(before);
    expect(existsSync(join(root, 'content/redblack/2026-02.mdx'))).toBe(false);
  });
});
