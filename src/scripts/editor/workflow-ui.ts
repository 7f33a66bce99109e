/**
 * The editor page's part of review before publish (server mode): the workflow's states named as staff say them
 * (草稿 / 待审核 / 待发布), the publishing controls disabled for an 编辑 (the server refuses them anyway, with 403),
 * a notice when an entry opened was sent back with a 审核's comment, the result of a publish once it ends, and the
 * link to the open entry's history in the editor bar.
 */
import { onAnswer } from './versions.ts';

/** Decap's words for the workflow, as staff say them. */
export function workflowMessages(phrases: Record<string, unknown>): void {
  const copy = phrases as {
    editor: { editorToolbar: Record<string, string> };
    workflow: { workflowList: Record<string, string> };
  };
  Object.assign(copy.editor.editorToolbar, { inReview: '待审核', ready: '待发布', draft: '草稿' });
  Object.assign(copy.workflow.workflowList, { draftHeader: '草稿', inReviewHeader: '待审核', readyHeader: '待发布' });
}

/** The publishing controls' words in Decap's Chinese: an 编辑 cannot use them. */
const PUBLISHING = new Set([
  '发布',
  '立即发布',
  '发布修改',
  '发布新内容',
  '发布，然后新建内容',
  '发布，然后复制内容',
  '待发布',
]);

function notice(text: string): void {
  const element = document.getElementById('editor-notice');
  if (!element) return;
  element.textContent = text;
  element.hidden = false;
}

/** Disables, for an 编辑, every button or menu item whose words are a publishing control's. */
function disablePublishing(): void {
  const mark = () => {
    for (const control of document.querySelectorAll<HTMLElement>('button, [role="menuitem"]')) {
      if (!PUBLISHING.has(control.textContent?.trim() ?? '') || control.dataset.reviewOnly) continue;
      control.dataset.reviewOnly = '1';
      control.setAttribute('aria-disabled', 'true');
      control.title = '只有“审核”可以发布：请把状态设为“待审核”';
      control.style.pointerEvents = 'none';
      control.style.opacity = '0.5';
      if (control instanceof HTMLButtonElement) control.disabled = true;
    }
  };
  new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
  mark();
}

/** The open entry's history link in the editor bar, following Decap's address (#/collections/<c>/entries/<slug>). */
function followHistoryLink(): void {
  const link = document.getElementById('entry-history') as HTMLAnchorElement | null;
  if (!link) return;
  const update = () => {
    const match = /^#\/collections\/([^/]+)\/entries\/([^/?]+)/.exec(location.hash);
    link.hidden = !match;
    if (match) link.href = `/admin/history/${match[1]}/${match[2]}/`;
  };
  window.addEventListener('hashchange', update);
  update();
}

/** Waits for the publish an approval started, then tells its result. */
async function followPublish(): Promise<void> {
  notice('已通过：网站正在重新生成，通常几分钟内上线。');
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const status = (await (await fetch('/admin/api/publish-status/')).json()) as {
      running: boolean;
      queued: boolean;
      off: boolean;
      last: { ok: boolean; finishedAt: string; output: string } | null;
    };
    if (status.off) return notice('已通过并记入版本库；这台服务器不自动发布，由定时发布上线。');
    if (status.running || status.queued || !status.last) continue;
    const at = new Date(status.last.finishedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
    return notice(
      status.last.ok
        ? `发布成功：${at} 已上线。`
        : `发布没有成功，网站仍是之前的版本。发布程序的说明：${status.last.output}`,
    );
  }
}

/** Starts the page's workflow parts once it knows who is signed in. */
export async function installWorkflowUi(): Promise<void> {
  followHistoryLink();
  const me = (await (await fetch('/admin/api/me/')).json()) as { mode: string; role: string | null };
  if (me.mode !== 'server') return;
  for (const link of document.querySelectorAll<HTMLElement>('[data-server-only]')) link.hidden = false;
  if (me.role === '编辑') disablePublishing();
  onAnswer((action, _params, body) => {
    if (action === 'publishUnpublishedEntry') void followPublish();
    if (action !== 'unpublishedEntry' || !body || typeof body !== 'object') return;
    const draft = body as {
      collection?: string;
      slug?: string;
      status?: string;
      comments?: Array<{ by: string; at: string; kind: string; text: string }>;
    };
    // The board loads every draft: only the entry open in the editor is told about.
    if (!location.hash.startsWith(`#/collections/${draft.collection}/entries/${draft.slug}`)) return;
    const rejected = [...(draft.comments ?? [])].reverse().find((comment) => comment.kind === 'reject');
    if (draft.status === 'draft' && rejected) notice(`这份草稿被退回修改（${rejected.by}）：${rejected.text}`);
  });
}
