/**
 * npm run edit — the web editor on this computer: the dev server with the editor's server (Decap CMS's local proxy
 * behind the content checks) at http://127.0.0.1:4321/admin/. Bound to 127.0.0.1 only: the editor has no login and
 * writes into this working copy.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const port = process.env.PORT ?? '4321';
const astro = join(import.meta.dirname, '../node_modules/.bin/astro');
const server = spawn(astro, ['dev', '--host', '127.0.0.1', '--port', port], {
  env: { ...process.env, EDITOR: '1', ASTRO_DEV_BACKGROUND: '0' },
  stdio: ['inherit', 'pipe', 'inherit'],
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
