import { defineCollection } from 'astro:content';
import { planLoader } from './loaders/plan.ts';
import { yamlListLoader } from './loaders/yaml-list.ts';
import { departmentSchema } from './schemas/department.ts';
import { targetSchema } from './schemas/target.ts';

// Cross-collection rules (a unit with no department, a target's phrase not in its task) are checked
// in src/lib/site-data.ts, which every page's data goes through.
export const collections = {
  plans: defineCollection({ loader: planLoader('content/plans') }),
  departments: defineCollection({ loader: yamlListLoader('content/departments.yaml', departmentSchema) }),
  targets: defineCollection({ loader: yamlListLoader('content/targets.yaml', targetSchema) }),
};
