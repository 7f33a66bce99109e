/**
 * `npm run deploy:config`: writes the generated parts of deploy/nginx.conf (the Cache-Control map and the response
 * headers) from src/config/http-headers.ts, the one definition of the site's headers. Run it after changing that
 * module; a unit test fails while the committed file differs from what this writes. (dist/_headers, for static
 * hosts, is written by every build: src/integrations/headers-file.ts.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyNginxRegions } from '../src/lib/server-config.ts';

/** The deploy files this command writes, relative to the project folder. */
export const DEPLOY_FILES = ['deploy/nginx.conf'] as const;

/** What each deploy file should contain now, from its current text. */
export function generatedDeployFiles(root: string): Map<string, { current: string; generated: string }> {
  const files = new Map<string, { current: string; generated: string }>();
  for (const file of DEPLOY_FILES) {
    const current = readFileSync(new URL(file, root), 'utf8');
    files.set(file, { current, generated: applyNginxRegions(current) });
  }
  return files;
}

if (import.meta.main) {
  const root = new URL('../', import.meta.url);
  for (const [file, { current, generated }] of generatedDeployFiles(root.href)) {
    if (current === generated) {
      console.log(`${file}：已是最新`);
    } else {
      writeFileSync(fileURLToPath(new URL(file, root)), generated);
      console.log(`${file}：已更新`);
    }
  }
}
