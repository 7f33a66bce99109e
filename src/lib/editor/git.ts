/**
 * The project's git repository, as the editor service uses it: an approved change is committed (the 编辑 as author,
 * the 审核 as committer and in a `审核：` trailer), pushed when there is a remote `origin`, and the history of
 * content/ and public/files/ is read back for the history pages. git runs with argument arrays (never a shell), and
 * names and e-mails are given per command, so the service needs no global git configuration.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The trailer that names the reviewer in a commit message. */
export const REVIEWER_TRAILER = '审核';

/** What git printed, or why it failed. */
interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs git in `root` with `args`; never throws. */
export function git(root: string, args: readonly string[], env: Record<string, string> = {}): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [...args],
      {
        cwd: root,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C.UTF-8', ...env },
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'buffer',
      },
      (error, stdout, stderr) =>
        resolve({
          ok: !error,
          stdout: stdout.toString('utf8'),
          stderr: stderr.toString('utf8') || String(error ?? ''),
        }),
    );
  });
}

/** A staff member as git records them: the account name, and an address made from it (staff have none in git). */
export function gitIdentity(name: string): { name: string; email: string } {
  return { name, email: `${encodeURIComponent(name).replace(/%/g, '').toLowerCase() || 'staff'}@editor.invalid` };
}

/** What became of a commit: its hash, and whether pushing it failed (in Chinese), or why there is no commit. */
export type CommitOutcome = { ok: true; commit: string; pushProblem: string | null } | { ok: false; problem: string };

/**
 * Commits exactly `paths` (written or deleted) with `author` as author and `reviewer` as committer, then pushes to
 * `origin` when the repository has one (a failed push is reported, the commit stays).
 */
export async function commitReviewed(
  root: string,
  paths: readonly string[],
  people: { author: string; reviewer: string },
  message: string,
): Promise<CommitOutcome> {
  const author = gitIdentity(people.author);
  const reviewer = gitIdentity(people.reviewer);
  const env = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: reviewer.name,
    GIT_COMMITTER_EMAIL: reviewer.email,
  };
  // A private index holding the last commit plus exactly these paths: whatever else is staged or changed in the
  // working copy never rides along.
  const index = join(tmpdir(), `shian-index-${process.pid}-${randomBytes(6).toString('hex')}`);
  const withIndex = { ...env, GIT_INDEX_FILE: index };
  try {
    const hasHead = (await git(root, ['rev-parse', '--verify', '-q', 'HEAD'])).ok;
    const steps: string[][] = [
      hasHead ? ['read-tree', 'HEAD'] : ['read-tree', '--empty'],
      ['add', '--all', '--', ...paths.filter((path) => existsSync(join(root, path)))],
      ['rm', '--cached', '-q', '--ignore-unmatch', '--', ...paths.filter((path) => !existsSync(join(root, path)))],
      [
        '-c',
        'commit.gpgSign=false',
        'commit',
        '--no-verify',
        '--allow-empty',
        '-q',
        '-m',
        `${message}\n\n${REVIEWER_TRAILER}：${people.reviewer}\n`,
      ],
    ];
    for (const args of steps) {
      if (args.at(-1) === '--') continue;
      const done = await git(root, args, withIndex);
      if (!done.ok)
        return {
          ok: false,
          problem: `内容已写入，但没能记入版本库（git ${gitCommand(args)}）：${done.stderr.trim()}`,
        };
    }
  } finally {
    rmSync(index, { force: true });
  }
  // The working copy's own index learns the new commit for these paths.
  await git(root, ['reset', '-q', '--', ...paths]);
  const head = await git(root, ['rev-parse', 'HEAD']);
  const remote = await git(root, ['remote', 'get-url', 'origin']);
  let pushProblem: string | null = null;
  if (remote.ok) {
    const pushed = await git(root, ['push', 'origin', 'HEAD']);
    if (!pushed.ok)
      pushProblem = `已记入本机版本库，但没能推送到远程仓库 origin（${pushed.stderr.trim()}）。请技术人员检查网络或权限后运行 git push。`;
  }
  return { ok: true, commit: head.stdout.trim(), pushProblem };
}

/** The git command of an argument list (after its `-c` options), for messages. */
const gitCommand = (args: readonly string[]) => args.find((arg) => !arg.startsWith('-') && !arg.includes('='));

/** One change in the history: who wrote it, who approved it, when, and which files. */
export interface HistoryItem {
  commit: string;
  author: string;
  /** The 审核 named in the message, or the committer when the commit has no such trailer. */
  reviewer: string | null;
  /** ISO time of the commit. */
  date: string;
  subject: string;
  files: string[];
}

const SEPARATOR = '\u001e';
const FIELD = '\u001f';

/**
 * The last `limit` commits touching `paths` (files or folders), newest first.
 */
export async function history(root: string, paths: readonly string[], limit = 100): Promise<HistoryItem[]> {
  const format = [SEPARATOR + '%H', '%an', '%cn', '%cI', '%s', '%b'].join(FIELD);
  const log = await git(root, [
    '-c',
    'core.quotepath=false',
    'log',
    `-n${limit}`,
    `--format=${format}${FIELD}`,
    '--name-only',
    '--no-renames',
    '--',
    ...paths,
  ]);
  if (!log.ok) return [];
  return log.stdout
    .split(SEPARATOR)
    .filter((record) => record.trim() !== '')
    .map((record) => {
      const [commit, author, committer, date, subject, body, names] = record.split(FIELD) as string[];
      const trailer = new RegExp(`^${REVIEWER_TRAILER}：(.+)$`, 'm').exec(body ?? '')?.[1]?.trim();
      return {
        commit: commit!,
        author: author!,
        reviewer: trailer ?? (committer !== author ? committer! : null),
        date: date!,
        subject: subject!,
        files: (names ?? '').split('\n').filter((name) => name.trim() !== ''),
      };
    });
}

/** A file's bytes at a commit, or null when it did not exist there. */
export async function fileAt(root: string, commit: string, path: string): Promise<Buffer | null> {
  if (!/^[0-9a-f]{7,64}$/.test(commit)) return null;
  return new Promise((resolve) => {
    execFile(
      'git',
      ['show', `${commit}:${path}`],
      { cwd: root, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => resolve(error ? null : stdout),
    );
  });
}
