import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { throwIfProblems, validateEntry, type ContentProblem } from '../lib/content-errors.ts';
import { parsePlan, PlanParseError } from '../lib/plan/parse.ts';
import { parse as parseYaml } from 'yaml';
import { planMetaSchema, planSchema } from '../schemas/plan.ts';

/**
 * Loads every plan under `base`: one folder per year holding `plan.txt` (the verbatim official
 * text) and `meta.yaml`. The structure — notice, chapters, tasks, responsible units — is derived
 * from the text, so a new year's plan needs only its text and metadata.
 * @param base folder relative to the project root, e.g. content/plans
 */
export function planLoader(base: string): Loader & { schema: typeof planSchema } {
  return {
    name: 'plan-loader',
    schema: planSchema,
    async load({ config, store, watcher }) {
      const root = new URL(`${base.replace(/\/$/, '')}/`, config.root);
      const folders = (await readdir(root, { withFileTypes: true })).filter((entry) => entry.isDirectory());
      const problems: ContentProblem[] = [];
      store.clear();
      for (const folder of folders) {
        const textFile = `${base}/${folder.name}/plan.txt`;
        const metaFile = `${base}/${folder.name}/meta.yaml`;
        watcher?.add(fileURLToPath(new URL(textFile, config.root)));
        watcher?.add(fileURLToPath(new URL(metaFile, config.root)));
        const read = (file: string) =>
          readFile(new URL(file, config.root), 'utf8').catch(() => {
            problems.push({ file, message: '文件不存在：每个计划目录都需要 plan.txt（原文）和 meta.yaml（元数据）。' });
            return null;
          });
        const [text, metaText] = await Promise.all([read(textFile), read(metaFile)]);
        if (text === null || metaText === null) continue;
        const meta = validateEntry(planMetaSchema, parseYaml(metaText), { file: metaFile, entry: folder.name });
        problems.push(...meta.problems);
        if (!meta.data) continue;
        if (String(meta.data.year) !== folder.name) {
          problems.push({
            file: metaFile,
            entry: folder.name,
            field: 'year',
            fieldLabel: '年份',
            message: `年份应与目录名一致（${folder.name}），实际填写：${meta.data.year}。`,
          });
          continue;
        }
        try {
          const parsed = parsePlan(text, textFile);
          store.set({ id: folder.name, data: { ...meta.data, ...parsed, textFile }, filePath: textFile });
        } catch (error) {
          if (!(error instanceof PlanParseError)) throw error;
          problems.push({
            file: textFile,
            entry: error.line === null ? undefined : `第 ${error.line} 行`,
            message: error.detail,
          });
        }
      }
      if (folders.length === 0)
        problems.push({ file: base, message: '没有任何计划：每个年份一个目录，内含 plan.txt 和 meta.yaml。' });
      throwIfProblems(problems);
    },
  };
}
