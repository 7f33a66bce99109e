/**
 * Turns a spreadsheet of one issue's entries (an Excel workbook, .xlsx, or a sheet saved as CSV, GBK or UTF-8) into
 * the files of a new issue. Both become the same rows of text first, so every rule applies to both alike. Every row
 * is validated first and every problem is reported, with its row and column, in Chinese; nothing is produced unless
 * the whole sheet is right. The files it produces are then judged by the content pipeline like any other change
 * (src/lib/redblack/import-request.ts proposes them as an overlay); {@link sheetProblems} words the pipeline's
 * problems about them by the sheet's rows.
 */
import * as XLSX from '@e965/xlsx';
import { decodeCsv, parseCsv } from '../csv.ts';
import { excelSerialDate, formatProblem, validateEntry, type ContentProblem } from '../content-errors.ts';
import { writeYaml } from '../content/yaml-writer.ts';
import { LISTS, type ListEntry, type ListIssue } from '../../schemas/list-issue.ts';
import { BUSINESS_TYPES, restaurantSchema, type Restaurant } from '../../schemas/restaurant.ts';
import type { Town } from '../../schemas/town.ts';
import { parseIsoDate } from '../dates.ts';
import { dateShape } from '../text-forms.ts';
import { restaurantId } from './ids.ts';
import { entryProblems, suggestTown, type IssueFile } from './rules.ts';
import { issueId, issueLabel } from './status.ts';

/** The template's columns, in order. Staff may reorder them; the header row names them. */
export const IMPORT_COLUMNS = [
  { key: 'signName', label: '牌匾名称', required: true, help: '门头招牌上的名称' },
  { key: 'registeredName', label: '营业执照名称', required: true, help: '营业执照上的名称' },
  { key: 'address', label: '经营地址', required: true, help: '' },
  { key: 'town', label: '镇街', required: true, help: '30 个镇街之一，如“杨村街道”，也可填 9 位代码' },
  { key: 'businessType', label: '业态', required: true, help: BUSINESS_TYPES.join('、') },
  { key: 'licence', label: '许可证编号', required: false, help: '食品经营许可证编号，“JY”加 14 位数字；没有可不填' },
  { key: 'grade', label: '量化分级', required: false, help: 'A、B 或 C；没有可不填' },
  { key: 'list', label: '榜单', required: true, help: '红榜或黑榜' },
  { key: 'inspectedOn', label: '检查日期', required: true, help: '如 2023-02-15，也可写 2023/2/15 或 2023年2月15日' },
  { key: 'reasons', label: '上榜理由', required: true, help: '多条用“；”分隔或在单元格内换行' },
  { key: 'measures', label: '处理措施', required: false, help: '黑榜必填，多条用“；”分隔' },
  { key: 'deadline', label: '整改期限', required: false, help: '黑榜填写整改期限日期；红榜留空' },
] as const;

type ColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

/** The issue-level details given on the command line. */
export interface IssueDetails {
  year: number;
  number: number;
  publishedOn: string;
  theme: string;
  area: string;
  participants: string[];
  source: string;
  sample: boolean;
  /** 导语, plain text (front matter `intro`). */
  intro?: string;
}

/** What exists already: the registry, the towns and the issues. */
export interface ExistingContent {
  /** Today, YYYY-MM-DD: a publication date after it is refused. */
  today: string;
  restaurants: readonly Restaurant[];
  towns: readonly Town[];
  issues: readonly IssueFile[];
}

export type ImportResult =
  | { ok: false; problems: string[] }
  | {
      ok: true;
      issue: ListIssue;
      /** content/redblack/<id>.mdx */
      issuePath: string;
      issueText: string;
      /** Restaurants to add to the registry. */
      added: Restaurant[];
      /** Text to append to content/restaurants.yaml (empty when nothing is added). */
      registryAppend: string;
      /** Ids of registered restaurants the sheet named again. */
      reused: string[];
      /** The spreadsheet's row of each entry of `issue.entries`, in the same order. */
      rows: number[];
      /**
       * Things to check that do not stop the import, e.g. a reused restaurant whose sheet row differs, or which sheet
       * of a workbook of several was read.
       */
      warnings: string[];
      /** A CSV file's encoding; null for a workbook. */
      encoding: 'utf-8' | 'gbk' | null;
      /** For a workbook: the sheet read and the names of all its sheets, in order; null for a CSV file. */
      workbook: { sheet: string; sheets: string[] } | null;
      /** The file as messages name it: for a workbook of several sheets, with the sheet read. */
      label: string;
    };

/** How to read the file. */
export interface ImportOptions {
  /** The workbook sheet to read, by name; without it, the first. A CSV file has only one. */
  sheet?: string;
}

/** Accepts the date forms spreadsheets produce: 2023-02-15, 2023/2/15, 2023.2.15, 2023年2月15日. */
export function normaliseDate(text: string): string | null {
  const iso = dateShape(text);
  return iso && parseIsoDate(iso) ? iso : null;
}

/** Why a date cell is not accepted, in words staff can act on. */
function dateProblem(text: string): string {
  return dateShape(text)
    ? `“${text}”不是真实存在的日期，请核对月份和日期。`
    : `无法识别日期“${text}”，请写成 2023-02-15 这样的格式。`;
}

/** Splits a cell holding several points: “；”, “;” or line breaks, with any “1、” numbering removed. */
export function splitPoints(text: string): string[] {
  return text
    .split(/[；;\n]+/)
    .map((point) =>
      point
        .trim()
        .replace(/^(?:\d+|[一二三四五六七八九十]+)[、.．)）]\s*/, '')
        .trim(),
    )
    .filter(Boolean);
}

const normalise = (text: string) => text.replace(/\s+/g, '');

/** The largest sheet accepted: one issue is a few hundred rows; a bigger file is a mistake or needs splitting. */
export const IMPORT_LIMITS = { bytes: 20 * 1024 * 1024, rows: 100_000 } as const;

/** Why a sheet is refused for its size, in words staff can act on. */
function tooLarge(file: string, size: string): string {
  return (
    `${file}：表格过大（${size}），一次最多导入 ${IMPORT_LIMITS.rows.toLocaleString('en-US')} 行、` +
    `${IMPORT_LIMITS.bytes / 1024 / 1024} MB。请确认选对了文件；如确需导入这么多记录，请把表格按期次或镇街拆分成` +
    '几个较小的文件（每个保留表头行），分别导入。'
  );
}

/** The sheet's text, whatever the file: row i is the spreadsheet's row i + 1, each cell as text. */
interface SheetText {
  rows: string[][];
  /** The file as messages name it: for a workbook of several sheets, with the sheet read. */
  label: string;
  encoding: 'utf-8' | 'gbk' | null;
  workbook: { sheet: string; sheets: string[] } | null;
  /** What to tell even when all is well: which sheet of several was read, or a sheet named for a CSV file. */
  notes: string[];
  /** Added to a problem with the header: the sheet read was not chosen, and may be the wrong one. */
  headerHint?: string;
}

/** Starts an .xlsx file: a ZIP archive. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** Starts an old Excel .xls file, or an .xlsx file with a password to open it (both are compound files). */
const COMPOUND_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.every((byte, index) => bytes[index] === byte);

/** Whether the file is an Excel workbook (.xlsx): by its content, or by its name. */
export function isWorkbook(bytes: Uint8Array, file: string): boolean {
  return startsWith(bytes, ZIP_SIGNATURE) || /\.xlsx$/i.test(file);
}

/** Reads the file into rows of text: a workbook's sheet, or CSV. */
function readSheet(bytes: Uint8Array, file: string, sheet: string | undefined): SheetText | { problems: string[] } {
  if (startsWith(bytes, COMPOUND_SIGNATURE) || /\.xls$/i.test(file))
    return {
      problems: [
        `${file}：这是旧版 Excel 文件（.xls），或设置了打开密码的工作簿，无法直接导入。` +
          '请在 Excel 或 WPS 中打开，取消密码后“另存为” Excel 工作簿（.xlsx）或 CSV，再导入另存的文件。',
      ],
    };
  if (isWorkbook(bytes, file)) return readWorkbook(bytes, file, sheet);
  const { text, encoding } = decodeCsv(bytes);
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (error) {
    return { problems: [`${file}：${(error as Error).message}`] };
  }
  const notes =
    sheet === undefined ? [] : [`${file} 是 CSV 文件，只有一张表，指定的工作表“${sheet}”不起作用，读取的是整个文件。`];
  return { rows, label: file, encoding, workbook: null, notes };
}

/** The columns whose cells are dates. */
const DATE_COLUMNS: ReadonlySet<string> = new Set(
  IMPORT_COLUMNS.filter((column) => column.key === 'inspectedOn' || column.key === 'deadline').map(
    (column) => column.label,
  ),
);

/** Reads one sheet of an .xlsx workbook into rows of text, as a CSV file saved from it would have them. */
function readWorkbook(bytes: Uint8Array, file: string, wanted: string | undefined): SheetText | { problems: string[] } {
  const unreadable =
    `${file}：无法读取这个 Excel 文件，它可能已损坏、没有保存完整，或不是 .xlsx 工作簿。` +
    '请在 Excel 或 WPS 中打开确认，“另存为” Excel 工作簿（.xlsx）后再导入。';
  // Without the ZIP signature it is no .xlsx, whatever its name; the library would read it as some other format.
  if (!startsWith(bytes, ZIP_SIGNATURE)) return { problems: [unreadable] };
  let book: XLSX.WorkBook;
  try {
    // Values as stored: a date is its serial number with a date format, read below without any time zone.
    book = XLSX.read(bytes, { type: 'array', dense: true, cellNF: true, cellFormula: false, cellHTML: false });
  } catch {
    return { problems: [unreadable] };
  }
  const sheets = book.SheetNames;
  if (sheets.length === 0) return { problems: [unreadable] };
  const list = (names: readonly string[]) => `“${names.join('”“')}”`;
  const name =
    wanted === undefined
      ? sheets[0]!
      : (sheets.find((sheet) => sheet === wanted) ?? sheets.find((sheet) => sheet.trim() === wanted.trim()));
  if (name === undefined)
    return { problems: [`${file} 中没有名为“${wanted}”的工作表。这个文件的工作表有：${list(sheets)}。`] };
  const others = sheets.filter((sheet) => sheet !== name);
  const choose = '如需导入其他工作表，请指定工作表名称（命令行：--sheet 工作表名称）。';
  const notes =
    wanted === undefined && others.length > 0
      ? [`${file} 有 ${sheets.length} 个工作表，读取的是第一个“${name}”，没有读取 ${list(others)}。${choose}`]
      : [];
  const headerHint =
    notes.length > 0 ? `读取的是第一个工作表“${name}”；如要导入的是 ${list(others)}，${choose}` : undefined;

  const data: ReadonlyArray<ReadonlyArray<XLSX.CellObject | undefined> | undefined> =
    (book.Sheets[name]?.['!data'] as XLSX.CellObject[][] | undefined) ?? [];
  // Only rows with text count: formatting may extend a sheet far below its last row.
  const hasText = (row: number) =>
    (data[row] ?? []).some((cell) => cell !== undefined && cellText(cell, false, false).trim() !== '');
  let last = data.length - 1;
  while (last >= 0 && !hasText(last)) last -= 1;
  if (last > IMPORT_LIMITS.rows) return { problems: [tooLarge(file, `${last.toLocaleString('en-US')} 行数据`)] };
  const date1904 = book.Workbook?.WBProps?.date1904 === true;
  const header = Array.from(data[0] ?? [], (cell) => cellText(cell, false, date1904).trim());
  const dateColumns = new Set(header.flatMap((label, column) => (DATE_COLUMNS.has(label) ? [column] : [])));
  const rows: string[][] = [];
  for (let row = 0; row <= last; row += 1) {
    const cells = data[row] ?? [];
    rows.push(Array.from(cells, (cell, column) => cellText(cell, dateColumns.has(column), date1904)));
  }
  return {
    rows,
    label: sheets.length > 1 ? `${file}（工作表“${name}”）` : file,
    encoding: null,
    workbook: { sheet: name, sheets: [...sheets] },
    notes,
    ...(headerHint ? { headerHint } : {}),
  };
}

/**
 * A workbook cell as text, as the spreadsheet shows it where that matters: a date (a date-formatted number, or any
 * number in a date column that is a plausible Excel date serial) becomes YYYY-MM-DD; other numbers their digits.
 * @param date1904 whether the workbook counts days from 1904 (old Mac Excel) instead of 1900
 */
function cellText(cell: XLSX.CellObject | undefined, dateColumn: boolean, date1904: boolean): string {
  if (cell === undefined || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'n' && typeof cell.v === 'number') {
    const dateFormatted = typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z);
    if (dateColumn || dateFormatted) {
      // The 1904 system counts 1,462 days fewer to the same day.
      const date = excelSerialDate(date1904 ? cell.v + 1462 : cell.v)?.date;
      if (date) return date;
      // A date-formatted cell the serial check does not take: the date as the sheet shows it, for the message.
      if (dateFormatted && cell.w) return cell.w;
    }
    return String(cell.v);
  }
  if (cell.v instanceof Date) return cell.w ?? cell.v.toISOString().slice(0, 10);
  if (typeof cell.v === 'string') return cell.v;
  // A boolean as TRUE or FALSE; an error as the sheet shows it, e.g. #N/A.
  return cell.w ?? String(cell.v);
}

/**
 * The registry indexed once, so that finding the same business is a lookup, not a scan of every restaurant per row.
 * A restaurant is the same business as a row when it has the row's licence number, or the same registered name and
 * address (spaces ignored); when two registered restaurants qualify, the one registered first is taken.
 */
class RegistryIndex {
  private readonly byLicence = new Map<string, { restaurant: Restaurant; position: number }>();
  private readonly byNameAndAddress = new Map<string, { restaurant: Restaurant; position: number }>();
  private size = 0;

  constructor(restaurants: readonly Restaurant[]) {
    for (const restaurant of restaurants) this.add(restaurant);
  }

  private static key(restaurant: Pick<Restaurant, 'registeredName' | 'address'>): string {
    return `${normalise(restaurant.registeredName)}\n${normalise(restaurant.address)}`;
  }

  add(restaurant: Restaurant): void {
    const indexed = { restaurant, position: this.size++ };
    if (restaurant.licence && !this.byLicence.has(restaurant.licence)) this.byLicence.set(restaurant.licence, indexed);
    const key = RegistryIndex.key(restaurant);
    if (!this.byNameAndAddress.has(key)) this.byNameAndAddress.set(key, indexed);
  }

  find(row: Pick<Restaurant, 'licence' | 'registeredName' | 'address'>): Restaurant | undefined {
    const byLicence = row.licence ? this.byLicence.get(row.licence) : undefined;
    const byNameAndAddress = this.byNameAndAddress.get(RegistryIndex.key(row));
    if (byLicence && byNameAndAddress)
      return (byLicence.position < byNameAndAddress.position ? byLicence : byNameAndAddress).restaurant;
    return (byLicence ?? byNameAndAddress)?.restaurant;
  }
}

/**
 * Validates a sheet and, when everything is right, prepares the new issue and registry additions.
 * @param bytes an Excel workbook (.xlsx, recognised by its content or its name), or a CSV file as a spreadsheet
 *   saves it (GBK or UTF-8).
 * @param file its name, for messages.
 * @param options.sheet for a workbook, the sheet to read (by name); without it, the first, with a warning naming
 *   the others when there are several.
 */
export function planImport(
  bytes: Uint8Array,
  file: string,
  details: IssueDetails,
  existing: ExistingContent,
  options: ImportOptions = {},
): ImportResult {
  if (bytes.length > IMPORT_LIMITS.bytes)
    return { ok: false, problems: [tooLarge(file, `${(bytes.length / 1024 / 1024).toFixed(1)} MB`)] };
  const sheet = readSheet(bytes, file, options.sheet?.trim() ? options.sheet : undefined);
  if ('problems' in sheet) return { ok: false, problems: sheet.problems };
  const { rows, label: sheetFile } = sheet;
  const problems: string[] = [];
  const at = (row: number, column: string, message: string) =>
    problems.push(`${sheetFile} 第 ${row} 行，“${column}”列：${message}`);

  if (rows.length - 1 > IMPORT_LIMITS.rows)
    return { ok: false, problems: [tooLarge(file, `${(rows.length - 1).toLocaleString('en-US')} 行数据`)] };
  const header = (rows[0] ?? []).map((cell) => cell.trim());
  const index = new Map<ColumnKey, number>();
  for (const column of IMPORT_COLUMNS) {
    const position = header.indexOf(column.label);
    if (position >= 0) index.set(column.key, position);
    else if (column.required)
      problems.push(
        `${sheetFile} 第 1 行（表头）：缺少“${column.label}”列。请使用模板 docs/templates/redblack-import-template.csv 的表头。`,
      );
  }
  const unknown = header.filter((cell) => cell !== '' && !IMPORT_COLUMNS.some((column) => column.label === cell));
  if (unknown.length > 0)
    problems.push(
      `${sheetFile} 第 1 行（表头）：无法识别的列“${unknown.join('”“')}”。` +
        `可用的列：${IMPORT_COLUMNS.map((column) => column.label).join('、')}。`,
    );
  if (problems.length > 0 && sheet.headerHint) problems.push(`${sheetFile}：${sheet.headerHint}`);
  if (rows.length < 2) problems.push(`${sheetFile}：除表头外没有任何数据行。`);
  if (problems.length > 0) return { ok: false, problems };

  const townByName = new Map(existing.towns.map((town) => [town.name, town]));
  const townById = new Map(existing.towns.map((town) => [town.id, town]));
  const takenIds = new Set(existing.restaurants.map((restaurant) => restaurant.id));
  const registry = [...existing.restaurants];
  const registryIndex = new RegistryIndex(existing.restaurants);
  const registered = new Set(existing.restaurants);
  const added: Restaurant[] = [];
  const reused = new Set<string>();
  const entries: ListEntry[] = [];
  const rowOfEntry: number[] = [];

  const warnings: string[] = [...sheet.notes];
  rows.slice(1).forEach((cells, offset) => {
    const row = offset + 2;
    if (cells.every((value) => value.trim() === '')) return; // a blank line in the sheet
    const cell = (key: ColumnKey) => (index.has(key) ? (cells[index.get(key)!] ?? '').trim() : '');
    const label = (key: ColumnKey) => IMPORT_COLUMNS.find((column) => column.key === key)!.label;
    const before = problems.length;
    for (const column of IMPORT_COLUMNS) {
      if (column.required && cell(column.key) === '') at(row, column.label, '不能为空。');
    }

    const townText = cell('town');
    const town = townByName.get(townText) ?? townById.get(townText);
    if (townText !== '' && !town) {
      const suggestion = suggestTown(townText, existing.towns);
      at(
        row,
        label('town'),
        `没有名为“${townText}”的镇街。${suggestion ? `您是不是要填“${suggestion.name}”？` : '请填写 30 个镇街之一的全称，如“杨村街道”“崔黄口镇”。'}`,
      );
    }
    const list = cell('list');
    if (list !== '' && !(LISTS as readonly string[]).includes(list))
      at(row, label('list'), `应填“红榜”或“黑榜”，实际填写：“${list}”。`);
    const inspectedOn = cell('inspectedOn') === '' ? null : normaliseDate(cell('inspectedOn'));
    if (cell('inspectedOn') !== '' && !inspectedOn) at(row, label('inspectedOn'), dateProblem(cell('inspectedOn')));
    const deadline = cell('deadline') === '' ? undefined : normaliseDate(cell('deadline'));
    if (deadline === null) at(row, label('deadline'), dateProblem(cell('deadline')));

    const candidate = {
      id: 'pending',
      signName: cell('signName'),
      registeredName: cell('registeredName'),
      address: cell('address'),
      town: town?.id ?? '120114000',
      businessType: cell('businessType'),
      // Typed in lower case or with spaces, a licence number or grade is still the same one.
      ...(cell('licence') ? { licence: cell('licence').replace(/\s+/g, '').toUpperCase() } : {}),
      ...(cell('grade') ? { grade: cell('grade').toUpperCase() } : {}),
      sample: details.sample,
    };
    const checked = validateEntry(restaurantSchema, candidate, { file, entry: `第 ${row} 行` });
    for (const problem of checked.problems) {
      const key = problem.field as ColumnKey | undefined;
      // Empty required cells and the town were reported above, in the sheet's own words.
      if (key === 'town' || (key && cell(key) === '')) continue;
      at(row, key ? label(key) : '（整行）', problem.message);
    }
    const points = { reasons: splitPoints(cell('reasons')), measures: splitPoints(cell('measures')) };
    if ((LISTS as readonly string[]).includes(list) && inspectedOn && deadline !== null) {
      const draft = {
        restaurant: 'pending',
        list: list as ListEntry['list'],
        inspectedOn,
        ...points,
        ...(deadline ? { deadline } : {}),
      };
      for (const problem of entryProblems(draft, details.publishedOn)) {
        // An empty required cell was already reported above.
        if (problem.field !== 'reasons' || cell('reasons') !== '') at(row, problem.fieldLabel, problem.message);
      }
    }
    if (problems.length > before || !checked.data || !inspectedOn || deadline === null) return;

    // The same business: same licence number, or same registered name and address.
    const match = registryIndex.find(checked.data);
    let id: string;
    if (match) {
      id = match.id;
      if (match.sample !== details.sample) {
        at(
          row,
          label('registeredName'),
          `与已登记的${match.sample ? '示例' : '真实'}餐厅“${match.signName}”（${match.id}）是同一家，` +
            `但本次导入的是${details.sample ? '示例' : '真实'}数据。示例数据和真实数据不能混在一起。`,
        );
        return;
      }
      if (registered.has(match)) reused.add(id);
      const differences = (['signName', 'town', 'businessType', 'grade'] as const)
        // An optional cell left empty says nothing new.
        .filter((key) => checked.data[key] !== undefined && checked.data[key] !== match[key])
        .map((key) => `${label(key)}“${match[key] ?? '（空）'}”→“${checked.data[key]}”`);
      if (differences.length > 0) {
        warnings.push(
          `${sheetFile} 第 ${row} 行：按许可证编号或营业执照名称加地址，认定为已登记的“${match.signName}”（${match.id}），` +
            `沿用登记表中的信息；表格中不同的是：${differences.join('，')}。` +
            '如登记信息需要更新，请直接修改 content/restaurants.yaml。',
        );
      }
    } else {
      id = restaurantId(checked.data.signName, takenIds);
      takenIds.add(id);
      const restaurant = { ...checked.data, id };
      registry.push(restaurant);
      registryIndex.add(restaurant);
      added.push(restaurant);
    }
    entries.push({
      restaurant: id,
      list: list as ListEntry['list'],
      inspectedOn,
      ...points,
      ...(deadline ? { deadline } : {}),
    });
    rowOfEntry.push(row);
  });
  if (problems.length > 0) return { ok: false, problems };

  const issue: ListIssue = {
    year: details.year,
    number: details.number,
    publishedOn: details.publishedOn,
    theme: details.theme,
    area: details.area,
    ...(details.intro !== undefined ? { intro: details.intro } : {}),
    participants: details.participants,
    source: details.source,
    sample: details.sample,
    entries,
  };
  const id = issueId(issue);
  const issuePath = `content/redblack/${id}.mdx`;
  if (existing.issues.some((known) => known.id === id))
    problems.push(`${issuePath} 已存在：${issueLabel(issue)}已经发布过。如需修改，请直接编辑该文件。`);
  const twin = existing.issues.find((known) => sameEntries(known.data.entries, entries));
  if (twin)
    problems.push(
      `${sheetFile} 与已发布的${issueLabel(twin.data)}（${twin.file}）相同：餐厅、榜单和检查日期逐条一致。` +
        '这张表格已经导入过，请不要重复导入；如需修改该期，请直接编辑该文件。',
    );
  if (details.publishedOn > existing.today)
    problems.push(`发布日期 ${details.publishedOn} 晚于今天（${existing.today}）：不能发布未来日期的红黑榜。`);
  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };

  // Data only, no body: text typed on the command line or in the sheet never becomes MDX (markup or {expressions}).
  // The page builds its introduction from `intro`, or from theme and area, and escapes it.
  const issueText = `---\n${writeYaml(issue)}---\n`;
  // One YAML list for all additions (one stringify per restaurant costs more than the rest of a large import), then
  // a blank line before each restaurant, as if each were written on its own: only an item starts at column 0 with "- ".
  const registryAppend =
    added.length === 0
      ? ''
      : writeYaml(added)
          .split(/^(?=- )/m)
          .map((item) => `\n${item}`)
          .join('');
  return {
    ok: true,
    issue,
    issuePath,
    issueText,
    added,
    registryAppend,
    reused: [...reused],
    rows: rowOfEntry,
    warnings,
    encoding: sheet.encoding,
    workbook: sheet.workbook,
    label: sheetFile,
  };
}

/**
 * The content pipeline's problems with an import's files (the issue and the registry with its additions), worded for
 * the sheet: a problem of an entry, or of a restaurant the import registers, names the sheet's row and column; the
 * issue's own fields name the issue; anything else is the pipeline's message as it is.
 * @param plan the import whose files were checked
 * @param problems the problems the files would introduce (problemsIntroducedBy)
 * @param registryFile the registry's path, e.g. content/restaurants.yaml
 */
export function sheetProblems(
  plan: Extract<ImportResult, { ok: true }>,
  problems: readonly ContentProblem[],
  registryFile: string,
): string[] {
  const rowOfRestaurant = new Map<string, number>();
  plan.issue.entries.forEach((entry, index) => {
    if (!rowOfRestaurant.has(entry.restaurant)) rowOfRestaurant.set(entry.restaurant, plan.rows[index]!);
  });
  const added = new Set(plan.added.map((restaurant) => restaurant.id));
  const at = (row: number, column: string | undefined, message: string) =>
    `${plan.label} 第 ${row} 行${column ? `，“${column}”列` : ''}：${message}`;
  const worded = problems.map((problem) => {
    if (problem.file === plan.issuePath) {
      const entryIndex = /^entries\.(\d+)(?:\.|$)/.exec(problem.field ?? '')?.[1];
      const row = entryIndex === undefined ? undefined : plan.rows[Number(entryIndex)];
      if (row !== undefined && problem.field?.endsWith('.restaurant'))
        return at(
          row,
          undefined,
          `${problem.message}（按许可证编号，或营业执照名称加经营地址，这一行与前面某一行是同一家餐厅。）`,
        );
      if (row !== undefined) return at(row, problem.fieldLabel, problem.message);
      if (problem.field === 'number') return `${issueLabel(plan.issue)}：${problem.message}`;
    }
    const restaurant = problem.file === registryFile && problem.entry ? problem.entry : undefined;
    const row = restaurant && added.has(restaurant) ? rowOfRestaurant.get(restaurant) : undefined;
    if (row !== undefined) return at(row, problem.fieldLabel, problem.message);
    return formatProblem(problem);
  });
  return [...new Set(worded)];
}

/**
 * Whether two issues list the same inspections: the same restaurants on the same lists, inspected on the same days,
 * in any order. Importing one sheet twice gives such a pair (the second time, every restaurant is already registered).
 */
export function sameEntries(
  a: ReadonlyArray<Pick<ListEntry, 'restaurant' | 'list' | 'inspectedOn'>>,
  b: ReadonlyArray<Pick<ListEntry, 'restaurant' | 'list' | 'inspectedOn'>>,
): boolean {
  const keys = (entries: typeof a) =>
    entries
      .map((entry) => `${entry.restaurant}\n${entry.list}\n${entry.inspectedOn}`)
      .sort()
      .join('\n\n');
  return a.length > 0 && a.length === b.length && keys(a) === keys(b);
}

/**
 * The registry's new text with restaurants added at its end. An empty registry may be written `[]` (an empty YAML
 * list): that line is dropped first, since list items appended after it would make the file invalid.
 * @param current content/restaurants.yaml as it is
 * @param addition the `registryAppend` of a successful import
 */
export function appendToRegistry(current: string, addition: string): string {
  const withoutEmptyList = current.replace(/^\[\s*\][ \t]*(#.*)?$/m, '');
  return `${withoutEmptyList.replace(/\n*$/, '\n')}${addition}`;
}
