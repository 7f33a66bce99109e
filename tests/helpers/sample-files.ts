/**
 * Real files of every kind staff may publish (and some they may not), made the way the programs that make them do:
 * pictures by sharp (libvips), workbooks by SheetJS (.xlsx, .xls, .ods), the fixture's PDF, and Office and
 * OpenDocument packages laid out as Word, PowerPoint and LibreOffice write them (stored ZIPs with the same parts).
 */
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import sharp from 'sharp';

const FIXTURE_PDF = new URL('../fixtures/site/public/files/2025/test-attachment.pdf', import.meta.url);

/** A ZIP of the given entries, stored (not compressed), in order; ZIP64 end records when asked. */
export function zip(entries: ReadonlyArray<readonly [string, string | Uint8Array]>, zip64 = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, directory, ...tail, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';

/** An Office Open XML package with its main part in `folder` (word/, ppt/). */
const officePackage = (folder: string, main: string) =>
  zip([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', RELS],
    [`${folder}${main}`, '<?xml version="1.0" encoding="UTF-8"?><document/>'],
  ]);

/** An OpenDocument package: `mimetype` first, stored, then the manifest and the content. */
const openDocument = (type: string) =>
  zip([
    ['mimetype', `application/vnd.oasis.opendocument.${type}`],
    ['META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest/>'],
    ['content.xml', '<?xml version="1.0" encoding="UTF-8"?><office:document-content/>'],
  ]);

const workbook = (bookType: 'xlsx' | 'xls' | 'ods'): Buffer => {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    book,
    XLSX.utils.aoa_to_sheet([
      ['餐厅', '榜单'],
      ['测试甲餐厅', '红榜'],
    ]),
    '名单',
  );
  return XLSX.write(book, { type: 'buffer', bookType }) as Buffer;
};

const picture = (format: 'png' | 'jpeg' | 'webp' | 'gif') =>
  sharp({ create: { width: 8, height: 6, channels: 3, background: '#0b5b36' } })
    .toFormat(format)
    .toBuffer();

export const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n';
export const HTML = '<!doctype html>\n<html><body><script>alert(document.domain)</script></body></html>\n';
export const SCRIPT = "fetch('/admin/').then((r) => r.text()).then(alert);\n";
export const XML = '<?xml version="1.0"?>\n<data><item>1</item></data>\n';

/** The first bytes of this Node, a real ELF program (or a made-up one where Node is not ELF). */
export function elfProgram(): Buffer {
  const head = readFileSync(process.execPath).subarray(0, 4096);
  return head.subarray(0, 4).toString('latin1') === '\x7fELF' ? Buffer.from(head) : Buffer.from('\x7fELF\x02\x01\x01');
}

/** The start of a Windows program (MZ header, PE signature). */
export function exeProgram(): Buffer {
  const bytes = Buffer.alloc(256);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(128, 0x3c);
  bytes.write('PE\0\0', 128, 'latin1');
  return bytes;
}

/** One real file of every kind the allowlist takes, by the extension it is saved with. */
export async function allowedSamples(): Promise<Record<string, Buffer>> {
  return {
    pdf: readFileSync(FIXTURE_PDF),
    xls: workbook('xls'),
    xlsx: workbook('xlsx'),
    ods: workbook('ods'),
    docx: officePackage('word/', 'document.xml'),
    pptx: officePackage('ppt/', 'presentation.xml'),
    odt: openDocument('text'),
    odp: openDocument('presentation'),
    png: await picture('png'),
    jpg: await picture('jpeg'),
    jpeg: await picture('jpeg'),
    gif: await picture('gif'),
    webp: await picture('webp'),
    zip: zip([
      ['通知/说明.txt', '说明'],
      ['表格.xlsx', workbook('xlsx')],
    ]),
  };
}
