/**
 * Runs Astro's dev server with the web editor in it, for `npm run edit` (local mode) and `npm run editor:serve` (the
 * editor service): Astro's own entry under this Node (the project's Node 24, whatever `node` is first on PATH), bound
 * to 127.0.0.1, its output passed through, a Chinese notice once it is ready, and Ctrl+C or a stop passed on.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { EditorMode } from '../../src/lib/editor/mode.ts';

/** Starts the editor's dev server and exits with it. */
export function runEditorDevServer(options: { mode: EditorMode; port: string; ready: string }): void {
  const astro = join(import.meta.dirname, '../../node_modules/astro/bin/astro.mjs');
  const server = spawn(process.execPath, [astro, 'dev', '--host', '127.0.0.1', '--port', options.port], {
    env: { ...process.env, SHIAN_EDITOR: options.mode === 'local' ? '1' : 'server', ASTRO_DEV_BACKGROUND: '0' },
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  server.stderr.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    if (String(chunk).includes('Another astro dev server is already running')) {
      console.error(
        '\n  已有一个预览服务器在运行（npm run dev、npm run edit 或 npm run editor:serve）。请先关闭它再启动。\n',
      );
    }
  });
  let announced = false;
  server.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /ready in|Local/i.test(String(chunk))) {
      announced = true;
      console.log(options.ready);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}
