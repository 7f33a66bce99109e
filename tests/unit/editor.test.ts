/**
 * The web editor's pure parts: its configuration agrees with the schemas the build validates with, its article blocks
 * write MDX the content check accepts and read it back, and the server's path and comment rules.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'astro/zod';
import { ARTICLE_COMPONENTS, checkMdxBody } from '../../src/lib/content/mdx.ts';
import { cmsConfig, FILE_NAME_FIELD, REQUIRED_MESSAGE } from '../../src/lib/editor/cms-config.ts';
import { EDITOR_COMPONENTS } from '../../src/lib/editor/components.ts';
import { schemaRules, type CmsField } from '../../src/lib/editor/fields.ts';
import { keepHeaderComments, unwritableReason } from '../../src/lib/editor/paths.ts';
import { missingFieldMessage } from '../../src/lib/content-errors.ts';
import { articleSchema } from '../../src/schemas/article.ts';
import { campaignSchema } from '../../src/schemas/campaign.ts';
import { followUpSchema, listIssueSchema } from '../../src/schemas/list-issue.ts';
import { progressReportSchema } from '../../src/schemas/progress.ts';
import { restaurantSchema } from '../../src/schemas/restaurant.ts';
import { siteSettingsSchema } from '../../src/schemas/site.ts';

const config = cmsConfig(
  {
    towns: [{ id: '120114001', name: '杨村街道', kind: 'street' }],
    departments: [{ id: 'market-regulation', name: '区市场监管局', aliases: [], kind: 'department' }],
    articleCategories: [{ id: 'news', name: '新闻动态', description: '…' }],
  },
  { year: 2026 },
) as { collections: { name: string; fields?: CmsField[]; files?: { name: string; fields: CmsField[] }[] }[] };

const collection = (name: string) => config.collections.find((candidate) => candidate.name === name)!;
const fileFields = (name: string, file: string) => collection(name).files!.find((f) => f.name === file)!.fields;
const items = (fields: CmsField[]) => fields.find((field) => field.name === 'items')!.fields!;

/**
 * Fields whose form rule differs from the schema on purpose, each for a reason the save still covers (the server runs
 * the full content check before writing).
 */
const FILLED_ON_SAVE = new Set(['restaurants.id', 'follow-ups.id']);
const OPTIONAL_IN_OPTIONAL_OBJECT = new Set([
  'articles.cover.src',
  'articles.cover.alt',
  'campaigns.notice.title',
  'campaigns.notice.issuer',
  'campaigns.notice.date',
  'campaigns.recap.summary',
]);
const PATTERN_CHECKED_BY_SERVER = new Set(['articles.cover.src', 'articles.attachments.file']);

/** Every schema field is in the form, with the schema's label, required-ness, pattern and choices. */
function expectAgreement(name: string, schema: z.ZodType, fields: CmsField[], prefix: string[] = []) {
  const shape = (schemaAtPath(schema, prefix) as z.ZodObject).shape as Record<string, z.ZodType>;
  for (const key of Object.keys(shape)) {
    const path = [...prefix, key];
    const id = [name, ...path.filter((part) => part !== '*')].join('.');
    const field = fields.find((candidate) => candidate.name === key);
    expect(field, `${id} is in the form`).toBeDefined();
    const rules = schemaRules(schema, path);
    expect(field!.label, id).toBe(rules.label);
    const required = field!.required ?? true;
    if (FILLED_ON_SAVE.has(id) || OPTIONAL_IN_OPTIONAL_OBJECT.has(id)) expect(required, id).toBe(false);
    else expect(required, id).toBe(rules.required);
    if (!PATTERN_CHECKED_BY_SERVER.has(id)) expect(field!.pattern, id).toEqual(rules.pattern);
    if (rules.options) {
      const values = field!.options!.map((option) => (typeof option === 'string' ? option : option.value));
      expect(values, id).toEqual(rules.options);
    }
    if (field!.fields && field!.widget === 'object') expectAgreement(name, schema, field!.fields, path);
    if (field!.fields && field!.widget === 'list') expectAgreement(name, schema, field!.fields, [...path, '*']);
  }
}

/** The object schema at a path (`*` steps into a list's items). */
function schemaAtPath(schema: z.ZodType, path: string[]): z.ZodType {
  let current: z.ZodType = schema;
  for (const key of path) {
    current = unwrap(current);
    current = key === '*' ? ((current as z.ZodArray).element as z.ZodType) : (current as z.ZodObject).shape[key]!;
  }
  return unwrap(current);
}
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema as z.ZodType & { unwrap?: () => z.ZodType };
  while (typeof current.unwrap === 'function' && !('shape' in current) && !('element' in current)) {
    current = current.unwrap() as typeof current;
  }
  return current;
}

describe('the editor configuration agrees with the schemas', () => {
  it.each([
    ['articles', articleSchema, () => collection('articles').fields!],
    ['redblack', listIssueSchema, () => collection('redblack').fields!],
    ['campaigns', campaignSchema, () => collection('campaigns').fields!],
    ['restaurants', restaurantSchema, () => items(fileFields('registry', 'restaurants'))],
    ['follow-ups', followUpSchema, () => items(fileFields('registry', 'follow-ups'))],
    ['site', siteSettingsSchema, () => fileFields('settings', 'site')],
    ['progress', progressReportSchema, () => collection('progress').fields!],
  ] as const)('%s', (name, schema, fields) => {
    expectAgreement(name, schema, fields());
  });

  it('has no field the schemas would refuse, besides the file name it never writes and the body', () => {
    const names = collection('articles').fields!.map((field) => field.name);
    const unknown = names.filter((field) => !(field in articleSchema.shape));
    expect(unknown.sort()).toEqual(['body', FILE_NAME_FIELD].sort());
  });

  it('words a required field left empty as check:content does', () => {
    expect(REQUIRED_MESSAGE.replace('%{fieldLabel}', '标题')).toContain(missingFieldMessage('标题'));
  });

  it('a licence pattern carries the schema’s own message', () => {
    const licence = items(fileFields('registry', 'restaurants')).find((field) => field.name === 'licence')!;
    expect(new RegExp(licence.pattern![0]).test('JY21201140012345')).toBe(true);
    expect(new RegExp(licence.pattern![0]).test('JY123')).toBe(false);
    expect(licence.pattern![1]).toContain('应为“JY”加 14 位数字');
  });

  it('asks no other site for anything: no remote media library, proxy on the same site', () => {
    // Hints and messages may show an example address; no setting may hold one.
    const text = JSON.stringify(config, (key, value: unknown) =>
      ['hint', 'pattern'].includes(key) ? undefined : value,
    );
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toContain('media_library');
    expect(text).toContain('"proxy_url":"/admin/api/v1/"');
  });
});

describe('article blocks', () => {
  const context = {
    isPublicPage: () => true,
    fileExists: () => true,
    localFileExists: () => true,
    taskExists: () => true,
    components: ARTICLE_COMPONENTS,
    attachmentProblem: () => null,
  };
  const samples: Record<string, Record<string, unknown>> = {
    callout: { type: 'warning', title: '请注意 "引号" & 符号', body: '内容\n第二行' },
    figure: { src: '/files/2026/photo.jpg', alt: '一张照片', caption: '图注' },
    'download-card': { title: '报名表', file: '/files/2026/form.pdf' },
    'task-card': { plan: '2022', task: '5' },
    'data-table': { source: "<DataTable caption=\"表\" headers={['项目']} rows={[['食盐']]} />" },
  };

  it.each(EDITOR_COMPONENTS.map((component) => [component.id, component] as const))(
    '%s writes MDX the content check accepts, and reads it back',
    (id, component) => {
      const block = component.toBlock(samples[id]!);
      const match = block.match(component.pattern);
      expect(match, block).not.toBeNull();
      const again = component.toBlock(component.fromBlock(match!));
      expect(again).toBe(block);
      expect(checkMdxBody('content/articles/x.mdx', `---\ntitle: x\n---\n\n${block}\n`, context)).toEqual([]);
    },
  );

  it('a task card holds only digits between its braces, whatever is typed', () => {
    const card = EDITOR_COMPONENTS.find((component) => component.id === 'task-card')!;
    expect(card.toBlock({ plan: '2022}; alert(1); {', task: '5' })).toBe('<TaskCard plan={2022} task={5} />');
  });

  it('previews escape what staff typed', () => {
    const callout = EDITOR_COMPONENTS.find((component) => component.id === 'callout')!;
    expect(callout.toPreview({ type: 'tip', title: '<img src=x onerror=alert(1)>', body: '<b>' })).not.toContain(
      '<img',
    );
  });
});

describe('where the editor may write', () => {
  it.each([
    'content/articles/new.mdx',
    'content/restaurants.yaml',
    'content/articles/images/cover.png',
    'public/files/2026/form.pdf',
  ])('%s', (path) => expect(unwritableReason(path)).toBeNull());

  it.each([
    'src/pages/index.astro',
    'content/../src/x.mdx',
    '/etc/passwd',
    'public/index.html',
    'public/files/2026/evil.html',
    'content/.hidden.yaml',
    'content/articles/images/x.svg',
    'content\\articles\\x.mdx',
    'content/articles/x\u0000.mdx',
    'astro.config.mjs',
    '',
  ])('not %s', (path) => expect(unwritableReason(path)).toMatch(/。$/));
});

describe('keepHeaderComments', () => {
  it('puts a YAML list’s header back', () => {
    expect(keepHeaderComments('# 说明\n# 第二行\n\n- id: a\n', '- id: b\n')).toBe('# 说明\n# 第二行\n\n- id: b\n');
  });
  it('puts the comments at the top of front matter back', () => {
    expect(keepHeaderComments('---\n# 说明\nyear: 2022\n---\n正文\n', '---\nyear: 2023\n---\n')).toBe(
      '---\n# 说明\nyear: 2023\n---\n',
    );
  });
  it('changes nothing when there were none, or the file is new', () => {
    expect(keepHeaderComments('- id: a\n', '- id: b\n')).toBe('- id: b\n');
    expect(keepHeaderComments(null, '- id: b\n')).toBe('- id: b\n');
  });
  it('does not add them twice', () => {
    expect(keepHeaderComments('# 说明\n- id: a\n', '# 说明\n\n- id: b\n')).toBe('# 说明\n\n- id: b\n');
  });
});

describe('the editor service’s configuration', () => {
  const lists = {
    towns: [{ id: '120114001', name: '杨村街道', kind: 'street' as const }],
    departments: [],
    articleCategories: [{ id: 'news', name: '新闻动态', description: '…' }],
  };
  const draftField = (mode: 'local' | 'server') => {
    const built = cmsConfig(lists as never, { year: 2026, mode }) as typeof config & { publish_mode?: string };
    const articles = built.collections.find((candidate) => candidate.name === 'articles')!;
    return { publishMode: built.publish_mode, field: articles.fields!.find((field) => field.name === 'draft')! };
  };

  it('reviews instead of the 草稿 switch: an approved article goes live unless kept back', () => {
    expect(draftField('server')).toMatchObject({
      publishMode: 'editorial_workflow',
      field: { default: false, label: '暂不公开' },
    });
  });

  it('keeps npm run edit as it was: a new article is a 草稿 until staff turn it off, saved at once', () => {
    expect(draftField('local')).toMatchObject({ publishMode: undefined, field: { default: true } });
  });
});
