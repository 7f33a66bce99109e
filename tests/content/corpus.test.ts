/**
 * The bad-content corpus (tests/helpers/bad-content.ts, and the editor family of tests/helpers/editor-server.ts: what
 * the editor refuses, written straight to the files), each case in a copy of the fixture site: `npm run
 * check:content` and `astro build` both reject it, both name its file and line, and they report exactly the same
 * problems. They run the same pipeline (src/lib/content/pipeline.ts); this proves it.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { checkAllContent } from '../../src/lib/content/pipeline.ts';
import { BAD_CONTENT, batches } from '../helpers/bad-content.ts';
import { build, prepareCopy, SCRATCH } from '../helpers/build.ts';
import { EDITOR_BAD_CONTENT } from '../helpers/editor-server.ts';

/** Every case built: the corpus, and the editor's refusals as the same bytes in the files. */
const CASES = [...BAD_CONTENT, ...EDITOR_BAD_CONTENT];

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** The numbered problem lines of a failed build's output (the same formatting check:content prints). */
function reported(output: string): string[] {
  return [...output.matchAll(/^\s*\d+\. (文件 .+)$/gm)].map((match) => match[1]!.trim());
}

/** Whether a formatted problem is the case's: its file, its line (when the case names one), its message. */
function matches(line: string, badCase: (typeof CASES)[number]): boolean {
  if (!line.startsWith(`文件 ${badCase.file}`) || !line.includes(badCase.message)) return false;
  // The line is given after the file, or opens the message (the YAML reader's own wording: “第 3 行用了制表符…”).
  const at = `第 ${badCase.line} 行`;
  return line.startsWith(`文件 ${badCase.file} ${at}`) || line.startsWith(`文件 ${badCase.file}：${at}`);
}

it('the corpus has at least 60 cases, with unique names, across every kind of content', () => {
  expect(BAD_CONTENT.length).toBeGreaterThanOrEqual(60);
  expect(new Set(BAD_CONTENT.map((badCase) => badCase.name)).size).toBe(BAD_CONTENT.length);
  expect(BAD_CONTENT.filter((badCase) => !(badCase.line > 0)).map((badCase) => badCase.name)).toEqual([]);
  const kinds = new Set(BAD_CONTENT.map((badCase) => badCase.file.split('/')[1]!.replace(/\.yaml$/, '')));
  for (const kind of ['plans', 'departments', 'targets', 'towns', 'restaurants', 'redblack', 'campaigns', 'articles'])
    expect(kinds).toContain(kind);
});

describe.each(batches(CASES).map((group, index) => ({ index, group })))('copy $index', ({ index, group }) => {
  let checked: string[] = [];
  let built: { status: number | null; output: string } = { status: null, output: '' };
  let fromBuild: string[] = [];
  beforeAll(() => {
    const dir = prepareCopy(`corpus-${index}`, (copy) => {
      for (const badCase of group) badCase.apply(copy);
    });
    checked = checkAllContent(dir).map(formatProblem);
    built = build(dir);
    fromBuild = reported(built.output);
  }, 240_000);

  it('check:content and the build both fail, with the same problems', () => {
    expect(checked.length).toBeGreaterThan(0);
    expect(built.status, built.output.slice(-3000)).not.toBe(0);
    expect([...fromBuild].sort()).toEqual([...checked].sort());
    // The build stopped before writing any page.
    expect(built.output).not.toMatch(/\d+ page\(s\) built/);
  });

  it.each(group.map((badCase) => [badCase.name, badCase]))('%s is named with its file and line', (_name, badCase) => {
    expect(
      checked.filter((line) => matches(line, badCase)),
      checked.filter((line) => line.includes(badCase.file)).join('\n'),
    ).not.toEqual([]);
    expect(fromBuild.some((line) => matches(line, badCase))).toBe(true);
  });
});
