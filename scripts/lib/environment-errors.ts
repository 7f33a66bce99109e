/**
 * Failures of the machine rather than of the content or the build: a full disk, a folder the account may not write,
 * a read-only file system. `npm run publish`, `npm run rollback` and `npm run preview:at` report them in one Chinese
 * sentence, without a stack trace: what to do is the administrator's (free some space, run as the right account),
 * and the sentence says what and where.
 */
import { readFileSync, statfsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';

/** The error codes this module explains. */
export type EnvironmentCode = 'ENOSPC' | 'EDQUOT' | 'EACCES' | 'EPERM' | 'EROFS';

const CODES: ReadonlySet<string> = new Set<EnvironmentCode>(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS']);

/** A failure of the machine found by a check of this project's (not thrown by a system call), with its path. */
export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
  readonly code: EnvironmentCode;
  readonly path: string;

  constructor(code: EnvironmentCode, path: string) {
    super(`${code}: ${path}`);
    this.code = code;
    this.path = path;
  }
}

/** What was being done, for the sentence's start, advice and end. */
export interface Action {
  /** 发布, 回退 or 预览: the message starts 没有<verb>：. */
  verb: string;
  /** The command to run again as the right account, e.g. `npm run publish`. */
  command: string;
  /** What the message ends with, e.g. 网站仍是原来的版本。 */
  outcome: string;
}

/** The folders a path may be in, named in the sentence by what they are. */
export interface Places {
  /** The publish folder (PUBLISH_DIR). */
  publish?: string;
  /** The project folder. */
  project: string;
}

/**
 * The code and path of a machine failure behind `error`, or null when it is something else. Errors passed on from
 * worker threads keep only their message (`ENOSPC: no space left on device, write '…'`): it is read too.
 */
export function environmentFailure(error: unknown): { code: EnvironmentCode; path: string | null } | null {
  if (error instanceof EnvironmentError) return { code: error.code, path: error.path };
  const { code, path, message } = (error ?? {}) as Partial<NodeJS.ErrnoException>;
  if (typeof code === 'string' && CODES.has(code)) return { code: code as EnvironmentCode, path: path ?? null };
  const match = /\b(ENOSPC|EDQUOT|EACCES|EPERM|EROFS)\b[^']*(?:'([^']+)')?/.exec(String(message ?? ''));
  return match ? { code: match[1] as EnvironmentCode, path: match[2] ?? null } : null;
}

/**
 * The sentence for a machine failure, or null when `error` is not one.
 * @example
 * 没有发布：发布目录 /srv/shian-wuqing 所在的磁盘已满（ENOSPC），请清理空间（可删除 releases/ 中不再需要的旧版本）后重试。网站仍是原来的版本。
 */
export function environmentMessage(error: unknown, action: Action, places: Places): string | null {
  const failure = environmentFailure(error);
  if (!failure) return null;
  const path = failure.path ?? places.publish ?? places.project;
  const inPublish = places.publish !== undefined && within(places.publish, path);
  const place = inPublish
    ? `发布目录 ${places.publish}`
    : within(places.project, path)
      ? `项目目录 ${places.project}`
      : path;
  const tidy = inPublish ? '（可删除 releases/ 中不再需要的旧版本）' : '';
  let problem: string;
  switch (failure.code) {
    case 'ENOSPC':
      problem = `${place} 所在的磁盘已满（ENOSPC），请清理空间${tidy}后重试。`;
      break;
    case 'EDQUOT':
      problem = `账号 ${accountName(process.getuid?.() ?? -1)} 在 ${place} 所在磁盘上的配额已用完（EDQUOT），请清理空间${tidy}或提高配额后重试。`;
      break;
    case 'EROFS':
      problem = `${place} 所在的文件系统是只读的（EROFS），无法写入：请把它挂载为可写后重试。`;
      break;
    default:
      problem = permissionProblem(failure.code, path, inPublish ? places.publish! : places.project, inPublish, action);
  }
  return `没有${action.verb}：${problem}${action.outcome}`;
}

/**
 * The first of `paths` whose file system has (almost) no space left for this account, or null. A build that fails
 * on a full disk fails in Astro's own process, which says so in English among its output: this names the disk.
 */
export function fullDisk(paths: readonly string[]): string | null {
  for (const path of paths) {
    try {
      const stats = statfsSync(path);
      if (stats.bavail * stats.bsize < 1024 * 1024) return path;
    } catch {
      // A path that is gone or unreadable says nothing about space.
    }
  }
  return null;
}

/**
 * Who may not write where, and what to do: run as the account that owns the folder (the publish folder, or the
 * project for a preview), or, where that is root or this account already, give the folder to the right account.
 */
function permissionProblem(
  code: EnvironmentCode,
  path: string,
  folder: string,
  publishing: boolean,
  action: Action,
): string {
  const me = accountName(process.getuid?.() ?? -1);
  const target = existingFolder(path);
  folder = existingFolder(folder);
  const owner = ownerOf(folder);
  const what = publishing ? '发布目录' : '项目目录';
  const start = `账号 ${me} 没有写入 ${target} 的权限（${code}）：${action.verb}必须以拥有${what}的账号运行`;
  if (owner && owner !== me && owner !== 'root')
    return (
      `${start}（${folder} 属于 ${owner}），例如以 root 运行 ` +
      `${owner === 'shian' ? '' : `SHIAN_USER=${owner} `}${join(process.cwd(), 'deploy/as-shian')} ${action.command}` +
      `（见 docs/deploy.md“在服务器上安装”）。`
    );
  if (owner === 'root' && me !== 'root')
    return (
      `${start}，而 ${folder} 属于 root：请由管理员把它交给运行${action.verb}的账号` +
      `（例如 chown -R ${me} ${folder}，见 docs/deploy.md“在服务器上安装”）后重试。`
    );
  const targetOwner = ownerOf(target);
  return targetOwner && targetOwner !== me
    ? `${start}，但其中的 ${target} 属于 ${targetOwner}：请由管理员把它交给 ${me}（例如 chown -R ${me} ${target}）后重试。`
    : `${start}，请检查 ${target} 的权限（应可由 ${me} 写入，例如 chmod u+w ${target}）后重试。`;
}

/** The account that owns a path; null if it cannot be read. */
function ownerOf(path: string): string | null {
  try {
    return accountName(statSync(path).uid);
  } catch {
    return null;
  }
}

/**
 * The path itself when it is a folder, else the nearest folder above it that exists (the one whose entries could
 * not be changed, or in which what was to be made could not be).
 */
function existingFolder(path: string): string {
  for (let current = path; ; current = dirname(current)) {
    try {
      if (statSync(current).isDirectory()) return current;
    } catch {
      // Not there (yet): the folder above it is the one.
    }
    if (dirname(current) === current) return current;
  }
}

/** Whether `path` is `folder` or inside it. */
function within(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

/** An account's name (from /etc/passwd), or `uid <n>`. */
function accountName(uid: number): string {
  try {
    if (uid === process.getuid?.()) return userInfo().username;
  } catch {
    // No entry for this account: look it up below, which says `uid <n>` then.
  }
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && Number(id) === uid) return name;
    }
  } catch {
    // No /etc/passwd.
  }
  return `uid ${uid}`;
}
