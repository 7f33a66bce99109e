/**
 * `npm run serve` (and the second half of `npm start`): serves the built site in dist/ at http://127.0.0.1:4321.
 * $PORT changes the port; $HOST the interface (e.g. HOST=0.0.0.0 to try the site from a phone on the same network).
 */
import { existsSync } from 'node:fs';
import { startStaticServer } from './static-server.ts';

if (!existsSync('dist/index.html')) {
  console.error('没有找到构建结果 dist/：请先运行 npm run build（或直接运行 npm start）。');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST || '127.0.0.1';
try {
  const { url } = await startStaticServer('dist', port, host);
  console.log(`食安武清 已在本地启动：${url}/ （按 Ctrl+C 停止）`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    console.error(`端口 ${port} 已被占用：请先关闭占用它的程序，或换一个端口，例如 PORT=4322 npm start。`);
  else if (code === 'EADDRNOTAVAIL') console.error(`本机没有地址 ${host}：请检查 HOST 的设置。`);
  else console.error('无法启动本地服务器：', error);
  process.exit(1);
}
