/**
 * The spreadsheet template staff fill in for an import (/admin/import/template.xlsx), made from the importer's own
 * columns (IMPORT_COLUMNS), so the template and the importer cannot disagree: the first sheet has only the header row
 * (the importer reads it), the second says what each column takes.
 */
import * as XLSX from '@e965/xlsx';
import { IMPORT_COLUMNS } from './import.ts';

/** The sheet the importer reads, and the one that explains the columns. */
export const TEMPLATE_SHEETS = { entries: '红黑榜', help: '填写说明' } as const;

/** The name the template is downloaded under. */
export const TEMPLATE_FILE_NAME = '红黑榜导入模板.xlsx';

/** The template as an .xlsx file. */
export function importTemplate(): Buffer {
  const book = XLSX.utils.book_new();
  const entries = XLSX.utils.aoa_to_sheet([IMPORT_COLUMNS.map((column) => column.label)]);
  entries['!cols'] = IMPORT_COLUMNS.map((column) => ({ wch: Math.max(10, column.label.length * 2 + 4) }));
  XLSX.utils.book_append_sheet(book, entries, TEMPLATE_SHEETS.entries);
  const help = XLSX.utils.aoa_to_sheet([
    ['列', '是否必填', '怎么填'],
    ...IMPORT_COLUMNS.map((column) => [column.label, column.required ? '必填' : '可不填', column.help]),
    [],
    ['每行一家餐厅的一条上榜记录。从第 2 行开始填写，不要改第 1 行的表头；本说明页不会被导入。'],
  ]);
  help['!cols'] = [{ wch: 14 }, { wch: 10 }, { wch: 60 }];
  XLSX.utils.book_append_sheet(book, help, TEMPLATE_SHEETS.help);
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
