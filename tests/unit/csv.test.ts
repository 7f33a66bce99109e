import { describe, expect, it } from 'vitest';
import { decodeCsv, neutraliseFormula, parseCsv, writeCsv } from '../../src/lib/csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n"two\nlines",,x\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['two\nlines', '', 'x'],
    ]);
  });

  it('drops blank lines that spreadsheets leave at the end', () => {
    expect(parseCsv('a,b\n,\n\n')).toEqual([['a', 'b']]);
  });

  it('reports an unclosed quote with its line', () => {
    expect(() => parseCsv('a,b\nc,"oops\nd')).toThrow('CSV 第 2 行的双引号没有闭合。');
  });
});

describe('writeCsv', () => {
  it('starts with a BOM, uses CRLF and quotes only what needs it', () => {
    expect(
      writeCsv([
        ['名称', 'a,b'],
        ['x"y', ''],
      ]),
    ).toBe('\uFEFF名称,"a,b"\r\n"x""y",\r\n');
  });

  it('round-trips through parseCsv', () => {
    const rows = [
      ['牌匾名称', '上榜理由'],
      ['示例·饺子馆', '一、生熟混放；\n二、未公示许可证'],
    ];
    expect(parseCsv(decodeCsv(new TextEncoder().encode(writeCsv(rows))).text)).toEqual(rows);
  });

  // OWASP “CSV Injection”: a cell starting with = + - @ tab or CR gets a leading ', then RFC 4180 quoting.
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`, `'=HYPERLINK("http://x","y")`],
    ['+1', "'+1", "'+1"],
    ['-1', "'-1", "'-1"],
    ['-', "'-", "'-"],
    ['+86 22 0000 0000', "'+86 22 0000 0000", "'+86 22 0000 0000"],
    ['@SUM(A1)', "'@SUM(A1)", "'@SUM(A1)"],
    ['\t=1', "'\t=1", "'\t=1"],
    ['\r=1', `"'\r=1"`, "'\r=1"],
    ['=1,2', `"'=1,2"`, "'=1,2"],
  ])('neutralises %j so a spreadsheet shows it as text', (name, written, parsed) => {
    const csv = writeCsv([
      ['牌匾名称', '镇街'],
      [name, '杨村街道'],
    ]);
    expect(csv).toBe(`\uFEFF牌匾名称,镇街\r\n${written},杨村街道\r\n`);
    expect(parseCsv(csv.replace(/^\uFEFF/, ''))).toEqual([
      ['牌匾名称', '镇街'],
      [parsed, '杨村街道'],
    ]);
  });

  it('leaves ordinary text, dates and inner signs untouched', () => {
    const row = ['示例·饺子馆', '2022-03-15', 'A', '1+1=2', 'a-b', ' =1', ''];
    expect(writeCsv([row])).toBe(`\uFEFF${row.join(',')}\r\n`);
  });
});

describe('neutraliseFormula', () => {
  it('prefixes only the risky first characters', () => {
    expect(['=1', '+1', '-1', '@a', '\t1', '\r1'].map(neutraliseFormula)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@a",
      "'\t1",
      "'\r1",
    ]);
    expect(['', '１', '＝1', "'=1", '1-'].map(neutraliseFormula)).toEqual(['', '１', '＝1', "'=1", '1-']);
  });
});

describe('decodeCsv', () => {
  it('reads UTF-8 without and with a BOM', () => {
    expect(decodeCsv(new TextEncoder().encode('镇街,榜单'))).toEqual({ text: '镇街,榜单', encoding: 'utf-8' });
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('镇街')]))).toEqual({
      text: '镇街',
      encoding: 'utf-8',
    });
  });

  it('reads GBK, as Chinese Excel saves it', () => {
    // 镇街,榜单 in GBK
    const gbk = new Uint8Array([0xd5, 0xf2, 0xbd, 0xd6, 0x2c, 0xb0, 0xf1, 0xb5, 0xa5]);
    expect(decodeCsv(gbk)).toEqual({ text: '镇街,榜单', encoding: 'gbk' });
  });
});
