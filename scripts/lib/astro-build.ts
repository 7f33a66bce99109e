/**
 * Runs `astro build` into a given folder (Astro's --outDir), under this process's Node (the project's Node 24, not
 * the system's), and passes a Ctrl+C or a systemd stop on to it, so the caller can remove what it half wrote.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface BuildOutcome {
  /** The build's exit status (null if it was ended by a signal). */
  status: number | null;
  /** The signal that stopped this process while the build ran, if any: the caller should stop too. */
  stoppedBy: NodeJS.Signals | null;
}

/**
 * Builds the site of the project in `root` into `outDir`, its output shown as it comes.
 * @param env the environment for the build (SITE_URL, SITE_NOW …)
 * @param extraArgs further `astro build` options
 */
export function astroBuild(
  root: string,
  outDir: string,
  env: NodeJS.ProcessEnv,
  extraArgs: readonly string[] = [],
): Promise<BuildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules/.bin/astro'), 'build', '--outDir', outDir, ...extraArgs],
      { cwd: root, env, stdio: 'inherit' },
    );
    let stoppedBy: NodeJS.Signals | null = null;
    const forward = (signal: NodeJS.Signals) => {
      stoppedBy = signal;
      child.kill(signal);
    };
    for (const signal of STOP_SIGNALS) process.on(signal, forward);
    const done = () => {
      for (const signal of STOP_SIGNALS) process.off(signal, forward);
    };
    child.on('error', (error) => {
      done();
      reject(error);
    });
    child.on('close', (status) => {
      done();
      resolve({ status, stoppedBy });
    });
  });
}
