/** What a file is, by its bytes, and which kinds staff may publish (src/lib/content/file-kinds.ts). */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_TYPES,
  bytesReader,
  CONTENT_PICTURE_TYPES,
  fileKindOf,
  fileTypeProblem,
  zipEntryNames,
} from '../../src/lib/content/file-kinds.ts';
import { unwritableReason } from '../../src/lib/editor/paths.ts';
import { allowedSamples, elfProgram, exeProgram, HTML, SCRIPT, SVG, XML, zip } from '../helpers/sample-files.ts';

const reader = (content: string | Uint8Array) =>
  bytesReader(typeof content === 'string' ? Buffer.from(content) : content);
const attachment = (name: string, content: string | Uint8Array) =>
  fileTypeProblem(`public/files/2025/${name}`, reader(content), ATTACHMENT_TYPES, 'public/files/ 下的附件');
const picture = (name: string, content: string | Uint8Array) =>
  fileTypeProblem(`content/articles/images/${name}`, reader(content), CONTENT_PICTURE_TYPES, 'content/ 下的图片');

let samples: Record<string, Buffer>;
beforeAll(async () => {
  samples = await allowedSamples();
});

describe('fileKindOf', () => {
  it('knows each allowed kind by its bytes, whatever the name', () => {
    expect(
      Object.fromEntries(Object.entries(samples).map(([name, bytes]) => [name, fileKindOf(reader(bytes))])),
    ).toEqual({
      pdf: 'pdf',
      xls: 'ole2',
      xlsx: 'xlsx',
      ods: 'ods',
      docx: 'docx',
      pptx: 'pptx',
      odt: 'odt',
      odp: 'odp',
      png: 'png',
      jpg: 'jpeg',
      jpeg: 'jpeg',
      gif: 'gif',
      webp: 'webp',
      zip: 'zip',
    });
  });

  it('knows no web page, script, SVG, XML, program or empty file', () => {
    for (const content of [HTML, SCRIPT, SVG, XML, `\uFEFF${SVG}`, elfProgram(), exeProgram(), '', 'PK'])
      expect(fileKindOf(reader(content))).toBeNull();
  });

  it('reads a ZIP’s names from its central directory, ZIP64 included; a ZIP behind a program is not one', () => {
    const entries = [['a.txt', 'a'] as const, ['文件夹/b.pdf', samples.pdf!] as const];
    expect(zipEntryNames(reader(zip(entries)))).toEqual(['a.txt', '文件夹/b.pdf']);
    expect(zipEntryNames(reader(zip(entries, true)))).toEqual(['a.txt', '文件夹/b.pdf']);
    expect(fileKindOf(reader(zip(entries, true)))).toBe('zip');
    // A self-extracting program: the archive is appended to an EXE.
    expect(fileKindOf(reader(Buffer.concat([exeProgram(), zip(entries)])))).toBeNull();
    // A ZIP cut short has no central directory.
    const whole = zip(entries);
    expect(fileKindOf(reader(whole.subarray(0, whole.length - 30)))).toBeNull();
  });
});

describe('fileTypeProblem for attachments under public/files/', () => {
  it('accepts every allowed kind under its own extensions, upper case too', () => {
    for (const [extension, bytes] of Object.entries(samples)) expect(attachment(`a.${extension}`, bytes)).toBeNull();
    expect(attachment('REPORT.PDF', samples.pdf!)).toBeNull();
    // .doc and .ppt are the same OLE2 container as .xls.
    expect(attachment('a.doc', samples.xls!)).toBeNull();
    expect(attachment('a.ppt', samples.xls!)).toBeNull();
    // A ZIP may be an Office or OpenDocument file (both are ZIPs).
    expect(attachment('a.zip', samples.docx!)).toBeNull();
  });

  it.each([
    ['page.html', HTML],
    ['app.js', SCRIPT],
    ['module.mjs', SCRIPT],
    ['logo.svg', SVG],
    ['data.xml', XML],
    ['setup.exe', exeProgram()],
    ['README', 'text'],
    ['.htaccess', 'AddType text/html .pdf'],
    ['clip.mp4', 'ftypisom'],
  ])('refuses %s by its extension, saying what is allowed', (name, content) => {
    expect(attachment(name, content)).toMatch(
      /^这里不能放.+：public\/files\/ 下的附件只能是这些类型：\.pdf、.+、\.zip。/,
    );
  });

  it.each([
    ['fake.png', SVG, 'SVG 图形'],
    ['report.pdf', HTML, '网页（HTML）'],
    ['tool.pdf', elfProgram(), '程序文件（ELF）'],
    ['setup.pdf', exeProgram(), '程序文件（EXE）'],
    ['photo.jpg', 'png', 'PNG 图片'],
    ['form.docx', 'zip', 'ZIP 压缩包'],
    ['table.xlsx', 'docx', 'Word（.docx）文档'],
    ['sheet.ods', 'xlsx', 'Excel（.xlsx）表格'],
    ['archive.zip', 'sfx', '程序文件（EXE）'],
  ])('refuses %s whose bytes are not what its name says', (name, content, actual) => {
    const bytes =
      content === 'sfx'
        ? Buffer.concat([exeProgram(), samples.zip!])
        : typeof content === 'string' && samples[content]
          ? samples[content]
          : content;
    const problem = attachment(name, bytes);
    expect(problem).toContain(`内容却是${actual}`);
    expect(problem).toContain('请用原来的软件重新导出');
  });
});

describe('fileTypeProblem for pictures under content/', () => {
  it('accepts PNG, JPEG and WebP by their bytes', () => {
    for (const extension of ['png', 'jpg', 'jpeg', 'webp'])
      expect(picture(`a.${extension}`, samples[extension]!)).toBeNull();
  });

  it('refuses SVG bytes saved as .png, and SVG or GIF pictures', () => {
    expect(picture('fake.png', SVG)).toContain('内容却是SVG 图形，不是 PNG 图片');
    expect(picture('logo.svg', SVG)).toMatch(/^这里不能放 \.svg 文件/);
    expect(picture('anim.gif', samples.gif!)).toMatch(/^这里不能放 \.gif 文件/);
  });
});

describe('the web editor writes what the check allows', () => {
  it('takes its extensions from the same allowlists', () => {
    for (const extension of ATTACHMENT_EXTENSIONS)
      expect(unwritableReason(`public/files/2026/a.${extension}`)).toBeNull();
    for (const extension of Object.keys(CONTENT_PICTURE_TYPES))
      expect(unwritableReason(`content/articles/images/a.${extension}`)).toBeNull();
    for (const name of ['a.html', 'a.js', 'a.svg', 'a.xml', 'a.mp4'])
      expect(unwritableReason(`public/files/2026/${name}`)).toMatch(/。$/);
  });
});
