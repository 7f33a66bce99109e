import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import type { z } from 'astro/zod';
import { throwIfProblems } from '../lib/content-errors.ts';
import { readYamlList } from '../lib/yaml-list.ts';

/**
 * A content loader for one YAML file holding a list of entries. Unlike Astro's `file()` loader,
 * it reports every invalid field in Chinese and fails the build on any of them.
 * @param file path relative to the project root, e.g. content/departments.yaml
 */
export function yamlListLoader<T extends z.ZodType<{ id: string }>>(file: string, schema: T): Loader & { schema: T } {
  return {
    name: 'yaml-list-loader',
    schema,
    async load({ config, store, watcher }) {
      const path = fileURLToPath(new URL(file, config.root));
      watcher?.add(path);
      const text = await readFile(path, 'utf8').catch(() => {
        throw new Error(`内容文件不存在：${file}`);
      });
      const { entries, problems } = readYamlList(text, file, schema);
      throwIfProblems(problems);
      store.clear();
      for (const data of entries) store.set({ id: data.id, data, filePath: file });
    },
  };
}
