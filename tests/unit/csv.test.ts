import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv, writeCsv } from '../../src/lib/csv.ts';

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
