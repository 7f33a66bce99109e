/**
 * Astro content loaders fed by the content pipeline (src/lib/content/pipeline.ts): every collection is filled from
 * the one checked result, and any problem in any file fails the build (or shows in the dev server) with the full
 * Chinese list, the same list `npm run check:content` prints.
 */
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { z } from 'astro/zod';
import { throwIfProblems } from '../lib/content-errors.ts';
import { loadContentCached, type ContentModel } from '../lib/content/pipeline.ts';

type DataCollection =
  'plans' | 'departments' | 'targets' | 'towns' | 'restaurants' | 'followUps' | 'articleCategories' | 'progress';
type MdxCollection = 'listIssues' | 'campaigns' | 'articles';

/** The checked content; throws the complete list of problems when there is any. */
function checkedModel(context: LoaderContext): ContentModel {
  const { model, problems } = loadContentCached(fileURLToPath(context.config.root));
  throwIfProblems(problems);
  return model;
}

/**
 * Reloads a collection whenever any content or public file changes: a rule may tie it to any other file. One reload
 * at a time, and one more after it when files changed meanwhile: a save is often two events (the file emptied, then
 * written), and two reloads running at once interleave at their awaits, so the one that read the older files could
 * fill the store last and leave the page stale.
 */
function watchContent(context: LoaderContext, reload: () => Promise<void>): void {
  const root = fileURLToPath(context.config.root);
  context.watcher?.add([`${root}content`, `${root}public`]);
  let running = false;
  let pending = false;
  const run = async () => {
    running = true;
    while (pending) {
      pending = false;
      try {
        await reload();
      } catch (error) {
        context.logger.error((error as Error).message);
      }
    }
    running = false;
  };
  const onChange = (path: string) => {
    if (!path.startsWith(`${root}content/`) && !path.startsWith(`${root}public/`)) return;
    pending = true;
    if (!running) void run();
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
 * A collection of MDX files: each entry's data and body are the pipeline's (read once, by its one reader, and
 * checked); Astro renders the body from the file itself, which the build's compiler reads with the same reader
 * (src/integrations/mdx-source.ts) and compiles with the same body rules (src/lib/content/mdx.ts mdxRulesPlugin).
 * No second parser ever reads the front matter.
 * @param name which part of the checked content it holds
 */
export function mdxCollection<T extends z.ZodType>(name: MdxCollection, schema: T): Loader & { schema: T } {
  return {
    name: `content-${name}`,
    schema,
    async load(context) {
      const sync = async () => {
        // First the pipeline, so that a mistake in any file (a front matter Astro could not even parse, a stray `{`)
        // is reported in Chinese with all the others.
        const entries = checkedModel(context)[name];
        const ids = new Set<string>();
        for (const entry of entries) {
          ids.add(entry.id);
          const digest = context.generateDigest(entry.text);
          const stored = context.store.get(entry.id);
          if (stored?.digest === digest && stored.filePath === entry.file) {
            // Unchanged since the stored build: its rendered module is still needed.
            context.store.addModuleImport(entry.file);
            continue;
          }
          const data = await context.parseData({ id: entry.id, data: entry.data as Record<string, unknown> });
          context.store.set({
            id: entry.id,
            data,
            // As Astro's glob loader keeps it: the body, trimmed.
            body: entry.body.trim(),
            filePath: entry.file,
            digest,
            deferredRender: true,
          });
        }
        for (const id of context.store.keys()) if (!ids.has(id)) context.store.delete(id);
      };
      await sync();
      watchContent(context, sync);
    },
  };
}
