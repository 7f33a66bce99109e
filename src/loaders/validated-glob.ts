import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import type { z } from 'astro/zod';
import { frontMatterLine } from '../lib/articles/checks.ts';
import { ContentError, validateEntry } from '../lib/content-errors.ts';

/**
 * Astro's glob loader (for MDX and Markdown with front matter), with every entry validated first
 * by our own check, so that a mistake fails the build with a Chinese message naming the file,
 * the entry and the field, instead of Astro's generic one.
 * @param base folder relative to the project root, e.g. content/redblack
 */
export function validatedGlobLoader<T extends z.ZodType>(options: {
  base: string;
  pattern: string;
  schema: T;
}): Loader & { schema: T } {
  const inner = glob({ base: options.base, pattern: options.pattern });
  return {
    name: 'validated-glob-loader',
    schema: options.schema,
    load: (context) =>
      inner.load({
        ...context,
        parseData: async (props) => {
          const file = props.filePath
            ? relative(fileURLToPath(context.config.root), props.filePath)
            : `${options.base}/${props.id}`;
          const result = validateEntry(options.schema, props.data, { file, entry: props.id });
          if (result.problems.length > 0) {
            // Point staff at the line of each bad field in the file's front matter.
            const text = props.filePath ? readFileSync(props.filePath, 'utf8') : '';
            throw new ContentError(
              result.problems.map((problem) => ({
                ...problem,
                line: frontMatterLine(text, problem.field?.split('.')[0] ?? ''),
              })),
            );
          }
          return context.parseData(props);
        },
      }),
  };
}
