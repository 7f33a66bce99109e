/**
 * npm run check:content — runs the content pipeline the build runs (every YAML file, every front matter, every MDX
 * body parsed with the build's MDX parser, every rule and link), in a second or two, without building the site.
 * Exit code 1 when anything is wrong.
 */
import { formatProblem } from '../src/lib/content-errors.ts';
import { checkAllContent } from '../src/lib/content/pipeline.ts';
import { SiteNowError } from '../src/lib/dates.ts';

/** Runs the check; returns the exit code. */
export function main(root = process.cwd()): number {
  let problems;
  try {
    problems = checkAllContent(root);
  } catch (error) {
    // An unreadable SITE_NOW (the clock for tests and rehearsals) is the one thing stopping the check itself.
    if (!(error instanceof SiteNowError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (problems.length === 0) {
    console.log('内容检查通过：没有发现问题。');
    return 0;
  }
  console.error(`内容有误，共 ${problems.length} 处，请逐条修改：`);
  problems.forEach((problem, index) => console.error(`  ${index + 1}. ${formatProblem(problem)}`));
  return 1;
}

if (import.meta.main) process.exitCode = main();
