/**
 * npm run editor:user — manages the editor service's accounts (src/lib/editor/accounts.ts), so nobody edits the
 * accounts file by hand. Run it as the service account on the server (deploy/as-shian npm run editor:user -- …):
 *
 *   npm run editor:user -- add 张三 --role 编辑        asks for the password twice (hidden)
 *   npm run editor:user -- add 李四 --role 审核
 *   npm run editor:user -- passwd 张三                  a new password (also lifts a lock-out)
 *   npm run editor:user -- role 张三 审核
 *   npm run editor:user -- unlock 张三
 *   npm run editor:user -- remove 张三
 *   npm run editor:user -- list
 *
 * The password is read from the terminal without echo, or, when standard input is not a terminal (a script), from its
 * first line; never from the command line, where other accounts could read it in the process list.
 */
import { pathToFileURL } from 'node:url';
import {
  AccountError,
  addAccount,
  parseRole,
  readAccounts,
  removeAccount,
  setPassword,
  setRole,
  unlockAccount,
} from '../src/lib/editor/accounts.ts';
import { editorDataDir } from '../src/lib/editor/mode.ts';

const USAGE = `用法：
  npm run editor:user -- add <名字> --role 编辑|审核
  npm run editor:user -- passwd <名字>
  npm run editor:user -- role <名字> 编辑|审核
  npm run editor:user -- unlock <名字>
  npm run editor:user -- remove <名字>
  npm run editor:user -- list`;

/** Where the command reads passwords and writes its output. */
export interface UserIo {
  /** Reads a password (prompting on a terminal), or null at the end of input. */
  password(prompt: string): Promise<string | null>;
  out(line: string): void;
  error(line: string): void;
}

/** Reads one line; on a terminal, without showing what is typed. */
function readPassword(prompt: string): Promise<string | null> {
  const input = process.stdin;
  if (!input.isTTY) {
    // A script's password: the first line of standard input, read to its end.
    return (async () => {
      let text = '';
      for await (const chunk of input) text += String(chunk);
      const line = text.split(/\r?\n/)[0];
      return text === '' || line === undefined ? null : line;
    })();
  }
  process.stdout.write(prompt);
  return new Promise((resolve) => {
    let typed = '';
    input.setRawMode(true);
    input.resume();
    const onData = (chunk: Buffer) => {
      for (const character of chunk.toString('utf8')) {
        if (character === '\r' || character === '\n' || character === '\u0004') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stdout.write('\n');
          return resolve(typed);
        }
        if (character === '\u0003') process.exit(130);
        typed = character === '\u007f' ? typed.slice(0, -1) : typed + character;
      }
    };
    input.on('data', onData);
  });
}

const terminal: UserIo = {
  password: readPassword,
  out: (line) => console.log(line),
  error: (line) => console.error(line),
};

/** Asks for a new password twice (once when it comes from a script). */
async function newPassword(io: UserIo): Promise<string> {
  const first = await io.password('新密码（至少 10 个字符，输入时不显示）：');
  if (first === null) throw new AccountError('没有读到密码。');
  if (!process.stdin.isTTY || io !== terminal) return first;
  const second = await io.password('再输入一次：');
  if (second !== first) throw new AccountError('两次输入的密码不一致，没有保存。');
  return first;
}

const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });

/**
 * Runs one command.
 * @returns the exit status: 0 done, 1 refused (the reason printed in Chinese), 2 wrong usage
 */
export async function main(
  args: readonly string[],
  io: UserIo = terminal,
  root = process.cwd(),
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const dataDir = editorDataDir(root, env);
  const [command, name, ...rest] = args;
  const roleFlag = rest.indexOf('--role');
  try {
    switch (command) {
      case 'add':
        if (!name || roleFlag < 0) break;
        addAccount(dataDir, name, parseRole(rest[roleFlag + 1]), await newPassword(io));
        io.out(`已添加账号“${name}”（${rest[roleFlag + 1]}）。`);
        return 0;
      case 'passwd':
        if (!name) break;
        setPassword(dataDir, name, await newPassword(io));
        io.out(`已修改“${name}”的密码。`);
        return 0;
      case 'role':
        if (!name || !rest[0]) break;
        setRole(dataDir, name, parseRole(rest[0]));
        io.out(`“${name}”的角色已改为 ${rest[0]}（下一次请求起生效）。`);
        return 0;
      case 'unlock':
        if (!name) break;
        unlockAccount(dataDir, name);
        io.out(`已解除“${name}”的锁定。`);
        return 0;
      case 'remove':
        if (!name) break;
        removeAccount(dataDir, name);
        io.out(`已删除账号“${name}”（历史记录中的名字保留）。`);
        return 0;
      case 'list': {
        const accounts = readAccounts(dataDir);
        if (accounts.length === 0) io.out('还没有账号。');
        for (const account of accounts) {
          const locked =
            account.lockedUntil && new Date(account.lockedUntil) > new Date()
              ? `，锁定到 ${TIME.format(new Date(account.lockedUntil))}`
              : '';
          io.out(`${account.name}\t${account.role}\t添加于 ${TIME.format(new Date(account.created))}${locked}`);
        }
        return 0;
      }
    }
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    io.error(error.message);
    return 1;
  }
  io.error(USAGE);
  return 2;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
