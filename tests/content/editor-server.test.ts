/**
 * The web editor's server (src/lib/editor/proxy.ts) on a copy of the fixture site, driven with real HTTP requests as
 * Decap CMS sends them. Every action that writes or deletes goes through the one writer: a change that would break the
 * site is refused with exactly the problems `check:content` reports once the same bytes are in the files, and nothing
 * is written; a save and a deletion racing each other never both succeed; nothing is written through a symbolic link,
 * outside content/ and public/files/, or for another site.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { checkAllContent, contentFingerprint } from '../../src/lib/content/pipeline.ts';
import { fileVersion } from '../../src/lib/editor/versions.ts';
import {
  applyOnDisk,
  deleteFile,
  deleteFiles,
  EDITOR_CASES,
  fixtureContentCopy,
  persistEntry,
  persistMedia,
  startEditorServer,
  type EditorRequest,
  type EditorServer,
} from '../helpers/editor-server.ts';

/** A cover picture wide enough for the content check (1,200 pixels or more). */
const COVER = await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#f2c94c' } })
  .png()
  .toBuffer();

/** A valid article; `cover` names its cover picture beside the articles. */
function article(title: string, cover?: string): string {
  return [
    '---',
    `title: ${title}`,
    'summary: 测试摘要。',
    "publishedAt: '2024-08-01 09:00'",
    'category: science',
    'tags: []',
    'source: 测试编辑部',
    ...(cover ? ['cover:', `  src: ./images/${cover}`, '  alt: 测试封面'] : []),
    'sample: false',
    'draft: false',
    '---',
    '',
    '这是测试数据：网页编辑器保存的文章。',
    '',
  ].join('\n');
}

const cleanup: Array<() => void> = [];
afterAll(() => {
  for (const step of cleanup) step();
});

/** A fresh copy of the fixture content with the editor's server on it. */
async function editorOnCopy(prefix: string): Promise<{ dir: string; editor: EditorServer }> {
  const copy = fixtureContentCopy(prefix);
  const editor = await startEditorServer(copy.dir);
  cleanup.push(copy.remove);
  cleanup.push(() => void editor.close());
  return { dir: copy.dir, editor };
}

/** The problems a refused change is answered with. */
async function refusal(response: Response): Promise<string[]> {
  expect(response.status).toBe(422);
  const body = (await response.json()) as { error: string; problems: string[] };
  expect(body.error).toMatch(/^没有保存：共 \d+ 处问题，请修改后再保存。/);
  return body.problems;
}

describe('the editor family of the corpus', () => {
  let dir = '';
  let editor: EditorServer;
  beforeAll(async () => ({ dir, editor } = await editorOnCopy('editor-corpus-')));

  it('has at least 8 cases with unique names', () => {
    expect(EDITOR_CASES.length).toBeGreaterThanOrEqual(8);
    expect(new Set(EDITOR_CASES.map((editorCase) => editorCase.name)).size).toBe(EDITOR_CASES.length);
  });

  it.each(EDITOR_CASES.map((editorCase) => [editorCase.name, editorCase]))(
    '%s: refused by the editor, with the problems check:content gives for the same bytes',
    async (_name, editorCase) => {
      expect(checkAllContent(dir)).toEqual([]);
      const before = contentFingerprint(dir);
      const problems = await refusal(await editor.post(editorCase.request));
      // Nothing written, nothing deleted.
      expect(contentFingerprint(dir)).toBe(before);

      const onDisk = fixtureContentCopy('editor-disk-');
      try {
        applyOnDisk(onDisk.dir, editorCase.request);
        const checked = checkAllContent(onDisk.dir).map(formatProblem);
        const at = editorCase.line ? ` 第 ${editorCase.line} 行` : '';
        const named = checked.filter(
          (line) =>
            (line.startsWith(`文件 ${editorCase.file}${at}`) ||
              line.startsWith(`文件 ${editorCase.file}：${at.trim()}`)) &&
            line.includes(editorCase.message),
        );
        expect(named, checked.join('\n')).not.toEqual([]);
        // One verdict: the editor's refusal is exactly what check:content reports after the change.
        expect([...problems].sort()).toEqual([...checked].sort());
      } finally {
        onDisk.remove();
      }
    },
  );
});

describe('what the editor accepts, it writes itself, answering as decap-server does', () => {
  let dir = '';
  let editor: EditorServer;
  beforeAll(async () => ({ dir, editor } = await editorOnCopy('editor-accepts-')));

  it('an upload: written, and answered with its hash, bytes, path and name', async () => {
    const path = 'content/articles/images/editor-upload.png';
    const response = await editor.post(persistMedia(path, COVER));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: (await import('node:crypto')).createHash('sha256').update(COVER).digest('hex'),
      content: COVER.toString('base64'),
      encoding: 'base64',
      path,
      name: 'editor-upload.png',
    });
    expect(readFileSync(join(dir, path)).equals(COVER)).toBe(true);
    // Reading still goes to decap-server, which finds the new picture.
    const media = await editor.post({
      action: 'getMedia',
      params: { branch: 'main', mediaFolder: 'content/articles/images' },
    });
    expect(((await media.json()) as Array<{ path: string }>).map((file) => file.path)).toContain(path);
  });

  it('a save with a picture, and deletions of unused files', async () => {
    const file = 'content/articles/editor-saved.mdx';
    const save: EditorRequest = {
      action: 'persistEntry',
      params: {
        branch: 'main',
        dataFiles: [{ path: file, raw: article('编辑器保存的文章', 'editor-saved.png'), slug: 'editor-saved' }],
        assets: [
          { path: 'content/articles/images/editor-saved.png', content: COVER.toString('base64'), encoding: 'base64' },
        ],
        options: { commitMessage: `Create “${file}”`, useWorkflow: false, status: 'draft' },
      },
    };
    const saved = await editor.post(save);
    expect(saved.status).toBe(200);
    // The new version of the file, for the page's next save (src/lib/editor/versions.ts).
    expect(await saved.json()).toEqual({ message: 'entry persisted', versions: { [file]: fileVersion(dir, file) } });
    expect(checkAllContent(dir).map(formatProblem)).toEqual([]);
    expect(existsSync(join(dir, file))).toBe(true);

    const one = await editor.post(deleteFile('content/articles/images/editor-upload.png'));
    expect(await one.json()).toEqual({ message: 'deleted file content/articles/images/editor-upload.png' });
    const both = await editor.post(deleteFiles([file, 'content/articles/images/editor-saved.png']));
    expect(await both.json()).toEqual({
      message: `deleted files ${file}, content/articles/images/editor-saved.png`,
    });
    expect(existsSync(join(dir, file))).toBe(false);
    expect(existsSync(join(dir, 'content/articles/images/editor-saved.png'))).toBe(false);
    expect(checkAllContent(dir).map(formatProblem)).toEqual([]);
  });
});

describe('a save and a deletion racing each other', () => {
  let dir = '';
  let editor: EditorServer;
  beforeAll(async () => ({ dir, editor } = await editorOnCopy('editor-race-')));

  it('never both succeed: the content is never left pointing at a deleted picture', async () => {
    const picture = 'content/articles/images/race.png';
    const outcomes = { saved: 0, deleted: 0 };
    for (let run = 0; run < 16; run += 1) {
      // The picture exists again (uploaded through the editor), and no article uses it yet.
      expect((await editor.post(persistMedia(picture, COVER))).status, `run ${run}`).toBe(200);
      const save = () =>
        editor.post(persistEntry(`content/articles/race-${run}.mdx`, article(`竞争测试 ${run}`, 'race.png')));
      const remove = () => editor.post(deleteFile(picture));
      // Both requests are in flight at once; every other run sends the deletion first.
      const [saved, deleted] =
        run % 2 === 0 ? await Promise.all([save(), remove()]) : (await Promise.all([remove(), save()])).reverse();
      const statuses = [saved!.status, deleted!.status];
      expect(statuses.sort(), `run ${run}`).toEqual([200, 422]);
      expect(checkAllContent(dir).map(formatProblem), `run ${run}`).toEqual([]);
      if (saved!.status === 200) {
        outcomes.saved += 1;
        expect(existsSync(join(dir, picture)), `run ${run}`).toBe(true);
        // Free the picture for the next run: delete the article (allowed), keeping the picture.
        expect((await editor.post(deleteFile(`content/articles/race-${run}.mdx`))).status).toBe(200);
      } else {
        outcomes.deleted += 1;
        expect(existsSync(join(dir, picture)), `run ${run}`).toBe(false);
      }
    }
    expect(outcomes.saved + outcomes.deleted).toBe(16);
  });
});

describe('nothing is written outside content/ and public/files/', () => {
  let dir = '';
  let outside = '';
  let editor: EditorServer;
  beforeAll(async () => {
    ({ dir, editor } = await editorOnCopy('editor-paths-'));
    outside = mkdtempSync(join(tmpdir(), 'editor-outside-'));
    cleanup.push(() => rmSync(outside, { recursive: true, force: true }));
    writeFileSync(join(outside, 'victim.png'), COVER);
    writeFileSync(join(dir, 'sentinel.txt'), '项目里 content/ 之外的文件');
    // Folders and a file committed as symbolic links, pointing outside the project.
    symlinkSync(outside, join(dir, 'content/linked'));
    symlinkSync(outside, join(dir, 'content/articles/images/linked'));
    mkdirSync(join(dir, 'public/files/2026'), { recursive: true });
    symlinkSync(outside, join(dir, 'public/files/2026/linked'));
    symlinkSync(join(outside, 'victim.png'), join(dir, 'content/articles/images/link.png'));
  });

  it.each([
    ['a picture into a linked folder', persistMedia('content/articles/images/linked/new.png', COVER)],
    ['a list into a linked folder', persistEntry('content/linked/towns.yaml', "- id: '120114001'\n")],
    ['an attachment into a linked folder', persistMedia('public/files/2026/linked/form.pdf', '%PDF-1.4\n')],
    ['a picture onto a linked file', persistMedia('content/articles/images/link.png', COVER)],
    ['a deletion through a linked folder', deleteFile('content/articles/images/linked/victim.png')],
  ])('refuses %s, and writes nothing outside', async (_name, request) => {
    const problems = await refusal(await editor.post(request));
    expect(problems.join('\n')).toMatch(/符号链接/);
    expect(readFileSync(join(outside, 'victim.png')).equals(COVER)).toBe(true);
    expect(existsSync(join(outside, 'new.png'))).toBe(false);
    expect(existsSync(join(outside, 'towns.yaml'))).toBe(false);
    expect(existsSync(join(outside, 'form.pdf'))).toBe(false);
  });

  it.each([
    ['a save with “..”', persistEntry('content/../sentinel.yaml', "- id: x\n")],
    ['an upload with “..”', persistMedia('content/articles/../../sentinel.txt', 'overwritten')],
    ['an upload to an absolute path', persistMedia(join(outside, 'absolute.png'), COVER)],
    ['a deletion with “..”', deleteFiles(['content/../sentinel.txt'])],
    ['a deletion of an absolute path', deleteFile(join(outside, 'victim.png'))],
    ['a save outside the writable folders', persistEntry('src/pages/evil.mdx', '---\ntitle: x\n---\n')],
  ])('refuses %s', async (_name, request) => {
    await refusal(await editor.post(request));
    expect(readFileSync(join(dir, 'sentinel.txt'), 'utf8')).toBe('项目里 content/ 之外的文件');
    expect(existsSync(join(outside, 'victim.png'))).toBe(true);
    expect(existsSync(join(outside, 'absolute.png'))).toBe(false);
    expect(existsSync(join(dir, 'src'))).toBe(false);
  });

  it('refuses every write from another site (an unauthenticated cross-site POST), and writes nothing', async () => {
    const before = contentFingerprint(dir);
    for (const origin of ['https://evil.example', 'null']) {
      for (const request of [
        persistEntry('content/articles/cross-site.mdx', article('跨站写入')),
        persistMedia('content/articles/images/cross-site.png', COVER),
        deleteFile('content/articles/images/test-cover.png'),
        deleteFiles(['public/files/2025/test-form.pdf']),
      ]) {
        const response = await editor.post(request, { Origin: origin });
        expect(response.status, `${origin} ${request.action}`).toBe(403);
        expect(await response.json()).toEqual({ error: '只接受本机编辑后台发出的请求。' });
      }
    }
    expect(contentFingerprint(dir)).toBe(before);
  });
});
