/**
 * The pure parts of review before publish and nothing lost: the field diff a 审核 reads, version tokens and the
 * conflict message, the draft store, and the publish queue (one at a time, one more queued, never lost).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { draftId, DraftStore } from '../../src/lib/editor/drafts.ts';
import { fieldDiff, fieldLabels, formatOf, lineDiff } from '../../src/lib/editor/field-diff.ts';
import { Publisher, type PublishResult } from '../../src/lib/editor/publisher.ts';
import { entryOfPath, entryPath } from '../../src/lib/editor/workflow.ts';
import {
  conflictMessage,
  fileVersion,
  lastSave,
  NO_FILE,
  recordSave,
  staleFiles,
  versionOf,
} from '../../src/lib/editor/versions.ts';

const scratch = mkdtempSync(join(tmpdir(), 'editor-workflow-unit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ARTICLE = (summary: string, body: string) =>
  ['---', 'title: 测试标题', `summary: ${summary}`, 'draft: false', '---', '', body, ''].join('\n');

describe('fieldDiff', () => {
  const labels = fieldLabels([
    { name: 'title', label: '标题', widget: 'string' },
    { name: 'summary', label: '摘要', widget: 'text' },
    { name: 'body', label: '正文', widget: 'markdown' },
  ]);

  it('lists only the fields that differ, with the form’s Chinese labels, in the form’s order', () => {
    const changes = fieldDiff(ARTICLE('旧摘要', '第一段。'), ARTICLE('新摘要', '第一段。\n\n第二段。'), 'mdx', labels);
    expect(changes.map((change) => [change.label, change.kind])).toEqual([
      ['摘要', 'changed'],
      ['正文', 'changed'],
    ]);
    expect(changes[0]).toMatchObject({ before: '旧摘要', after: '新摘要', lines: null });
    expect(changes[1]!.lines).toEqual([
      { kind: 'same', text: '第一段。' },
      { kind: 'added', text: '' },
      { kind: 'added', text: '第二段。' },
    ]);
  });

  it('shows a new file as every field added, and a field the form does not know under its own name', () => {
    const changes = fieldDiff(null, ARTICLE('摘要', '正文。').replace('draft: false', 'sample: true'), 'mdx', labels);
    expect(changes.every((change) => change.kind === 'added')).toBe(true);
    expect(changes.map((change) => change.label)).toEqual(['标题', '摘要', '正文', 'sample']);
    expect(changes.find((change) => change.label === 'sample')?.after).toBe('是');
  });

  it('reads YAML lists as items and shows them as a line diff', () => {
    const before = '- id: a\n  signName: 甲店\n';
    const after = '- id: a\n  signName: 甲店\n\n- id: b\n  signName: 乙店\n';
    expect(formatOf('content/restaurants.yaml')).toBe('yaml-list');
    const [items] = fieldDiff(before, after, 'yaml-list', new Map([['items', '餐厅']]));
    expect(items?.label).toBe('餐厅');
    expect(items?.lines?.filter((line) => line.kind === 'added').map((line) => line.text)).toEqual([
      '- id: b',
      '  signName: 乙店',
    ]);
  });

  it('lineDiff marks removed and added lines', () => {
    expect(lineDiff('甲\n乙', '甲\n丙')).toEqual([
      { kind: 'same', text: '甲' },
      { kind: 'removed', text: '乙' },
      { kind: 'added', text: '丙' },
    ]);
  });
});

describe('version tokens', () => {
  it('are the SHA-256 of the file’s bytes (decap-server’s file id), or none for a missing file', () => {
    writeFileSync(join(scratch, 'a.txt'), '内容');
    expect(fileVersion(scratch, 'a.txt')).toBe(versionOf(Buffer.from('内容')));
    expect(fileVersion(scratch, 'missing.txt')).toBe(NO_FILE);
  });

  it('find the files whose base is stale, and name the last saver only while their version is current', () => {
    writeFileSync(join(scratch, 'b.txt'), '一');
    const base = fileVersion(scratch, 'b.txt');
    expect(staleFiles(scratch, { 'b.txt': base }, ['b.txt'])).toEqual([]);
    writeFileSync(join(scratch, 'b.txt'), '二');
    recordSave(scratch, 'b.txt', { by: '王编辑', at: '2026-03-05T06:07:00Z', version: fileVersion(scratch, 'b.txt') });
    expect(staleFiles(scratch, { 'b.txt': base }, ['b.txt'])).toEqual(['b.txt']);
    expect(staleFiles(scratch, {}, ['b.txt'])).toEqual([]);
    expect(lastSave(scratch, 'b.txt')?.by).toBe('王编辑');
    writeFileSync(join(scratch, 'b.txt'), '三');
    expect(lastSave(scratch, 'b.txt')).toBeNull();
  });

  it('a conflict message names who saved, when (Beijing time), and where the refused text is', () => {
    const message = conflictMessage(
      { path: 'content/x.mdx', by: '王编辑', at: '2026-03-05T06:07:00Z' },
      '/admin/compare/1/',
    );
    expect(message).toContain('王编辑在 2026-03-05 14:07 已经保存过“content/x.mdx”');
    expect(message).toContain('/admin/compare/1/');
    expect(conflictMessage({ path: 'content/x.mdx', by: null, at: null }, '/c')).toContain('另一个窗口或另一位同事');
  });
});

describe('DraftStore', () => {
  const store = new DraftStore(join(scratch, 'data'));
  const draft = {
    collection: 'articles',
    slug: 'x',
    status: 'draft' as const,
    author: '王编辑',
    createdAt: '2026-01-01T00:00:00Z',
    updatedBy: '王编辑',
    updatedAt: '2026-01-01T00:00:00Z',
    files: [{ path: 'content/articles/x.mdx', content: 'YQ==', binary: false, base: NO_FILE }],
    comments: [],
  };

  it('keeps one draft per entry, with a version that changes with each save', () => {
    const first = store.save(draft);
    expect(store.get('articles/x')).toEqual(first);
    const second = store.save({ ...draft, updatedAt: '2026-01-02T00:00:00Z' });
    expect(second.version).not.toBe(first.version);
    expect(store.list()).toEqual([second]);
    store.remove('articles/x');
    expect(store.get('articles/x')).toBeNull();
    expect(store.list()).toEqual([]);
  });

  it('accepts only plain ids, and keeps refused saves retrievable by id', () => {
    expect(draftId('articles', 'x')).toBe('articles/x');
    expect(draftId('articles', '../x')).toBeNull();
    expect(draftId('articles', 'a/b')).toBeNull();
    const kept = store.keepRefused({ by: null, at: 'now', path: 'content/x.mdx', text: '没保存的字', against: 'v' });
    expect(store.refused(kept.id)?.text).toBe('没保存的字');
    expect(store.refused('../../etc')).toBeNull();
  });

  it('maps entries to files and back through the editor’s configuration', () => {
    expect(entryPath('articles', 'x')).toBe('content/articles/x.mdx');
    expect(entryPath('registry', 'restaurants')).toBe('content/restaurants.yaml');
    expect(entryOfPath('content/redblack/follow-ups.yaml')).toMatchObject({
      collection: 'registry',
      slug: 'follow-ups',
    });
    expect(entryOfPath('content/articles/images/x.png')).toBeNull();
  });
});

describe('Publisher', () => {
  it('runs one publish at a time, queues one more behind it, shared by the requests made meanwhile', async () => {
    const releases: Array<() => void> = [];
    let runs = 0;
    const publisher = new Publisher(() => {
      runs += 1;
      return new Promise<PublishResult>((resolve) =>
        releases.push(() => resolve({ ok: true, finishedAt: `t${runs}`, output: '' })),
      );
    });
    const first = publisher.publish();
    const second = publisher.publish();
    const third = publisher.publish();
    expect(second).toBe(third);
    expect(publisher.status()).toMatchObject({ running: true, queued: true });
    expect(runs).toBe(1);
    releases.shift()!();
    expect((await first)?.finishedAt).toBe('t1');
    await expect.poll(() => runs).toBe(2);
    releases.shift()!();
    expect((await second)?.finishedAt).toBe('t2');
    expect(publisher.status()).toMatchObject({ running: false, queued: false, last: { finishedAt: 't2' } });
  });

  it('is off with no run (SHIAN_EDITOR_PUBLISH=0)', async () => {
    const publisher = Publisher.fromEnv(scratch, { SHIAN_EDITOR_PUBLISH: '0' });
    expect(await publisher.publish()).toBeNull();
    expect(publisher.status().off).toBe(true);
  });
});
