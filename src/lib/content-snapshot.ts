/**
 * Reads and checks all content straight from content/ and public/, without Astro: what
 * `npm run check:content` runs in a second or two, applying the same rules as the build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'astro/zod';
import { checkArticle, frontMatterLine, splitFrontMatter } from './articles/checks.ts';
import { checkCampaigns } from './campaign/rules.ts';
import { validateEntry, type ContentProblem } from './content-errors.ts';
import { parsePlan, PlanParseError } from './plan/parse.ts';
import { collectDuties, indexDepartmentNames } from './plan/responsibilities.ts';
import { checkTargets } from './plan/targets.ts';
import { checkRedBlack } from './redblack/rules.ts';
import { sitePaths } from './site-paths.ts';
import { readYamlList } from './yaml-list.ts';
import { articleCategorySchema, articleSchema } from '../schemas/article.ts';
import { campaignSchema } from '../schemas/campaign.ts';
import { departmentSchema } from '../schemas/department.ts';
import { followUpSchema, listIssueSchema } from '../schemas/list-issue.ts';
import { planMetaSchema } from '../schemas/plan.ts';
import { restaurantSchema } from '../schemas/restaurant.ts';
import { targetSchema } from '../schemas/target.ts';
import { townSchema } from '../schemas/town.ts';

/** Checks every content file under `root` and returns every problem found. */
export function checkAllContent(root: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  const list = <T extends z.ZodType<{ id: string }>>(file: string, schema: T): z.infer<T>[] => {
    if (!existsSync(join(root, file))) {
      problems.push({ file, message: '文件不存在。' });
      return [];
    }
    const result = readYamlList(read(file), file, schema);
    problems.push(...result.problems);
    return result.entries;
  };
  /** Every .mdx in a folder, its front matter validated with the line of each bad field. */
  const mdx = <T extends z.ZodType>(folder: string, schema: T) =>
    // Git keeps no empty folder: deleting the last campaign or issue removes its folder from a fresh checkout.
    (existsSync(join(root, folder)) ? readdirSync(join(root, folder)) : [])
      .filter((name) => name.endsWith('.mdx'))
      .sort()
      .flatMap((name) => {
        const file = `${folder}/${name}`;
        const text = read(file);
        const id = name.replace(/\.mdx$/, '');
        let raw: unknown;
        try {
          raw = parseYaml(splitFrontMatter(text).frontMatter);
        } catch (error) {
          problems.push({
            file,
            message: `开头的 --- 之间（front matter）格式错误：${(error as Error).message.split('\n')[0]}`,
          });
          return [];
        }
        const result = validateEntry(schema, raw, { file, entry: id });
        problems.push(
          ...result.problems.map((problem) => ({
            ...problem,
            line: frontMatterLine(text, problem.field?.split('.')[0] ?? ''),
          })),
        );
        return result.data ? [{ file, id, text, data: result.data as z.infer<T> }] : [];
      });

  const departments = list('content/departments.yaml', departmentSchema);
  const towns = list('content/towns.yaml', townSchema);
  const targets = list('content/targets.yaml', targetSchema);
  const restaurants = list('content/restaurants.yaml', restaurantSchema);
  const followUps = list('content/redblack/follow-ups.yaml', followUpSchema);
  const categories = list('content/article-categories.yaml', articleCategorySchema);

  const plans = readdirSync(join(root, 'content/plans'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) => {
      const textFile = `content/plans/${folder.name}/plan.txt`;
      const metaFile = `content/plans/${folder.name}/meta.yaml`;
      const meta = validateEntry(planMetaSchema, parseYaml(read(metaFile)), { file: metaFile, entry: folder.name });
      problems.push(...meta.problems);
      try {
        return meta.data ? [{ ...meta.data, textFile, ...parsePlan(read(textFile), textFile) }] : [];
      } catch (error) {
        if (!(error instanceof PlanParseError)) throw error;
        problems.push({ file: textFile, ...(error.line ? { line: error.line } : {}), message: error.detail });
        return [];
      }
    });
  const names = indexDepartmentNames(departments, 'content/departments.yaml');
  const duties = collectDuties(plans, names.byName, 'content/departments.yaml');
  problems.push(...names.problems, ...duties.problems, ...checkTargets(targets, plans, 'content/targets.yaml'));

  const issues = mdx('content/redblack', listIssueSchema);
  const departmentIds = new Set(departments.map((department) => department.id));
  problems.push(
    ...checkRedBlack({
      issues,
      restaurants,
      restaurantsFile: 'content/restaurants.yaml',
      towns,
      followUps,
      followUpsFile: 'content/redblack/follow-ups.yaml',
      departmentIds,
    }),
  );
  const campaigns = mdx('content/campaigns', campaignSchema);
  const fileExists = (path: string) => existsSync(join(root, 'public', path));
  problems.push(
    ...checkCampaigns(campaigns, { townIds: new Set(towns.map((town) => town.id)), departmentIds, fileExists }),
  );

  const articles = mdx('content/articles', articleSchema);
  const listed = new Set(issues.flatMap((issue) => issue.data.entries.map((entry) => entry.restaurant)));
  const paths = sitePaths({
    plans: plans.map((plan) => ({ year: plan.year, tasks: plan.tasks.length })),
    departmentIds: [...duties.duties.keys()],
    restaurantIds: restaurants.filter((restaurant) => listed.has(restaurant.id)).map((restaurant) => restaurant.id),
    issueIds: issues.map((issue) => issue.id),
    townIds: towns.map((town) => town.id),
    campaigns: campaigns.map((campaign) => ({
      year: campaign.data.year,
      eventIds: campaign.data.events.map((event) => event.id),
      materialIds: campaign.data.materials.map((material) => material.id),
    })),
    // Drafts and future articles included: staff may link ahead to an article that will be published with theirs.
    articleSlugs: articles.map((article) => article.id),
    categoryIds: categories.map((category) => category.id),
    tags: [...new Set(articles.flatMap((article) => article.data.tags))],
  });
  const context = {
    paths,
    categories: new Set(categories.map((category) => category.id)),
    fileExists,
    articleFileExists: (path: string) => existsSync(join(root, 'content/articles', path)),
  };
  for (const article of articles) problems.push(...checkArticle(article.file, article.text, article.data, context));
  return problems;
}
