/**
 * The web editor at /admin/ (Decap CMS), in the dev server only: the page (./admin.astro), Decap's bundle from
 * node_modules (never a CDN), and, under `npm run edit`, the editor's server (src/lib/editor/proxy.ts). The built site
 * has no /admin/: the public server never offers an editor.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { AstroIntegration } from 'astro';
import send from 'send';
import { editorMode } from '../../lib/editor/mode.ts';

/**
 * Whether this dev server runs the editor's server: SHIAN_EDITOR=1, set by `npm run edit`, or SHIAN_EDITOR=server, set
 * by `npm run editor:serve` (src/lib/editor/mode.ts; not EDITOR, which many shells use to name a text editor).
 */
export function editorEnabled(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return editorMode(env) !== null;
}

export function editor(): AstroIntegration {
  return {
    name: 'shian-editor',
    hooks: {
      'astro:config:setup': ({ command, injectRoute }) => {
        if (command !== 'dev') return;
        injectRoute({ pattern: '/admin', entrypoint: new URL('./admin.astro', import.meta.url) });
      },
      'astro:server:setup': async ({ server }) => {
        // The editor service signs people in before anything else is served: the editor, its API, the site preview
        // and the dev server's own files (src/lib/editor/auth.ts).
        if (editorMode() === 'server') {
          const { serviceGate } = await import('../../lib/editor/service.ts');
          server.middlewares.use(serviceGate(process.cwd()).middleware);
        }
        const decap = dirname(createRequire(import.meta.url).resolve('decap-cms/dist/decap-cms.js'));
        server.middlewares.use('/admin/decap', (request, response) => {
          send(request, decodeURIComponent((request.url ?? '/').split('?')[0]!), { root: decap, index: false }).pipe(
            response,
          );
        });
        if (!editorEnabled()) return;
        const { editorServer } = await import('../../lib/editor/proxy.ts');
        server.middlewares.use(await editorServer(process.cwd()));
      },
    },
  };
}
