/**
 * Astro content loaders fed by the content pipeline (src/lib/content/pipeline.ts): every collection is filled from
 * the one checked result, and any problem in any file fails the build (or shows in the dev server) with the full
 * Chinese list, the same list `npm run check:content` prints.
 */
import { fileURLToPath } from 'node:url';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import type { z } from 'astro/zod';
import { throwIfProblems } from '../lib/content-errors.ts';
import { loadContentCached, type ContentModel } from '../lib/content/pipeline.ts';

type DataCollection = 'plans' | 'departments' | 'targets' | 'towns' | 'restaurants' | 'followUps' | 'articleCategories';
type MdxCollection = 'listIssues' | 'campaigns' | 'articles';

/** The checked content; throws the complete list of problems when there is any. */
function checkedModel(context: LoaderContext): ContentModel {
  const { model, problems } = loadContentCached(fileURLToPath(context.config.root));
  throwIfProblems(problems);
  return model;
}

/** Reloads a collection whenever any content or public file changes: a rule may tie it to any other file. */
function watchContent(context: LoaderContext, reload: () => Promise<void>): void {
  const root = fileURLToPath(context.config.root);
  context.watcher?.add([`${root}content`, `${root}public`]);
  const onChange = (path: string) => {
    if (path.startsWith(`${root}content/`) || path.startsWith(`${root}public/`)) {
      reload().catch((error: Error) => context.logger.error(error.message));
    }
  };
  for (const event of ['add', 'change', 'unlink'] as const) context.watcher?.on(event, onChange);
}

/**
 * A collection of entries from a YAML list or the plans.
 * @param name which part of the checked content it holds
 */
export function dataCollection<T extends z.ZodType>(name: DataCollection, schema: T): Loader & { schema: T } {
  return {
    name: `content-${name}`,
    schema,
    async load(context) {
      const sync = async () => {
        const entries = checkedModel(context)[name] as Array<{ id?: string; year?: number }>;
        context.store.clear();
        for (const data of entries) {
          const id = String(data.id ?? data.year);
          context.store.set({ id, data: await context.parseData({ id, data: data as Record<string, unknown> }) });
        }
      };
      await sync();
      watchContent(context, sync);
    },
  };
}

/**
 * The one entry of 网站信息 (content/site.yaml), with the id `site`: the footer details and contacts the pages show
 * (src/config/site.ts), as the pipeline read and checked them.
 */
export function siteSettingsCollection<T extends z.ZodType>(schema: T): Loader & { schema: T } {
  return {
    name: 'content-site',
    schema,
    async load(context) {
      const sync = async () => {
        const data = checkedModel(context).site as Record<string, unknown>;
        context.store.clear();
        context.store.set({ id: 'site', data: await context.parseData({ id: 'site', data }) });
      };
      await sync();
      watchContent(context, sync);
    },
  };
}

/**
 * A collection of MDX files: Astro's glob loader keeps rendering the bodies, while each entry's data is the
 * pipeline's checked front matter.
 * @param base folder relative to the project root, e.g. content/redblack
 */
export function mdxCollection<T extends z.ZodType>(
  name: MdxCollection,
  base: string,
  schema: T,
): Loader & { schema: T } {
  const inner = glob({ base, pattern: '*.mdx' });
  return {
    name: `content-${name}`,
    schema,
    async load(context) {
      // The checked entries by id, taken once per change rather than once per file: asking the pipeline is cheap
      // only while nothing changed, and telling that walks every file (at 2,000 articles, 24 s of a build).
      let entries: Map<string, ContentModel[MdxCollection][number]> | undefined;
      const entryById = () => (entries ??= new Map(checkedModel(context)[name].map((entry) => [entry.id, entry])));
      // Watched before the glob loader's own watcher, which then parses the changed file against the new model. A
      // change elsewhere may break a rule about these files, so the whole content is checked again at once.
      watchContent(context, async () => {
        entries = undefined;
        entryById();
      });
      // First the pipeline, so that a mistake in any file (a front matter Astro could not even parse, a stray `{`)
      // is reported in Chinese with all the others, before Astro's own parsing would stop at the first.
      entryById();
      await inner.load({
        ...context,
        parseData: async (props) => {
          const entry = entryById().get(props.id);
          if (!entry) throw new Error(`内容管道中没有 ${base}/${props.id}.mdx。`);
          return context.parseData({ ...props, data: entry.data as unknown as typeof props.data });
        },
      });
    },
  };
}
