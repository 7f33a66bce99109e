/**
 * The editor's own pages beside Decap CMS, rendered on the server in plain HTML (Chinese, large text, forms that POST,
 * working without JavaScript; every value escaped):
 * - /admin/review/ — drafts 待审核 and 待发布 with author and time, one's own drafts with the 审核's comments, and the
 *   last publish's result; /admin/review/<collection>/<slug> — what a draft changes, field by field, with 通过并发布 and
 *   退回修改 (a comment is required);
 * - /admin/history/<collection>/<slug> — who changed an entry and when (git log: author, reviewer, date), an earlier
 *   version (?at=<commit>) and, for a 审核, restoring it as a new draft;
 * - /admin/changes/ — the site's last 100 changes to content/ and public/files/;
 * - /admin/compare/<id> — a save refused as stale beside the version that is saved;
 * - /admin/api/me and /admin/api/publish-status — the signed-in member and the publishing state, as JSON.
 */
import { csrfField } from './auth.ts';
import express, { type Request, type Response } from 'express';
import { escapeXml as html } from '../rss.ts';
import { DRAFT_STATUSES, draftFileContent, draftId, type Draft } from './drafts.ts';
import { fieldDiff, fieldLabels, formatOf, lineDiff, type DiffLine, type FieldChange } from './field-diff.ts';
import { fileAt, history, type HistoryItem } from './git.ts';
import type { EditorMode, EditorUser } from './mode.ts';
import { readMdxFields } from '../content/editor-format.ts';
import { currentText } from '../content/write-change.ts';
import { approveDraft, entryOfPath, entryPath, rejectDraft, restoreVersion, type FlowContext } from './workflow.ts';
import { beijingTime } from './versions.ts';

/** Options of the pages. */
export interface PagesOptions {
  mode: EditorMode;
  /** The signed-in member of a request (null in local mode). */
  user: (request: Request) => EditorUser | null;
}

const STYLE = `
body{font-size:1.125rem;line-height:1.7;color:#1a1a1a;margin:0}
nav.bar{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;padding:.5rem 1rem;background:#0b5394;color:#fff}
nav.bar a{color:#fff}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:2rem;color:#0b5394}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #6b6b6b;padding:.4rem .6rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:bold;padding:.5rem 0}
pre{white-space:pre-wrap;word-break:break-all;margin:0;font-family:inherit}
.add{background:#e6f4ea}.del{background:#fdecea;text-decoration:line-through}
.notice{border:3px solid #0b5394;padding:.75rem;margin:1rem 0}
.problem{border:3px solid #b3261e;background:#fdecea;padding:.75rem;margin:1rem 0}
button,textarea,input{font-size:1.125rem}
button{padding:.4rem 1.2rem;border:2px solid #1a1a1a;background:#fff;cursor:pointer}
button.primary{background:#0b5394;color:#fff;border-color:#0b5394}
a:focus,button:focus,textarea:focus{outline:3px solid #f2c94c;outline-offset:2px}
textarea{width:100%;min-height:6rem}
`;

/** A whole page of the editor's own: the bar with the editor's links, a heading, the content. */
export function editorPage(title: string, main: string, user: EditorUser | null): string {
  const who = user ? `<span>${html(user.name)}（${html(user.role)}）</span>` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${html(title)} · 食安武清 编辑后台</title>
<style>${STYLE}</style>
</head>
<body>
<nav class="bar" aria-label="编辑后台">
<a href="/admin/">编辑后台</a>
<a href="/admin/review/">审核与草稿</a>
<a href="/admin/changes/">最近修改</a>
${who}
</nav>
<main>
<h1>${html(title)}</h1>
${main}
</main>
</body>
</html>`;
}

const BACK = '<p><a href="/admin/review/">返回审核列表</a></p>';
const row = (...cells: string[]) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
const head = (...names: string[]) =>
  `<thead><tr>${names.map((name) => `<th scope="col">${name}</th>`).join('')}</tr></thead>`;
const problemBox = (lines: readonly string[]) =>
  `<div class="problem"><ul>${lines.map((line) => `<li>${html(line)}</li>`).join('')}</ul></div>`;
const historyUrl = (collection: string, slug: string) =>
  `/admin/history/${encodeURIComponent(collection)}/${encodeURIComponent(slug)}/`;

/** A line diff as preformatted text: added lines marked ＋ and green, removed ones － and struck through. */
function lineDiffHtml(lines: readonly DiffLine[]): string {
  const shown = lines.map((line) => {
    if (line.kind === 'same') return html(line.text);
    const [css, sign] = line.kind === 'added' ? ['add', '＋ '] : ['del', '－ '];
    return `<span class="${css}">${sign}${html(line.text)}</span>`;
  });
  return `<pre>${shown.join('\n')}</pre>`;
}

const kilobytes = (base64: string) => Math.round(Buffer.from(base64, 'base64').length / 1024);
const time = (iso: string) => `<time datetime="${html(iso)}">${html(beijingTime(iso))}</time>`;
const entryLink = (collection: string, slug: string) =>
  `/admin/#/collections/${encodeURIComponent(collection)}/entries/${encodeURIComponent(slug)}`;

/** A table of field changes: label, before, after; long values as a line diff. */
function changesTable(path: string, changes: FieldChange[]): string {
  if (changes.length === 0) return `<p>“${html(path)}”的内容没有变化。</p>`;
  const rows = changes
    .map((change) => {
      const value = change.lines
        ? `<td colspan="2">${lineDiffHtml(change.lines)}</td>`
        : `<td>${change.before ? `<span class="del">${html(change.before)}</span>` : '（空）'}</td>` +
          `<td>${change.after ? `<span class="add">${html(change.after)}</span>` : '（空）'}</td>`;
      return `<tr><th scope="row">${html(change.label)}</th>${value}</tr>`;
    })
    .join('\n');
  return `<table><caption>${html(path)} 的修改（删去的内容有删除线，新增的内容为绿色）</caption>
${head('项目', '原来', '修改后')}
<tbody>${rows}</tbody></table>`;
}

/** The field changes from one text of a file to another, with the form's labels. */
function fileChanges(path: string, before: string | null, after: string | null): string {
  const entry = entryOfPath(path);
  return changesTable(path, fieldDiff(before, after, formatOf(path), fieldLabels(entry?.fields as never)));
}

function historyTable(items: HistoryItem[], caption: string, entryLinks: boolean): string {
  if (items.length === 0) return `<p>还没有修改记录。</p>`;
  const rows = items
    .map((item) => {
      const files = item.files
        .map((file) => {
          const entry = entryLinks ? entryOfPath(file) : null;
          return entry ? `<a href="${historyUrl(entry.collection, entry.slug)}">${html(file)}</a>` : html(file);
        })
        .join('<br>');
      return row(time(item.date), html(item.author), html(item.reviewer ?? '—'), html(item.subject), files);
    })
    .join('\n');
  return `<table><caption>${html(caption)}</caption>
${head('时间', '修改人', '审核人', '说明', '文件')}
<tbody>${rows}</tbody></table>`;
}

/** What a draft is about: its entry's file. */
/** What staff call a draft: an article's or page's title (its file when it has none or cannot be read). */
function draftTitle(draft: Draft): string {
  const file = draft.files.find((candidate) => !candidate.binary);
  if (!file) return draft.slug;
  if (file.path.endsWith('.mdx')) {
    try {
      const { title } = readMdxFields(String(draftFileContent(file)));
      if (typeof title === 'string' && title.trim()) return title;
    } catch {
      // An unreadable draft is named by its file.
    }
  }
  return file.path;
}

function draftRows(drafts: Draft[], withComments: boolean): string {
  return drafts
    .map((draft) => {
      const last = [...draft.comments].reverse().find((comment) => comment.kind === 'reject');
      const comment =
        withComments && last && draft.status === 'draft'
          ? `<br><strong>退回意见</strong>（${html(last.by)}，${time(last.at)}）：${html(last.text)}`
          : '';
      const id = `${encodeURIComponent(draft.collection)}/${encodeURIComponent(draft.slug)}`;
      return row(
        `<a href="/admin/review/${id}/">${html(draftTitle(draft))}</a>${comment}`,
        html(DRAFT_STATUSES[draft.status]),
        html(draft.author),
        `${time(draft.updatedAt)}（${html(draft.updatedBy)}）`,
      );
    })
    .join('\n');
}

function draftTable(drafts: Draft[], caption: string, withComments = false): string {
  if (drafts.length === 0) return `<p>${html(caption)}：没有。</p>`;
  return `<table><caption>${html(caption)}</caption>
${head('内容', '状态', '作者', '最后保存')}
<tbody>${draftRows(drafts, withComments)}</tbody></table>`;
}

/** The last publish, as staff read it. */
function publishSection(context: FlowContext): string {
  const status = context.publisher.status();
  const parts: string[] = [];
  if (status.off)
    parts.push(
      '<p>这台服务器上的编辑服务不自动发布（SHIAN_EDITOR_PUBLISH=0）：通过的修改已记入版本库，由定时发布上线。</p>',
    );
  if (status.running)
    parts.push(
      `<p><strong>正在发布</strong>${status.queued ? '，之后还会再发布一次（包括刚通过的修改）' : ''}：` +
        '通常几分钟内上线。<a href="/admin/review/">刷新查看结果</a></p>',
    );
  if (status.last) {
    parts.push(
      status.last.ok
        ? `<p>上次发布<strong>成功</strong>，${time(status.last.finishedAt)} 上线。</p>`
        : `<div class="problem"><p>上次发布（${time(status.last.finishedAt)}）<strong>没有成功</strong>，` +
            `网站仍是之前的版本。发布程序的说明：</p><pre>${html(status.last.output)}</pre></div>`,
    );
  }
  if (parts.length === 0) parts.push('<p>编辑服务启动后还没有发布过。</p>');
  return `<section aria-labelledby="publish-heading"><h2 id="publish-heading">发布状态</h2>${parts.join('')}</section>`;
}

/** The routes of these pages, for the editor's express app (mounted at /admin). */
export function reviewPages(context: FlowContext, options: PagesOptions): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });
  const { root, store } = context;
  const server = options.mode === 'server';
  const noWorkflow = (response: Response, user: EditorUser | null) =>
    response
      .status(404)
      .send(editorPage('没有审核流程', '<p>本机编辑（npm run edit）保存后直接写入内容，没有草稿和审核。</p>', user));

  router.get('/api/me', (request, response) => {
    const user = options.user(request);
    response.json({ mode: options.mode, name: user?.name ?? null, role: user?.role ?? null });
  });
  router.get('/api/publish-status', (_request, response) => response.json(context.publisher.status()));

  router.get('/review/', (request, response) => {
    const user = options.user(request);
    if (!server || !user) return noWorkflow(response, user);
    const drafts = store.list();
    const waiting = drafts.filter((draft) => draft.status !== 'draft');
    const mine = drafts.filter((draft) => draft.author === user.name);
    response.send(
      editorPage(
        '审核与草稿',
        `${publishSection(context)}
${draftTable(waiting, '等待审核和发布的修改')}
${draftTable(mine, '我的草稿（被退回的附有审核意见）', true)}`,
        user,
      ),
    );
  });

  const draftOf = (request: Request) => {
    const id = draftId(request.params.collection, request.params.slug);
    return id ? { id, draft: store.get(id) } : null;
  };

  router.get('/review/:collection/:slug', (request, response) => {
    const user = options.user(request);
    if (!server || !user) return noWorkflow(response, user);
    const found = draftOf(request);
    if (!found?.draft)
      return response
        .status(404)
        .send(
          editorPage(
            '草稿不存在',
            '<p>这份草稿不存在：可能已经发布或删除。<a href="/admin/review/">返回列表</a></p>',
            user,
          ),
        );
    const { draft, id } = found;
    const files = draft.files
      .map((file) =>
        file.binary
          ? `<p>${file.base === 'none' ? '新上传' : '替换'}的文件：${html(file.path)}（${kilobytes(file.content)} KB）</p>`
          : fileChanges(file.path, currentText(root, file.path), String(draftFileContent(file))),
      )
      .join('\n');
    const comments = draft.comments
      .map((comment) => `<li>${html(comment.by)}，${time(comment.at)}：${html(comment.text)}</li>`)
      .join('');
    const actions =
      user.role === '审核'
        ? `<form method="post" action="/admin/review/${html(id)}/approve/">${csrfField(request)}
<button class="primary" type="submit">通过并发布</button></form>
<form method="post" action="/admin/review/${html(id)}/reject/">${csrfField(request)}
<p><label for="comment">退回修改的原因（必填，作者会看到）</label><br><textarea id="comment" name="comment" required></textarea></p>
<button type="submit">退回修改</button></form>`
        : '<p>只有“审核”可以通过或退回。</p>';
    response.send(
      editorPage(
        `审核：${draft.files.find((file) => !file.binary)?.path ?? draft.slug}`,
        `<p>状态：<strong>${html(DRAFT_STATUSES[draft.status])}</strong>；作者：${html(draft.author)}；
最后保存：${time(draft.updatedAt)}（${html(draft.updatedBy)}）。
<a href="${html(entryLink(draft.collection, draft.slug))}">在编辑器中打开（可看网页预览）</a>。</p>
${comments ? `<h2>意见和记录</h2><ul>${comments}</ul>` : ''}
<h2>修改了什么</h2>
${files}
<h2>处理</h2>
${actions}`,
        user,
      ),
    );
  });

  router.post('/review/:collection/:slug/approve', (request, response, next) => {
    const user = options.user(request);
    if (!server || !user) return noWorkflow(response, user);
    const found = draftOf(request);
    if (!found) return response.status(404).send(editorPage('草稿不存在', '<p>草稿不存在。</p>', user));
    approveDraft(context, user, found.id).then((approval) => {
      if (!approval.ok)
        return response
          .status(approval.status)
          .send(editorPage('没有发布', `${problemBox(approval.problems)}${BACK}`, user));
      const push = approval.pushProblem ? `<div class="problem"><p>${html(approval.pushProblem)}</p></div>` : '';
      response.send(
        editorPage(
          '已通过',
          `<p class="notice">已通过并记入版本库（${html(approval.commit.slice(0, 10))}）。` +
            `${approval.publishing ? '网站正在重新生成，通常几分钟内上线。' : ''}</p>${push}${publishSection(context)}${BACK}`,
          user,
        ),
      );
    }, next);
  });

  router.post('/review/:collection/:slug/reject', form, (request, response) => {
    const user = options.user(request);
    if (!server || !user) return noWorkflow(response, user);
    const found = draftOf(request);
    const answer = found
      ? rejectDraft(context, user, found.id, String((request.body as Record<string, unknown>)?.comment ?? ''))
      : { status: 404, body: { error: '草稿不存在。' } };
    if (answer.status !== 200)
      return response
        .status(answer.status)
        .send(editorPage('没有退回', `${problemBox([(answer.body as { error: string }).error])}${BACK}`, user));
    response.send(
      editorPage(
        '已退回修改',
        '<p class="notice">已退回，作者会在“我的草稿”和编辑器里看到您的意见。</p><p><a href="/admin/review/">返回审核列表</a></p>',
        user,
      ),
    );
  });

  router.get('/changes/', (request, response, next) => {
    const user = options.user(request);
    history(root, ['content', 'public/files'], 100).then(
      (items) =>
        response.send(editorPage('最近修改', historyTable(items, '网站最近 100 次修改（内容和附件）', true), user)),
      next,
    );
  });

  router.get('/history/:collection/:slug', (request, response, next) => {
    const user = options.user(request);
    const path = entryPath(String(request.params.collection), String(request.params.slug));
    if (!path) return response.status(404).send(editorPage('没有这一条', '<p>编辑后台没有这一条内容。</p>', user));
    const at =
      typeof request.query.at === 'string' && /^[0-9a-f]{7,64}$/.test(request.query.at) ? request.query.at : null;
    const { collection, slug } = request.params as { collection: string; slug: string };
    const showVersion = async () => {
      if (!at) return '';
      const bytes = await fileAt(root, at, path);
      if (!bytes) return `<p class="problem">版本 ${html(at.slice(0, 10))} 里没有这个文件。</p>`;
      const restore =
        server && user?.role === '审核'
          ? `<form method="post" action="${html(historyUrl(collection, slug))}restore/">${csrfField(request)}
<input type="hidden" name="commit" value="${html(at)}">
<button class="primary" type="submit">恢复这个版本（生成草稿，经审核后发布）</button></form>`
          : '';
      const changes = fileChanges(path, bytes.toString('utf8'), currentText(root, path));
      return `<h2>版本 ${html(at.slice(0, 10))}</h2><p>下表是从这个版本到现在的变化。</p>${changes}${restore}
<details><summary>这个版本的全文</summary><pre>${html(bytes.toString('utf8'))}</pre></details>`;
    };
    Promise.all([history(root, [path], 100), showVersion()]).then(([items, version]) => {
      const rows = items
        .map(
          (item) =>
            `<li>${time(item.date)} ${html(item.author)}${item.reviewer ? `（审核：${html(item.reviewer)}）` : ''}：` +
            `${html(item.subject)} <a href="?at=${html(item.commit)}">查看这个版本</a></li>`,
        )
        .join('');
      response.send(
        editorPage(
          `修改记录：${path}`,
          `${version}<h2>全部修改</h2>${rows ? `<ol>${rows}</ol>` : '<p>还没有修改记录。</p>'}` +
            `<p><a href="${html(entryLink(collection, slug))}">在编辑器中打开</a></p>`,
          user,
        ),
      );
    }, next);
  });

  router.post('/history/:collection/:slug/restore', form, (request, response, next) => {
    const user = options.user(request);
    if (!server || !user) return noWorkflow(response, user);
    const path = entryPath(String(request.params.collection), String(request.params.slug));
    const commit = String((request.body as Record<string, unknown>)?.commit ?? '');
    if (!path) return response.status(404).send(editorPage('没有这一条', '<p>编辑后台没有这一条内容。</p>', user));
    restoreVersion(context, user, path, commit).then((answer) => {
      const body = answer.body as { error?: string; id?: string };
      if (answer.status !== 200)
        return response.status(answer.status).send(editorPage('没有恢复', problemBox([body.error ?? '']), user));
      response.send(
        editorPage(
          '已生成恢复草稿',
          `<p class="notice">旧版本已作为草稿提交审核：<a href="/admin/review/${html(body.id!)}/">查看并审核</a>。</p>`,
          user,
        ),
      );
    }, next);
  });

  router.get('/compare/:id', (request, response) => {
    const user = options.user(request);
    const refused = store.refused(String(request.params.id));
    if (!refused) return response.status(404).send(editorPage('没有找到', '<p>没有这份留存的内容。</p>', user));
    const entry = entryOfPath(refused.path);
    const draft = entry ? store.get(`${entry.collection}/${entry.slug}`) : null;
    const savedFile = draft?.files.find((file) => file.path === refused.path);
    const saved = savedFile ? String(draftFileContent(savedFile)) : currentText(root, refused.path);
    response.send(
      editorPage(
        '比较：已保存的版本和您没有保存的内容',
        `<p>${refused.by ? `${html(refused.by)} ` : ''}在 ${time(refused.at)} 保存“${html(refused.path)}”时，` +
          `这一条已经被别人${draft ? '（草稿）' : ''}保存过，所以没有保存。` +
          `下表“原来”是现在保存的版本，“修改后”是您当时的内容。</p>
${fileChanges(refused.path, saved, refused.text)}
<details><summary>您当时的全文（可复制）</summary><pre>${html(refused.text)}</pre></details>
<h2>逐行比较</h2>${lineDiffHtml(lineDiff(saved ?? '', refused.text))}`,
        user,
      ),
    );
  });

  return router;
}
