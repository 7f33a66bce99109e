import { defineCollection } from 'astro:content';
import { planLoader } from './loaders/plan.ts';
import { validatedGlobLoader } from './loaders/validated-glob.ts';
import { yamlListLoader } from './loaders/yaml-list.ts';
import { articleCategorySchema, articleSchema } from './schemas/article.ts';
import { campaignSchema } from './schemas/campaign.ts';
import { departmentSchema } from './schemas/department.ts';
import { followUpSchema, listIssueSchema } from './schemas/list-issue.ts';
import { restaurantSchema } from './schemas/restaurant.ts';
import { targetSchema } from './schemas/target.ts';
import { townSchema } from './schemas/town.ts';

// Rules across collections (a unit with no department, an entry naming an unknown restaurant …)
// are checked in src/data/, which every page's data goes through.
export const collections = {
  plans: defineCollection({ loader: planLoader('content/plans') }),
  departments: defineCollection({ loader: yamlListLoader('content/departments.yaml', departmentSchema) }),
  targets: defineCollection({ loader: yamlListLoader('content/targets.yaml', targetSchema) }),
  towns: defineCollection({ loader: yamlListLoader('content/towns.yaml', townSchema) }),
  restaurants: defineCollection({ loader: yamlListLoader('content/restaurants.yaml', restaurantSchema) }),
  listIssues: defineCollection({
    loader: validatedGlobLoader({ base: 'content/redblack', pattern: '*.mdx', schema: listIssueSchema }),
  }),
  followUps: defineCollection({ loader: yamlListLoader('content/redblack/follow-ups.yaml', followUpSchema) }),
  articles: defineCollection({
    loader: validatedGlobLoader({ base: 'content/articles', pattern: '*.mdx', schema: articleSchema }),
  }),
  articleCategories: defineCollection({
    loader: yamlListLoader('content/article-categories.yaml', articleCategorySchema),
  }),
  campaigns: defineCollection({
    loader: validatedGlobLoader({ base: 'content/campaigns', pattern: '*.mdx', schema: campaignSchema }),
  }),
};
