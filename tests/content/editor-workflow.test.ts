/**
 * Review before publish (先审后发), history and nothing lost, over HTTP against the editor's server on a copy of the
 * fixture content inside a real git repository. An 编辑's save is a draft that never reaches content/ (the build's
 * input); only a 审核 publishes, which writes the files through the one writer, commits them with the 编辑 as author
 * and the 审核 named, and publishes (one real publish into a temporary PUBLISH_DIR; the other approvals use an
 * injected publish). Rejection comes back with its comment; history names both people; a restore is a reviewed change;
 * a second save from the same base is refused with 409 naming the first, nothing overwritten, the refused text kept.
 * Local mode (`npm run edit`) still writes straight into content/, with the same version check.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentFingerprint } from '../../src/lib/content/pipeline.ts';
import type { EditorUser } from '../../src/lib/editor/mode.ts';
import { pipelineRun, Publisher, type PublishResult } from '../../src/lib/editor/publisher.ts';
import { fileVersion } from '../../src/lib/editor/versions.ts';
import { personEnv, prepareCopy, SCRATCH } from '../helpers/build.ts';
import { deleteFile, persistEntry, persistMedia } from '../helpers/editor-server.ts';
import {
  fixtureRepository,
  gitIn,
  initRepository,
  persistDraft,
  startWorkflowServer,
  workflowRequest,
  type WorkflowServer,
} from '../helpers/editor-workflow.ts';

const EDITOR: EditorUser = { name: '王编辑', role: '编辑' };
const OTHER_EDITOR: EditorUser = { name: '李编辑', role: '编辑' };
const REVIEWER: EditorUser = { name: '赵审核', role: '审核' };

const ARTICLE = 'content/articles/science-cold-storage.mdx';
const SLUG = 'science-cold-storage';

const cleanup: Array<() => void | Promise<void>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** A publish that only counts, for approvals whose publish is not under test. */
function countingPublisher(): { publisher: Publisher; runs: () => number } {
  let runs = 0;
  const publisher = new Publisher(async (): Promise<PublishResult> => {
    runs += 1;
    return { ok: true, finishedAt: new Date().toISOString(), output: '已发布（测试）' };
  });
  return { publisher, runs: () => runs };
}

/** Decap's change of a draft's status. */
const setStatus = (slug: string, status: string) =>
  workflowRequest('updateUnpublishedEntryStatus', 'articles', slug, { newStatus: status });

/** The article's text with its summary replaced. */
const withSummary = (text: string, summary: string) => text.replace(/^summary: .*$/m, `summary: ${summary}`);

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

/** Every file under a folder, as text, joined: to look for a draft's words. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe('the editor service: drafts, roles, review, history', () => {
  let dir = '';
  let editor: WorkflowServer;
  let counting: ReturnType<typeof countingPublisher>;
  let original = '';
  beforeAll(async () => {
    const repo = fixtureRepository('editor-workflow-');
    dir = repo.dir;
    counting = countingPublisher();
    editor = await startWorkflowServer(dir, { publisher: counting.publisher });
    cleanup.push(repo.remove, () => editor.close());
    original = readFileSync(join(dir, ARTICLE), 'utf8');
  });

  it('refuses every action and page of a request without a signed-in member (401, in Chinese)', async () => {
    const actions = [
      persistDraft('articles', SLUG, ARTICLE, original),
      persistEntry(ARTICLE, original),
      persistMedia('public/files/2025/x.pdf', '%PDF-1.4'),
      deleteFile('public/files/2025/test-form.pdf'),
      workflowRequest('unpublishedEntries', 'articles', SLUG),
      workflowRequest('unpublishedEntry', 'articles', SLUG),
      workflowRequest('unpublishedEntryDataFile', 'articles', SLUG, { path: ARTICLE }),
      workflowRequest('unpublishedEntryMediaFile', 'articles', SLUG, { path: ARTICLE }),
      workflowRequest('updateUnpublishedEntryStatus', 'articles', SLUG, { newStatus: 'pending_publish' }),
      workflowRequest('deleteUnpublishedEntry', 'articles', SLUG),
      workflowRequest('publishUnpublishedEntry', 'articles', SLUG),
      workflowRequest('entriesByFolder', 'articles', SLUG, { folder: 'content/articles', extension: 'mdx', depth: 1 }),
    ];
    for (const request of actions) {
      const response = await editor.act(null, request);
      expect(response.status, request.action).toBe(401);
      expect((await json(response)).error).toMatch(/没有登录/);
    }
    for (const path of ['/admin/review/', '/admin/changes/', `/admin/history/articles/${SLUG}/`, '/admin/api/me/']) {
      expect((await editor.page(null, path)).status, path).toBe(401);
    }
    for (const path of [`/admin/review/articles/${SLUG}/approve/`, `/admin/history/articles/${SLUG}/restore/`]) {
      expect((await editor.form(null, path, { commit: 'abc1234' })).status, path).toBe(401);
    }
  });

  it('keeps an 编辑’s save as a draft: content/ and the build’s input unchanged, the draft readable', async () => {
    const before = contentFingerprint(dir);
    const text = withSummary(original, '草稿里的新摘要：还没有审核。');
    const saved = await editor.act(
      EDITOR,
      persistDraft('articles', SLUG, ARTICLE, text, {
        baseVersions: { [ARTICLE]: fileVersion(dir, ARTICLE) },
        draftVersion: 'none',
      }),
    );
    expect(saved.status, JSON.stringify(await saved.clone().json())).toBe(200);
    expect(contentFingerprint(dir)).toBe(before);
    expect(allText(join(dir, 'content'))).not.toContain('草稿里的新摘要');
    expect(gitIn(dir, ['status', '--porcelain', '--', 'content', 'public'])).toBe('');

    expect(await json(await editor.act(EDITOR, workflowRequest('unpublishedEntries', 'articles', SLUG)))).toEqual([
      `articles/${SLUG}`,
    ]);
    const entry = await json(await editor.act(EDITOR, workflowRequest('unpublishedEntry', 'articles', SLUG)));
    expect(entry).toMatchObject({ collection: 'articles', slug: SLUG, status: 'draft', author: EDITOR.name });
    const data = await json(
      await editor.act(EDITOR, workflowRequest('unpublishedEntryDataFile', 'articles', SLUG, { path: ARTICLE })),
    );
    expect(data.data).toContain('草稿里的新摘要');
  });

  it('refuses at once a draft that would break the site, with the pipeline’s Chinese problems', async () => {
    const path = 'content/articles/science-hand-washing.mdx';
    const broken = readFileSync(join(dir, path), 'utf8').replace(/^category: .*$/m, 'category: no-such-category');
    const response = await editor.act(OTHER_EDITOR, persistDraft('articles', 'science-hand-washing', path, broken));
    expect(response.status).toBe(422);
    const body = await json(response);
    expect(String(body.error)).toMatch(/^没有保存：共 \d+ 处问题/);
    expect(JSON.stringify(body.problems)).toContain('science-hand-washing.mdx');
    expect(await json(await editor.act(EDITOR, workflowRequest('unpublishedEntries', 'articles', SLUG)))).toEqual([
      `articles/${SLUG}`,
    ]);
  });

  it('lets only a 审核 set 待发布 or publish: an 编辑 gets 403 in Chinese', async () => {
    const ready = await editor.act(EDITOR, setStatus(SLUG, 'pending_publish'));
    expect(ready.status).toBe(403);
    expect((await json(ready)).error).toMatch(/只有“审核”可以/);
    const publish = await editor.act(EDITOR, workflowRequest('publishUnpublishedEntry', 'articles', SLUG));
    expect(publish.status).toBe(403);
    const approveForm = await editor.form(EDITOR, `/admin/review/articles/${SLUG}/approve/`, {});
    expect(approveForm.status).toBe(403);
    const deleteOthers = await editor.act(OTHER_EDITOR, workflowRequest('deleteUnpublishedEntry', 'articles', SLUG));
    expect(deleteOthers.status).toBe(403);
    expect(readFileSync(join(dir, ARTICLE), 'utf8')).toBe(original);
    const submit = await editor.act(EDITOR, setStatus(SLUG, 'pending_review'));
    expect(submit.status).toBe(200);
    expect(await json(await editor.page(EDITOR, '/admin/api/me/'))).toMatchObject({ name: EDITOR.name, role: '编辑' });
  });

  it('shows the 审核 the draft with a field-by-field diff, and sends it back with a required comment', async () => {
    const list = await (await editor.page(REVIEWER, '/admin/review/')).text();
    expect(list).toContain('等待审核和发布的修改');
    expect(list).toContain(EDITOR.name);
    const review = await (await editor.page(REVIEWER, `/admin/review/articles/${SLUG}/`)).text();
    expect(review).toContain('<th scope="row">摘要</th>');
    expect(review).toContain('草稿里的新摘要：还没有审核。');
    expect(review).toContain('通过并发布');

    const empty = await editor.form(REVIEWER, `/admin/review/articles/${SLUG}/reject/`, { comment: '  ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('请写明原因');
    const comment = '摘要请写明<b>存放温度</b>。';
    const rejected = await editor.form(REVIEWER, `/admin/review/articles/${SLUG}/reject/`, { comment });
    expect(rejected.status).toBe(200);

    const entry = await json(await editor.act(EDITOR, workflowRequest('unpublishedEntry', 'articles', SLUG)));
    expect(entry.status).toBe('draft');
    expect(entry.comments).toMatchObject([{ by: REVIEWER.name, kind: 'reject', text: '摘要请写明<b>存放温度</b>。' }]);
    const mine = await (await editor.page(EDITOR, '/admin/review/')).text();
    expect(mine).toContain('摘要请写明&lt;b&gt;存放温度&lt;/b&gt;。');
    // A draft still being written cannot be published.
    expect((await editor.act(REVIEWER, workflowRequest('publishUnpublishedEntry', 'articles', SLUG))).status).toBe(409);
  });

  it('on approval writes the files, commits them as the 编辑 naming the 审核, and publishes', async () => {
    const draft = await json(await editor.act(EDITOR, workflowRequest('unpublishedEntry', 'articles', SLUG)));
    const text = withSummary(original, '审核通过的新摘要：冷藏 0—4 摄氏度。');
    const request = persistDraft('articles', SLUG, ARTICLE, text, { draftVersion: String(draft.version) });
    const saved = await editor.act(EDITOR, request);
    expect(saved.status).toBe(200);
    await editor.act(EDITOR, setStatus(SLUG, 'pending_review'));
    const runs = counting.runs();
    const published = await editor.act(REVIEWER, workflowRequest('publishUnpublishedEntry', 'articles', SLUG));
    expect(published.status, JSON.stringify(await published.clone().json())).toBe(200);

    expect(readFileSync(join(dir, ARTICLE), 'utf8')).toBe(text);
    expect(gitIn(dir, ['log', '-1', '--format=%an|%cn|%B', '--', ARTICLE])).toMatch(
      new RegExp(`^${EDITOR.name}\\|${REVIEWER.name}\\|修改文章：${SLUG}\\n\\n审核：${REVIEWER.name}`),
    );
    expect(gitIn(dir, ['show', '--name-only', '--format=', 'HEAD']).trim()).toBe(ARTICLE);
    expect(gitIn(dir, ['status', '--porcelain'])).toBe('');
    expect(await json(await editor.act(REVIEWER, workflowRequest('unpublishedEntries', 'articles', SLUG)))).toEqual([]);
    await expect.poll(() => counting.runs()).toBe(runs + 1);
  });

  it('lists the change in the entry’s history and the recent changes with both names', async () => {
    const history = await (await editor.page(EDITOR, `/admin/history/articles/${SLUG}/`)).text();
    expect(history).toContain(`${EDITOR.name}（审核：${REVIEWER.name}）`);
    expect(history).toContain('测试准备');
    const changes = await (await editor.page(EDITOR, '/admin/changes/')).text();
    expect(changes).toContain(`<td>${EDITOR.name}</td><td>${REVIEWER.name}</td>`);
    expect(changes).toContain(`/admin/history/articles/${SLUG}/`);
  });

  it('restores an earlier version as a new draft that a 审核 approves', async () => {
    const first = gitIn(dir, ['rev-list', '--max-parents=0', 'HEAD']).trim();
    const page = await (await editor.page(REVIEWER, `/admin/history/articles/${SLUG}/?at=${first}`)).text();
    expect(page).toContain('恢复这个版本');
    expect((await editor.form(EDITOR, `/admin/history/articles/${SLUG}/restore/`, { commit: first })).status).toBe(403);
    const restored = await editor.form(REVIEWER, `/admin/history/articles/${SLUG}/restore/`, { commit: first });
    expect(restored.status, await restored.clone().text()).toBe(200);
    // Not yet live: a draft 待审核.
    expect(readFileSync(join(dir, ARTICLE), 'utf8')).not.toBe(original);
    const entry = await json(await editor.act(REVIEWER, workflowRequest('unpublishedEntry', 'articles', SLUG)));
    expect(entry.status).toBe('pending_review');
    const approved = await editor.form(REVIEWER, `/admin/review/articles/${SLUG}/approve/`, {});
    expect(approved.status, await approved.clone().text()).toBe(200);
    expect(readFileSync(join(dir, ARTICLE), 'utf8')).toBe(original);
    expect(gitIn(dir, ['log', '-1', '--format=%an|%s'])).toMatch(new RegExp(`^${REVIEWER.name}\\|恢复文章：${SLUG}`));
  });

  it('refuses the second of two saves from one base with 409 naming the first, keeping the refused text', async () => {
    const base = { baseVersions: { [ARTICLE]: fileVersion(dir, ARTICLE) }, draftVersion: 'none' };
    const save = (user: EditorUser, summary: string) =>
      editor.act(user, persistDraft('articles', SLUG, ARTICLE, withSummary(original, summary), base));
    const first = await save(EDITOR, '第一位同事的摘要。');
    expect(first.status).toBe(200);
    const second = await save(OTHER_EDITOR, '第二位同事的摘要。');
    expect(second.status).toBe(409);
    const body = await json(second);
    expect(String(body.error)).toContain(EDITOR.name);
    const read = workflowRequest('unpublishedEntryDataFile', 'articles', SLUG, { path: ARTICLE });
    const data = await json(await editor.act(EDITOR, read));
    expect(data.data).toContain('第一位同事的摘要。');
    const compare = await (await editor.page(OTHER_EDITOR, String(body.compareUrl))).text();
    expect(compare).toContain('第二位同事的摘要。');
    expect(compare).toContain('第一位同事的摘要。');
  });

  it('refuses an approval when the published file changed after the draft began', async () => {
    // A second article's draft, then that article changes on the server (as another approval would).
    const path = 'content/articles/science-hand-washing.mdx';
    const text = readFileSync(join(dir, path), 'utf8');
    await editor.act(EDITOR, persistDraft('articles', 'science-hand-washing', path, withSummary(text, '旧版本上的草稿。')));
    await editor.act(EDITOR, setStatus('science-hand-washing', 'pending_review'));
    // Changed meanwhile by another route: the approval must not overwrite it.
    writeFileSync(join(dir, path), withSummary(text, '期间已发布的摘要。'));
    const publish = workflowRequest('publishUnpublishedEntry', 'articles', 'science-hand-washing');
    const approval = await editor.act(REVIEWER, publish);
    expect(approval.status).toBe(409);
    expect(String((await json(approval)).error)).toContain('在这份草稿开始之后已经被');
    expect(readFileSync(join(dir, path), 'utf8')).toContain('期间已发布的摘要。');
  });
});

describe('local mode (npm run edit)', () => {
  let dir = '';
  let editor: WorkflowServer;
  beforeAll(async () => {
    const repo = fixtureRepository('editor-local-');
    dir = repo.dir;
    editor = await startWorkflowServer(dir, { mode: 'local' });
    cleanup.push(repo.remove, () => editor.close());
  });

  it('still writes a save straight into content/, and refuses a second save from the same base with 409', async () => {
    const original = readFileSync(join(dir, ARTICLE), 'utf8');
    const base = fileVersion(dir, ARTICLE);
    const save = (summary: string) => {
      const request = persistEntry(ARTICLE, withSummary(original, summary));
      request.params.baseVersions = { [ARTICLE]: base };
      return editor.act(null, request);
    };
    const first = await save('第一个窗口的摘要。');
    expect(first.status).toBe(200);
    expect((await json(first)).versions).toEqual({ [ARTICLE]: fileVersion(dir, ARTICLE) });
    expect(readFileSync(join(dir, ARTICLE), 'utf8')).toContain('第一个窗口的摘要。');
    const second = await save('第二个窗口的摘要。');
    expect(second.status).toBe(409);
    const body = await json(second);
    expect(String(body.error)).toMatch(/另一个窗口或另一位同事/);
    expect(readFileSync(join(dir, ARTICLE), 'utf8')).toContain('第一个窗口的摘要。');
    const compare = await (await editor.page(null, String(body.compareUrl))).text();
    expect(compare).toContain('第二个窗口的摘要。');
    // Workflow actions and review pages do not exist here.
    expect((await editor.page(null, '/admin/review/')).status).toBe(404);
  });
});

describe('one real publish after an approval', () => {
  it('commits the approved article and swaps `current` to a new release containing it', async () => {
    const dir = prepareCopy('editor-workflow-publish', () => {});
    cleanup.push(() => rmSync(join(SCRATCH, 'editor-workflow-publish'), { recursive: true, force: true }));
    initRepository(dir);
    const site = join(dir, 'site');
    const publisher = new Publisher(
      pipelineRun(dir, personEnv({ SITE_URL: 'https://example.org', PUBLISH_DIR: site, SITE_NOW: '' })),
    );
    const editor = await startWorkflowServer(dir, { publisher });
    cleanup.push(() => editor.close());
    const original = readFileSync(join(dir, ARTICLE), 'utf8');
    const text = withSummary(original, '经审核发布的摘要：冷藏室 0—4 摄氏度。');
    expect((await editor.act(EDITOR, persistDraft('articles', SLUG, ARTICLE, text))).status).toBe(200);
    await editor.act(EDITOR, setStatus(SLUG, 'pending_review'));
    const approved = await editor.form(REVIEWER, `/admin/review/articles/${SLUG}/approve/`, {});
    expect(approved.status, await approved.clone().text()).toBe(200);
    expect(gitIn(dir, ['log', '-1', '--format=%an|%cn'])).toBe(`${EDITOR.name}|${REVIEWER.name}\n`);

    const status = async () => (await editor.page(REVIEWER, '/admin/api/publish-status/')).json() as Promise<{
      running: boolean;
      last: PublishResult | null;
    }>;
    await expect.poll(async () => (await status()).last !== null, { timeout: 200_000, interval: 1000 }).toBe(true);
    const { last } = await status();
    expect(last?.ok, last?.output).toBe(true);
    const current = readlinkSync(join(site, 'current'));
    const page = join(site, current, `articles/${SLUG}/index.html`);
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toContain('经审核发布的摘要：冷藏室 0—4 摄氏度。');
    const review = await (await editor.page(REVIEWER, '/admin/review/')).text();
    expect(review).toContain('上次发布<strong>成功</strong>');
  });
});
