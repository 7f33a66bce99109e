/**
 * Review before publish (先审后发) on the editor service (SHIAN_EDITOR=server): Decap CMS's editorial workflow
 * (草稿 / 待审核 / 待发布), implemented here on the proxy API rather than with decap-server's git mode. decap-server's
 * localGit keeps each draft on a git branch of the working copy and checks branches out to read and write them: the
 * running server (and anything built meanwhile) would serve whichever branch is checked out, so a draft could go
 * public; its commits bypass the content pipeline; it knows no users, so it cannot record an author, a reviewer or a
 * comment, nor refuse an 编辑. Here a draft is a file in the editor's data folder (src/lib/editor/drafts.ts): content/
 * never changes until a 审核 approves, and then the change goes through the one writer (commitChange), is committed
 * with both names (src/lib/editor/git.ts) and published by the pipeline (src/lib/editor/publisher.ts).
 *
 * Roles: an 编辑 writes drafts and submits them for review; only a 审核 sets 待发布, approves and publishes, deletes
 * another's draft, rejects with a comment, or restores an earlier version (as a new draft that is reviewed in turn).
 */
import { prepareUploads } from './upload-server.ts';
import type { Request, Response } from 'express';
import { commitChange, currentText, type ContentChange } from '../content/write-change.ts';
import { problemsIntroducedBy } from '../content/check-change.ts';
import { formatProblem } from '../content-errors.ts';
import { siteNow } from '../dates.ts';
import { cmsConfig } from './cms-config.ts';
import {
  DRAFT_STATUSES,
  draftFileContent,
  draftId,
  isDraftStatus,
  type Draft,
  type DraftFile,
  type DraftStore,
} from './drafts.ts';
import { commitReviewed, fileAt } from './git.ts';
import type { EditorUser } from './mode.ts';
import { keepHeaderComments, unwritableReason } from './paths.ts';
import type { Publisher } from './publisher.ts';
import { baseVersions, compareUrl } from './save-guard.ts';
import {
  beijingTime,
  conflictMessage,
  fileVersion,
  lastSave,
  NO_FILE,
  recordSave,
  versionOf,
  type Conflict,
} from './versions.ts';

/** What the workflow works on. */
export interface FlowContext {
  root: string;
  store: DraftStore;
  publisher: Publisher;
}

/** An answer: an HTTP status and its JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

const ok = (body: unknown): Answer => ({ status: 200, body });
const fail = (status: number, error: string, extra: object = {}): Answer => ({ status, body: { error, ...extra } });
const onlyReviewer = (what: string) =>
  fail(403, `只有“审核”可以${what}。您的账号是“编辑”：请提交审核，由审核人员处理。`);

/** A collection of the editor's configuration, as far as paths are concerned. */
interface CollectionPaths {
  name: string;
  label: string;
  folder?: string;
  extension?: string;
  fields?: Array<{ name: string; label: string }>;
  files?: Array<{ name: string; label: string; file: string; fields?: Array<{ name: string; label: string }> }>;
}

/** The editor's collections (their folders, files and labels do not depend on the content's lists). */
export function editorCollections(): CollectionPaths[] {
  const config = cmsConfig({ towns: [], departments: [], articleCategories: [] }, { year: 2000 });
  return config.collections as CollectionPaths[];
}

/** The file of an entry (`collection/slug`), or null when the editor has no such entry. */
export function entryPath(collection: string, slug: string): string | null {
  const found = editorCollections().find((candidate) => candidate.name === collection);
  if (!found) return null;
  if (found.files) return found.files.find((file) => file.name === slug)?.file ?? null;
  return `${found.folder}/${slug}.${found.extension}`;
}

/** The entry a file belongs to, with its labels, or null when it is no entry's file (a picture, an attachment). */
export function entryOfPath(path: string): {
  collection: string;
  slug: string;
  label: string;
  fields: Array<{ name: string; label: string }>;
} | null {
  for (const collection of editorCollections()) {
    const file = collection.files?.find((candidate) => candidate.file === path);
    if (file) return { collection: collection.name, slug: file.name, label: file.label, fields: file.fields ?? [] };
    const prefix = `${collection.folder}/`;
    const suffix = `.${collection.extension}`;
    if (collection.folder && path.startsWith(prefix) && path.endsWith(suffix)) {
      const slug = path.slice(prefix.length, -suffix.length);
      if (!slug.includes('/'))
        return { collection: collection.name, slug, label: collection.label, fields: collection.fields ?? [] };
    }
  }
  return null;
}

/** The diffs Decap reads from an unpublished entry: one per file of the draft. */
function diffs(draft: Draft) {
  return draft.files.map((file) => ({
    path: file.path,
    newFile: file.base === NO_FILE,
    id: versionOf(file.content),
    binary: file.binary,
    oldPath: file.path,
    newPath: file.path,
    status: file.base === NO_FILE ? 'added' : 'modified',
  }));
}

/** An unpublished entry as Decap reads it, with what the editor page shows besides (author, version, comments). */
export function unpublishedEntryBody(draft: Draft) {
  return {
    collection: draft.collection,
    slug: draft.slug,
    status: draft.status,
    diffs: diffs(draft),
    updatedAt: draft.updatedAt,
    pullRequestAuthor: draft.author,
    version: draft.version,
    author: draft.author,
    updatedBy: draft.updatedBy,
    comments: draft.comments,
  };
}

interface DataFileParam {
  path: string;
  raw: string;
  slug?: string;
  newPath?: string;
}
interface AssetParam {
  path: string;
  content: string;
  encoding: string;
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** The problems a draft's files would bring to the site (the content pipeline's verdict), each a Chinese line. */
export function draftProblems(root: string, files: readonly DraftFile[]): string[] {
  const refused = files
    .map((file) => unwritableReason(file.path))
    .filter((reason): reason is string => reason !== null);
  if (refused.length > 0) return refused;
  const change: ContentChange = new Map(files.map((file) => [file.path, draftFileContent(file)]));
  return problemsIntroducedBy(root, change, { now: siteNow() }).map(formatProblem);
}

/** A refused draft: the same shape as a refused save (proxy.ts), so the editor page lists the problems alike. */
function refusedDraft(problems: string[]): Answer {
  const numbered = problems.map((problem, index) => `${index + 1}. ${problem}`);
  return {
    status: 422,
    body: { error: [`没有保存：共 ${problems.length} 处问题，请修改后再保存。`, ...numbered].join('\n'), problems },
  };
}

/**
 * Saves a draft (Decap's persistEntry with the editorial workflow): checked by the pipeline, never written to
 * content/.
 */
export function persistDraft(context: FlowContext, user: EditorUser, params: Record<string, unknown>): Answer {
  const options = (params.options ?? {}) as Record<string, unknown>;
  const dataFiles = params.dataFiles ?? (params.entry ? [params.entry] : []);
  const assets = params.assets ?? [];
  if (
    !Array.isArray(dataFiles) ||
    dataFiles.length === 0 ||
    !dataFiles.every((file: DataFileParam) => isText(file?.path) && isText(file?.raw)) ||
    !Array.isArray(assets) ||
    !assets.every((asset: AssetParam) => isText(asset?.path) && isText(asset?.content))
  )
    return fail(400, '编辑器的请求（persistEntry）不完整：应包含要保存的文件（路径和内容），没有保存任何内容。');
  const files = dataFiles as DataFileParam[];
  const renamed = files.filter((file) => file.newPath && file.newPath !== file.path);
  if (renamed.length > 0)
    return refusedDraft(renamed.map((file) => `不能改文件名（${file.path}）：网址发布后不要修改。`));
  const id = draftId(options.collectionName, files[0]!.slug);
  if (!id) return fail(400, '编辑器的请求（persistEntry）没有说明是哪一条内容（栏目和网址名），没有保存。');
  const [collection, slug] = id.split('/') as [string, string];
  const { root, store } = context;
  const existing = store.get(id);

  // Nothing lost: the page names the draft (or the published files) it started from.
  const draftBase = params.draftVersion;
  const first = files[0]!;
  if (isText(draftBase) && draftBase !== (existing?.version ?? NO_FILE)) {
    if (existing)
      return stale(context, user, first, existing.version, {
        path: first.path,
        by: existing.updatedBy,
        at: existing.updatedAt,
      });
    const last = lastSave(root, first.path);
    return stale(
      context,
      user,
      first,
      NO_FILE,
      { path: first.path, by: last?.by ?? null, at: last?.at ?? null },
      '这一条的草稿已经发布或删除',
    );
  }
  const moved = existing
    ? undefined
    : files.find((file) => {
        const base = baseVersions(params.baseVersions)[file.path];
        return base !== undefined && base !== fileVersion(root, file.path);
      });
  if (moved) {
    const last = lastSave(root, moved.path);
    return stale(context, user, moved, fileVersion(root, moved.path), {
      path: moved.path,
      by: last?.by ?? null,
      at: last?.at ?? null,
    });
  }

  const baseOf = (path: string) => existing?.files.find((file) => file.path === path)?.base ?? fileVersion(root, path);
  const draftFiles: DraftFile[] = [
    ...(assets as AssetParam[]).map((asset) => ({
      path: asset.path,
      content: asset.content,
      binary: true,
      base: baseOf(asset.path),
    })),
    ...files.map((file) => ({
      path: file.path,
      content: Buffer.from(keepHeaderComments(currentText(root, file.path), file.raw), 'utf8').toString('base64'),
      binary: false,
      base: baseOf(file.path),
    })),
  ];
  const problems = draftProblems(root, draftFiles);
  if (problems.length > 0) return refusedDraft(problems);

  const now = new Date().toISOString();
  const requested = isDraftStatus(options.status) ? options.status : 'draft';
  // A change after 待发布 needs a new look: an 编辑's save sends it back to 待审核.
  let status = existing?.status ?? requested;
  if (status === 'pending_publish' && user.role !== '审核') status = 'pending_review';
  const saved = store.save({
    collection,
    slug,
    status,
    author: existing?.author ?? user.name,
    createdAt: existing?.createdAt ?? now,
    updatedBy: user.name,
    updatedAt: now,
    files: draftFiles,
    comments: existing?.comments ?? [],
    ...(existing?.restoredFrom ? { restoredFrom: existing.restoredFrom } : {}),
  });
  return ok({ message: 'entry persisted', draftVersion: saved.version });
}

/** A save refused as stale (409): its text kept, the answer naming who saved in between and the comparison page. */
function stale(
  context: FlowContext,
  user: EditorUser,
  file: DataFileParam,
  against: string,
  conflict: Conflict,
  gone?: string,
): Answer {
  const kept = context.store.keepRefused({
    by: user.name,
    at: new Date().toISOString(),
    path: file.path,
    text: file.raw,
    against,
  });
  const url = compareUrl(kept.id);
  const who = conflict.by ? `（${conflict.by}${conflict.at ? `，${beijingTime(conflict.at)}` : ''}）` : '';
  const message = gone
    ? `没有保存：${gone}${who}。您这次的内容已经留存，没有丢失：请打开 ${url} 比较，刷新页面后在最新版本上修改。`
    : conflictMessage(conflict, url);
  return { status: 409, body: { error: message, problems: [message], compareUrl: url, conflict } };
}

/** Changes a draft's status (Decap's updateUnpublishedEntryStatus). */
export function setStatus(context: FlowContext, user: EditorUser, id: string, status: unknown): Answer {
  if (!isDraftStatus(status)) return fail(400, `不认识的状态“${String(status)}”。`);
  const draft = context.store.get(id);
  if (!draft) return fail(404, '这份草稿不存在（可能刚被发布或删除），请刷新页面。');
  if (status === 'pending_publish' && user.role !== '审核') return onlyReviewer('把草稿设为“待发布”');
  if (user.role !== '审核' && draft.author !== user.name) return onlyReviewer('改变别人草稿的状态');
  context.store.save({ ...draft, status, updatedAt: new Date().toISOString(), updatedBy: user.name });
  return ok({ message: `状态已改为${DRAFT_STATUSES[status]}` });
}

/** Deletes a draft (Decap's deleteUnpublishedEntry): its author, or a 审核. */
export function deleteDraft(context: FlowContext, user: EditorUser, id: string): Answer {
  const draft = context.store.get(id);
  if (!draft) return ok({ message: 'no draft' });
  if (user.role !== '审核' && draft.author !== user.name) return onlyReviewer('删除别人的草稿');
  context.store.remove(id);
  return ok({ message: `deleted draft ${id}` });
}

/** Sends a draft back to its author with a comment (required). */
export function rejectDraft(context: FlowContext, user: EditorUser, id: string, comment: string): Answer {
  if (user.role !== '审核') return onlyReviewer('退回修改');
  const text = comment.trim();
  if (text === '') return fail(400, '退回修改时请写明原因（审核意见），作者会在编辑后台看到。');
  const draft = context.store.get(id);
  if (!draft) return fail(404, '这份草稿不存在（可能刚被发布或删除）。');
  const at = new Date().toISOString();
  context.store.save({
    ...draft,
    status: 'draft',
    updatedAt: at,
    updatedBy: user.name,
    comments: [...draft.comments, { by: user.name, at, kind: 'reject', text }],
  });
  return ok({ message: '已退回修改' });
}

/** The result of an approval: committed (with the publish started), or refused with the reasons. */
export type Approval =
  | { ok: true; commit: string; pushProblem: string | null; publishing: boolean }
  | { ok: false; status: number; problems: string[] };

/**
 * Approves a draft: its files go through the one writer (refused if a file changed since the draft began, or if the
 * pipeline finds problems), are committed with the author and the reviewer, and a publish starts.
 */
export async function approveDraft(context: FlowContext, user: EditorUser, id: string): Promise<Approval> {
  if (user.role !== '审核')
    return { ok: false, status: 403, problems: [(onlyReviewer('发布').body as { error: string }).error] };
  const { root, store } = context;
  const draft = store.get(id);
  if (!draft) return { ok: false, status: 404, problems: ['这份草稿不存在（可能刚被发布或删除），请刷新页面。'] };
  if (draft.status === 'draft')
    return { ok: false, status: 409, problems: ['这份草稿还在编辑中（草稿），作者提交审核后才能发布。'] };
  const result = await commitChange(root, new Map(draft.files.map((file) => [file.path, draftFileContent(file)])), {
    now: siteNow(),
    precondition: () => {
      const moved = draft.files.filter((file) => fileVersion(root, file.path) !== file.base);
      if (moved.length === 0) return null;
      return moved
        .map((file) => {
          const last = lastSave(root, file.path);
          const who = last?.by ? `${last.by} 在 ${beijingTime(last.at)} ` : '';
          return `“${file.path}”在这份草稿开始之后已经被${who}修改并发布，直接发布会覆盖那次修改。请作者刷新后在最新版本上重新修改，再提交审核。`;
        })
        .join('\n');
    },
  });
  if (!result.ok) return { ok: false, status: 409, problems: result.problems };
  const at = new Date().toISOString();
  for (const file of draft.files)
    recordSave(root, file.path, { by: draft.author, at, version: fileVersion(root, file.path) });
  store.remove(id);
  const entry = entryOfPath(draft.files.find((file) => !file.binary)?.path ?? '');
  const what = entry ? `${entry.label}：${draft.slug}` : draft.slug;
  const message = draft.restoredFrom
    ? `恢复${what}到 ${draft.restoredFrom.slice(0, 10)} 的版本`
    : `${draft.files.some((file) => file.base === NO_FILE && !file.binary) ? '新建' : '修改'}${what}`;
  const committed = await commitReviewed(
    root,
    draft.files.map((file) => file.path),
    { author: draft.author, reviewer: user.name },
    message,
  );
  if (!committed.ok) return { ok: false, status: 500, problems: [committed.problem] };
  const publishing = !context.publisher.status().off;
  void context.publisher.publish();
  return { ok: true, commit: committed.commit, pushProblem: committed.pushProblem, publishing };
}

/** Restores a file of an entry to its version at `commit`, as a new draft (待审核) that is reviewed like any other. */
export async function restoreVersion(
  context: FlowContext,
  user: EditorUser,
  path: string,
  commit: string,
): Promise<Answer> {
  if (user.role !== '审核') return onlyReviewer('恢复旧版本');
  const entry = entryOfPath(path);
  if (!entry) return fail(404, `“${path}”不是编辑后台管理的内容。`);
  const id = draftId(entry.collection, entry.slug)!;
  const existing = context.store.get(id);
  if (existing)
    return fail(
      409,
      `这一条已有未发布的草稿（${existing.author}，${DRAFT_STATUSES[existing.status]}），请先审核或删除它，再恢复旧版本。`,
    );
  const bytes = await fileAt(context.root, commit, path);
  if (bytes === null) return fail(404, `版本 ${commit.slice(0, 10)} 里没有“${path}”。`);
  if (versionOf(bytes) === fileVersion(context.root, path))
    return fail(409, '这个版本和现在发布的内容相同，不需要恢复。');
  const answer = submitChange(context, user, new Map([[path, bytes]]), `恢复到 ${commit.slice(0, 10)} 的版本`, {
    restoredFrom: commit,
  });
  return answer.status === 200 ? ok({ message: '已生成恢复草稿，等待审核', id }) : answer;
}

/**
 * Submits a whole change made outside Decap's form (a restored version, a spreadsheet import) as a draft 待审核 by
 * `user`, for a 审核 to approve like any other: named after the entry of its first file, checked by the pipeline, with
 * a note saying what it is. Refused when that entry already has a draft.
 */
export function submitChange(
  context: FlowContext,
  user: EditorUser,
  change: ReadonlyMap<string, string | Uint8Array>,
  note: string,
  extra: { restoredFrom?: string } = {},
): Answer {
  const paths = [...change.keys()];
  const entry = paths.map(entryOfPath).find((candidate) => candidate !== null);
  if (!entry) return fail(404, `“${paths.join('、')}”不是编辑后台管理的内容。`);
  const id = draftId(entry.collection, entry.slug)!;
  const existing = context.store.get(id);
  if (existing)
    return fail(
      409,
      `这一条已有未发布的草稿（${existing.author}，${DRAFT_STATUSES[existing.status]}），请先审核或删除它。`,
    );
  const files: DraftFile[] = [...change].map(([path, content]) => ({
    path,
    content: Buffer.from(content).toString('base64'),
    binary: false,
    base: fileVersion(context.root, path),
  }));
  const problems = draftProblems(context.root, files);
  if (problems.length > 0) return refusedDraft(problems);
  const at = new Date().toISOString();
  context.store.save({
    collection: entry.collection,
    slug: entry.slug,
    status: 'pending_review',
    author: user.name,
    createdAt: at,
    updatedBy: user.name,
    updatedAt: at,
    files,
    comments: [{ by: user.name, at, kind: 'note', text: note }],
    ...extra,
  });
  return ok({ message: '已提交审核', id });
}

/** Decap's editorial-workflow actions, answered from the draft store. */
const WORKFLOW_ACTIONS = new Set([
  'unpublishedEntries',
  'unpublishedEntry',
  'unpublishedEntryDataFile',
  'unpublishedEntryMediaFile',
  'deleteUnpublishedEntry',
  'updateUnpublishedEntryStatus',
  'publishUnpublishedEntry',
]);

/** Answers one action of Decap's API in server mode, or returns null to let the editor's other handlers answer it. */
export async function workflowAction(
  context: FlowContext,
  user: EditorUser,
  action: string,
  params: Record<string, unknown>,
): Promise<Answer | null> {
  const { store } = context;
  const id = draftId(params.collection, params.slug) ?? (isText(params.id) ? params.id : null);
  switch (action) {
    case 'unpublishedEntries':
      return ok(store.list().map((draft) => `${draft.collection}/${draft.slug}`));
    case 'unpublishedEntry': {
      const draft = id ? store.get(id) : null;
      return draft ? ok(unpublishedEntryBody(draft)) : { status: 404, body: { message: 'Not Found' } };
    }
    case 'unpublishedEntryDataFile':
    case 'unpublishedEntryMediaFile': {
      const file = (id ? store.get(id) : null)?.files.find((candidate) => candidate.path === params.path);
      if (!file) return fail(404, '草稿里没有这个文件，请刷新页面。');
      if (action === 'unpublishedEntryDataFile') return ok({ data: draftFileContent(file) });
      return ok({
        id: versionOf(file.content),
        content: file.content,
        encoding: 'base64',
        path: file.path,
        name: file.path.split('/').pop(),
      });
    }
    case 'deleteUnpublishedEntry':
      return id ? deleteDraft(context, user, id) : fail(400, '没有说明删除哪一份草稿。');
    case 'updateUnpublishedEntryStatus':
      return id ? setStatus(context, user, id, params.newStatus) : fail(400, '没有说明是哪一份草稿。');
    case 'publishUnpublishedEntry': {
      if (!id) return fail(400, '没有说明发布哪一份草稿。');
      const approval = await approveDraft(context, user, id);
      if (!approval.ok) return refusedOrForbidden(approval);
      return ok({ message: 'published', commit: approval.commit, pushProblem: approval.pushProblem });
    }
    case 'persistEntry': {
      const options = (params.options ?? {}) as Record<string, unknown>;
      if (!options.useWorkflow) return fail(403, '编辑服务上的修改须先保存为草稿，经审核后发布。请刷新页面后重试。');
      // Pictures and attachments as the local editor saves them (names checked, large photos made smaller).
      const assets = params.assets;
      if (!Array.isArray(assets) || !assets.every((asset: AssetParam) => isText(asset?.path) && isText(asset?.content)))
        return persistDraft(context, user, params);
      const uploads = await prepareUploads(assets as AssetParam[]);
      if (!uploads.ok) return refusedDraft(uploads.problems);
      return persistDraft(context, user, { ...params, assets: uploads.assets });
    }
    case 'persistMedia':
    case 'deleteFile':
    case 'deleteFiles':
      // Straight into content/ or public/files/ would bypass review: uploads belong to an entry's draft.
      return fail(403, '编辑服务上不能直接上传或删除文件：请在文章里添加图片或附件，随文章一起保存、审核和发布。');
  }
  return WORKFLOW_ACTIONS.has(action) ? fail(400, `不认识的操作：${action}`) : null;
}

function refusedOrForbidden(approval: Extract<Approval, { ok: false }>): Answer {
  return approval.status === 403
    ? fail(403, approval.problems.join('\n'))
    : {
        status: approval.status,
        body: { error: `没有发布：${approval.problems.join('\n')}`, problems: approval.problems },
      };
}

/** The express handler in front of Decap's API in server mode (after the sign-in check). */
export function workflowApi(context: FlowContext, user: (request: Request) => EditorUser | null) {
  return (request: Request, response: Response, next: (error?: unknown) => void) => {
    const { action, params = {} } = (request.body ?? {}) as { action?: unknown; params?: Record<string, unknown> };
    const member = user(request);
    if (!member || typeof action !== 'string' || typeof params !== 'object' || params === null) return next();
    workflowAction(context, member, action, params).then((answer) => {
      if (!answer) return next();
      response.status(answer.status).json(answer.body);
    }, next);
  };
}
