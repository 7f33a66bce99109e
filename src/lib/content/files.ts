/** Where each kind of content lives, relative to the project root. */
export const CONTENT_FILES = {
  plans: 'content/plans',
  departments: 'content/departments.yaml',
  targets: 'content/targets.yaml',
  towns: 'content/towns.yaml',
  restaurants: 'content/restaurants.yaml',
  listIssues: 'content/redblack',
  followUps: 'content/redblack/follow-ups.yaml',
  articles: 'content/articles',
  articleCategories: 'content/article-categories.yaml',
  campaigns: 'content/campaigns',
  site: 'content/site.yaml',
  /** 进展报告: one YAML file per report, never rewritten (src/schemas/progress.ts). */
  progress: 'content/progress',
} as const;
