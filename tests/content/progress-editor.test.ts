/**
 * Progress reports through the web editor's server (src/lib/editor/proxy.ts, the one writer): each bad report of the
 * corpus (tests/helpers/bad-content.ts PROGRESS_CASES; check:content and the build refuse them in corpus.test.ts) is
 * refused with exactly the problems check:content reports for the same file, naming its file, line and field; a
 * report already published is never rewritten or deleted; a new report and a correction are written.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { checkAllContent } from '../../src/lib/content/pipeline.ts';
import { PROGRESS_CASES } from '../helpers/bad-content.ts';
import {
  deleteFile,
  fixtureContentCopy,
  persistEntry,
  startEditorServer,
  type EditorServer,
} from '../helpers/editor-server.ts';

let editor: EditorServer;
let editorDir = '';
/** A second copy, where a case's file is written for check:content and removed again. */
let diskDir = '';
const cleanup: Array<() => void | Promise<void>> = [];

beforeAll(async () => {
  const editorCopy = fixtureContentCopy('progress-editor-');
  const diskCopy = fixtureContentCopy('progress-disk-');
  cleanup.push(editorCopy.remove, diskCopy.remove);
  editorDir = editorCopy.dir;
  diskDir = diskCopy.dir;
  editor = await startEditorServer(editorDir);
  cleanup.push(() => editor.close());
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** The text a case writes to its file. */
function caseText(badCase: (typeof PROGRESS_CASES)[number]): string {
  const dir = mkdtempSync(join(tmpdir(), 'progress-case-'));
  try {
    badCase.apply(dir);
    return readFileSync(join(dir, badCase.file), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** check:content on the disk copy with one more file in it; the file is removed afterwards. */
function checkedWith(file: string, text: string): string[] {
  const path = join(diskDir, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  try {
    return checkAllContent(diskDir).map(formatProblem);
  } finally {
    rmSync(path);
  }
}

/** The editor's answer to a request: its status and, when refused, its problems. */
async function answer(request: Parameters<EditorServer['post']>[0]): Promise<{ status: number; problems: string[] }> {
  const response = await editor.post(request);
  const body = (await response.json()) as { problems?: string[] };
  return { status: response.status, problems: body.problems ?? [] };
}

it('the corpus has at least 12 progress cases, each in its own file', () => {
  expect(PROGRESS_CASES.length).toBeGreaterThanOrEqual(12);
  expect(new Set(PROGRESS_CASES.map((badCase) => badCase.file)).size).toBe(PROGRESS_CASES.length);
  expect(checkAllContent(editorDir)).toEqual([]);
});

describe.each(PROGRESS_CASES.map((badCase) => ({ name: badCase.name, badCase })))('$name', ({ badCase }) => {
  it('is refused by the editor with check:content’s own problems, naming file, line and field', async () => {
    const text = caseText(badCase);
    const expected = checkedWith(badCase.file, text);
    const { status, problems } = await answer(persistEntry(badCase.file, text));
    expect(status).toBe(422);
    expect([...problems].sort()).toEqual([...expected].sort());
    const named = problems.filter(
      (problem) => problem.startsWith(`文件 ${badCase.file} 第 ${badCase.line} 行`) && problem.includes(badCase.message),
    );
    expect(named, problems.join('\n')).toHaveLength(1);
    expect(named[0]).toMatch(/字段“[^”]+”|不认识的字段/);
    // Nothing was written.
    expect(() => readFileSync(join(editorDir, badCase.file))).toThrow();
  });
});

describe('reports are added, never rewritten', () => {
  const existing = 'content/progress/2030-3-education-0415.yaml';

  it('refuses to change or delete a published report, and says how to correct it', async () => {
    const before = readFileSync(join(editorDir, existing), 'utf8');
    const changed = await answer(persistEntry(existing, before.replace('value: 96', 'value: 97')));
    expect(changed.status).toBe(422);
    expect(changed.problems).toEqual([
      `文件 ${existing}：进展报告发布后不能修改或删除。如需更正，请新增一份报告，在“更正的报告”（corrects）中填写这份报告的文件名，` +
        '并在进展说明中写明更正了什么。',
    ]);
    const deleted = await answer(deleteFile(existing));
    expect(deleted.status).toBe(422);
    expect(deleted.problems[0]).toContain('进展报告发布后不能修改或删除');
    expect(readFileSync(join(editorDir, existing), 'utf8')).toBe(before);
  });

  it('writes a new report and a correction that names the report it corrects', async () => {
    const file = 'content/progress/2030-3-education-1030.yaml';
    const text =
      'plan: 2030\ntask: 3\ndate: 2030-10-30\ndepartment: education\nstatus: 推进中\n' +
      'text: 更正 4 月 15 日的报告：留样合格率应为 95%。\ncorrects: 2030-3-education-0415\n' +
      'figures:\n  - target: 2030-canteen-sample-rate\n    value: 95\n';
    const { status, problems } = await answer(persistEntry(file, text));
    expect(problems).toEqual([]);
    expect(status).toBe(200);
    expect(readFileSync(join(editorDir, file), 'utf8')).toBe(text);
    expect(checkAllContent(editorDir)).toEqual([]);
  });
});
