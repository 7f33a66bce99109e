/**
 * 红黑榜改期次 (/admin/renumber/): an issue's file is named by its year and number (content/redblack/2026-03.mdx, the
 * address /redblack/2026-03/), and the editor cannot rename files, so a wrong number could not be put right without a
 * terminal. This page does it as ONE change through the one writer (commitChange): the old file deleted and the new one
 * written with its `number:` line changed, checked by the pipeline like any other change (a re-inspection naming the
 * old id, say, refuses it with the pipeline's message).
 *
 * Refused, in Chinese: an issue that is already public (its 发布日期 is today or earlier, Beijing time: its address is
 * published and must not change), an invalid number, the same number, a number whose file exists. Local mode writes at
 * once. In server mode only a 审核 may renumber (an 编辑 gets 403), and the 审核's renumbering is the reviewed change
 * itself: committed with the 审核 as author and reviewer (src/lib/editor/git.ts) and published like an approved draft
 * (see docs/architecture.md for why it is no draft). An issue with an unpublished draft is refused until the draft
 * is approved or deleted, since the draft names the old file.
 */
import express, { type Request, type Response } from 'express';
import { loadContentCached, CONTENT_FILES } from '../content/pipeline.ts';
import { commitChange, currentText } from '../content/write-change.ts';
import { siteNow, todayInBeijing } from '../dates.ts';
import { issueId, issueLabel } from '../redblack/status.ts';
import { escapeXml as html } from '../rss.ts';
import { listIssueUrl } from '../urls.ts';
import { csrfField } from './auth.ts';
import { draftId } from './drafts.ts';
import { commitReviewed } from './git.ts';
import type { EditorMode, EditorUser } from './mode.ts';
import { editorPage } from './review-pages.ts';
import { fileVersion, recordSave } from './versions.ts';
import type { FlowContext } from './workflow.ts';

/** An issue as the page offers it. */
export interface RenumberableIssue {
  /** The file name without .mdx: 2026-03. */
  id: string;
  label: string;
  theme: string;
  publishedOn: string;
  /** Its 发布日期 is today or earlier (Beijing time): its address is public and must not change. */
  isPublic: boolean;
}

/** The issues of the project, newest first, each marked public or not on `today` (YYYY-MM-DD, Beijing). */
export function renumberableIssues(root: string, today: string): RenumberableIssue[] {
  const { model } = loadContentCached(root, { now: siteNow() });
  return model.listIssues
    .map(({ id, data }) => ({
      id,
      label: issueLabel(data),
      theme: data.theme,
      publishedOn: data.publishedOn,
      isPublic: data.publishedOn <= today,
    }))
    .sort((a, b) => b.publishedOn.localeCompare(a.publishedOn) || b.id.localeCompare(a.id));
}

/** The issue's file. */
const issuePath = (id: string) => `${CONTENT_FILES.listIssues}/${id}.mdx`;

/** The front matter's top-level `number:` line (a trailing comment kept). */
const NUMBER_LINE = /^number:[ \t]*\d+([ \t]+#.*)?$/m;

/**
 * The issue's text with its number changed: only the front matter's top-level `number:` line; null when the front
 * matter has no such line (the pipeline would not have accepted the file).
 */
export function withNumber(text: string, number: number): string | null {
  const head = /^---\n[\s\S]*?\n---(\n|$)/.exec(text);
  if (!head || !NUMBER_LINE.test(head[0])) return null;
  return text.replace(
    head[0],
    head[0].replace(NUMBER_LINE, (_line, comment = '') => `number: ${number}${comment}`),
  );
}

/** A number as staff type it (full-width digits too), or null when it is no whole number from 1 to 99. */
export function parseIssueNumber(typed: string): number | null {
  const text = typed.normalize('NFKC').trim();
  if (!/^\d{1,2}$/.test(text)) return null;
  const number = Number(text);
  return number >= 1 && number <= 99 ? number : null;
}

/** An 编辑's refusal in server mode. */
const ONLY_REVIEWER =
  '只有“审核”可以修改红黑榜的期次（改期次会改动网址，并直接发布）。您的账号是“编辑”：请告诉审核人员要改哪一期、改为第几期。';

/** What became of a renumbering: done (the new id; in server mode the commit), or refused with an HTTP status. */
export type Renumbering =
  | { ok: true; from: string; to: string; label: string; commit: string | null; pushProblem: string | null }
  | { ok: false; status: number; problems: string[] };

const refused = (status: number, ...problems: string[]): Renumbering => ({ ok: false, status, problems });

/**
 * Renumbers an issue: checks, then one change through commitChange (old file deleted, new file written); in server
 * mode commits it with the 审核 as author and reviewer and starts a publish.
 * @param user the signed-in member in server mode, null in local mode
 */
export async function renumberIssue(
  context: FlowContext,
  mode: EditorMode,
  user: EditorUser | null,
  id: string,
  typedNumber: string,
): Promise<Renumbering> {
  if (mode === 'server' && user?.role !== '审核') return refused(403, ONLY_REVIEWER);
  const { root, store } = context;
  const now = siteNow();
  const today = todayInBeijing(now);
  const issue = renumberableIssues(root, today).find((candidate) => candidate.id === id);
  if (!issue) return refused(404, `没有找到“${id}”这一期红黑榜（可能刚被改过期次），请刷新页面后重新选择。`);
  const url = listIssueUrl(issue.id);
  if (issue.isPublic)
    return refused(
      409,
      `${issue.label}（${issue.theme}）的发布日期是 ${issue.publishedOn}，已经公开，网址 ${url} 已经发布，不能再改期次：` +
        '改了网址，别人收藏、转发和引用的链接都会失效。期次确实填错时，请在这一期的“导语”里写明更正（例如“本期应为第 4 期”），' +
        '或请技术人员处理。',
    );
  const number = parseIssueNumber(typedNumber);
  const year = Number(issue.id.slice(0, 4));
  if (number === null)
    return refused(400, `新期次“${typedNumber}”不是 1 到 99 之间的整数，没有修改。请填写数字，例如 4。`);
  const target = issueId({ year, number });
  if (target === issue.id) return refused(400, `${issue.label}的期次本来就是 ${number}，没有修改。`);
  const from = issuePath(issue.id);
  const to = issuePath(target);
  if (currentText(root, to) !== null)
    return refused(
      409,
      `${year}年第${number}期已经存在（${to}），没有修改。请换一个期次；如果那一期是重复的，请先处理那一期。`,
    );
  if (mode === 'server') {
    const drafts = [issue.id, target].filter((slug) => store.get(draftId('redblack', slug)!));
    if (drafts.length > 0)
      return refused(
        409,
        `${issue.label}还有没有发布的草稿（${drafts.join('、')}）：草稿记的是原来的文件名。` +
          '请先在“审核与草稿”里通过或删除这份草稿，再改期次。',
      );
  }
  const text = currentText(root, from);
  const renumbered = text === null ? null : withNumber(text, number);
  if (renumbered === null)
    return refused(409, `${from} 里没有找到“number:”（期次）这一行，没有修改。请技术人员检查这个文件。`);
  const version = fileVersion(root, from);
  const result = await commitChange(
    root,
    new Map([
      [from, null],
      [to, renumbered],
    ]),
    {
      now,
      newFiles: [to],
      precondition: () =>
        fileVersion(root, from) === version ? null : `${from} 刚被修改过，没有改期次。请刷新页面后重试。`,
    },
  );
  if (!result.ok) return refused(422, ...result.problems);
  const label = `${year}年第${number}期`;
  recordSave(root, to, { by: user?.name ?? null, at: new Date().toISOString(), version: fileVersion(root, to) });
  if (mode !== 'server' || !user)
    return { ok: true, from: issue.id, to: target, label, commit: null, pushProblem: null };
  const committed = await commitReviewed(
    root,
    [from, to],
    { author: user.name, reviewer: user.name },
    `红黑榜改期次：${issue.label}改为第${number}期（${issue.id} → ${target}）`,
  );
  if (!committed.ok) return refused(500, committed.problem);
  void context.publisher.publish();
  return { ok: true, from: issue.id, to: target, label, commit: committed.commit, pushProblem: committed.pushProblem };
}

/** Options of the page. */
export interface RenumberPageOptions {
  mode: EditorMode;
  user: (request: Request) => EditorUser | null;
}

const SELECT = 'style="display:block;margin-top:.25rem;font-size:1.125rem;padding:.4rem;max-width:100%"';

/** The form, with the issues (public ones shown but not selectable) and what was chosen and typed. */
function renumberForm(
  request: Request,
  issues: readonly RenumberableIssue[],
  values: { issue?: string; number?: string },
): string {
  const open = issues.filter((issue) => !issue.isPublic);
  const options = issues
    .map((issue) => {
      const selected = issue.id === values.issue ? ' selected' : '';
      const disabled = issue.isPublic ? ' disabled' : '';
      const state = issue.isPublic ? '已公开，不能改' : '尚未公开';
      return (
        `<option value="${html(issue.id)}"${selected}${disabled}>${html(issue.label)} ${html(issue.theme)}` +
        `（发布日期 ${html(issue.publishedOn)}，${state}）</option>`
      );
    })
    .join('\n');
  const none = open.length === 0 ? '<p class="notice">现在没有尚未公开的红黑榜：已公开的各期不能改期次。</p>' : '';
  return `<p>每一期红黑榜的文件名和网址由年份和期次决定（例如 2026 年第 3 期是 <code>/redblack/2026-03/</code>）。
这里把一期改为另一个期次：文件改名，期次一并修改，内容不变。</p>
<p><strong>只能改尚未公开的一期</strong>（发布日期在今天之后）。已公开的一期网址已经发布，不能再改。</p>
${none}
<form method="post" action="/admin/renumber/">${csrfField(request)}
<p><label for="issue"><strong>要改的一期</strong></label>
<select id="issue" name="issue" required ${SELECT}>
<option value="">请选择</option>
${options}
</select></p>
<p><label for="number"><strong>新的期次</strong>（1 到 99 的整数，年份不变）</label>
<input id="number" name="number" inputmode="numeric" required value="${html(values.number ?? '')}" ${SELECT}></p>
<p><button class="primary" type="submit">改期次</button></p>
</form>`;
}

/** The page's routes, for the editor's express app (mounted at /admin). */
export function renumberPages(context: FlowContext, options: RenumberPageOptions): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  const title = '红黑榜改期次';
  const forbidden = (request: Request) =>
    options.mode === 'server' && options.user(request)?.role !== '审核' ? ONLY_REVIEWER : null;
  const issues = () => renumberableIssues(context.root, todayInBeijing(siteNow()));

  router.get('/renumber/', (request, response: Response) => {
    const user = options.user(request);
    const refusal = forbidden(request);
    if (refusal)
      return response.status(403).send(editorPage(title, `<div class="problem"><p>${html(refusal)}</p></div>`, user));
    response.send(editorPage(title, renumberForm(request, issues(), {}), user));
  });

  router.post('/renumber/', form, (request, response, next) => {
    const user = options.user(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { issue: String(body.issue ?? ''), number: String(body.number ?? '') };
    renumberIssue(context, options.mode, user, values.issue, values.number).then((result) => {
      if (!result.ok) {
        const problems = `<div class="problem" role="alert"><p>没有改期次：</p><ul>${result.problems
          .map((problem) => `<li>${html(problem)}</li>`)
          .join('')}</ul></div>`;
        const again = result.status === 403 ? '' : renumberForm(request, issues(), values);
        return response.status(result.status).send(editorPage(title, `${problems}${again}`, user));
      }
      const url = listIssueUrl(result.to);
      const server = result.commit
        ? `已记入版本库（${html(result.commit.slice(0, 10))}，修改人和审核人：${html(user?.name ?? '')}），网站正在重新生成，通常几分钟内上线。`
        : '';
      const push = result.pushProblem ? `<div class="problem"><p>${html(result.pushProblem)}</p></div>` : '';
      response.send(
        editorPage(
          '已改期次',
          `<p class="notice" role="status">已改为${html(result.label)}：文件 ${html(issuePath(result.to))}，` +
            `网址 <a href="${html(url)}">${html(url)}</a>。${server}</p>${push}` +
            '<p><a href="/admin/#/collections/redblack">返回红黑榜列表</a> · <a href="/admin/renumber/">再改一期</a></p>',
          user,
        ),
      );
    }, next);
  });

  return router;
}
