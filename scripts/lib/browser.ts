/**
 * The Chromium that comes with `npm install`: the headless Chromium packed inside @sparticuz/chromium, and the
 * Simplified Chinese Noto Sans fonts (OTF) of @embedpdf/fonts-sc, so a fresh machine needs no apt step. Used by
 * the browser tests and by `npm run materials`.
 *
 * The package's own `executablePath()` and `args` are deliberately not used: it unpacks into a shared /tmp path
 * without atomicity and keeps whatever version is there, and its `--single-process` flag kills the browser when a
 * second context closes.
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** Where each version is unpacked: one folder per @sparticuz/chromium version. */
const CACHE_ROOT = fileURLToPath(new URL('../../node_modules/.cache/shian-chromium/', import.meta.url));

/** The family name the OTF files of @embedpdf/fonts-sc declare (checked with fc-scan on version 1.0.0). */
const PACKAGED_CJK_FAMILY = 'Noto Sans S Chinese';

/** Chromium flags for tests and printing; none of the package's serverless flags. */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** What to start and with which environment. */
export interface BrowserExecutable {
  executablePath: string;
  env: Record<string, string>;
}

const run = promisify(execFile);
let ensured: Promise<BrowserExecutable> | undefined;

/**
 * Makes the packaged Chromium ready to run and says how to start it. Unpacks it once per package version into
 * node_modules/.cache/shian-chromium/<version>/ (atomically, so parallel processes may call this at the same time)
 * and writes a fonts.conf there that gives Chromium the packaged CJK fonts. With `CHROMIUM_PATH` set, that browser
 * is used as it is, with the machine's own fonts. Repeated calls in one process share the first call's work.
 */
export function ensureBrowser(): Promise<BrowserExecutable> {
  ensured ??= prepare().catch((error: unknown) => {
    ensured = undefined; // let a later call try again (after the user fixed the problem)
    throw error;
  });
  return ensured;
}

/**
 * Starts the packaged Chromium (or `CHROMIUM_PATH`) with playwright-core. `options` are passed to
 * `chromium.launch`; their `args` and `env` are added to the defaults.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const { executablePath, env } = await ensureBrowser();
  const launchEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) launchEnv[name] = value;
  return chromium.launch({
    ...options,
    executablePath,
    env: { ...launchEnv, ...env, ...(options.env as Record<string, string> | undefined) },
    args: [...BROWSER_ARGS, ...(options.args ?? [])],
  });
}

async function prepare(): Promise<BrowserExecutable> {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (!existsSync(override)) {
      throw new Error(
        `CHROMIUM_PATH 指向的文件不存在：${override}。请改正该路径，或删除 CHROMIUM_PATH 以使用随 npm install 安装的 Chromium。`,
      );
    }
    return { executablePath: override, env: {} };
  }

  const packageDir = locatePackage('@sparticuz/chromium', import.meta.url);
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const target = join(CACHE_ROOT, version);
  if (!existsSync(join(target, 'chromium'))) await unpack(packageDir, target);

  const env: Record<string, string> = { FONTCONFIG_FILE: await writeFontsConf(target) };
  const libraryPath = await sharedLibraryPath(join(target, 'chromium'), join(target, 'al2023', 'lib'));
  if (libraryPath) env.LD_LIBRARY_PATH = libraryPath;
  return { executablePath: join(target, 'chromium'), env };
}

/** The folder of an installed package, found the way Node finds it (hoisted or not). */
function locatePackage(name: string, from: string): string {
  let entry: string;
  try {
    entry = createRequire(from).resolve(name);
  } catch {
    throw new Error(`未找到依赖包 ${name}：浏览器无法准备。请在项目目录运行 npm install 后重试。`);
  }
  // The entry point is <package>/build/index.js or <package>/dist/index.cjs: walk up to the package.json.
  let dir = dirname(entry);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`未找到依赖包 ${name} 的 package.json。请删除 node_modules 后重新运行 npm install。`);
    dir = parent;
  }
  return dir;
}

/** Unpacks Chromium into a temporary folder beside `target`, then renames it into place in one step. */
async function unpack(packageDir: string, target: string): Promise<void> {
  const bin = join(packageDir, 'bin');
  // chromium itself; swiftshader's libraries go beside it, where Chromium looks for them; al2023 holds NSS and
  // expat, used only when the machine lacks them. fonts.tar.br (Open Sans and a Lambda fonts.conf) is not needed.
  const needed = ['chromium.br', 'swiftshader.tar.br', 'al2023.tar.br'];
  const missing = needed.filter((file) => !existsSync(join(bin, file)));
  if (missing.length > 0) {
    throw new Error(
      `@sparticuz/chromium 安装不完整，缺少文件：${missing.map((file) => `bin/${file}`).join('、')}。` +
        '请删除 node_modules/@sparticuz 后重新运行 npm install，或设置 CHROMIUM_PATH 指向已安装的 Chromium。',
    );
  }

  await mkdir(CACHE_ROOT, { recursive: true });
  await removeAbandonedUnpacks();
  const temp = join(CACHE_ROOT, `.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    await mkdir(temp);
    // tar-fs is @sparticuz/chromium's own dependency: resolve it from there rather than relying on hoisting.
    const { extract } = createRequire(join(packageDir, 'package.json'))('tar-fs') as {
      extract: (cwd: string, options?: { chown?: boolean; readable?: boolean }) => NodeJS.WritableStream;
    };
    const untar = (file: string, into: string) =>
      pipeline(
        createReadStream(join(bin, file)),
        createBrotliDecompress(),
        extract(into, { chown: false, readable: true }),
      );
    await Promise.all([
      pipeline(
        createReadStream(join(bin, 'chromium.br')),
        createBrotliDecompress(),
        createWriteStream(join(temp, 'chromium')),
      ),
      untar('swiftshader.tar.br', temp),
      untar('al2023.tar.br', join(temp, 'al2023')),
    ]);
    await chmod(join(temp, 'chromium'), 0o755);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw new Error(
      `解压 Chromium 失败（从 ${bin} 到 ${target}）：${(error as Error).message}。` +
        '请检查磁盘空间和 node_modules 的写权限后重试；若仍失败，请删除 node_modules 后重新运行 npm install，' +
        '或设置 CHROMIUM_PATH 指向已安装的 Chromium。',
      { cause: error },
    );
  }

  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    // Another process finished first: its copy is identical, use it.
    if (existsSync(join(target, 'chromium'))) return;
    const reason = (error as Error).message;
    throw new Error(`无法把解压好的 Chromium 移到 ${target}：${reason}。请检查该目录的写权限后重试。`, {
      cause: error,
    });
  }
  await removeOtherVersions(target);
}

/** Removes temporary folders left by unpacks whose process has died (each is 200 MB or more). */
async function removeAbandonedUnpacks(): Promise<void> {
  for (const name of readdirSync(CACHE_ROOT)) {
    const pid = /^\.tmp-(\d+)-/.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) await rm(join(CACHE_ROOT, name), { recursive: true, force: true });
  }
}

/** Removes the unpacked copies of earlier package versions once a new one is in place. */
async function removeOtherVersions(keep: string): Promise<void> {
  for (const name of readdirSync(CACHE_ROOT)) {
    const path = join(CACHE_ROOT, name);
    if (path !== keep && !name.startsWith('.')) await rm(path, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Writes the fonts.conf for the packaged fonts into `target` (again whenever its content would differ, e.g. after
 * the project folder moved) and returns its path.
 */
async function writeFontsConf(target: string): Promise<string> {
  const fontsDir = join(locatePackage('@embedpdf/fonts-sc', import.meta.url), 'fonts');
  if (!existsSync(fontsDir) || !readdirSync(fontsDir).some((name) => name.endsWith('.otf'))) {
    throw new Error(
      `未找到 @embedpdf/fonts-sc 的中文字体文件（${fontsDir}/*.otf）。请删除 node_modules 后重新运行 npm install。`,
    );
  }
  const alias = (family: string, binding = 'weak') =>
    [
      `  <alias binding="${binding}">`,
      `    <family>${family}</family>`,
      `    <prefer><family>${PACKAGED_CJK_FAMILY}</family></prefer>`,
      '  </alias>',
    ].join('\n');
  const conf = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<!-- Written by scripts/lib/browser.ts for the packaged Chromium; rewritten when it differs. -->',
    '<fontconfig>',
    // First, so this is the cache fontconfig writes to (the system's may not be writable).
    `  <cachedir>${escapeXml(join(target, 'fontconfig-cache'))}</cachedir>`,
    // The machine's own fonts and rules, when it has any, keep Latin text looking as it does elsewhere.
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${escapeXml(fontsDir)}</dir>`,
    // Pages and materials ask for "Noto Sans CJK SC"; the package's files call themselves differently. A real
    // family alias (rather than fallback) keeps the bold file for bold text instead of synthesised bold.
    alias('Noto Sans CJK SC', 'same'),
    alias('Source Han Sans SC', 'same'),
    // After the system's rules, so Latin preferences stay first and Chinese falls back to the packaged font.
    alias('sans-serif'),
    alias('serif'),
    alias('monospace'),
    '</fontconfig>',
    '',
  ].join('\n');
  const path = join(target, 'fonts.conf');
  if (existsSync(path) && readFileSync(path, 'utf8') === conf) return path;
  // Write then rename, so a browser starting in parallel never reads half a file.
  const temp = `${path}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, conf);
  await rename(temp, path);
  return path;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Checks that Chromium's shared libraries load. Returns '' when the machine has them, the packaged NSS/expat
 * folder (prepended to LD_LIBRARY_PATH) when only those make it start, and fails naming the missing library
 * otherwise.
 */
async function sharedLibraryPath(executable: string, packagedLibs: string): Promise<string> {
  const tryStart = async (env: NodeJS.ProcessEnv): Promise<string | undefined> => {
    try {
      await run(executable, ['--version'], { env, timeout: 30_000 });
      return undefined;
    } catch (error) {
      return String((error as { stderr?: string }).stderr || (error as Error).message);
    }
  };
  const systemProblem = await tryStart(process.env);
  if (systemProblem === undefined) return '';
  const withPackaged = [packagedLibs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  const packagedProblem = await tryStart({ ...process.env, LD_LIBRARY_PATH: withPackaged });
  if (packagedProblem === undefined) return withPackaged;
  const library = /([\w.+-]+\.so[\w.]*): cannot open shared object file/.exec(packagedProblem)?.[1];
  throw new Error(
    library
      ? `Chromium 无法启动：缺少系统库 ${library}。在 Debian/Ubuntu 上请以 root 运行 apt-get install -y libnss3 libnspr4 libexpat1` +
          '（或安装提供该库的软件包），或设置 CHROMIUM_PATH 指向已安装的 Chromium。'
      : `Chromium（${executable}）无法启动：${packagedProblem.trim()}。请删除 node_modules/.cache/shian-chromium 后重试，` +
          '或设置 CHROMIUM_PATH 指向已安装的 Chromium。',
  );
}
