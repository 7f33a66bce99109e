/**
 * npm run edit — the web editor on this computer: the dev server with the editor's server (Decap CMS's local proxy
 * behind the content checks) at http://127.0.0.1:4321/admin/. Bound to 127.0.0.1 only: the editor has no login and
 * writes into this working copy.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const port = process.env.PORT ?? '4321';
// Astro's own entry, run by this Node (the project's Node 24), whatever `node` is first on PATH.
const astro = join(import.meta.dirname, '../node_modules/astro/bin/astro.mjs');
const server = spawn(process.execPath, [astro, 'dev', '--host', '127.0.0.1', '--port', port], {
  env: { ...process.env, SHIAN_EDITOR: '1', ASTRO_DEV_BACKGROUND: '0' },
  stdio: ['inherit', 'pipe', 'pipe'],
});
server.stderr.on('data', (chunk: Buffer) => {
  process.stderr.write(chunk);
  if (String(chunk).includes('Another astro dev server is already running')) {
    console.error(
      '\n  已有一个预览服务器在运行（npm run dev 或 npm run edit）。请先在那个终端按 Ctrl+C 关闭它，再运行 npm run edit。\n',
    );
  }
});
let announced = false;
server.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /ready in|Local/i.test(String(chunk))) {
    announced = true;
    console.log(
      `\n  编辑后台已启动：请在浏览器打开 http://127.0.0.1:${port}/admin/\n` +
        '  保存的内容直接写入本项目的 content/ 目录，并先经过与 npm run check:content 相同的检查。\n' +
        '  网站预览：http://127.0.0.1:' +
        port +
        '/    停止：按 Ctrl+C\n',
    );
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
