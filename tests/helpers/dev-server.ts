/**
 * `npm run dev` on a copy of the project, for tests: started on a free port, ready when it says so and renders a
 * page with the site's layout (not Vite's error page while it re-optimises dependencies). No fixed sleeps: every
 * wait is for the server's next output.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './build.ts';
import { freePort } from './ports.ts';

export interface DevServer {
  url: string;
  /** Everything the server printed so far. */
  log: () => string;
  /** Resolves at the server's next output; rejects with its log after a minute of silence. */
  printed: () => Promise<void>;
  /** The page rendered with the site's layout, waiting through the server's restarts; throws after 10 tries. */
  render: (path: string) => Promise<string>;
  stop: () => void;
}

/**
 * Starts `astro dev` in `dir` and waits until it is ready.
 * @param env more variables for the server, e.g. `{ SHIAN_EDITOR: '1' }` for the editor's server (as `npm run edit`)
 */
export async function startDevServer(dir: string, env: Record<string, string> = {}): Promise<DevServer> {
  const port = await freePort();
  const server = spawn(join(ROOT, 'node_modules/.bin/astro'), ['dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: dir,
    // A plain shell's environment: the test runner's own variables would change how Vite runs.
    env: {
      HOME: process.env.HOME ?? '/root',
      ASTRO_DEV_BACKGROUND: '0',
      PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  // Each line the server prints (ready, dependencies optimised, page served) is a moment worth looking again.
  let nextLine: () => void = () => {};
  const onOutput = (chunk: Buffer) => {
    log += chunk;
    nextLine();
  };
  server.stdout!.on('data', onOutput);
  server.stderr!.on('data', onOutput);
  const printed = () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`astro dev printed nothing for 60 s:\n${log}`)), 60_000);
      nextLine = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const url = `http://127.0.0.1:${port}`;
  const attempt = async (path: string): Promise<string | null> => {
    const response = await fetch(`${url}${path}`).catch(() => null);
    const html = response ? await response.text() : '';
    return response?.status === 200 && html.includes('<html lang="zh-CN"') ? html : null;
  };
  const stop = () => {
    if (server.exitCode === null) process.kill(-server.pid!, 'SIGTERM');
  };
  try {
    while (!/ready in|Local/i.test(log)) {
      if (server.exitCode !== null) throw new Error(`astro dev exited:\n${log}`);
      await printed();
    }
  } catch (error) {
    stop();
    throw error;
  }
  return {
    url,
    log: () => log,
    printed,
    render: async (path) => {
      let page = await attempt(path);
      for (let tries = 0; page === null && tries < 10; tries += 1) {
        await printed();
        page = await attempt(path);
      }
      if (page === null) throw new Error(`astro dev did not render ${path}:\n${log.slice(-3000)}`);
      return page;
    },
    stop,
  };
}
