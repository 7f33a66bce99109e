/**
 * The importer's tests' shared inputs: Excel workbooks made with the library (SheetJS), among them the fixture issue
 * of tests/fixtures/import/good-utf8.csv as a sheet after a sheet of notes; that issue's details, as `importArgs`
 * gives them on the command line; and the fixture site's registry and towns as the importer sees them.
 */
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import { loadContent } from '../../src/lib/content/pipeline.ts';
import type { ExistingContent, IssueDetails } from '../../src/lib/redblack/import.ts';

export type Cell = string | number | Date;
export const HEADER = [
  '牌匾名称',
  '营业执照名称',
  '经营地址',
  '镇街',
  '业态',
  '许可证编号',
  '量化分级',
  '榜单',
  '检查日期',
  '上榜理由',
  '处理措施',
  '整改期限',
];
/**
 * tests/fixtures/import/good-utf8.csv as a sheet: dates are date cells (a day as Excel stores it, whatever the time
 * zone), except one inspection date typed as the bare Excel serial number of 2026-02-11.
 */
export const ISSUE_ROWS: Cell[][] = [
  HEADER,
  [
    '测试壬面馆',
    '测试区测试壬面馆',
    '杨村街道测试五路 9 号（虚构地址）',
    '杨村街道',
    '快餐',
    'JY11201149990066',
    'B',
    '红榜',
    new Date(2026, 1, 10),
    '1、后厨整洁；2、餐具消毒记录完整',
    '',
    '',
  ],
  [
    '测试癸饭店',
    '测试区测试癸饭店',
    '梅厂镇测试北街 9 号（虚构地址）',
    '梅厂镇',
    '正餐',
    '',
    '',
    '黑榜',
    46064,
    '生熟食品混放\n未公示食品经营许可证',
    '下达责令改正通知书',
    new Date(2026, 2, 1),
  ],
  [
    '测试甲餐厅',
    '测试区测试甲餐厅餐饮店',
    '杨村街道测试一路1号（虚构地址）',
    '杨村街道',
    '正餐',
    '',
    '',
    '红榜',
    new Date(2026, 1, 12),
    '原料分区存放',
    '',
    '',
  ],
];
export const SHEET = '五月红黑榜';
export const NOTES: Cell[][] = [['填写说明'], ['每家上榜餐厅填一行。']];

/** An .xlsx file made with the library: sheets in the order given, date cells as real dates. */
export function workbook(sheets: Array<[string, Cell[][]]>, options: { date1904?: boolean } = {}): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of sheets) {
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), name);
  }
  if (options.date1904) book.Workbook = { ...book.Workbook, WBProps: { date1904: true } };
  return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}
/** The fixture workbook: a sheet of notes first, then the issue's sheet. */
export const issueWorkbook = () =>
  workbook([
    ['填写说明', NOTES],
    [SHEET, ISSUE_ROWS],
  ]);

/** The fixture issue's details as the importer's command line takes them, after the sheet's path. */
export const importArgs = (file: string, ...more: string[]) => [
  file,
  '--published',
  '2026-02-20',
  '--theme',
  '春节后复工餐饮检查',
  '--area',
  '杨村街道、梅厂镇',
  ...more,
];

/** The fixture issue's details, as `importArgs` names them (no participants). */
export const ISSUE_DETAILS: IssueDetails = {
  year: 2026,
  number: 2,
  publishedOn: '2026-02-20',
  theme: '春节后复工餐饮检查',
  area: '杨村街道、梅厂镇',
  participants: [],
  source: 'market-regulation',
  sample: false,
};

/** The fixture site's registry and towns, with no issue yet, as the importer sees them on `today` (the pipeline's). */
export function fixtureExisting(today: string): ExistingContent {
  const { model } = loadContent(fileURLToPath(new URL('../fixtures/site/', import.meta.url)));
  return { today, restaurants: model.restaurants, towns: model.towns, issues: [] };
}
