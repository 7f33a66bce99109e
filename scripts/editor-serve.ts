/**
 * npm run editor:serve — the editor service on the bureau's server (deploy/shian-wuqing-editor.service): the web
 * editor with accounts, two roles and review before publish (src/lib/editor/mode.ts), on 127.0.0.1:SHIAN_EDITOR_PORT
 * (4330) behind nginx (deploy/nginx-editor.conf), which alone faces the network, over HTTPS. Refuses to start
 * without an account or with a wrong SHIAN_EDITOR_ORIGIN, saying what to do.
 */
import { readAccounts } from '../src/lib/editor/accounts.ts';
import { editorDataDir } from '../src/lib/editor/mode.ts';
import { DEFAULT_SERVICE_PORT, serviceOrigin, ServiceConfigError } from '../src/lib/editor/service.ts';
import { runEditorDevServer } from './lib/editor-process.ts';

const root = process.cwd();
const port = process.env.SHIAN_EDITOR_PORT ?? String(DEFAULT_SERVICE_PORT);
let origin: string | null;
try {
  origin = serviceOrigin();
} catch (error) {
  if (!(error instanceof ServiceConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const dataDir = editorDataDir(root);
if (readAccounts(dataDir).length === 0) {
  console.error(
    `编辑后台还没有任何账号（${dataDir}）。请先添加一个审核账号：\n` +
      '  npm run editor:user -- add <名字> --role 审核\n然后再启动。',
  );
  process.exit(2);
}
runEditorDevServer({
  mode: 'server',
  port,
  ready:
    `\n  编辑后台服务已启动：本机 http://127.0.0.1:${port}/admin/` +
    (origin ? `，工作人员通过 ${origin}/admin/ 访问` : '（没有设置 SHIAN_EDITOR_ORIGIN：只能从本机访问）') +
    `\n  账号和草稿：${dataDir}    停止：Ctrl+C（systemd 下：systemctl stop shian-wuqing-editor）\n`,
});
