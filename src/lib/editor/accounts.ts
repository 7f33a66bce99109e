/**
 * The editor service's accounts (server mode, src/lib/editor/mode.ts): a name, a role (编辑 or 审核) and a password
 * hashed with Node's scrypt, kept in `accounts.json` in the editor's data folder, never in the repository. Managed by
 * `npm run editor:user` (scripts/editor-user.ts), never by hand. Repeated wrong passwords lock an account for a while
 * (LOCK_AFTER failures in a row, LOCK_MINUTES minutes), so a password cannot be guessed by trying many.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.ts';
import { ROLES, type EditorUser, type Role } from './mode.ts';

/** Failed sign-ins in a row that lock an account. */
export const LOCK_AFTER = 5;
/** How long a locked account stays locked. */
export const LOCK_MINUTES = 15;
/** The shortest password accepted. */
export const MIN_PASSWORD = 10;

/** scrypt's cost: 2^15 (about 32 MB and a few tens of milliseconds a check), well above Node's default 2^14. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

/** One account as stored. */
export interface Account extends EditorUser {
  /** `scrypt$N$r$p$<salt base64>$<key base64>`. */
  hash: string;
  /** Wrong passwords since the last good one. */
  failures: number;
  /** When a lock ends (ISO time), or null. */
  lockedUntil: string | null;
  created: string;
}

/** Why an account operation was refused: a sentence in Chinese for the person at the terminal. */
export class AccountError extends Error {}

/** The accounts file in the editor's data folder. */
export function accountsFile(dataDir: string): string {
  return join(dataDir, 'accounts.json');
}

/** Every account, in the order they were added; none when the file does not exist yet. */
export function readAccounts(dataDir: string): Account[] {
  const file = accountsFile(dataDir);
  if (!existsSync(file)) return [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { accounts?: Account[] };
  return parsed.accounts ?? [];
}

function writeAccounts(dataDir: string, accounts: readonly Account[]): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(accountsFile(dataDir), `${JSON.stringify({ accounts }, null, 2)}\n`);
  // Only the service account reads the hashes.
  chmodSync(accountsFile(dataDir), 0o600);
}

/** Hashes a password with a fresh salt. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `password` matches a stored hash, in time that does not depend on where they differ. */
export function passwordMatches(password: string, hash: string): boolean {
  const [scheme, n, r, p, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/** A hash no password matches, checked for unknown names so that they take as long as known ones. */
const DECOY = hashPassword(randomBytes(16).toString('hex'));

/**
 * Why an account name cannot be used, or null: 2–32 characters, Chinese or Latin letters, digits, `.`, `_`, `-` (it
 * appears in commits and in history, so no spaces, angle brackets or control characters).
 */
export function nameProblem(name: string): string | null {
  if (!/^[\p{Script=Han}A-Za-z0-9._-]{2,32}$/u.test(name))
    return `账号名“${name}”不能用：应为 2 到 32 个汉字、字母、数字或 . _ -，不含空格。`;
  return null;
}

/** Why a password cannot be used, or null. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD) return `密码太短：至少 ${MIN_PASSWORD} 个字符。`;
  return null;
}

/** Checks a role typed at the terminal. */
export function parseRole(text: string | undefined): Role {
  if (text && (ROLES as readonly string[]).includes(text)) return text as Role;
  throw new AccountError(`角色应为 ${ROLES.join(' 或 ')}，收到的是“${text ?? ''}”。`);
}

function findAccount(accounts: readonly Account[], name: string): Account {
  const account = accounts.find((candidate) => candidate.name === name);
  if (!account) throw new AccountError(`没有名为“${name}”的账号（npm run editor:user -- list 列出全部账号）。`);
  return account;
}

/** Adds an account. */
export function addAccount(dataDir: string, name: string, role: Role, password: string, now = new Date()): void {
  const problem = nameProblem(name) ?? passwordProblem(password);
  if (problem) throw new AccountError(problem);
  const accounts = readAccounts(dataDir);
  if (accounts.some((account) => account.name === name)) throw new AccountError(`账号“${name}”已存在。`);
  const account: Account = {
    name,
    role,
    hash: hashPassword(password),
    failures: 0,
    lockedUntil: null,
    created: now.toISOString(),
  };
  writeAccounts(dataDir, [...accounts, account]);
}

/** Changes an account's password, and unlocks it. */
export function setPassword(dataDir: string, name: string, password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(problem);
  const accounts = readAccounts(dataDir);
  Object.assign(findAccount(accounts, name), { hash: hashPassword(password), failures: 0, lockedUntil: null });
  writeAccounts(dataDir, accounts);
}

/** Changes an account's role. */
export function setRole(dataDir: string, name: string, role: Role): void {
  const accounts = readAccounts(dataDir);
  findAccount(accounts, name).role = role;
  writeAccounts(dataDir, accounts);
}

/** Lifts a lock-out. */
export function unlockAccount(dataDir: string, name: string): void {
  const accounts = readAccounts(dataDir);
  Object.assign(findAccount(accounts, name), { failures: 0, lockedUntil: null });
  writeAccounts(dataDir, accounts);
}

/** Removes an account (its name stays in the history it made). */
export function removeAccount(dataDir: string, name: string): void {
  const accounts = readAccounts(dataDir);
  findAccount(accounts, name);
  writeAccounts(
    dataDir,
    accounts.filter((account) => account.name !== name),
  );
}

/** What became of a sign-in. */
export type SignIn =
  | { ok: true; user: EditorUser }
  | { ok: false; reason: 'wrong'; remaining: number }
  | { ok: false; reason: 'locked'; until: Date };

/**
 * Checks a name and password. A wrong password counts towards the lock; the LOCK_AFTER-th in a row locks the account
 * for LOCK_MINUTES; while locked, even the right password is refused. An unknown name is answered as a wrong password
 * (never saying which of the two was wrong) after the same work.
 */
export function signIn(dataDir: string, name: string, password: string, now = new Date()): SignIn {
  const accounts = readAccounts(dataDir);
  const account = accounts.find((candidate) => candidate.name === name);
  if (!account) {
    passwordMatches(password, DECOY);
    return { ok: false, reason: 'wrong', remaining: LOCK_AFTER };
  }
  if (account.lockedUntil && new Date(account.lockedUntil) > now)
    return { ok: false, reason: 'locked', until: new Date(account.lockedUntil) };
  if (passwordMatches(password, account.hash)) {
    if (account.failures > 0 || account.lockedUntil) {
      Object.assign(account, { failures: 0, lockedUntil: null });
      writeAccounts(dataDir, accounts);
    }
    return { ok: true, user: { name: account.name, role: account.role } };
  }
  account.failures = account.lockedUntil ? 1 : account.failures + 1;
  account.lockedUntil = null;
  if (account.failures >= LOCK_AFTER) {
    const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    Object.assign(account, { failures: 0, lockedUntil: until.toISOString() });
    writeAccounts(dataDir, accounts);
    return { ok: false, reason: 'locked', until };
  }
  writeAccounts(dataDir, accounts);
  return { ok: false, reason: 'wrong', remaining: LOCK_AFTER - account.failures };
}

/** The account behind a session, as it is now (its role may have changed, or it may be gone). */
export function currentUser(dataDir: string, name: string): EditorUser | null {
  const account = readAccounts(dataDir).find((candidate) => candidate.name === name);
  return account ? { name: account.name, role: account.role } : null;
}
