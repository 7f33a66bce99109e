/**
 * The editor service's accounts (src/lib/editor/accounts.ts) and `npm run editor:user` (scripts/editor-user.ts): hashed
 * passwords, the lock-out after repeated failures, and the command's Chinese answers.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  accountsFile,
  addAccount,
  LOCK_AFTER,
  LOCK_MINUTES,
  readAccounts,
  signIn,
  unlockAccount,
} from '../../src/lib/editor/accounts.ts';
import { main, type UserIo } from '../../scripts/editor-user.ts';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'accounts-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const T0 = new Date('2026-03-01T02:00:00Z');
const minutes = (count: number) => new Date(T0.getTime() + count * 60_000);

describe('accounts', () => {
  it('keeps only a salted scrypt hash, readable by the owner alone', () => {
    addAccount(dataDir, '王审核', '审核', 'correct horse battery');
    addAccount(dataDir, 'zhang.bian', '编辑', 'correct horse battery');
    const text = readFileSync(accountsFile(dataDir), 'utf8');
    expect(text).not.toContain('correct horse battery');
    const [first, second] = readAccounts(dataDir);
    expect(first!.hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    // The same password, two salts.
    expect(first!.hash).not.toBe(second!.hash);
    expect(statSync(accountsFile(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('refuses bad names, short passwords, unknown roles and duplicates, in Chinese', () => {
    expect(() => addAccount(dataDir, 'a b', '编辑', 'long enough password')).toThrow(/账号名“a b”不能用/);
    expect(() => addAccount(dataDir, '<script>', '编辑', 'long enough password')).toThrow(/不能用/);
    expect(() => addAccount(dataDir, '张三', '编辑', 'short')).toThrow('密码太短：至少 10 个字符。');
    addAccount(dataDir, '张三', '编辑', 'long enough password');
    expect(() => addAccount(dataDir, '张三', '审核', 'long enough password')).toThrow('账号“张三”已存在。');
  });

  it('signs in with the right password only, never saying whether the name exists', () => {
    addAccount(dataDir, '张三', '编辑', 'long enough password');
    expect(signIn(dataDir, '张三', 'long enough password', T0)).toEqual({
      ok: true,
      user: { name: '张三', role: '编辑' },
    });
    expect(signIn(dataDir, '张三', 'long enough passworD', T0)).toEqual({
      ok: false,
      reason: 'wrong',
      remaining: LOCK_AFTER - 1,
    });
    expect(signIn(dataDir, '李四', 'long enough password', T0)).toMatchObject({ ok: false, reason: 'wrong' });
  });

  it(`locks an account after ${LOCK_AFTER} wrong passwords in a row, for ${LOCK_MINUTES} minutes`, () => {
    addAccount(dataDir, '张三', '编辑', 'long enough password');
    for (let attempt = 1; attempt < LOCK_AFTER; attempt += 1)
      expect(signIn(dataDir, '张三', 'guess', T0)).toMatchObject({ reason: 'wrong', remaining: LOCK_AFTER - attempt });
    const until = minutes(LOCK_MINUTES);
    expect(signIn(dataDir, '张三', 'guess', T0)).toEqual({ ok: false, reason: 'locked', until });
    // Locked: even the right password is refused, until the lock ends.
    expect(signIn(dataDir, '张三', 'long enough password', minutes(LOCK_MINUTES - 1))).toEqual({
      ok: false,
      reason: 'locked',
      until,
    });
    expect(signIn(dataDir, '张三', 'long enough password', minutes(LOCK_MINUTES + 1))).toMatchObject({ ok: true });
  });

  it('starts counting afresh after a good sign-in or an unlock', () => {
    addAccount(dataDir, '张三', '编辑', 'long enough password');
    for (let attempt = 1; attempt < LOCK_AFTER; attempt += 1) signIn(dataDir, '张三', 'guess', T0);
    expect(signIn(dataDir, '张三', 'long enough password', T0)).toMatchObject({ ok: true });
    expect(signIn(dataDir, '张三', 'guess', T0)).toMatchObject({ remaining: LOCK_AFTER - 1 });
    for (let attempt = 1; attempt < LOCK_AFTER; attempt += 1) signIn(dataDir, '张三', 'guess', T0);
    expect(signIn(dataDir, '张三', 'long enough password', T0)).toMatchObject({ reason: 'locked' });
    unlockAccount(dataDir, '张三');
    expect(signIn(dataDir, '张三', 'long enough password', T0)).toMatchObject({ ok: true });
  });
});

describe('npm run editor:user', () => {
  /** The command with passwords fed in, as a script pipes them, and its output kept. */
  function run(args: string[], passwords: string[] = []) {
    const output: string[] = [];
    const errors: string[] = [];
    const io: UserIo = {
      password: async () => passwords.shift() ?? null,
      out: (line) => output.push(line),
      error: (line) => errors.push(line),
    };
    return main(args, io, '/nonexistent', { SHIAN_EDITOR_DATA: dataDir }).then((status) => ({
      status,
      output,
      errors,
    }));
  }

  it('adds, lists, changes and removes accounts', async () => {
    expect(await run(['add', '李四', '--role', '审核'], ['long enough password'])).toEqual({
      status: 0,
      output: ['已添加账号“李四”（审核）。'],
      errors: [],
    });
    expect((await run(['role', '李四', '编辑'])).status).toBe(0);
    const listed = await run(['list']);
    expect(listed.output).toHaveLength(1);
    expect(listed.output[0]).toMatch(/^李四\t编辑\t添加于 /);
    expect((await run(['passwd', '李四'], ['another long password'])).status).toBe(0);
    expect(signIn(dataDir, '李四', 'another long password')).toMatchObject({ ok: true });
    expect(await run(['remove', '李四'])).toMatchObject({
      status: 0,
      output: ['已删除账号“李四”（历史记录中的名字保留）。'],
    });
    expect((await run(['list'])).output).toEqual(['还没有账号。']);
  });

  it('refuses in Chinese, with the usage for a wrong call', async () => {
    expect(await run(['add', '李四', '--role', '管理员'], ['long enough password'])).toMatchObject({
      status: 1,
      errors: ['角色应为 编辑 或 审核，收到的是“管理员”。'],
    });
    expect(await run(['passwd', '王五'], ['long enough password'])).toMatchObject({
      status: 1,
      errors: ['没有名为“王五”的账号（npm run editor:user -- list 列出全部账号）。'],
    });
    const wrong = await run(['add', '李四']);
    expect(wrong.status).toBe(2);
    expect(wrong.errors[0]).toMatch(/^用法：/);
    expect(readAccounts(dataDir)).toEqual([]);
  });
});
