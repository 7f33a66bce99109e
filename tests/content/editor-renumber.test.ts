/**
 * 红黑榜改期次 (/admin/renumber/) over HTTP, on a copy of the fixture content with two issues dated in 2099 (not yet
 * public) added: the renumbering renames the file and changes its number in one change, through the one writer; it is
 * refused in Chinese for a public issue, an invalid or unchanged number, a number that exists, a cross-site form, an
 * 编辑 (server mode) and an issue with an unpublished draft; in server mode a 审核's renumbering is committed with the
 * 审核 as author and reviewer and published.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentFingerprint } from '../../src/lib/content/pipeline.ts';
import type { EditorUser } from '../../src/lib/editor/mode.ts';
import { Publisher } from '../../src/lib/editor/publisher.ts';
import { FIXTURE_SITE } from '../helpers/build.ts';
import { fixtureContentCopy } from '../helpers/editor-server.ts';
import {
  gitIn,
  initRepository,
  persistDraft,
  startWorkflowServer,
  type WorkflowServer,
} from '../helpers/editor-workflow.ts';

const EDITOR: EditorUser = { name: '王编辑', role: '编辑' };
const REVIEWER: EditorUser = { name: '赵审核', role: '审核' };

const issueFile = (id: string) => `content/redblack/${id}.mdx`;

/** A fixture issue moved to 2099 (after any test run's today), numbered `number`. */
function futureIssue(number: number): string {
  return readFileSync(join(FIXTURE_SITE, issueFile('2025-01')), 'utf8')
    .replace(/^year: 2025$/m, 'year: 2099')
    .replace(/^number: 1$/m, `number: ${number}`)
    .replace(/^publishedOn: 2025-03-20$/m, 'publishedOn: 2099-03-20');
}

/** A copy of the fixture content with 2099-01 and 2099-02 added (in a git repository for server mode). */
function copyWithFutureIssues(prefix: string, repository: boolean): string {
  const copy = fixtureContentCopy(prefix);
  cleanup.push(copy.remove);
  writeFileSync(join(copy.dir, issueFile('2099-01')), futureIssue(1));
  writeFileSync(join(copy.dir, issueFile('2099-02')), futureIssue(2));
  if (repository) initRepository(copy.dir);
  return copy.dir;
}

const cleanup: Array<() => void | Promise<void>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const renumber = (editor: WorkflowServer, user: EditorUser | null, issue: string, number: string) =>
  editor.form(user, '/admin/renumber/', { issue, number });

describe('renumbering in local mode (npm run edit)', () => {
  let dir = '';
  let editor: WorkflowServer;
  beforeAll(async () => {
    dir = copyWithFutureIssues('editor-renumber-local-', false);
    editor = await startWorkflowServer(dir, { mode: 'local' });
    cleanup.push(() => editor.close());
  });

  it('offers the issues not yet public, and shows the public ones as not selectable', async () => {
    const response = await editor.page(null, '/admin/renumber/');
    expect(response.status).toBe(200);
    const page = await response.text();
    const theme = '测试主题：春季复查与随机检查（虚构）';
    expect(page).toContain(`<option value="2099-01">2099年第1期 ${theme}（发布日期 2099-03-20，尚未公开）`);
    expect(page).toMatch(/<option value="2025-01" disabled>2025年第1期 .*已公开，不能改/);
  });

  it('refuses in Chinese, writing nothing: a public issue, a bad, unchanged or taken number', async () => {
    const before = contentFingerprint(dir);
    const cases: Array<[string, string, number, RegExp]> = [
      ['2025-01', '5', 409, /2025年第1期.*已经公开，网址 \/redblack\/2025-01\/ 已经发布，不能再改期次.*导语/],
      ['2099-01', '第三期', 400, /新期次“第三期”不是 1 到 99 之间的整数/],
      ['2099-01', '100', 400, /不是 1 到 99 之间的整数/],
      ['2099-01', '1', 400, /期次本来就是 1，没有修改/],
      ['2099-01', '2', 409, /2099年第2期已经存在（content\/redblack\/2099-02\.mdx）/],
      ['2099-09', '3', 404, /没有找到“2099-09”这一期/],
    ];
    for (const [issue, number, status, message] of cases) {
      const response = await renumber(editor, null, issue, number);
      expect(response.status, `${issue} → ${number}`).toBe(status);
      const page = await response.text();
      expect(page).toContain('没有改期次');
      expect(page.replace(/&quot;/g, '"')).toMatch(message);
    }
    expect(contentFingerprint(dir)).toBe(before);
  });

  it('refuses a form posted from another site', async () => {
    const response = await fetch(`${editor.url}/admin/renumber/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://evil.example' },
      body: 'issue=2099-01&number=3',
    });
    expect(response.status).toBe(403);
    expect(existsSync(join(dir, issueFile('2099-01')))).toBe(true);
  });

  it('renames the file and changes its number in one change (full-width digits accepted)', async () => {
    const original = readFileSync(join(dir, issueFile('2099-01')), 'utf8');
    const response = await renumber(editor, null, '2099-01', '０３');
    expect(response.status, await response.clone().text()).toBe(200);
    const page = await response.text();
    expect(page).toContain('已改为2099年第3期：文件 content/redblack/2099-03.mdx，网址 <a href="/redblack/2099-03/">');
    expect(existsSync(join(dir, issueFile('2099-01')))).toBe(false);
    // Everything else, the header comments included, is as it was.
    expect(readFileSync(join(dir, issueFile('2099-03')), 'utf8')).toBe(
      original.replace(/^number: 1$/m, 'number: 3'),
    );
  });
});

describe('renumbering on the editor service (server mode)', () => {
  let dir = '';
  let editor: WorkflowServer;
  let runs = 0;
  beforeAll(async () => {
    dir = copyWithFutureIssues('editor-renumber-server-', true);
    const publisher = new Publisher(async () => {
      runs += 1;
      return { ok: true, finishedAt: new Date().toISOString(), output: '已发布（测试）' };
    });
    editor = await startWorkflowServer(dir, { publisher });
    cleanup.push(() => editor.close());
  });

  it('refuses an 编辑 (403, in Chinese) and a request without a signed-in member (401)', async () => {
    const page = await editor.page(EDITOR, '/admin/renumber/');
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('只有“审核”可以修改红黑榜的期次');
    const post = await renumber(editor, EDITOR, '2099-01', '3');
    expect(post.status).toBe(403);
    expect(await post.text()).toContain('只有“审核”可以修改红黑榜的期次');
    expect((await renumber(editor, null, '2099-01', '3')).status).toBe(401);
    expect(existsSync(join(dir, issueFile('2099-01')))).toBe(true);
  });

  it('refuses while the issue has an unpublished draft', async () => {
    const text = readFileSync(join(dir, issueFile('2099-02')), 'utf8').replace('测试主题：', '草稿主题：');
    const saved = await editor.act(EDITOR, persistDraft('redblack', '2099-02', issueFile('2099-02'), text));
    expect(saved.status, await saved.clone().text()).toBe(200);
    const response = await renumber(editor, REVIEWER, '2099-02', '5');
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('还有没有发布的草稿（2099-02）');
    expect(existsSync(join(dir, issueFile('2099-02')))).toBe(true);
  });

  it('commits a 审核’s renumbering with the 审核 as author and reviewer, and publishes', async () => {
    const before = runs;
    const response = await renumber(editor, REVIEWER, '2099-01', '4');
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.text()).toContain('修改人和审核人：赵审核');
    expect(gitIn(dir, ['log', '-1', '--format=%an|%cn|%B'])).toMatch(
      /^赵审核\|赵审核\|红黑榜改期次：2099年第1期改为第4期（2099-01 → 2099-04）\n\n审核：赵审核/,
    );
    // One commit, which git reads as a rename (the text differs in one line).
    expect(gitIn(dir, ['show', '--name-status', '--format=', 'HEAD']).trim()).toMatch(
      new RegExp(`^R\\d+\\t${issueFile('2099-01')}\\t${issueFile('2099-04')}$`),
    );
    expect(gitIn(dir, ['status', '--porcelain'])).toBe('');
    await expect.poll(() => runs).toBe(before + 1);
  });
});
