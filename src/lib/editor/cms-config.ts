/**
 * The web editor's configuration (Decap CMS, served at /admin/ by `npm run edit`): a collection for everything staff
 * publish, with Chinese labels and hints that follow docs/editing-guide.md. Labels, required fields, patterns and
 * choices come from the schemas (src/lib/editor/fields.ts); lists of towns, departments and categories from content.
 */
import { articleSchema } from '../../schemas/article.ts';
import { campaignSchema } from '../../schemas/campaign.ts';
import { followUpSchema, listIssueSchema } from '../../schemas/list-issue.ts';
import { progressReportSchema } from '../../schemas/progress.ts';
import { restaurantSchema } from '../../schemas/restaurant.ts';
import { siteSettingsSchema } from '../../schemas/site.ts';
import type { ContentModel } from '../content/pipeline.ts';
import { CONTENT_FILES } from '../content/files.ts';
import { missingFieldMessage } from '../content-errors.ts';
import { SLUG_PATTERN, SLUG_RULE } from '../slug.ts';
import { schemaField, type CmsField } from './fields.ts';
import type { EditorMode } from './mode.ts';
import { uploadHint } from './uploads.ts';
import { ATTACHMENT_EXTENSIONS, CONTENT_PICTURE_EXTENSIONS } from '../content/file-kinds.ts';

/** Where the editor's own server answers: the local proxy (decap-server) behind the dev server. */
export const EDITOR_API = '/admin/api/v1/';

/**
 * The editor's own widgets (src/scripts/editor/widgets.ts): text inputs that store the site's one form of what staff
 * type (src/lib/text-forms.ts): dates written 2023年2月20日 or 2023/2/20, codes and phone numbers in full width.
 */
export const EDITOR_WIDGETS = {
  date: 'shian-date',
  dateTime: 'shian-datetime',
  code: 'shian-code',
} as const;

/** The custom file formats the editor script registers (src/scripts/admin.ts). */
export const EDITOR_FORMATS = {
  /** An .mdx file: YAML front matter and a body; fields left empty are not written. */
  mdx: 'shian-mdx',
  /** A YAML file that is one list (content/restaurants.yaml): edited as the field `items`. */
  yamlList: 'shian-yaml-list',
  /** A YAML file of fields (content/site.yaml); fields left empty are not written. */
  yaml: 'shian-yaml',
} as const;

/**
 * Data keys the editor script fills in before saving and never writes to the file: the new file's name.
 * Articles take it from 网址名 or the title's pinyin, list issues from year and number.
 */
export const FILE_NAME_FIELD = 'fileName';

/** The editor's required-field message: the pipeline's own head (missingFieldMessage), with Decap's placeholder. */
export const REQUIRED_MESSAGE = `${missingFieldMessage('%{fieldLabel}')}：请填写。`;

/** Lists of entries mark sample data, as the site does. */
const SAMPLE_MARK = "{{fields.sample | ternary('【示例】', '')}}";

type Lists = Pick<ContentModel, 'towns' | 'departments' | 'articleCategories'>;

const date = { widget: EDITOR_WIDGETS.date };
/** A code or a phone number: full-width digits and letters are saved plain. */
const code = (hint?: string) => ({ widget: EDITOR_WIDGETS.code, ...(hint ? { hint } : {}) });
/** Lists of dated entries: newest first, and sortable by `fields` too. */
const newestFirst = (field: string, label: string, fields: string[] = []) => [
  { field, label, default_sort: 'desc' },
  ...fields,
];
/** A list of short texts, one input per item (Decap's plain list would split on commas). */
const texts = (name: string, label: string) => ({
  widget: 'list',
  label_singular: label,
  field: { name, label, widget: 'string' },
});
const sample = (schema: Parameters<typeof schemaField>[0]) =>
  schemaField(schema, ['sample'], {
    widget: 'boolean',
    default: false,
    hint: '虚构的示例内容请打开：网页上会醒目地标注“示例”。真实内容保持关闭。',
  });

/** The Decap CMS configuration object for `CMS.init({ config })`. */
export function cmsConfig(lists: Lists, options: { year: number; mode?: EditorMode }): Record<string, unknown> {
  const towns = lists.towns.map((town) => ({ label: town.name, value: town.id }));
  const departments = lists.departments.map((department) => ({ label: department.name, value: department.id }));
  const categories = lists.articleCategories.map((category) => ({ label: category.name, value: category.id }));
  const filesFolder = `public/files/${options.year}`;
  /** What each collection of MDX files shares: its folder and format, and files made (never deleted) in the form. */
  const mdxFolder = (folder: string, slug: string) => ({
    folder,
    extension: 'mdx',
    format: EDITOR_FORMATS.mdx,
    create: true,
    delete: false,
    slug,
  });
  /** Options of a field that picks a registered restaurant by its name (the file keeps its id). */
  const restaurantPicker = (hint: string) => ({
    hint,
    widget: 'relation',
    collection: 'registry',
    file: 'restaurants',
    search_fields: ['items.*.signName', 'items.*.registeredName', 'items.*.address'],
    // Two businesses may share a sign name: the address tells them apart.
    display_fields: ['items.*.signName', 'items.*.address'],
    value_field: 'items.*.id',
  });

  const article = (path: string[], options: Partial<CmsField> & { widget: string }) =>
    schemaField(articleSchema, path, options);
  const articles = {
    name: 'articles',
    label: '文章',
    label_singular: '文章',
    description: '新闻、科普、政策解读和通知公告。保存后自动检查；“草稿”打开时不会发布。',
    ...mdxFolder(CONTENT_FILES.articles, `{{fields.${FILE_NAME_FIELD}}}`),
    identifier_field: 'title',
    summary: `{{fields.draft | ternary('【草稿】', '')}}${SAMPLE_MARK}{{fields.title}}（{{fields.publishedAt}}）`,
    sortable_fields: newestFirst('publishedAt', '发布时间', ['title']),
    // 查看发布 opens the entry's own page.
    preview_path: 'articles/{{slug}}/',
    media_folder: 'images',
    public_folder: './images',
    fields: [
      {
        name: FILE_NAME_FIELD,
        label: '网址名',
        widget: 'string',
        required: false,
        pattern: [SLUG_PATTERN.source, `${SLUG_RULE}，例如 dong-ji-chi-huo-guo`],
        hint: '新建文章时可填，不填则按标题的拼音生成，例如 /articles/dong-ji-chi-huo-guo/。文章发布后改这里不会改网址。',
      },
      article(['title'], { widget: 'string', hint: '不超过 40 个字。' }),
      article(['summary'], { widget: 'text', hint: '一两句话概括本文，显示在列表和搜索结果里，不超过 120 个字。' }),
      article(['publishedAt'], {
        widget: EDITOR_WIDGETS.dateTime,
        hint: '北京时间，日期和时间，如 2023-02-20 09:30 或 2023年2月20日 9:30。晚于现在的文章到时间后自动出现（定时发布）。',
      }),
      article(['category'], { widget: 'select', options: categories }),
      article(['tags'], { ...texts('tag', '标签'), hint: '每个标签单独添加，可以不填。' }),
      article(['source'], { widget: 'string', default: '食安武清编辑部' }),
      article(['author'], { widget: 'string' }),
      article(['tasks'], {
        ...texts('task', '任务'),
        hint: '相关的计划任务，写成“年份-任务序号”，例如 2022-5。政策解读文章请务必填写。',
      }),
      article(['cover'], {
        widget: 'object',
        collapsed: false,
        hint: `可选。至少 1200 像素宽（手机拍的照片一般都够）；生成网站时会自动压缩。${uploadHint(CONTENT_PICTURE_EXTENSIONS)}`,
        fields: [
          // Optional in the form: Decap demands an optional object's required fields even when the object is left
          // empty. The server still refuses a cover without its picture or its alt text. The widget picks the file,
          // and Decap checks a pattern against its path before the upload has one: the server checks the saved path.
          { ...article(['cover', 'src'], { widget: 'image', choose_url: false }), required: false, pattern: undefined },
          {
            ...article(['cover', 'alt'], { widget: 'string', hint: '用一句话说明图片内容，供看不见图片的读者使用。' }),
            required: false,
          },
        ],
      }),
      article(['attachments'], {
        widget: 'list',
        hint: `附件上传到 ${filesFolder}/。${uploadHint(ATTACHMENT_EXTENSIONS)}`,
        fields: [
          article(['attachments', '*', 'title'], { widget: 'string' }),
          // As the cover's picture: Decap checks the pattern against the upload before it has its path, and refused
          // every attachment; the server checks the saved path with the schema's own rule.
          {
            ...article(['attachments', '*', 'file'], {
              widget: 'file',
              choose_url: false,
              media_folder: `/${filesFolder}`,
              public_folder: `/files/${options.year}`,
            }),
            pattern: undefined,
          },
        ],
      }),
      sample(articleSchema),
      // Locally, a new article stays off the site until staff turn 草稿 off; in the service, review is that step, and an
      // approved article goes live unless 草稿 is turned on to keep it back.
      options.mode === 'server'
        ? article(['draft'], {
            widget: 'boolean',
            default: false,
            label: '暂不公开',
            hint: '审核通过后文章即发布。只有审核通过后仍要暂不公开时才打开。',
          })
        : article(['draft'], { widget: 'boolean', default: true, hint: '写好后关闭“草稿”才会发布。' }),
      {
        name: 'body',
        label: '正文',
        widget: 'markdown',
        modes: ['rich_text', 'raw'],
        buttons: ['bold', 'italic', 'link', 'heading-two', 'heading-three', 'quote', 'bulleted-list', 'numbered-list'],
        editor_components: ['callout', 'figure', 'download-card', 'task-card'],
        hint: '用工具栏的“添加组件”插入提示框、图片、附件下载和计划任务卡片。不能写脚本或网页代码。',
      },
    ],
  };

  const issue = (path: string[], options: Partial<CmsField> & { widget: string }) =>
    schemaField(listIssueSchema, path, options);
  const listIssues = {
    name: 'redblack',
    label: '红黑榜',
    label_singular: '一期红黑榜',
    description: '每月一期。也可以用“导入表格”一次导入整期（/admin/import/）。',
    ...mdxFolder(CONTENT_FILES.listIssues, `{{fields.${FILE_NAME_FIELD}}}`),
    identifier_field: 'theme',
    // {{year}} alone would be a date's year in Decap's templates: fields are named with fields.
    summary: `${SAMPLE_MARK}{{fields.year}}年第{{fields.number}}期 {{fields.theme}}`,
    sortable_fields: newestFirst('publishedOn', '发布日期', ['year', 'number']),
    preview_path: 'redblack/{{slug}}/',
    fields: [
      { name: FILE_NAME_FIELD, label: '文件名', widget: 'hidden', required: false },
      issue(['year'], { widget: 'number', value_type: 'int', min: 2020, max: 2100 }),
      issue(['number'], { widget: 'number', value_type: 'int', min: 1, max: 99, hint: '该年的第几期。' }),
      issue(['publishedOn'], date),
      issue(['theme'], { widget: 'string' }),
      issue(['area'], { widget: 'string' }),
      issue(['intro'], { widget: 'text', hint: '可选。不填时网页显示检查片区和主题。' }),
      issue(['participants'], texts('participant', '参与人员')),
      issue(['source'], { widget: 'select', options: departments, default: 'market-regulation' }),
      sample(listIssueSchema),
      issue(['entries'], {
        widget: 'list',
        summary: '{{fields.list}} {{fields.restaurant}}',
        fields: [
          issue(['entries', '*', 'restaurant'], restaurantPicker('输入店名查找。新餐厅请先在“餐厅登记表”中登记。')),
          issue(['entries', '*', 'list'], { widget: 'select' }),
          issue(['entries', '*', 'inspectedOn'], date),
          issue(['entries', '*', 'reasons'], texts('reason', '理由')),
          issue(['entries', '*', 'measures'], { ...texts('measure', '措施'), hint: '黑榜必填：下达的处理措施。' }),
          issue(['entries', '*', 'deadline'], { ...date, hint: '黑榜的整改期限。' }),
        ],
      }),
    ],
  };

  const restaurant = (key: string, options: Partial<CmsField> & { widget: string }) =>
    schemaField(restaurantSchema, [key], options);
  const followUp = (key: string, options: Partial<CmsField> & { widget: string }) =>
    schemaField(followUpSchema, [key], options);
  const registry = {
    name: 'registry',
    label: '餐厅与复查',
    description: '餐厅登记表和黑榜餐厅的复查记录。',
    // Decap sets the format per collection: both files are YAML lists.
    format: EDITOR_FORMATS.yamlList,
    extension: 'yaml',
    delete: false,
    files: [
      {
        name: 'restaurants',
        label: '餐厅登记表',
        file: CONTENT_FILES.restaurants,
        fields: [
          {
            name: 'items',
            label: '餐厅',
            label_singular: '餐厅',
            widget: 'list',
            summary: `${SAMPLE_MARK}{{fields.signName}}`,
            fields: [
              restaurant('id', {
                widget: 'string',
                required: false,
                hint: '网址名：可不填，保存时按牌匾名称的拼音生成。发布后不要修改。',
              }),
              restaurant('signName', { widget: 'string' }),
              restaurant('registeredName', { widget: 'string' }),
              restaurant('address', { widget: 'string' }),
              restaurant('town', { widget: 'select', options: towns }),
              restaurant('businessType', { widget: 'select' }),
              restaurant('licence', code('可选：JY 加 14 位数字。')),
              restaurant('grade', { widget: 'select' }),
              sample(restaurantSchema),
            ],
          },
        ],
      },
      {
        name: 'follow-ups',
        label: '复查记录',
        file: CONTENT_FILES.followUps,
        fields: [
          {
            name: 'items',
            label: '复查',
            label_singular: '复查',
            widget: 'list',
            summary: '{{fields.date}} {{fields.restaurant}} {{fields.result}}',
            fields: [
              followUp('id', { widget: 'string', required: false, hint: '可不填，保存时自动生成。' }),
              {
                ...followUp('issue', { widget: 'relation' }),
                hint: '黑榜所在的那一期。',
                collection: 'redblack',
                search_fields: ['theme', 'year', 'area'],
                display_fields: ['{{fields.year}}年第{{fields.number}}期 {{fields.theme}}'],
                value_field: '{{slug}}',
              },
              followUp('restaurant', restaurantPicker('输入店名查找：须是该期黑榜上的餐厅。')),
              followUp('date', date),
              followUp('result', { widget: 'select' }),
              followUp('note', { widget: 'text' }),
            ],
          },
        ],
      },
    ],
  };

  const campaign = (path: string[], options: Partial<CmsField> & { widget: string }) =>
    schemaField(campaignSchema, path, options);
  const campaigns = {
    name: 'campaigns',
    label: '宣传周',
    label_singular: '一年的宣传周',
    ...mdxFolder(CONTENT_FILES.campaigns, '{{fields.year}}'),
    identifier_field: 'nationalTheme',
    summary: `${SAMPLE_MARK}{{fields.year}}年 {{fields.nationalTheme}}`,
    sortable_fields: newestFirst('startDate', '开始日期', ['year']),
    preview_path: 'campaign/{{slug}}/',
    fields: [
      campaign(['year'], { widget: 'number', value_type: 'int', min: 2000, max: 2100 }),
      campaign(['nationalTheme'], { widget: 'string', hint: '按国家公布的主题逐字填写。' }),
      campaign(['localTheme'], { widget: 'string' }),
      campaign(['startDate'], date),
      campaign(['endDate'], date),
      campaign(['organisers'], { widget: 'select', multiple: true, options: departments }),
      sample(campaignSchema),
      campaign(['notice'], {
        widget: 'object',
        collapsed: true,
        hint: '可选：区里印发宣传周活动的通知。',
        fields: [
          { ...campaign(['notice', 'title'], { widget: 'string' }), required: false },
          { ...campaign(['notice', 'issuer'], { widget: 'string' }), required: false },
          { ...campaign(['notice', 'date'], date), required: false },
          campaign(['notice', 'url'], { widget: 'string', hint: '通知原文的网址，以 https:// 开头。' }),
        ],
      }),
      campaign(['recap'], {
        widget: 'object',
        collapsed: true,
        hint: '可选：宣传周结束后的回顾。数据只填正式统计结果。',
        fields: [
          { ...campaign(['recap', 'summary'], { widget: 'text' }), required: false },
          campaign(['recap', 'figures'], {
            widget: 'list',
            summary: '{{fields.label}} {{fields.value}}{{fields.unit}}',
            fields: [
              campaign(['recap', 'figures', '*', 'label'], { widget: 'string' }),
              campaign(['recap', 'figures', '*', 'value'], { widget: 'number', value_type: 'float', min: 0 }),
              campaign(['recap', 'figures', '*', 'unit'], { widget: 'string' }),
            ],
          }),
        ],
      }),
      campaign(['events'], {
        widget: 'list',
        summary: '{{fields.date}} {{fields.title}}',
        fields: [
          campaign(['events', '*', 'id'], { widget: 'string', hint: '网址名，如 opening。发布后不要修改。' }),
          campaign(['events', '*', 'date'], date),
          campaign(['events', '*', 'startTime'], { widget: 'string', hint: '24 小时制，如 09:30。' }),
          campaign(['events', '*', 'endTime'], { widget: 'string' }),
          campaign(['events', '*', 'title'], { widget: 'string' }),
          campaign(['events', '*', 'organiser'], { widget: 'select', options: departments }),
          campaign(['events', '*', 'place'], { widget: 'string' }),
          campaign(['events', '*', 'town'], { widget: 'select', options: towns }),
          campaign(['events', '*', 'category'], { widget: 'select' }),
          campaign(['events', '*', 'description'], { widget: 'text' }),
        ],
      }),
      campaign(['materials'], {
        widget: 'list',
        summary: '{{fields.title}}',
        fields: [
          campaign(['materials', '*', 'id'], { widget: 'string' }),
          campaign(['materials', '*', 'title'], { widget: 'string' }),
          campaign(['materials', '*', 'kind'], { widget: 'select' }),
          campaign(['materials', '*', 'file'], { widget: 'string', hint: '如 /materials/2022/poster.pdf。' }),
          campaign(['materials', '*', 'description'], { widget: 'text' }),
        ],
      }),
      { name: 'body', label: '介绍', widget: 'markdown', modes: ['rich_text', 'raw'], required: false },
    ],
  };

  const setting = (key: string, options: Partial<CmsField> & { widget: string }) =>
    schemaField(siteSettingsSchema, [key], options);
  const settings = {
    name: 'settings',
    label: '网站信息',
    description: '页脚的主办单位、联系方式和备案号等。只填写正式文件中的内容；还不知道的留空，网页上显示“待提供”。',
    format: EDITOR_FORMATS.yaml,
    extension: 'yaml',
    delete: false,
    files: [
      {
        name: 'site',
        label: '网站信息（页脚）',
        file: CONTENT_FILES.site,
        fields: [
          setting('sponsor', { widget: 'string' }),
          setting('organizer', { widget: 'string' }),
          setting('phone', code('对外公布的联系电话。')),
          setting('email', { widget: 'string', hint: '用于接收纠错信息。' }),
          setting('address', { widget: 'string' }),
          setting('governmentSiteCode', code('按《政府网站标识码》证书填写。')),
          setting('icpLicence', code('按备案信息填写。')),
          setting('publicSecurityRecord', code('按备案信息填写。')),
          setting('securityContact', code('报告网站安全问题的联系方式，写在 security.txt 中。')),
          setting('serverLogRetention', {
            widget: 'string',
            hint: '服务器访问日志保存多久，显示在隐私声明中，如“14 天”。',
          }),
        ],
      },
    ],
  };

  return {
    backend: { name: 'proxy', proxy_url: EDITOR_API, branch: 'main' },
    locale: 'zh_Hans',
    load_config_file: false,
    // Never a third-party request: no remote media library, no analytics, no external fonts.
    media_folder: filesFolder,
    public_folder: `/files/${options.year}`,
    site_url: '/',
    display_url: '/',
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    collections: [articles, listIssues, registry, campaigns, settings, progressReports(departments, filesFolder)],
    // The editor service: saves are drafts (草稿 → 待审核 → 待发布) a 审核 publishes (src/lib/editor/workflow.ts).
    ...(options.mode === 'server' ? { publish_mode: 'editorial_workflow' } : {}),
  };
}

/**
 * 进展报告 (content/progress/<id>.yaml, src/schemas/progress.ts): one new file per report, like 复查 records added and
 * never rewritten (the writer refuses a change to a published report). The file name is made from plan, task,
 * department and date.
 */
function progressReports(departments: Array<{ label: string; value: string }>, filesFolder: string) {
  const field = (path: string[], options: Partial<CmsField> & { widget: string }) =>
    schemaField(progressReportSchema, path, options);
  return {
    name: 'progress',
    label: '计划进展',
    label_singular: '进展报告',
    description:
      '责任单位报告计划任务的进展。报告保存后不能修改；如有错误，请新增一份报告，在“更正的报告”中填写原报告。',
    folder: CONTENT_FILES.progress,
    extension: 'yaml',
    format: EDITOR_FORMATS.yaml,
    create: true,
    delete: false,
    slug: '{{fields.plan}}-{{fields.task}}-{{fields.department}}-{{fields.date}}',
    identifier_field: 'text',
    summary: `${SAMPLE_MARK}{{fields.date}} {{fields.plan}}年任务{{fields.task}} {{fields.status}}`,
    sortable_fields: ['date'],
    fields: [
      field(['plan'], { widget: 'number', value_type: 'int', min: 2000, max: 2100, hint: '计划的年份，如 2022。' }),
      field(['task'], { widget: 'number', value_type: 'int', min: 1, hint: '任务序号：第几项任务，如 14。' }),
      field(['date'], { ...date, hint: '计划年度内，或次年 3 月 31 日前（年终报告）。' }),
      field(['department'], { widget: 'select', options: departments, hint: '只能是计划原文为这项任务列明的单位。' }),
      field(['status'], { widget: 'select' }),
      field(['text'], { widget: 'text', hint: '简要写明做了什么、做到哪一步。' }),
      field(['reason'], {
        widget: 'text',
        hint: '“未完成”必填；已报告“已完成”的任务改报其他状态时也必填。',
      }),
      field(['corrects'], { widget: 'string', hint: '仅更正报告填写：被更正报告的文件名（不含 .yaml）。' }),
      field(['figures'], {
        widget: 'list',
        summary: '{{fields.target}} {{fields.value}}',
        hint: '对照量化目标的完成数（见“量化目标”页）。单位按目标的单位，不要换算。',
        fields: [
          field(['figures', '*', 'target'], { widget: 'string', hint: '量化目标的编号，如 2022-sampling-total。' }),
          field(['figures', '*', 'value'], { widget: 'number', value_type: 'float', min: 0 }),
          field(['figures', '*', 'unit'], {
            widget: 'string',
            required: false,
            hint: '可不填；填写时须与目标的单位一致。',
          }),
        ],
      }),
      field(['articles'], {
        ...texts('article', '文章'),
        hint: '作为依据的已发布文章的网址名，如 dong-ji-chi-huo-guo。',
      }),
      field(['attachments'], {
        widget: 'list',
        hint: `证明材料上传到 ${filesFolder}/。`,
        fields: [
          field(['attachments', '*', 'title'], { widget: 'string' }),
          field(['attachments', '*', 'file'], {
            widget: 'file',
            choose_url: false,
            media_folder: `/${filesFolder}`,
            public_folder: `/${filesFolder.replace(/^public\//, '')}`,
          }),
        ],
      }),
      sample(progressReportSchema),
    ],
  };
}
