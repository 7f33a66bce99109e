/**
 * Writing a file so that a kill at any moment leaves either the old file or the new one, never a cut or empty one: the
 * text goes to a temporary file in the same folder (the same file system, so the last step is one atomic operation),
 * is flushed to disk, and only then takes the file's name.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Temporary files of this module: `.<name>.tmp-<pid>-<random>`, hidden, and not ending in .mdx or .yaml. */
const TEMPORARY = /^\..+\.tmp-(\d+)-[0-9a-f]+$/;

/**
 * Whether a file name is one of this module's temporary files (a write in progress, or left by a killed writer): the
 * content checks skip them, and the build keeps them out of what it publishes.
 */
export function isTemporaryName(name: string): boolean {
  return TEMPORARY.test(name);
}

/** The temporary file `path` is written through, in the same folder (a rename across file systems is a copy). */
export function temporaryPath(path: string, pid = process.pid): string {
  return join(dirname(path), `.${basename(path)}.tmp-${pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Writes `text` (or bytes) to `path` atomically.
 * @param options.replace false: fail with EEXIST if `path` exists (the file is then linked into place, which, unlike a
 *   rename, never replaces), so a file another process has just written is never overwritten.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array, options: { replace?: boolean } = {}): void {
  const temporary = temporaryPath(path);
  try {
    const fd = openSync(temporary, 'wx', 0o644);
    try {
      if (typeof text === 'string') writeSync(fd, text);
      else writeSync(fd, text);
      // The data reaches the disk before the name does: after a power cut the file is whole, not empty.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.replace === false) linkSync(temporary, path);
    else renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
  syncFolder(dirname(path));
}

/** Flushes a folder's entries (the new name) to disk; some file systems refuse this, which costs only durability. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every file system lets a folder be synced; the rename is atomic all the same.
  }
}

/**
 * Removes the temporary files a killed writer left in `folder` (never those of a process still running).
 * @returns the names removed
 */
export function removeStaleTemporaries(folder: string, alive: (pid: number) => boolean = processAlive): string[] {
  const stale = readdirSync(folder).filter((name) => {
    const match = TEMPORARY.exec(name);
    return match !== null && !alive(Number(match[1]));
  });
  for (const name of stale) rmSync(join(folder, name), { force: true });
  return stale;
}

/** Whether a process with this id exists (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
