/**
 * npm run rollback — serves an earlier publish again, by pointing the `current` link of the publish folder
 * (PUBLISH_DIR, by default `site/`; layout in scripts/lib/releases.ts) at one of the kept releases, atomically:
 *
 *   npm run rollback                  one release back from the one served, in time order (run again: one more back)
 *   npm run rollback -- <name>        that release, back or forward (e.g. to the newest again)
 *   npm run rollback -- --list        the kept releases, newest first, the one served marked
 *
 * The release switched to is checked first (scripts/lib/built-site.ts); `previous` then points to the one served
 * before the switch. The publish lock keeps a rollback and a publish apart; listing changes nothing and takes no lock.
 *
 * Note that the daily publish (deploy/shian-wuqing-publish.timer) builds from content/ again: to keep the older site,
 * correct or revert the content that caused the rollback before the next run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkBuiltSite } from './lib/built-site.ts';
import { environmentMessage } from './lib/environment-errors.ts';
import { acquireLock, LockHeldError } from './lib/lock.ts';
import {
  compareReleases,
  completeReleases,
  linkedRelease,
  pointTo,
  publishDir,
  publishLayout,
  type PublishLayout,
} from './lib/releases.ts';

/** How a machine failure (a full disk, a folder that may not be written) is told: environment-errors.ts. */
const ROLLING_BACK = { verb: '回退', command: 'npm run rollback', outcome: '网站保持不变。' };

const USAGE =
  '用法：npm run rollback（回退一个版本）、npm run rollback -- <版本名>（切换到该版本，例如 20260101-000500）' +
  '或 npm run rollback -- --list（列出保留的版本）。';

/** What the command line asks for. */
type Request = { kind: 'back' } | { kind: 'to'; name: string } | { kind: 'list' };

/** Reads the command line; null when it is not one of the three forms. */
function parseArguments(argv: readonly string[]): Request | null {
  if (argv.length === 0) return { kind: 'back' };
  if (argv.length > 1) return null;
  if (argv[0] === '--list') return { kind: 'list' };
  // `releases/<name>/`, as the link shows it, is accepted too.
  const name = argv[0]!.replace(/^releases\//, '').replace(/\/$/, '');
  return name && !name.startsWith('-') && !name.includes('/') ? { kind: 'to', name } : null;
}

/**
 * Rolls back (or lists) the publish folder of the project in `root`; returns the exit code.
 * @param argv the arguments after `npm run rollback --`
 * @param env PUBLISH_DIR
 */
export function main(
  argv: readonly string[] = process.argv.slice(2),
  root = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): number {
  const request = parseArguments(argv);
  if (!request) {
    console.error(USAGE);
    return 2;
  }
  const layout = publishLayout(publishDir(root, env));
  if (!existsSync(layout.releases)) {
    console.error(
      `没有${request.kind === 'list' ? '版本可列出' : '回退'}：${layout.root} 中还没有发布过的版本` +
        '（请确认 PUBLISH_DIR 与发布时相同）。',
    );
    return 1;
  }
  if (request.kind === 'list') return list(layout);
  let release: (() => void) | null = null;
  try {
    release = acquireLock(layout.lock);
    return switchTo(layout, request);
  } catch (error) {
    if (error instanceof LockHeldError) {
      console.error(`没有回退：${error.message}`);
      return 1;
    }
    const machine = environmentMessage(error, ROLLING_BACK, { publish: layout.root, project: root });
    console.error(machine ?? `回退出错：${(error as Error).message}\n网站保持不变。`);
    return 1;
  } finally {
    release?.();
  }
}

/** Prints the kept releases, newest first, marking the one served. */
function list(layout: PublishLayout): number {
  let served: string | null;
  let previous: string | null;
  try {
    served = linkedRelease(layout, layout.current);
    previous = linkedRelease(layout, layout.previous);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const releases = completeReleases(layout).reverse();
  if (releases.length === 0) {
    console.log(`${layout.releases} 中没有完整的版本。`);
    return 0;
  }
  console.log(`${layout.releases} 中保留的版本（最新的在前，* 为正在对外提供的版本）：`);
  for (const name of releases) {
    const notes = [name === served ? '当前' : '', name === previous ? '上一次切换前的版本' : ''].filter(Boolean);
    console.log(`${name === served ? '*' : ' '} ${name}${notes.length > 0 ? `  （${notes.join('，')}）` : ''}`);
  }
  if (served && !releases.includes(served)) console.log(`current 指向的 releases/${served} 已不存在。`);
  else if (served && served !== releases[0])
    console.log(`正在提供的不是最新版本；恢复最新版本：npm run rollback -- ${releases[0]}`);
  return 0;
}

/** Points `current` at the release asked for, after checking it; call it holding the lock. */
function switchTo(layout: PublishLayout, request: Exclude<Request, { kind: 'list' }>): number {
  const served = linkedRelease(layout, layout.current);
  const releases = completeReleases(layout);
  const listing = '（保留的版本：npm run rollback -- --list）';
  let target: string;
  if (request.kind === 'back') {
    if (!served) {
      console.error(`没有回退：${layout.root} 中还没有对外提供的版本（current 不存在）。网站保持不变。`);
      return 1;
    }
    const older = releases.filter((name) => compareReleases(name, served) < 0).at(-1);
    if (!older) {
      console.error(
        `没有回退：正在提供的 releases/${served} 已是保留的最早版本，没有更早的版本${listing}。网站保持不变。`,
      );
      return 1;
    }
    target = older;
  } else {
    if (!releases.includes(request.name)) {
      console.error(`没有回退：${layout.releases} 中没有完整的版本 ${request.name}${listing}。网站保持不变。`);
      return 1;
    }
    if (request.name === served) {
      console.log(`releases/${served} 已是正在对外提供的版本，网站保持不变。`);
      return 0;
    }
    target = request.name;
  }

  const report = checkBuiltSite(join(layout.releases, target));
  if (report.problems.length > 0) {
    console.error(
      `没有回退：版本 releases/${target} 不完整，网站保持不变：\n` +
        report.problems.map((problem, index) => `  ${index + 1}. ${problem}`).join('\n'),
    );
    return 1;
  }
  // `previous` first: a kill between the two renames leaves both on the build served before, still whole.
  if (served && existsSync(join(layout.releases, served))) pointTo(layout.previous, served);
  pointTo(layout.current, target);

  const newest = releases.at(-1)!;
  const back = !served || compareReleases(target, served) < 0;
  const hints = [
    target !== newest ? `恢复最新版本：npm run rollback -- ${newest}` : '这是最新的版本',
    releases[0] !== target ? '再运行 npm run rollback 会再退一个版本' : '',
  ].filter(Boolean);
  console.log(
    `${back ? '已回退' : '已切换到较新的版本'}：${layout.current} → releases/${target}。${hints.join('；')}。` +
      '注意：下一次发布会按 content/ 重新构建网站。',
  );
  return 0;
}

if (import.meta.main) process.exitCode = main();
