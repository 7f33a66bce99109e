/**
 * npm run preview:at <DATE> — the site as it will be (or was) at a moment, built and served on this machine only, so
 * staff can see what a day brings (a 黑榜 deadline passing, a scheduled article appearing) before the daily publish
 * shows it to the public:
 *
 *   npm run preview:at 2026-12-20                    Beijing midnight of that day (any SITE_NOW form: src/lib/dates.ts)
 *   npm run preview:at -- 2026-12-20 --no-serve      only build, and print the folder (for tests and scripts)
 *
 * The content check runs first, as for a publish. The build goes into a fresh folder of the project,
 * dist.tmp-<pid>/ (gitignored; one per process, so it never shares a folder with a build or a publish running at
 * the same time; a killed preview's is removed by the next build, publish or preview), never into dist/ or the
 * publish folder. No publish lock is taken, PUBLISH_DIR is never read, and SITE_URL is not needed (a local build, as
 * `npm run build`). The site is served at http://127.0.0.1:4322 ($PORT; `npm start` uses 4321) until Ctrl+C or
 * SIGTERM, which stop the server and remove the folder.
 */
import { accessSync, constants, realpathSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { formatProblem } from '../src/lib/content-errors.ts';
import { checkAllContent } from '../src/lib/content/pipeline.ts';
import { siteNow, SiteNowError } from '../src/lib/dates.ts';
import { astroBuild, removeKilledBuilds } from './lib/astro-build.ts';
import { EnvironmentError, environmentMessage, fullDisk } from './lib/environment-errors.ts';
import { startStaticServer } from './static-server.ts';

/** The port unless PORT says otherwise: beside `npm start`'s 4321, so both can run. */
const DEFAULT_PORT = 4322;

/** How a machine failure (a full disk, a folder that may not be written) is told: lib/environment-errors.ts. */
const PREVIEWING = { verb: '预览', command: 'npm run preview:at', outcome: '对外提供的网站没有改动。' };

const USAGE =
  '用法：npm run preview:at <日期>，例如 npm run preview:at 2026-12-20（北京时间当天 0 点）或 ' +
  'npm run preview:at "2026-12-20 09:00"；只构建、不启动服务器：npm run preview:at -- 2026-12-20 --no-serve。';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Reads the command line: one moment and, optionally, --no-serve; null for anything else. */
function parseArguments(argv: readonly string[]): { moment: string; serve: boolean } | null {
  const options = argv.filter((arg) => arg.startsWith('--'));
  const moments = argv.filter((arg) => !arg.startsWith('--'));
  if (moments.length !== 1 || !moments[0]!.trim() || options.some((option) => option !== '--no-serve')) return null;
  return { moment: moments[0]!, serve: !options.includes('--no-serve') };
}

/**
 * Builds the project in `root` as of the moment in `argv`, then serves it until stopped; returns the exit code.
 * @param argv the moment (e.g. 2026-12-20) and optionally --no-serve
 * @param env PORT, and what the build reads (SITE_URL if set, as for `npm run build`)
 */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  root = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const request = parseArguments(argv);
  if (!request) {
    console.error(USAGE);
    return 2;
  }
  let now: Date;
  try {
    now = siteNow({ SITE_NOW: request.moment });
  } catch (error) {
    if (!(error instanceof SiteNowError)) throw error;
    console.error(`没有预览：${error.message}`);
    return 2;
  }
  const port = env.PORT?.trim() ? Number(env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`没有预览：环境变量 PORT 的值“${env.PORT}”不是端口号（0–65535），例如 PORT=${DEFAULT_PORT}。`);
    return 2;
  }
  const beijing = new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ');

  const project = realpathSync(root);
  const folder = join(project, `dist.tmp-${process.pid}`);
  try {
    removeKilledBuilds(project);
    accessSync(project, constants.W_OK);
    console.log(`预览：按北京时间 ${beijing} 构建网站（只在本机，不改动对外提供的网站）。`);
    const problems = checkAllContent(project, { now });
    if (problems.length > 0) {
      console.error(
        `没有预览：内容有误，共 ${problems.length} 处，请逐条修改后重试：\n` +
          problems.map((problem, index) => `  ${index + 1}. ${formatProblem(problem)}`).join('\n'),
      );
      return 1;
    }
    const build = await astroBuild(project, folder, { ...env, SITE_NOW: now.toISOString() });
    if (build.stoppedBy) {
      rmSync(folder, { recursive: true, force: true });
      console.error(`预览被中断（收到 ${build.stoppedBy}），预览文件已删除。`);
      return 1;
    }
    if (build.status !== 0) {
      const full = fullDisk([project]);
      if (full) throw new EnvironmentError('ENOSPC', full);
      rmSync(folder, { recursive: true, force: true });
      console.error(`没有预览：构建失败（退出码 ${build.status}），详见上方的构建输出。`);
      return 1;
    }
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    const machine = environmentMessage(error, PREVIEWING, { project });
    if (!machine) throw error;
    console.error(machine);
    return 1;
  }

  if (!request.serve) {
    console.log(
      `预览已构建到 ${folder}（北京时间 ${beijing} 的网站；没有启动服务器，用完请删除这个目录）。对外提供的网站没有改动。`,
    );
    return 0;
  }
  let server: Server;
  let url: string;
  try {
    ({ server, url } = await startStaticServer(folder, port, '127.0.0.1'));
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `没有预览：端口 ${port} 已被占用，请换一个端口，例如 PORT=${port + 1} npm run preview:at ${request.moment}。`
        : `没有预览：无法启动本地服务器：${(error as Error).message}`,
    );
    return 1;
  }
  console.log(
    `预览：${url}/ 是北京时间 ${beijing} 时的网站，只在本机提供；对外提供的网站没有改动。` +
      '按 Ctrl+C 停止预览并删除预览文件。',
  );
  const reason = await new Promise<string>((resolve) => {
    // `npm run` starts this under a shell (sh -c) that ends on a SIGTERM without passing it on: when the parent goes,
    // the preview stops too rather than serve on with nobody to stop it.
    const parent = process.ppid;
    const orphaned = setInterval(() => {
      if (process.ppid !== parent) stop('父进程已结束');
    }, 1000);
    const stop = (why: string) => {
      clearInterval(orphaned);
      for (const name of STOP_SIGNALS) process.off(name, stop);
      resolve(why);
    };
    for (const name of STOP_SIGNALS) process.on(name, stop);
  });
  server.close();
  server.closeAllConnections();
  rmSync(folder, { recursive: true, force: true });
  console.log(`预览已停止（${reason.startsWith('SIG') ? `收到 ${reason}` : reason}），预览文件已删除。`);
  return 0;
}

if (import.meta.main) process.exitCode = await main();
