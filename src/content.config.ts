import { defineCollection } from 'astro:content';
import { dataCollection, mdxCollection, siteSettingsCollection } from './loaders/content.ts';
import { articleCategorySchema, articleSchema } from './schemas/article.ts';
import { campaignSchema } from './schemas/campaign.ts';
import { departmentSchema } from './schemas/department.ts';
import { followUpSchema, listIssueSchema } from './schemas/list-issue.ts';
import { planSchema } from './schemas/plan.ts';
import { progressEntrySchema } from './schemas/progress.ts';
import { restaurantSchema } from './schemas/restaurant.ts';
import { siteSettingsSchema } from './schemas/site.ts';
import { targetSchema } from './schemas/target.ts';
import { townSchema } from './schemas/town.ts';

// Every collection is filled from the one content pipeline (src/lib/content/pipeline.ts), which checks all rules
// across all files; `npm run check:content` runs the same pipeline without building.
export const collections = {
  plans: defineCollection({ loader: dataCollection('plans', planSchema) }),
  departments: defineCollection({ loader: dataCollection('departments', departmentSchema) }),
  targets: defineCollection({ loader: dataCollection('targets', targetSchema) }),
  towns: defineCollection({ loader: dataCollection('towns', townSchema) }),
  restaurants: defineCollection({ loader: dataCollection('restaurants', restaurantSchema) }),
  listIssues: defineCollection({ loader: mdxCollection('listIssues', listIssueSchema) }),
  followUps: defineCollection({ loader: dataCollection('followUps', followUpSchema) }),
  articles: defineCollection({ loader: mdxCollection('articles', articleSchema) }),
  articleCategories: defineCollection({ loader: dataCollection('articleCategories', articleCategorySchema) }),
  campaigns: defineCollection({ loader: mdxCollection('campaigns', campaignSchema) }),
  progress: defineCollection({ loader: dataCollection('progress', progressEntrySchema) }),
  site: defineCollection({ loader: siteSettingsCollection(siteSettingsSchema) }),
};
