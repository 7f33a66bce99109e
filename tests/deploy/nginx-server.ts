/**
 * Runs the real nginx with deploy/nginx.conf on a built test site, as Debian's nginx.conf would include it: the same
 * server block, with only its address (a free loopback port), its root and its log files changed for the test.
 * Everything nginx writes goes to a temporary folder; the site is served through a `current` symbolic link, as
 * `npm run publish` serves a release (scripts/lib/releases.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { applyNginxRegions } from '../../src/lib/server-config.ts';
import { ROOT } from '../helpers/build.ts';
import { freePort } from '../helpers/ports.ts';

/** Where Debian's nginx is; tests fail with this message when it is missing. */
export const NGINX = process.env.NGINX_BINARY ?? '/usr/sbin/nginx';
const MISSING_NGINX =
  `没有找到 nginx（${NGINX}）：npm run test:deploy 需要 Debian 的 nginx，` +
  '请先安装：apt-get install nginx（.ci/run 会自动安装）。';

/** Waits until something accepts connections on the port, or the process ends first. */
async function waitForPort(port: number, child: ChildProcess, log: () => string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`nginx 启动失败（退出码 ${child.exitCode}）：\n${log()}`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`等待 nginx 监听端口 ${port} 超时：\n${log()}`);
    // Wait for the process to change state rather than a fixed time: its output, its exit, or a short tick.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 50);
      child.once('exit', done);
      function done(): void {
        clearTimeout(timer);
        child.off('exit', done);
        resolve();
      }
    });
  }
}

/** Replaces one exact piece of the configuration, failing if it is not there (the file changed shape). */
export function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`deploy/ 的 nginx 配置中没有找到“${String(from)}”：测试需要随配置一起修改。`);
  return text.replace(from, to);
}

/**
 * deploy/nginx.conf adapted for a test: listening on one loopback port only, serving `root`, logging in `folder`.
 * Nothing else changes, so the test checks the configuration that is deployed.
 */
export function testServerConfig(root: string, port: number, folder: string): string {
  let config = readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8');
  if (applyNginxRegions(config) !== config) {
    throw new Error('deploy/nginx.conf 的生成部分已过时（响应头或文件类型改了）：请先运行 npm run deploy:config。');
  }
  config = replaceOnce(
    config,
    /^ {4}listen 80 default_server;\n {4}listen \[::\]:80 default_server;\n/m,
    `    listen 127.0.0.1:${port};\n`,
  );
  config = replaceOnce(config, /^ {4}root \/srv\/shian-wuqing\/current;$/m, `    root ${root};`);
  config = replaceOnce(config, /^ {4}access_log \S+;$/m, `    access_log ${join(folder, 'access.log')};`);
  config = replaceOnce(config, /^ {4}error_log \S+;$/m, `    error_log ${join(folder, 'error.log')} notice;`);
  return config;
}

/**
 * The main configuration, like Debian's /etc/nginx/nginx.conf: the modules Debian's packages enabled, mime.types and
 * dynamic gzip at the http level (the site's server must override them), then the site.
 */
function mainConfig(folder: string, site: string): string {
  const temp = (name: string) => join(folder, 'temp', name);
  return [
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    // As root, nginx would switch its workers to "nobody", who may not read the test folders.
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    `pid ${join(folder, 'nginx.pid')};`,
    `error_log ${join(folder, 'error.log')} notice;`,
    'include /etc/nginx/modules-enabled/*.conf;',
    'events { worker_connections 256; }',
    'http {',
    '    sendfile on;',
    '    tcp_nopush on;',
    '    include /etc/nginx/mime.types;',
    '    default_type application/octet-stream;',
    '    gzip on;',
    `    access_log ${join(folder, 'access.log')};`,
    `    client_body_temp_path ${temp('body')};`,
    `    proxy_temp_path ${temp('proxy')};`,
    `    fastcgi_temp_path ${temp('fastcgi')};`,
    `    uwsgi_temp_path ${temp('uwsgi')};`,
    `    scgi_temp_path ${temp('scgi')};`,
    `    include ${site};`,
    '}',
    '',
  ].join('\n');
}

export interface NginxServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** The folder served (reached through the `current` link). */
  root: string;
  /** What `nginx -t` printed. */
  configTest: string;
  /** nginx's error log so far. */
  errorLog: () => string;
  stop: () => Promise<void>;
}

function nginxArgs(folder: string): string[] {
  return ['-p', `${folder}/`, '-c', join(folder, 'nginx.conf'), '-e', join(folder, 'error.log')];
}

/**
 * Starts nginx serving `site` (a built site's folder) through a `current` symbolic link, as a published release is
 * served. Runs `nginx -t` first and fails with its output if the configuration is refused.
 */
export function startNginx(site: string): Promise<NginxServer> {
  return startNginxWith(site, (port, folder) => testServerConfig(join(folder, 'current'), port, folder));
}

/**
 * Starts nginx with the server configuration `siteConfig` makes for a port and the test folder (which holds
 * `current`, a link to `site`, and whatever `prepare` puts there first).
 */
export async function startNginxWith(
  site: string,
  siteConfig: (port: number, folder: string) => string,
  prepare: (folder: string) => void = () => {},
): Promise<NginxServer> {
  if (!existsSync(NGINX)) throw new Error(MISSING_NGINX);
  mkdirSync(join(ROOT, 'tests/.tmp'), { recursive: true });
  const folder = mkdtempSync(join(ROOT, 'tests/.tmp/nginx-'));
  symlinkSync(site, join(folder, 'current'));
  mkdirSync(join(folder, 'temp'));
  // Debian's modules-enabled/*.conf load "modules/…so", relative to nginx's prefix, here the test folder.
  symlinkSync('/usr/share/nginx/modules', join(folder, 'modules'));
  try {
    prepare(folder);
    return await launch(folder, site, siteConfig);
  } catch (error) {
    // The error carries nginx's output; nothing is left behind.
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Writes the configuration in `folder`, tests it and starts nginx; retries when another process took the port. */
async function launch(
  folder: string,
  site: string,
  siteConfig: (port: number, folder: string) => string,
): Promise<NginxServer> {
  const errorLog = () => (existsSync(join(folder, 'error.log')) ? readFileSync(join(folder, 'error.log'), 'utf8') : '');
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    writeFileSync(join(folder, 'site.conf'), siteConfig(port, folder));
    writeFileSync(join(folder, 'nginx.conf'), mainConfig(folder, join(folder, 'site.conf')));
    const test = spawnSync(NGINX, ['-t', ...nginxArgs(folder)], { encoding: 'utf8' });
    const configTest = `${test.stdout}${test.stderr}`;
    if (test.status !== 0) throw new Error(`nginx -t 未通过：\n${configTest}`);

    // Its own process group, so that stopping it by force ends its worker too.
    const child = spawn(NGINX, nginxArgs(folder), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already ended.
      }
    };
    process.once('exit', kill);
    try {
      await waitForPort(port, child, () => `${output}${errorLog()}`);
    } catch (error) {
      kill();
      // Another process may have taken the port between freePort() and nginx's bind: try another.
      if (attempt < 3 && /Address already in use/.test(`${output}${errorLog()}`)) continue;
      throw error;
    }
    const stop = async () => {
      process.off('exit', kill);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // QUIT: a graceful stop; the whole group is killed if it has not ended in five seconds.
        child.kill('SIGQUIT');
        const timer = setTimeout(kill, 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(folder, { recursive: true, force: true });
    };
    return { url: `http://127.0.0.1:${port}`, port, root: site, configTest, errorLog, stop };
  }
}
