/**
 * npm run edit — the web editor on this computer: the dev server with the editor's server (Decap CMS's local proxy
 * behind the content checks) at http://127.0.0.1:4321/admin/. Bound to 127.0.0.1 only: the editor has no login and
 * writes into this working copy. The bureau's shared editor, with accounts and review, is `npm run editor:serve`.
 */
import { runEditorDevServer } from './lib/editor-process.ts';

const port = process.env.PORT ?? '4321';
runEditorDevServer({
  mode: 'local',
  port,
  ready:
    `\n  编辑后台已启动：请在浏览器打开 http://127.0.0.1:${port}/admin/\n` +
    '  保存的内容直接写入本项目的 content/ 目录，并先经过与 npm run check:content 相同的检查。\n' +
    `  网站预览：http://127.0.0.1:${port}/    停止：按 Ctrl+C\n`,
});
