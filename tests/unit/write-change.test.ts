/**
 * The one writer's own rules (src/lib/content/write-change.ts): changes to a project run one at a time, in order, and a
 * failed one does not stop the next; a path is judged on the disk as it is, never through a symbolic link.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serialised, writePathProblem } from '../../src/lib/content/write-change.ts';

const root = mkdtempSync(join(tmpdir(), 'write-change-'));
const outside = mkdtempSync(join(tmpdir(), 'write-change-outside-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});
mkdirSync(join(root, 'content/articles/images'), { recursive: true });
mkdirSync(join(root, 'public'), { recursive: true });
writeFileSync(join(root, 'content/towns.yaml'), '[]\n');
writeFileSync(join(outside, 'target.png'), 'x');
symlinkSync(outside, join(root, 'content/linked'));
symlinkSync(join(outside, 'target.png'), join(root, 'content/articles/images/link.png'));

describe('serialised', () => {
  it('runs the tasks of one project one at a time, in the order they came, whatever each takes', async () => {
    const log: string[] = [];
    const task = (name: string, turns: number) => async () => {
      log.push(`${name} starts`);
      // Yield to the event loop a few times: another task would start here if the queue let it.
      for (let turn = 0; turn < turns; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      log.push(`${name} ends`);
      return name;
    };
    const results = await Promise.all([serialised(root, task('a', 5)), serialised(root, task('b', 0))]);
    expect(results).toEqual(['a', 'b']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
  });

  it('a task that fails gives its error to its caller, and the next one still runs', async () => {
    const failed = serialised(root, () => {
      throw new Error('失败');
    });
    const next = serialised(root, () => '下一个');
    await expect(failed).rejects.toThrow('失败');
    await expect(next).resolves.toBe('下一个');
  });
});

describe('writePathProblem', () => {
  it.each([
    'content/articles/new.mdx',
    'content/articles/images/new-folder/cover.png',
    'content/towns.yaml',
    'public/files/2026/form.pdf',
  ])('%s may be written', (path) => expect(writePathProblem(root, path)).toBeNull());

  it.each([
    ['content/../package.json', /不是项目里的普通文件路径/],
    [`${outside}/x.png`, /不是项目里的普通文件路径/],
    ['content/.hidden.yaml', /不是项目里的普通文件路径/],
    ['content\\towns.yaml', /不是项目里的普通文件路径/],
    ['src/pages/x.astro', /只能写入 content\/ 和 public\/files\//],
    ['public/index.html', /只能写入 content\/ 和 public\/files\//],
    ['content/linked/x.yaml', /“content\/linked”是符号链接/],
    ['content/articles/images/link.png', /“content\/articles\/images\/link\.png”是符号链接/],
    ['content/towns.yaml/x.yaml', /“content\/towns\.yaml”是文件，不是文件夹/],
    ['content/articles', /这是一个文件夹，不是文件/],
  ])('%s may not: %s', (path, message) => expect(writePathProblem(root, path)).toMatch(message));

  it('a link itself may be deleted (that removes only the link), never anything through one', () => {
    expect(writePathProblem(root, 'content/articles/images/link.png', 'delete')).toBeNull();
    expect(writePathProblem(root, 'content/linked/target.png', 'delete')).toMatch(/符号链接/);
  });

  it('a content folder that is itself a link is refused', () => {
    const other = mkdtempSync(join(tmpdir(), 'write-change-root-'));
    try {
      symlinkSync(join(root, 'content'), join(other, 'content'));
      expect(writePathProblem(other, 'content/towns.yaml')).toMatch(/“content”是符号链接/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
