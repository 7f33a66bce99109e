/**
 * 导入红黑榜表格 (/admin/import/, under `npm run edit`): a spreadsheet of one issue imported without a terminal. The
 * staff member chooses the file and types the issue's details; the page shows every problem with its row, or a
 * preview of the new issue (entries, restaurants to be registered, restaurants matched); nothing is written until they
 * confirm. The checks and the writing are the command line's own (src/lib/redblack/import-request.ts). Plain HTML
 * forms: it works with JavaScript off.
 */
import { csrfField, csrfQuery } from './auth.ts';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import express, { type Request, type Response } from 'express';
import { siteNow } from '../dates.ts';
import { commitImport, importChange, prepareImport, type PreparedImport } from '../redblack/import-request.ts';
import { IMPORT_LIMITS } from '../redblack/import.ts';
import { escapeXml as html } from '../rss.ts';
import { issueId, issueLabel } from '../redblack/status.ts';
import { importTemplate, TEMPLATE_FILE_NAME } from '../redblack/template.ts';
import { listIssueUrl, restaurantUrl } from '../urls.ts';

type Prepared = Extract<PreparedImport, { ok: true }>;

/** Previews awaiting confirmation, by a random token; each is written at most once. */
const pending = new Map<string, { prepared: Prepared; created: number }>();
const PENDING_MINUTES = 60;

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${html(title)} · 食安武清 编辑后台</title>
<link rel="stylesheet" href="/src/styles/global.css?direct">
</head>
<body>
<nav aria-label="编辑后台" class="bg-brand px-4 py-2 text-lg text-white">
<a class="text-white underline" href="/admin/">返回编辑后台</a>
</nav>
<main class="mx-auto max-w-5xl px-4 py-6 text-lg">
<h1 class="text-3xl font-bold text-brand">${html(title)}</h1>
${main}
</main>
</body>
</html>`;
}

const FIELDS = [
  { name: 'published', label: '发布日期', type: 'date', required: true, hint: '' },
  { name: 'theme', label: '主题', type: 'text', required: true, hint: '如：春节前餐饮安全检查' },
  { name: 'area', label: '检查片区', type: 'text', required: true, hint: '如：杨村街道' },
  { name: 'number', label: '期次', type: 'text', required: false, hint: '不填则为该年的下一期' },
  {
    name: 'participants',
    label: '参与人员',
    type: 'text',
    required: false,
    hint: '用顿号分隔，如：区人大代表、消费者代表',
  },
  { name: 'sheet', label: '工作表名称', type: 'text', required: false, hint: '表格有多个工作表时填写；不填则读第一个' },
] as const;

const INPUT = 'mt-1 w-full rounded border-2 border-line p-2';
const BUTTON = 'rounded bg-brand px-6 py-3 font-bold text-white';

/** One labelled input of the form, with its hint. */
function input(field: (typeof FIELDS)[number], value: string): string {
  const hint = field.hint
    ? `<span class="text-base text-muted" id="${field.name}-hint">${html(field.hint)}</span>`
    : '';
  return [
    `<p class="mt-4"><label class="block font-bold" for="${field.name}">`,
    `${field.label}${field.required ? '（必填）' : '（可选）'}</label>`,
    `<input class="${INPUT}" id="${field.name}" name="${field.name}" type="${field.type}"`,
    `${field.required ? ' required' : ''} value="${html(value)}"`,
    `${field.hint ? ` aria-describedby="${field.name}-hint"` : ''}>${hint}</p>`,
  ].join('');
}

/** The form, filled with what was typed before (after a problem, nothing needs typing again but the file). */
function form(values: Record<string, string> = {}, csrf = ''): string {
  return [
    // An upload form's CSRF token rides in its address (src/lib/editor/auth.ts: the gate reads no multipart body).
    `<form method="post" action="/admin/import/${csrf}" enctype="multipart/form-data" class="mt-4">`,
    '<p class="mt-4"><label class="block font-bold" for="file">表格文件（必填）</label>',
    '<input class="mt-1" id="file" name="file" type="file" required accept=".xlsx,.csv" aria-describedby="file-hint">',
    '<span class="block text-base text-muted" id="file-hint">Excel 表格（.xlsx）或 CSV，表头按模板。',
    `<a class="font-bold text-brand underline" href="/admin/import/template.xlsx" download="${TEMPLATE_FILE_NAME}">`,
    '下载表格模板（Excel）</a>：第一个工作表填写，第二个工作表是各列的填写说明。</span></p>',
    ...FIELDS.map((field) => input(field, values[field.name] ?? '')),
    '<p class="mt-4"><label class="block font-bold" for="intro">导语（可选）</label>',
    `<textarea class="${INPUT}" id="intro" name="intro" rows="3">${html(values.intro ?? '')}</textarea></p>`,
    `<p class="mt-4"><label><input type="checkbox" name="sample" value="1"${values.sample ? ' checked' : ''}>`,
    ' 示例数据（虚构的内容才勾选）</label></p>',
    `<p class="mt-6"><button class="${BUTTON}" type="submit">检查表格</button></p>`,
    '</form>',
    '<p class="mt-6">导入后发现期次填错了？尚未公开的一期可以在',
    '<a class="font-bold text-brand underline" href="/admin/renumber/">红黑榜改期次</a>里修改。</p>',
  ].join('\n');
}

const COLUMNS = ['行', '餐厅', '榜单', '检查日期', '理由和措施', '整改期限', '登记表'];

function preview(prepared: Prepared, token: string, csrf = ''): string {
  const { plan, entries, summary, warnings } = prepared;
  const rows = entries.map(({ row, entry, restaurant, isNew }) => {
    const registry = isNew
      ? '新登记'
      : `已登记（<a href="${restaurantUrl(restaurant.id)}">${html(restaurant.id)}</a>）`;
    const cells = [
      String(row),
      html(restaurant.signName),
      html(entry.list),
      html(entry.inspectedOn),
      html([...entry.reasons, ...entry.measures].join('；')),
      html(entry.deadline ?? ''),
      registry,
    ];
    return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });
  return [
    `<p class="mt-4 rounded bg-brand-tint p-4" role="status">检查通过，还没有写入。${html(summary)}</p>`,
    ...warnings.map((warning) => `<p class="mt-2">提示：${html(warning)}</p>`),
    '<div class="mt-4 overflow-x-auto"><table class="w-full border-collapse">',
    `<caption class="text-left font-bold">${issueLabel(plan.issue)} ${html(plan.issue.theme)}：`,
    `将写入 ${html(plan.issuePath)}</caption>`,
    `<thead><tr>${COLUMNS.map((column) => `<th scope="col">${column}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody></table></div>`,
    '<form method="post" action="/admin/import/confirm/" class="mt-6">',
    csrf,
    `<input type="hidden" name="token" value="${token}">`,
    `<button class="${BUTTON}" type="submit">确认导入</button>`,
    '<a class="ml-4" href="/admin/import/">取消，重新选择</a>',
    '</form>',
  ].join('\n');
}

function problemsBlock(problems: string[]): string {
  return [
    '<div class="mt-4 rounded border-4 border-[#b3261e] bg-[#fdecea] p-4" role="alert">',
    `<p class="font-bold">发现 ${problems.length} 处问题，没有写入任何文件。请改正表格后重新选择文件：</p>`,
    `<ol class="mt-2 list-decimal pl-6">${problems.map((problem) => `<li>${html(problem)}</li>`).join('')}</ol></div>`,
  ].join('\n');
}

/** The form data of a POST, read with the platform's own multipart parser. */
async function formData(request: Request): Promise<FormData> {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(key, value);
  return new globalThis.Request('http://editor.local/', {
    method: 'POST',
    headers,
    body: Readable.toWeb(request) as ReadableStream,
    duplex: 'half',
  } as RequestInit).formData();
}

/** The import page's routes, for the editor's server (src/lib/editor/proxy.ts). */
/**
 * Where an import goes instead of content/ (the editor service: a draft for a 审核 to approve); answers with a
 * status and, when refused, the problems in Chinese.
 */
export type SubmitImport = (
  request: Request,
  change: Map<string, string | Uint8Array>,
  note: string,
) => { status: number; body: unknown };

export function importRouter(root: string, submit?: SubmitImport): express.Router {
  const router = express.Router();
  const send = (response: Response, status: number, title: string, main: string) =>
    response.status(status).type('html').send(page(title, main));

  router.get('/', (request, response) => send(response, 200, '导入红黑榜表格', form({}, csrfQuery(request))));
  router.get('/template.xlsx', (_request, response) => {
    response
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(TEMPLATE_FILE_NAME)
      .send(importTemplate());
  });

  router.post('/', (request, response, next) => void upload(request, response).catch(next));
  const upload = async (request: Request, response: Response) => {
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > IMPORT_LIMITS.bytes + 1024 * 1024) {
      return send(
        response,
        413,
        '导入红黑榜表格',
        problemsBlock([
          `文件太大（超过 ${IMPORT_LIMITS.bytes / 1024 / 1024} MB）。一期的表格通常只有几百行，请检查是否选错了文件。`,
        ]) + form({}, csrfQuery(request)),
      );
    }
    const data = await formData(request).catch(() => null);
    const file = data?.get('file');
    const values = Object.fromEntries(
      [...FIELDS.map((field) => field.name), 'intro', 'sample'].map((name) => [
        name,
        String(data?.get(name) ?? '').trim(),
      ]),
    );
    if (!(file instanceof File) || file.size === 0) {
      return send(
        response,
        400,
        '导入红黑榜表格',
        problemsBlock(['请选择要导入的表格文件（.xlsx 或 .csv）。']) + form(values, csrfQuery(request)),
      );
    }
    const prepared = prepareImport(
      root,
      {
        file: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        published: values.published!,
        theme: values.theme!,
        area: values.area!,
        number: values.number || undefined,
        participants: values.participants,
        intro: values.intro || undefined,
        sample: values.sample === '1',
        sheet: values.sheet || undefined,
      },
      siteNow(),
    );
    if (!prepared.ok)
      return send(response, 422, '导入红黑榜表格', problemsBlock(prepared.problems) + form(values, csrfQuery(request)));
    const now = Date.now();
    for (const [token, item] of pending) if (now - item.created > PENDING_MINUTES * 60_000) pending.delete(token);
    const token = randomBytes(16).toString('hex');
    pending.set(token, { prepared, created: now });
    return send(response, 200, '确认导入', preview(prepared, token, csrfField(request)));
  };

  router.post('/confirm', express.urlencoded({ extended: false, limit: '1kb' }), (request, response, next) => {
    void confirm(request, response).catch(next);
  });
  const confirm = async (request: Request, response: Response) => {
    const token = String((request.body as Record<string, unknown>)?.token ?? '');
    const item = pending.get(token);
    pending.delete(token);
    if (!item) {
      return send(
        response,
        409,
        '没有导入',
        problemsBlock(['这次导入已经确认过，或已过期（超过 1 小时）。请重新选择表格。']) + form({}, csrfQuery(request)),
      );
    }
    if (submit) {
      // The editor service: the import becomes a draft 待审核, published when a 审核 approves it.
      // The issue first: the draft is named after it (the registry of restaurants changes with it).
      const written = [...importChange(root, item.prepared.plan)].filter(
        (entry): entry is [string, string | Uint8Array] => entry[1] !== null,
      );
      const issuePath = item.prepared.plan.issuePath;
      const change = new Map(written.sort(([a], [b]) => Number(b === issuePath) - Number(a === issuePath)));
      const answer = submit(request, change, `导入红黑榜表格：${item.prepared.summary}`);
      if (answer.status !== 200) {
        const body = answer.body as { error?: string; problems?: string[] };
        const problems = body.problems ?? [body.error ?? '没有提交。'];
        return send(response, answer.status, '没有导入', problemsBlock(problems) + form({}, csrfQuery(request)));
      }
      return send(
        response,
        200,
        '已提交审核',
        [
          `<p class="mt-4 rounded bg-brand-tint p-4" role="status">已把 ${html(item.prepared.summary)}提交审核，`,
          '审核人员通过后发布；在此之前网站上看不到。</p>',
          '<ul class="mt-4 list-disc pl-6"><li><a href="/admin/review/">查看审核与草稿</a></li>',
          '<li><a href="/admin/import/">再导入一期</a></li></ul>',
        ].join('\n'),
      );
    }
    const failure = await commitImport(root, item.prepared);
    if (failure) return send(response, 409, '没有导入', problemsBlock([failure]) + form({}, csrfQuery(request)));
    const { plan } = item.prepared;
    return send(
      response,
      200,
      '已导入',
      [
        `<p class="mt-4 rounded bg-brand-tint p-4" role="status">已导入 ${html(item.prepared.summary)}`,
        `已写入 ${html(plan.issuePath)}。</p>`,
        `<ul class="mt-4 list-disc pl-6"><li><a href="${listIssueUrl(issueId(plan.issue))}">查看本期页面</a></li>`,
        '<li><a href="/admin/#/collections/redblack">在编辑后台修改本期</a></li>',
        '<li><a href="/admin/import/">再导入一期</a></li></ul>',
      ].join('\n'),
    );
  };
  return router;
}
