/**
 * The build gets exactly what was checked: every `.mdx` module, before @astrojs/mdx compiles it, is read by the
 * content pipeline's one reader (src/lib/content/mdx.ts mdxCompilerInput). A file the reader refuses (a lone CR, a
 * fence followed by a Tab, a YAML feature parsers read differently …) fails the build, or shows in the dev server,
 * with the Chinese message, file and line; otherwise @astrojs/mdx is given the body alone, after an empty front
 * matter padded to the same number of lines, so no front-matter key (`layout`) can ever make it import a module. The
 * body's own rules are enforced while it compiles (src/lib/content/mdx.ts mdxRulesPlugin, astro.config.mjs).
 *
 * Listed before mdx() in astro.config.mjs; its transform is ordered first, and every build and dev server checks that
 * it runs before @astrojs/mdx's.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, ViteUserConfig } from 'astro';
import { ContentError } from '../lib/content-errors.ts';
import { located, mdxCompilerInput, projectFile } from '../lib/content/mdx.ts';

type VitePlugin = Extract<NonNullable<ViteUserConfig['plugins']>[number], { name: string }>;

/** The plugin's name, as Vite lists it. */
export const MDX_SOURCE_PLUGIN = 'shian:mdx-source';
/** The name of @astrojs/mdx's own Vite plugin (node_modules/@astrojs/mdx/dist/vite-plugin-mdx.js). */
const ASTRO_MDX_PLUGIN = '@mdx-js/rolldown';

/** An MDX module's id: an absolute path ending in .mdx, maybe with a query (`?astroRenderContent`). */
const MDX_ID = /\.mdx(?:\?.*)?$/;

/**
 * The Vite plugin.
 * @param root the project folder, to name files relative to it
 */
export function mdxSourcePlugin(root: string): VitePlugin {
  return {
    name: MDX_SOURCE_PLUGIN,
    enforce: 'pre',
    configResolved(config) {
      const order = config.getSortedPlugins('transform').map((plugin) => plugin.name);
      const own = order.indexOf(MDX_SOURCE_PLUGIN);
      const mdx = order.indexOf(ASTRO_MDX_PLUGIN);
      if (mdx >= 0 && (own < 0 || own > mdx))
        throw new Error(
          `内部错误：内容读取插件（${MDX_SOURCE_PLUGIN}）必须在 @astrojs/mdx 之前处理 .mdx 文件，` +
            '请在 astro.config.mjs 中把 mdxSource() 放在 mdx() 前面。',
        );
    },
    transform: {
      order: 'pre',
      filter: { id: MDX_ID },
      handler(code, id) {
        const file = projectFile(root, id);
        const input = mdxCompilerInput(code, file);
        if (input.code === undefined) {
          const error = located(new ContentError(input.problems), input.problems);
          throw Object.assign(error, { id, loc: { file: id.replace(/\?.*$/, ''), line: error.line, column: 1 } });
        }
        return { code: input.code, map: null };
      },
    },
  };
}

/** The Astro integration adding {@link mdxSourcePlugin}; list it before mdx(). */
export function mdxSource(): AstroIntegration {
  return {
    name: 'shian-mdx-source',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        updateConfig({ vite: { plugins: [mdxSourcePlugin(fileURLToPath(config.root))] } });
      },
    },
  };
}
