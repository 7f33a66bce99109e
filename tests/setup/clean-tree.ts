/**
 * Vitest global setup: a test run never changes the working tree. It notes `git status --porcelain` when the run
 * starts and fails the run if it differs at the end (a test that wrote into docs/, content/ or any tracked or
 * unignored path). Tests write only under ignored folders (tests/.tmp/, node_modules/.cache/) or the system's
 * temporary folder. CI also checks that the status is empty after `npm test` (.ci/run).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The working tree's changes as git reports them; null outside a git checkout (a copy of the project). */
export function treeStatus(root = ROOT): string | null {
  try {
    return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
  } catch {
    return null;
  }
}

export default function setup(): () => void {
  const before = treeStatus();
  return () => {
    const after = treeStatus();
    if (before === null || after === null || after === before) return;
    const lines = (text: string) => new Set(text.split('\n').filter(Boolean));
    const was = lines(before);
    const changed = [...lines(after)].filter((line) => !was.has(line));
    const gone = [...was].filter((line) => !lines(after).has(line));
    throw new Error(
      `测试改动了工作区（测试只应写入 tests/.tmp/ 等被忽略的目录）：\n${[...changed, ...gone.map((line) => `(不再是) ${line}`)].join('\n')}`,
    );
  };
}
