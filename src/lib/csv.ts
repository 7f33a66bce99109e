/**
 * CSV as spreadsheets write it (RFC 4180): comma-separated, fields with commas, quotes or line
 * breaks in double quotes, "" for a quote inside. Chinese Excel saves CSV in GBK by default;
 * other tools save UTF-8, with or without a byte-order mark. Written CSV is made safe to open in a
 * spreadsheet: no cell can start a formula.
 */

/** Decodes a CSV file's bytes: UTF-8 (a BOM is dropped) when valid, otherwise GBK. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } {
  try {
    // fatal: invalid UTF-8 throws, which is how a GBK file is recognised.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

/**
 * Parses CSV text into rows of fields: row i is the spreadsheet's row i + 1. Blank rows at the end are dropped.
 * @throws Error (in Chinese, with the line) on a quote that is never closed.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line += 1;
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error(`CSV 第 ${quoteLine} 行的双引号没有闭合。`);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Spreadsheets leave empty lines at the end; blank lines in the middle stay, so row numbers match the sheet.
  while (rows.length > 0 && rows.at(-1)!.every((value) => value.trim() === '')) rows.pop();
  return rows;
}

/**
 * Neutralises a cell a spreadsheet would run as a formula (OWASP “CSV Injection”): one starting with
 * =, +, -, @, tab or carriage return gets a leading single quote, so the spreadsheet shows it as text.
 * Legitimate values such as “-” or “+86 …” are prefixed too: telling them apart from formulas is not safe.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Quotes a field when it needs it (RFC 4180). */
function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Writes rows as CSV with CRLF line ends and a UTF-8 byte-order mark, so that Excel opens
 * Chinese text correctly. Every cell is neutralised against formulas, then quoted when needed.
 */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  const cell = (value: string) => quote(neutraliseFormula(value));
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
