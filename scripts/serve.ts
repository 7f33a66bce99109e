/** `npm run serve`: serves the built site in dist/ at http://127.0.0.1:4321 (or $PORT). */
import { existsSync } from 'node:fs';
import { startStaticServer } from './static-server.ts';

if (!existsSync('dist/index.html')) {
  console.error('没有找到构建结果 dist/：请先运行 npm run build（或直接运行 npm start）。');
  process.exit(1);
}
const { url } = await startStaticServer('dist', Number(process.env.PORT ?? 4321));
console.log(`食安武清 已在本地启动：${url}/ （按 Ctrl+C 停止）`);
