/**
 * Uploads and attachments through the web editor's server (src/lib/editor/proxy.ts, upload-server.ts), with real
 * HTTP requests as Decap CMS sends them, on a copy of the fixture content: names that leave nothing readable are
 * refused, large photos are made smaller, a file that is not what its name says is refused by its bytes, an article's
 * attachment is saved and removed (its year's folder created, or missing), a request over the limit is answered at
 * once in Chinese; and the import page offers its template.
 */
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAllContent } from '../../src/lib/content/pipeline.ts';
import { IMPORT_COLUMNS } from '../../src/lib/redblack/import.ts';
import { TEMPLATE_SHEETS } from '../../src/lib/redblack/template.ts';
import { UPLOAD_LIMITS } from '../../src/lib/editor/uploads.ts';
import {
  deleteFiles,
  fixtureContentCopy,
  persistMedia,
  startEditorServer,
  type EditorRequest,
} from '../helpers/editor-server.ts';

const copy = fixtureContentCopy('editor-uploads-');
const editor = await startEditorServer(copy.dir);
afterAll(async () => {
  await editor.close();
  copy.remove();
});

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/** An article with attachments (title and address), as the editor writes it. */
function article(attachments: [string, string][]): string {
  return [
    '---',
    'title: 附件测试',
    'summary: 测试摘要。',
    "publishedAt: '2024-08-01 09:00'",
    'category: science',
    'source: 测试编辑部',
    ...(attachments.length === 0
      ? ['attachments: []']
      : ['attachments:', ...attachments.flatMap(([title, file]) => [`  - title: ${title}`, `    file: ${file}`])]),
    'sample: false',
    'draft: false',
    '---',
    '',
    '正文。',
    '',
  ].join('\n');
}

/** Decap's save of an article with its new files. */
const save = (path: string, raw: string, assets: { path: string; bytes: Buffer }[] = []): EditorRequest => ({
  action: 'persistEntry',
  params: {
    branch: 'main',
    dataFiles: [{ path, raw, slug: 'x' }],
    assets: assets.map((asset) => ({ path: asset.path, content: asset.bytes.toString('base64'), encoding: 'base64' })),
    options: { commitMessage: 'x', useWorkflow: false, status: 'draft' },
  },
});

describe('uploaded file names', () => {
  it.each(['public/files/2026/.pdf', 'public/files/2026/2023-.jpg', 'content/articles/images/.jpg'])(
    '%s (a Chinese name an older editor emptied) is refused in Chinese, nothing written',
    async (path) => {
      const response = await editor.post(persistMedia(path, PDF));
      expect(response.status).toBe(422);
      const { problems } = (await response.json()) as { problems: string[] };
      expect(problems.join('\n')).toMatch(/文件名“[^”]*”不能用：.*中文文件名会自动改成拼音/);
      expect(existsSync(join(copy.dir, path))).toBe(false);
    },
  );
});

describe('photos', () => {
  it('a photo wider than the limit is made smaller on upload, in its own format', async () => {
    const photo = await sharp({ create: { width: 3600, height: 2400, channels: 3, background: '#4caf50' } })
      .jpeg()
      .toBuffer();
    const path = 'content/articles/images/da-zhao-pian.jpg';
    const response = await editor.post(persistMedia(path, photo));
    expect(response.status).toBe(200);
    const saved = await sharp(readFileSync(join(copy.dir, path))).metadata();
    expect([saved.format, saved.width, saved.height]).toEqual(['jpeg', UPLOAD_LIMITS.photoMaxPixels, 1333]);
  });

  it('a picture whose bytes are a web page is refused by its content, whatever its name', async () => {
    const path = 'public/files/2026/jia-tu-pian.jpg';
    const response = await editor.post(persistMedia(path, '<!doctype html><script>alert(1)</script>'));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { problems: string[] }).problems.join('\n')).toContain(
      '内容却是网页（HTML），不是 JPEG 图片',
    );
    expect(existsSync(join(copy.dir, path))).toBe(false);
  });

  it('a request over the limit is answered at once, in Chinese, with its size and the limit', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { hostname, port } = new URL(editor.url);
      const sent = request(
        {
          hostname,
          port,
          path: '/admin/api/v1',
          method: 'POST',
          // Said by the request's length alone: nothing of the body needs to arrive.
          headers: { 'Content-Type': 'application/json', 'Content-Length': String(200 * 1024 * 1024) },
        },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk));
          response.on('end', () => {
            sent.destroy();
            resolve({ status: response.statusCode!, body });
          });
        },
      );
      sent.on('error', reject);
      sent.write('{');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toMatch(/共 200\.0 MB，超过了一次保存的上限 \d+\.\d MB，没有保存/);
  });
});

describe('attachments of an article', () => {
  const path = 'content/articles/fu-jian-ce-shi.mdx';
  const file = '/files/2026/bao-ming-biao.pdf';

  it('are saved with the article, their year folder made as needed', async () => {
    expect(existsSync(join(copy.dir, 'public/files/2026'))).toBe(false);
    const response = await editor.post(
      save(path, article([['报名表', file]]), [{ path: `public${file}`, bytes: PDF }]),
    );
    expect(response.status, await response.clone().text()).toBe(200);
    expect(readFileSync(join(copy.dir, path), 'utf8')).toContain(`file: ${file}`);
    expect(checkAllContent(copy.dir)).toEqual([]);
  });

  it('are removed: the article saved without, the file deleted; a file already gone is not an error', async () => {
    expect((await editor.post(save(path, article([])))).status).toBe(200);
    expect((await editor.post(deleteFiles([`public${file}`]))).status).toBe(200);
    expect(existsSync(join(copy.dir, `public${file}`))).toBe(false);
    expect((await editor.post(deleteFiles(['public/files/2031/nowhere.pdf']))).status).toBe(200);
    expect(checkAllContent(copy.dir)).toEqual([]);
  });
});

describe('the import page', () => {
  it('offers the template, made from the importer’s own columns, under a Chinese name', async () => {
    const response = await fetch(`${editor.url}/admin/import/template.xlsx`);
    expect(response.status).toBe(200);
    expect(decodeURIComponent(response.headers.get('content-disposition') ?? '')).toContain('红黑榜导入模板.xlsx');
    const book = XLSX.read(Buffer.from(await response.arrayBuffer()));
    expect(book.SheetNames).toEqual([TEMPLATE_SHEETS.entries, TEMPLATE_SHEETS.help]);
    const [header] = XLSX.utils.sheet_to_json<string[]>(book.Sheets[TEMPLATE_SHEETS.entries]!, { header: 1 });
    expect(header).toEqual(IMPORT_COLUMNS.map((column) => column.label));
    const page = await (await fetch(`${editor.url}/admin/import/`)).text();
    expect(page).toContain('href="/admin/import/template.xlsx"');
  });
});
