/**
 * A lock file that lets one publish (or rollback) run at a time. It records who holds it (process id, the process's
 * start time and the machine's boot id), so a lock left by a killed run, or by a run before a reboot, is recognised
 * as stale and taken over, while a lock whose holder still runs is respected even if its id has been reused.
 */
import { linkSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { processAlive } from '../../src/lib/atomic-file.ts';

/** The middle of the name a stale lock is moved to while it is taken over: `publish.lock.stale-<pid>`. */
const STALE = '.stale-';

/** Who holds a lock. `start` and `boot` are null where /proc is not available (then only the id is checked). */
export interface LockOwner {
  pid: number;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat, field 22). */
  start: string | null;
  /** /proc/sys/kernel/random/boot_id: changes at every boot. */
  boot: string | null;
  /** When the lock was taken (ISO), for the message a second run prints. */
  since: string;
}

/** What the system says about a process now: whether it exists, its start time and the boot id. */
export interface ProcessProbe {
  exists: boolean;
  start: string | null;
  boot: string | null;
}

/** Reads a process's start time from /proc; null where there is no /proc or no such process. */
function startTime(pid: number): string | null {
  try {
    // The command name (field 2) is in parentheses and may contain spaces: count fields after the last “)”.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

/** Asks the system about a process. */
export function probe(pid: number): ProcessProbe {
  return { exists: processAlive(pid), start: startTime(pid), boot: bootId() };
}

/** This process, as it is written into a lock. */
export function currentOwner(now = new Date()): LockOwner {
  return { pid: process.pid, start: startTime(process.pid), boot: bootId(), since: now.toISOString() };
}

/**
 * Whether a lock's holder is still running. Pure: `seen` is what the system says now.
 * A different boot id means the machine has restarted since; a different start time means the id now belongs to
 * another process.
 */
export function ownerAlive(owner: LockOwner, seen: ProcessProbe): boolean {
  if (owner.boot && seen.boot && owner.boot !== seen.boot) return false;
  if (!seen.exists) return false;
  return !(owner.start && seen.start && owner.start !== seen.start);
}

/** Reads a lock file; null if it is missing or is not a lock this module wrote. */
export function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.since === 'string'
      ? { pid: owner.pid, start: owner.start ?? null, boot: owner.boot ?? null, since: owner.since }
      : null;
  } catch {
    return null;
  }
}

/** The lock is held by a running process. The message says who, since when, and what to do. */
export class LockHeldError extends Error {
  override name = 'LockHeldError';
  /** Who holds the lock (null if its file cannot be read). */
  readonly owner: LockOwner | null;

  constructor(path: string, owner: LockOwner | null) {
    super(
      `另一次发布或回退正在进行（${owner ? `进程 ${owner.pid}，开始于 ${owner.since}` : '锁文件内容无法识别'}），` +
        `本次没有做任何改动。请等它结束后再试；如确认没有发布在运行，可删除锁文件 ${path} 后重试。`,
    );
    this.owner = owner;
  }
}

/**
 * Takes the lock at `path`, or throws {@link LockHeldError}. The lock file appears whole in one step (written
 * beside it, then hard-linked into place, which fails if it exists), so no reader ever sees it empty. Whatever
 * fails (a full disk while writing the draft, a folder that may not be written), the draft is removed before the
 * error is passed on.
 * @returns a function that releases it (only if it is still this process's lock).
 */
export function acquireLock(path: string, isAlive: (owner: LockOwner) => boolean = defaultAlive): () => void {
  const me = currentOwner();
  const mine = join(dirname(path), `.${basename(path)}.${process.pid}`);
  // First, so that they are gone even when this run cannot take the lock (a full disk, say): they are never a lock.
  removeStaleDrafts(path);
  try {
    writeFileSync(mine, `${JSON.stringify(me)}\n`);
    // Twice at most: once more after removing a stale lock.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        linkSync(mine, path);
        removeStaleDrafts(path);
        return () => {
          if (readOwner(path)?.pid === me.pid && readOwner(path)?.since === me.since) rmSync(path, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = readOwner(path);
      // An unreadable lock is not this module's: respect it rather than guess.
      if (!owner || isAlive(owner)) throw new LockHeldError(path, owner);
      takeOverStale(path, owner);
    }
    throw new LockHeldError(path, readOwner(path));
  } finally {
    removeQuietly(mine);
  }
}

function defaultAlive(owner: LockOwner): boolean {
  return ownerAlive(owner, probe(owner.pid));
}

/**
 * Removes a stale lock. It is first renamed to a name of this process's own (only one of two runs that both saw it
 * stale can do that); if what was moved is not the stale lock but a live run's fresh one, it is put back.
 */
function takeOverStale(path: string, stale: LockOwner): void {
  const moved = `${path}${STALE}${process.pid}`;
  try {
    renameSync(path, moved);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another run removed it first
    throw error;
  }
  try {
    const owner = readOwner(moved);
    if (owner && (owner.pid !== stale.pid || owner.since !== stale.since)) {
      try {
        linkSync(moved, path);
      } catch {
        // A third run holds the lock by now: the live run's lock cannot be restored, but neither run goes ahead here.
      }
      throw new LockHeldError(path, owner);
    }
  } finally {
    removeQuietly(moved);
  }
}

/**
 * Removes what runs killed while taking the lock left: lock-file drafts (`.<lock>.<pid>`) and stale locks moved
 * aside (`<lock>.stale-<pid>`). Safe without holding the lock: neither is ever the lock, and a dead run will not
 * put a moved lock back.
 */
function removeStaleDrafts(path: string): void {
  const prefixes = [`.${basename(path)}.`, `${basename(path)}${STALE}`];
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return; // No folder: nothing to remove, and taking the lock says why.
  }
  for (const name of names) {
    const prefix = prefixes.find((start) => name.startsWith(start));
    const pid = prefix ? name.slice(prefix.length) : '';
    if (/^\d+$/.test(pid) && Number(pid) !== process.pid && !processAlive(Number(pid)))
      removeQuietly(join(dirname(path), name));
  }
}

/** Removes a file if it can; one that cannot be removed (its folder is not writable) is left. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing more can be done here; the error that matters is the caller's.
  }
}
