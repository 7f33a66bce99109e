/**
 * The parser-disagreement corpus and the bad-files corpus sent to the web editor: every case that the editor could be
 * asked to write is uploaded (persistMedia, the path an attacker would take: any bytes to any path) and, when its
 * bytes are text, saved as an entry too (persistEntry, as Decap saves an article or a list), one request at a time,
 * to the editor's real server (src/lib/editor/proxy.ts) on a copy of the fixture site's content. Each request is
 * refused (422) with the editor's Chinese problem list, which is exactly what `check:content` reports once the same
 * bytes are in the files (so it names the case's file, and its line where it has one), and nothing on disk changes.
 * No build here: the editor's check is the content pipeline, in-process.
 *
 * Where each family of the issue's corpus is refused (its first “Done when” point asks for at least 40 cases refused
 * by all three; the counts are asserted below):
 * - parser disagreement, 39 cases (tests/helpers/parser-cases.ts): check:content 39 and the build 34, in
 *   parser-corpus.test.ts (the 5 that change a shared list are checked one copy each, without a build); the editor
 *   39, here.
 * - file types and links, 16 cases (tests/helpers/bad-files.ts, BAD_FILE_BATCHES.files): check:content 16 and the
 *   build 16, in corpus-files.test.ts; the editor 9, here (the 7 links: see below).
 * - paths and names, 11 cases (tests/helpers/bad-files.ts, BAD_FILE_BATCHES.paths): check:content 11 and the build
 *   11, in corpus-files.test.ts; the editor 11, here.
 * - the editor family, 8 cases (tests/helpers/editor-server.ts, EDITOR_CASES): the editor 8 and check:content 8 (the
 *   same bytes written in the files), in editor-server.test.ts; the build 7, in corpus.test.ts (EDITOR_BAD_CONTENT:
 *   the deletion of towns.yaml has no line and is not built).
 * Refused by all three, each named with its file (and line, where it has one): 34 + 9 + 11 + 7 = 61 cases. Refused
 * by check:content and the editor: 67 of the 74 (all but the 7 links).
 *
 * Not expressible as an editor write: the 7 symbolic-link cases. Decap's API has no action that makes a link (an
 * upload writes bytes to a path), so the editor cannot be asked to create one. What it can be asked is to write
 * onto or through a link someone committed: the links of this corpus are put in the editor's copy and each is
 * refused below (except the one to /etc/passwd in public/files/: the tests run as root and never aim a write at a
 * system file; link-to-outside-pdf-in-files is the same kind of link). The general rule — nothing written through a
 * linked folder, onto a linked file, or deleted through a link — is tested in editor-server.test.ts (“nothing is
 * written outside content/ and public/files/”).
 *
 * Some cases are refused by the editor for their path before their bytes are checked (an .html, .js, .svg or .xml
 * attachment, an .svg picture, a plan's plan.txt: files the editor may not write at all); the refusal names the file,
 * and check:content refuses the same bytes in the files with the case's own message and line.
 */
import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { checkAllContent } from '../../src/lib/content/pipeline.ts';
import { currentText } from '../../src/lib/content/write-change.ts';
import { keepHeaderComments, unwritableReason } from '../../src/lib/editor/paths.ts';
import { BAD_FILE_BATCHES, fillOutside } from '../helpers/bad-files.ts';
import { FIXTURE_SITE } from '../helpers/build.ts';
import {
  EDITOR_CASES,
  fixtureContentCopy,
  persistEntry,
  persistMedia,
  startEditorServer,
  type EditorRequest,
  type EditorServer,
} from '../helpers/editor-server.ts';
import { markerFile, markerFiles, NEW_FILE_CASES, SHARED_FILE_CASES } from '../helpers/parser-cases.ts';

/** A case of either corpus, as this test uses it. */
interface CorpusCase {
  family: 'parser' | 'files' | 'paths';
  name: string;
  /** The file the problem is reported in. */
  file: string;
  /** Its line, when the mistake is on one. */
  line?: number;
  /** A part of the Chinese message. */
  message: string;
  apply: (dir: string, outside: string) => void;
}

const PARSER: CorpusCase[] = [...NEW_FILE_CASES, ...SHARED_FILE_CASES].map((badCase) => ({
  ...badCase,
  family: 'parser',
  apply: (dir) => badCase.apply(dir),
}));
const FILES: CorpusCase[] = BAD_FILE_BATCHES.files.map((badCase) => ({ ...badCase, family: 'files' }));
const PATHS: CorpusCase[] = BAD_FILE_BATCHES.paths.map((badCase) => ({ ...badCase, family: 'paths' }));
/** A case that puts a symbolic link in place: not something the editor can be asked to make. */
const isLink = (badCase: CorpusCase) => badCase.message.includes('符号链接');
/** Every case the editor can be asked to write. */
const WRITABLE_CASES = [...PARSER, ...FILES, ...PATHS].filter((badCase) => !isLink(badCase));
const LINK_CASES = FILES.filter(isLink);

/** What a path under content/ or public/ holds: a file's bytes, a folder, or a link's target. */
type Entry = { kind: 'file'; bytes: Buffer } | { kind: 'folder' } | { kind: 'link'; target: string };

/** Everything under content/ and public/ of `dir`, by path relative to it; links are listed, never followed. */
function snapshot(dir: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const visit = (folder: string) => {
    for (const name of readdirSync(join(dir, folder)).sort()) {
      const path = `${folder}/${name}`;
      const stats = lstatSync(join(dir, path));
      if (stats.isSymbolicLink()) entries.set(path, { kind: 'link', target: readlinkSync(join(dir, path)) });
      else if (stats.isDirectory()) {
        entries.set(path, { kind: 'folder' });
        visit(path);
      } else entries.set(path, { kind: 'file', bytes: readFileSync(join(dir, path)) });
    }
  };
  for (const folder of ['content', 'public']) visit(folder);
  return entries;
}

/** A snapshot as lines (path, kind, a file's hash): equal lines, equal trees and bytes. */
function treeLines(entries: Map<string, Entry>): string[] {
  return [...entries].map(([path, entry]) =>
    entry.kind === 'file'
      ? `${path} ${createHash('sha256').update(entry.bytes).digest('hex')}`
      : `${path} ${entry.kind}${entry.kind === 'link' ? ` → ${entry.target}` : ''}`,
  );
}

/** Puts `dir` back as `entries` holds it: what was added is removed, what was changed or removed is written back. */
function restore(dir: string, entries: Map<string, Entry>): void {
  for (const path of [...snapshot(dir).keys()].reverse())
    if (!entries.has(path)) rmSync(join(dir, path), { recursive: true, force: true });
  const now = snapshot(dir);
  for (const [path, entry] of entries) {
    const current = now.get(path);
    if (entry.kind === 'folder') mkdirSync(join(dir, path), { recursive: true });
    else if (entry.kind === 'file' && !(current?.kind === 'file' && current.bytes.equals(entry.bytes))) {
      rmSync(join(dir, path), { recursive: true, force: true });
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), entry.bytes);
    }
  }
}

/** The files a case writes: those it adds or changes, with their bytes. */
function writtenBy(before: Map<string, Entry>, after: Map<string, Entry>): Map<string, Buffer> {
  const written = new Map<string, Buffer>();
  for (const [path, entry] of after) {
    const old = before.get(path);
    if (entry.kind === 'link') throw new Error(`corpus-editor: ${path} is a link`);
    const same = old?.kind === 'file' && entry.kind === 'file' && old.bytes.equals(entry.bytes);
    if (entry.kind === 'file' && !same) written.set(path, entry.bytes);
  }
  return written;
}

/** Whether a formatted problem is the case's: its file, its line (when it has one), its message. */
function matches(problem: string, badCase: { file: string; line?: number; message: string }): boolean {
  if (!problem.includes(badCase.message)) return false;
  const where = `文件 ${badCase.file}${badCase.line ? ` 第 ${badCase.line} 行` : ''}`;
  // The line follows the file, or opens the message (the YAML reader's own wording: “第 3 行用了制表符…”).
  return (
    problem.startsWith(`${where}：`) ||
    problem.startsWith(`${where}，`) ||
    (badCase.line !== undefined && problem.startsWith(`文件 ${badCase.file}：第 ${badCase.line} 行`))
  );
}

/** Whether a formatted problem names `file` (on any line) with `message`. */
function about(problem: string, file: string, message: string): boolean {
  return [' ', '：', '，'].some((next) => problem.startsWith(`文件 ${file}${next}`)) && problem.includes(message);
}

/** The problems a refused change is answered with (422, the editor's Chinese summary, the list in full). */
async function refusal(response: Response): Promise<string[]> {
  expect(response.status).toBe(422);
  const body = (await response.json()) as { error: string; problems: string[] };
  expect(body.error).toMatch(/^没有保存：共 \d+ 处问题，请修改后再保存。/);
  expect(body.problems.length).toBeGreaterThan(0);
  return body.problems;
}

/** One request the editor is sent for a case, and the bytes it would write if nothing checked it. */
interface CaseRequest {
  kind: 'persistMedia' | 'persistEntry';
  request: EditorRequest;
  /** The file and the bytes written to it. */
  path: string;
  bytes: Buffer;
}

/**
 * The editor's requests for one file of a case: its upload, and an entry save when the bytes are text (the editor
 * keeps a replaced file's header comments on an entry save, so those bytes may differ from the case's).
 */
function requestsFor(dir: string, path: string, bytes: Buffer): CaseRequest[] {
  const requests: CaseRequest[] = [{ kind: 'persistMedia', request: persistMedia(path, bytes), path, bytes }];
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes)) {
    const saved = Buffer.from(keepHeaderComments(currentText(dir, path), text), 'utf8');
    requests.push({ kind: 'persistEntry', request: persistEntry(path, text), path, bytes: saved });
  }
  return requests;
}

let editor: EditorServer;
/** The editor's copy of the fixture content: never changed, every request is refused. */
let editorDir = '';
/** What both copies hold when they start. */
let pristine = new Map<string, Entry>();
/** A second copy, where a case's bytes are written for check:content, then taken away again. */
let diskDir = '';
/** A folder outside the project, for the links to point at. */
const outside = mkdtempSync(join(tmpdir(), 'corpus-editor-outside-'));
const cleanup: Array<() => void | Promise<void>> = [() => rmSync(outside, { recursive: true, force: true })];

beforeAll(async () => {
  fillOutside(outside, {
    pdf: readFileSync(join(FIXTURE_SITE, 'public/files/2025/test-attachment.pdf')),
    png: readFileSync(join(FIXTURE_SITE, 'public/files/2025/test-figure.png')),
  });
  const editorCopy = fixtureContentCopy('corpus-editor-');
  const diskCopy = fixtureContentCopy('corpus-editor-disk-');
  cleanup.push(editorCopy.remove, diskCopy.remove);
  editorDir = editorCopy.dir;
  diskDir = diskCopy.dir;
  editor = await startEditorServer(editorDir);
  cleanup.push(() => editor.close());
  pristine = snapshot(editorDir);
  // Both copies start alike: the disk copy is put back to this state after each case.
  expect(treeLines(snapshot(diskDir))).toEqual(treeLines(pristine));
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** check:content on the disk copy with `files` written in it; the copy is put back afterwards. */
function checkedWith(files: Map<string, Buffer>): string[] {
  try {
    for (const [path, bytes] of files) {
      mkdirSync(dirname(join(diskDir, path)), { recursive: true });
      writeFileSync(join(diskDir, path), bytes);
    }
    return checkAllContent(diskDir).map(formatProblem);
  } finally {
    restore(diskDir, pristine);
  }
}

it('the families have the counts the header gives, and at least 40 cases are refused by all three', () => {
  expect([PARSER.length, FILES.length, PATHS.length, EDITOR_CASES.length], 'update the header comment').toEqual([
    39, 16, 11, 8,
  ]);
  expect(LINK_CASES.length).toBe(7);
  for (const family of [PARSER, FILES, PATHS])
    expect(new Set(family.map((badCase) => badCase.name)).size).toBe(family.length);
  const builtEditorCases = EDITOR_CASES.filter((editorCase) => editorCase.line !== undefined);
  // Refused by check:content and the editor: the cases of this file, and the editor family.
  expect(WRITABLE_CASES.length + EDITOR_CASES.length).toBe(67);
  // Refused by all three: less the shared lists and the editor's deletion of towns.yaml (neither is built).
  const refusedByAll = WRITABLE_CASES.length - SHARED_FILE_CASES.length + builtEditorCases.length;
  expect(refusedByAll).toBe(61);
  expect(refusedByAll).toBeGreaterThanOrEqual(40);
});

it('the editor’s copy has no problem: nothing a case brings can be excused as “already there”', () => {
  // The editor's check reports only the problems a change brings (problemsIntroducedBy): on content without any,
  // every problem of a case must be in its answer (asserted for each case below), and no case can be accepted.
  expect(checkAllContent(editorDir).map(formatProblem)).toEqual([]);
});

describe.each(WRITABLE_CASES.map((badCase) => ({ id: `${badCase.family}/${badCase.name}`, badCase })))(
  '$id',
  ({ badCase }) => {
    let written = new Map<string, Buffer>();
    let checked: string[] = [];
    beforeAll(() => {
      // The case as someone with write access would leave it in the files: what check:content and the build see.
      try {
        badCase.apply(diskDir, outside);
        written = writtenBy(pristine, snapshot(diskDir));
        checked = checkAllContent(diskDir).map(formatProblem);
      } finally {
        restore(diskDir, pristine);
      }
    });

    it('is refused by check:content with its file (and line)', () => {
      expect(written.has(badCase.file), [...written.keys()].join(', ')).toBe(true);
      expect(checked.filter((problem) => matches(problem, badCase)), checked.join('\n')).not.toEqual([]);
    });

    it('is refused by the editor, upload and entry save alike, and nothing on disk changes', async () => {
      const requests = requestsFor(editorDir, badCase.file, written.get(badCase.file)!);
      expect(requests.length).toBeGreaterThan(0);
      for (const { kind, request, path, bytes } of requests) {
        const problems = await refusal(await editor.post(request));
        expect(treeLines(snapshot(editorDir)), `${kind} changed the files`).toEqual(treeLines(pristine));
        if (unwritableReason(path) !== null) {
          // A file the editor may not write at all: refused for its path, naming it.
          expect(problems.join('\n'), kind).toContain(`“${path}”`);
          continue;
        }
        // One verdict: exactly what check:content reports once the same bytes are in the files, nothing excused.
        const expected = checkedWith(new Map([[path, bytes]]));
        expect([...problems].sort(), kind).toEqual([...expected].sort());
        // An entry save that kept the file's header comments moved the lines: the case's file and message remain.
        const named = problems.filter((problem) =>
          bytes.equals(written.get(path)!) ? matches(problem, badCase) : about(problem, path, badCase.message),
        );
        expect(named, `${kind}:\n${problems.join('\n')}`).not.toEqual([]);
      }
    });
  },
);

it('no code hidden in a case ran while checking (no marker file appeared)', () => {
  expect(markerFiles.length).toBeGreaterThanOrEqual(5);
  for (const dir of [diskDir, editorDir])
    expect(markerFiles.filter((name) => lstatOrNull(markerFile(dir, name)))).toEqual([]);
});

/** Whether something is at `path` (without following a link). */
function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

describe('the link cases: the editor cannot make a link, and writes nothing onto or through one', () => {
  /** A write aimed at each link of the corpus: onto a linked file, or into a linked folder. */
  const aimedAt: Record<string, EditorRequest | string> = {
    'link-to-passwd-in-files': 'never aimed at a system file (the tests run as root); see link-to-outside-pdf-in-files',
    'link-to-outside-pdf-in-files': persistMedia('public/files/2025/outside.pdf', '%PDF-1.4\n% 覆盖\n'),
    'link-to-outside-folder-in-files': persistMedia('public/files/outside/new.pdf', '%PDF-1.4\n% 新文件\n'),
    'link-to-passwd-in-public': persistMedia('public/help/passwd.txt', '覆盖'),
    'link-to-outside-picture-in-images': persistMedia('content/articles/images/outside.png', '覆盖'),
    'link-to-outside-folder-in-images': persistMedia('content/articles/images/outside/new.png', '新文件'),
    'link-to-outside-article': persistEntry('content/articles/outside-article.mdx', '---\ntitle: 覆盖\n---\n'),
  };

  it('every link case has a write aimed at it, or a reason why not', () => {
    expect(Object.keys(aimedAt).sort()).toEqual(LINK_CASES.map((badCase) => badCase.name).sort());
  });

  it.each(LINK_CASES.filter((badCase) => typeof aimedAt[badCase.name] !== 'string').map((c) => [c.name, c]))(
    '%s: a write onto or through it is refused, outside and inside nothing changes',
    async (_name, badCase) => {
      const outsideBefore = treeLines(snapshotFolder(outside));
      badCase.apply(editorDir, outside);
      try {
        const withLink = snapshot(editorDir);
        const problems = await refusal(await editor.post(aimedAt[badCase.name] as EditorRequest));
        // A link under content/ or public/files/ is named as one; public/help/ is not the editor's at all.
        expect(problems.join('\n')).toMatch(badCase.file.startsWith('public/help/') ? /不能写/ : /符号链接/);
        expect(treeLines(snapshot(editorDir))).toEqual(treeLines(withLink));
      } finally {
        restore(editorDir, pristine);
      }
      // Taking the link away removed the link only.
      expect(treeLines(snapshot(editorDir))).toEqual(treeLines(pristine));
      expect(treeLines(snapshotFolder(outside))).toEqual(outsideBefore);
    },
  );
});

/** The plain files of a folder outside the project, by name. */
function snapshotFolder(dir: string): Map<string, Entry> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((name) => [name, { kind: 'file', bytes: readFileSync(join(dir, name)) } as Entry]),
  );
}
