/**
 * Checks a change to content before it is written (a save from the web editor): the content pipeline runs on the
 * content as it would be after the change, and only the problems the change brings are reported, so a save is not
 * refused for mistakes that were already there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentProblem } from '../content-errors.ts';
import { siteNow } from '../dates.ts';
import { CONTENT_FILES } from './files.ts';
import { loadContent, type ContentOverlay } from './pipeline.ts';

/**
 * Progress reports are added, never rewritten or deleted (a correction is a new report naming the one it corrects):
 * a change that alters or removes a report already on disk is refused.
 */
export function rewrittenReports(root: string, changes: ContentOverlay): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [path, content] of changes) {
    if (!path.startsWith(`${CONTENT_FILES.progress}/`) || !path.endsWith('.yaml')) continue;
    const full = join(root, path);
    if (!existsSync(full)) continue;
    const before = readFileSync(full);
    const after = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (after && before.equals(after)) continue;
    problems.push({
      file: path,
      message:
        '进展报告发布后不能修改或删除。如需更正，请新增一份报告，在“更正的报告”（corrects）中填写这份报告的文件名，' +
        '并在进展说明中写明更正了什么。',
    });
  }
  return problems;
}

/**
 * The problems a change would introduce: the pipeline's problems with the change applied, minus those the content
 * already has (same file, entry, field and message; lines may differ). Nothing is written to disk.
 * @param root the project folder (holding content/ and public/)
 * @param changes the files the change writes (their text or bytes) or deletes (`null`), by path relative to `root`
 *   with forward slashes, e.g. `content/articles/new.mdx` or `public/files/2026/form.pdf`
 * @param options optional settings
 * @param options.now the moment the site is published (decides which articles are public); defaults to
 *   {@link siteNow}, and is the same for the content before and after the change
 * @param options.before the content's problems as it is, when the caller has them already (the pipeline is then run
 *   once, not twice)
 * @returns the new problems, as `npm run check:content` would report them after the change (empty when none)
 */
export function problemsIntroducedBy(
  root: string,
  changes: ContentOverlay,
  options: { now?: Date; before?: readonly ContentProblem[] } = {},
): ContentProblem[] {
  const now = options.now ?? siteNow();
  const rewritten = rewrittenReports(root, changes);
  if (rewritten.length > 0) return rewritten;
  const after = loadContent(root, { now, overlay: changes }).problems;
  if (after.length === 0) return [];
  const before = options.before ?? loadContent(root, { now }).problems;
  // Each problem already there excuses one problem after the change: first one on the same line, then any other.
  const unmatched = new Map<string, ContentProblem[]>();
  for (const problem of before) {
    const key = problemKey(problem);
    const same = unmatched.get(key);
    if (same) same.push(problem);
    else unmatched.set(key, [problem]);
  }
  const excused = new Set<ContentProblem>();
  for (const sameLine of [true, false]) {
    for (const problem of after) {
      if (excused.has(problem)) continue;
      const candidates = unmatched.get(problemKey(problem)) ?? [];
      const index = candidates.findIndex((old) => !sameLine || old.line === problem.line);
      if (index < 0) continue;
      candidates.splice(index, 1);
      excused.add(problem);
    }
  }
  return after.filter((problem) => !excused.has(problem));
}

/** What makes two problems the same wherever their file's lines moved: file, entry, field and message. */
function problemKey(problem: ContentProblem): string {
  // Some entries and messages name the problem's own line (“第 3 行用了制表符…”): that part may move too.
  const ownLine = problem.line ? `第 ${problem.line} 行` : undefined;
  const unlined = (text: string | undefined) => (ownLine && text ? text.replaceAll(ownLine, '第 ? 行') : text);
  return JSON.stringify([problem.file, unlined(problem.entry) ?? '', problem.field ?? '', unlined(problem.message)]);
}
