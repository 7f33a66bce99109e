import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatProblem, type ContentProblem } from '../lib/content-errors.ts';
import { checkBuiltFiles, checkFileTree, diskTree, temporaryFiles } from '../lib/content/file-tree.ts';

/** An error listing every problem, formatted as `npm run check:content` prints them, after `heading`. */
function problemsError(heading: string, problems: readonly ContentProblem[]): Error {
  return new Error(
    `${heading}\n${problems.map((problem, index) => `  ${index + 1}. ${formatProblem(problem)}`).join('\n')}`,
  );
}

/**
 * The files of the project as the build is about to publish them (src/lib/content/file-tree.ts): no link or special
 * file anywhere under content/ or public/, only allowed attachments under public/files/ and checked pictures under
 * content/. The content pipeline checks the same before (the build's loaders stop on any problem); this runs again
 * when Astro starts writing, whatever read the content, because Astro copies public/ into dist/ following links.
 * @param root the project folder
 * @returns every problem (empty when all is well)
 */
export function checkProjectFiles(root: string): ContentProblem[] {
  return checkFileTree(diskTree(root)).problems;
}

/**
 * The built site before anything finishes or publishes it: no link or special file anywhere in it, and under
 * files/ only allowed attachments, by extension and bytes.
 * @param site the built site's folder (dist/)
 * @param label how messages name it
 */
export function checkBuiltSite(site: string, label = 'dist'): ContentProblem[] {
  return checkBuiltFiles(diskTree(site), label);
}

/**
 * Refuses to build, or to finish a build, with a file that may not be published: checks the project's files when the
 * build starts ({@link checkProjectFiles}) and the built site when Astro has written it ({@link checkBuiltSite}),
 * before the finishing steps (src/integrations/finish-site.ts, registered after this one) index or compress it.
 * Any problem fails the build with the list, in Chinese.
 */
export function publishedFiles(): AstroIntegration {
  let root = '';
  return {
    name: 'published-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:start': () => {
        const problems = checkProjectFiles(root);
        if (problems.length > 0) {
          const heading = `content/ 或 public/ 中有 ${problems.length} 处不能发布的文件，请逐条修改后重新构建：`;
          throw problemsError(heading, problems);
        }
      },
      'astro:build:done': ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        // A save in progress (or killed) under public/files/ leaves a temporary file that Astro copied: not content.
        for (const file of temporaryFiles(diskTree(site))) {
          rmSync(join(site, file), { force: true });
          logger.info(`已从构建结果中去掉编辑中的临时文件 ${file}`);
        }
        const problems = checkBuiltSite(site);
        if (problems.length > 0) {
          const heading =
            `构建结果 ${dir.pathname} 中有 ${problems.length} 处不能发布的文件，已停止发布` +
            '（内容检查本应先发现它们：请把这段信息发给网站技术人员）：';
          throw problemsError(heading, problems);
        }
      },
    },
  };
}
