/**
 * The editor page's script (/admin/, dev server only): loads Decap CMS from the site, teaches it this project's file
 * formats, article components, previews and Chinese messages, then starts it with the configuration the page carries
 * (src/lib/editor/cms-config.ts). Files are read and written by src/lib/content/editor-format.ts: the pipeline's own
 * reader, so the form shows exactly what the check and the build read. Problems the server finds on saving are listed
 * in full above the editor.
 */
import {
  readMdxFields,
  readYamlListItems,
  readYamlMapFields,
  writeMdxText,
  writeYamlListText,
  writeYamlMapText,
} from '../lib/content/editor-format.ts';
import { EDITOR_API, EDITOR_FORMATS, FILE_NAME_FIELD, REQUIRED_MESSAGE } from '../lib/editor/cms-config.ts';
import { EDITOR_COMPONENTS } from '../lib/editor/components.ts';
import { restaurantId } from '../lib/redblack/ids.ts';
import { issueId } from '../lib/redblack/status.ts';
import { pinyinSlug } from '../lib/slug.ts';
import './editor/session.ts';
import { installVersionTokens } from './editor/versions.ts';
import { installWorkflowUi, workflowMessages } from './editor/workflow-ui.ts';
import { chineseEditor } from './editor/chinese.ts';
import { showRestaurantNames } from './editor/names.ts';
import { revealFieldErrors, showNotice, hideNotice } from './editor/notices.ts';
import { watchTablePastes } from './editor/paste.ts';
import { chineseReplaceQuestion, watchUploads } from './editor/uploads.ts';
import { registerWidgets } from './editor/widgets.ts';

/** The few Immutable.js methods used on Decap's entries. */
interface ImmutableMap {
  get(key: string): unknown;
  getIn(path: (string | number)[]): unknown;
  set(key: string, value: unknown): ImmutableMap;
  toJS(): Record<string, unknown>;
}
interface PreviewProps {
  entry: ImmutableMap;
  widgetFor: (name: string) => unknown;
  getAsset: (path: string) => { toString(): string } | undefined;
}
type CreateElement = (type: string, props?: Record<string, unknown> | null, ...children: unknown[]) => unknown;
interface Decap {
  init(options: { config: unknown }): void;
  getLocale(name: string): Record<string, unknown>;
  registerLocale(name: string, phrases: Record<string, unknown>): void;
  registerCustomFormat(name: string, extension: string, format: object): void;
  registerEditorComponent(component: object): void;
  registerPreviewStyle(url: string): void;
  registerPreviewTemplate(collection: string, component: (props: PreviewProps) => unknown): void;
  registerEventListener(listener: { name: string; handler: (event: { entry: ImmutableMap }) => unknown }): void;
  registerWidget(name: string, control: unknown): void;
}
declare global {
  interface Window {
    CMS_MANUAL_INIT?: boolean;
    CMS?: Decap;
    h?: CreateElement;
  }
}

const configElement = document.getElementById('editor-config');
if (configElement) await start(JSON.parse(configElement.textContent ?? '{}'));

async function start({ config, siteCss }: { config: unknown; siteCss: string }) {
  installVersionTokens(config as Parameters<typeof installVersionTokens>[0]);
  watchSaves();
  void installWorkflowUi();
  // Checked in the browser before Decap sees them: uploads, pasted tables; and what Decap leaves in English.
  watchUploads();
  chineseReplaceQuestion();
  watchTablePastes();
  revealFieldErrors();
  chineseEditor();
  window.CMS_MANUAL_INIT = true;
  await new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/admin/decap/decap-cms.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('decap-cms.js'));
    document.head.append(script);
  });
  const cms = window.CMS!;
  cms.registerLocale('zh_Hans', chineseMessages(cms.getLocale('zh_Hans')));
  cms.registerCustomFormat(EDITOR_FORMATS.mdx, 'mdx', { fromFile: readMdxFields, toFile: writeMdx });
  cms.registerCustomFormat(EDITOR_FORMATS.yamlList, 'yaml', { fromFile: readYamlList, toFile: writeYamlList });
  cms.registerCustomFormat(EDITOR_FORMATS.yaml, 'yaml', { fromFile: readYamlMapFields, toFile: writeYamlMapText });
  for (const component of EDITOR_COMPONENTS) cms.registerEditorComponent(component);
  registerWidgets(cms);
  cms.registerEventListener({ name: 'preSave', handler: ({ entry }) => fillIds(entry) });
  cms.registerPreviewStyle(siteCss);
  cms.registerPreviewTemplate('articles', ArticlePreview);
  cms.registerPreviewTemplate('redblack', IssuePreview);
  cms.registerPreviewTemplate('campaigns', CampaignPreview);
  cms.init({ config });
  void showRestaurantNames();
}

/** Decap's Chinese, with the required-field message worded as `check:content` words it. */
function chineseMessages(phrases: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(phrases) as {
    editor: { editorControlPane: { widget: Record<string, string> }; editorControl?: Record<string, unknown> };
    ui: { toast: Record<string, string> };
    collection: { collectionTop: Record<string, string> };
  };
  // Phrases Decap's Chinese lacks, which it would show in English: a field's accessible name ("string field") and the
  // list/grid switch above a collection.
  copy.editor.editorControl = { ...copy.editor.editorControl, field: { optional: '可选', widgetLabel: '输入项' } };
  copy.collection.collectionTop.viewAs = '显示方式';
  copy.collection.collectionTop.viewAsList = '列表显示';
  copy.collection.collectionTop.viewAsGrid = '网格显示';
  copy.editor.editorControlPane.widget.required = REQUIRED_MESSAGE;
  // The pattern's message is the schema's own, as check:content gives it after the field's name.
  copy.editor.editorControlPane.widget.regexPattern = '“%{fieldLabel}”：%{pattern}';
  copy.ui.toast.onFailToPersist = '%{details}';
  copy.ui.toast.missingRequiredField = '还有必填内容没有填写，请按红色提示补上后再保存。';
  workflowMessages(copy);
  return copy;
}

/** Writes front matter in the order of the form's fields (Decap passes their names), then the body. */
function writeMdx(data: Record<string, unknown>, sortedKeys: string[] = []): string {
  const { body, [FILE_NAME_FIELD]: _fileName, ...front } = data;
  return writeMdxText(front, body, sortedKeys);
}

/** Decap keeps a list file's items under `items` (the form's one list field). */
function readYamlList(text: string): Record<string, unknown> {
  return { items: readYamlListItems(text) };
}

function writeYamlList(data: Record<string, unknown>): string {
  return writeYamlListText(data.items);
}

/** New files and new list items get the ids staff need not type: file names and registry ids from pinyin. */
function fillIds(entry: ImmutableMap): ImmutableMap {
  const data = entry.get('data') as ImmutableMap;
  const values = data.toJS();
  switch (entry.get('collection')) {
    case 'articles': {
      const title = String(values.title ?? '');
      return data.set(FILE_NAME_FIELD, values[FILE_NAME_FIELD] || pinyinSlug(title, new Set(), 8, 'article'));
    }
    case 'redblack':
      return data.set(FILE_NAME_FIELD, issueId(values as { year: number; number: number }));
    case 'registry': {
      const items = (values.items as Record<string, unknown>[] | undefined) ?? [];
      const taken = new Set(items.map((item) => item.id).filter(Boolean) as string[]);
      const withIds = items.map((item) => {
        if (item.id) return item;
        // A restaurant's id from its sign name; a re-inspection's from its issue, restaurant and day (2022-03-…-0705).
        const id =
          'signName' in item
            ? restaurantId(String(item.signName ?? ''), taken)
            : unique(
                `${item.issue}-${item.restaurant}-${String(item.date ?? '')
                  .slice(5)
                  .replace('-', '')}`,
                taken,
              );
        taken.add(id);
        return { id, ...item };
      });
      return data.set('items', withIds);
    }
    default:
      return data;
  }
}

/** `id`, or `id-2`, `id-3` … when it is taken. */
function unique(id: string, taken: ReadonlySet<string>): string {
  let candidate = id;
  for (let suffix = 2; taken.has(candidate); suffix += 1) candidate = `${id}-${suffix}`;
  return candidate;
}

/**
 * Shows the server's full list of problems when it refuses a save (Decap's own notice is short-lived), and clears it
 * after a save succeeds.
 */
function watchSaves() {
  // Decap prefixes the server's words with its error's English name in the notice: keep only the words.
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
        for (let text = walker.currentNode; text; text = walker.nextNode()!) {
          if (text.nodeType === Node.TEXT_NODE && text.textContent?.startsWith('API_ERROR: ')) {
            text.textContent = text.textContent.slice('API_ERROR: '.length);
          }
        }
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith(EDITOR_API) || typeof init?.body !== 'string' || !/"action":"(persist|delete)/.test(init.body)) {
      return response;
    }
    if (response.ok) {
      hideNotice();
      return response;
    }
    const { problems, compareUrl } = (await response.clone().json()) as { problems?: string[]; compareUrl?: string };
    if (!problems) return response;
    const link = compareUrl
      ? [
          Object.assign(document.createElement('a'), {
            href: compareUrl,
            target: '_blank',
            textContent: '比较两个版本（您的内容已留存）',
          }),
        ]
      : [];
    showNotice(`没有保存：共 ${problems.length} 处问题，请修改后再保存。`, problems, ...link);
    // Decap's own notice is short-lived and narrow: it only points here.
    return new Response(JSON.stringify({ error: '没有保存，问题列在页面上方。' }), {
      status: response.status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
}

/** The article as the site shows it: title, summary, cover and body, in the site's own CSS. */
function ArticlePreview({ entry, widgetFor, getAsset }: PreviewProps) {
  const h = window.h!;
  const data = entry.get('data') as ImmutableMap;
  const cover = data.getIn(['cover', 'src']) as string | undefined;
  return h(
    'main',
    { className: 'mx-auto max-w-5xl px-4 py-6' },
    h('h1', { className: 'mt-1 text-3xl font-bold text-brand' }, String(data.get('title') ?? '')),
    h('p', { className: 'mt-2 text-base text-muted' }, String(data.get('publishedAt') ?? '')),
    h('p', { className: 'mt-4 text-lg' }, String(data.get('summary') ?? '')),
    cover
      ? h('img', {
          className: 'mt-6 h-auto w-full rounded',
          src: getAsset(cover)?.toString(),
          alt: String(data.getIn(['cover', 'alt']) ?? ''),
        })
      : null,
    h('div', { className: 'article-body mt-6 space-y-4' }, widgetFor('body')),
  );
}

interface IssueEntry {
  restaurant?: string;
  list?: string;
  inspectedOn?: string;
  reasons?: string[];
  measures?: string[];
  deadline?: string;
}

const badge = (list: string | undefined) => (list === '红榜' ? 'bg-[#b3261e]' : 'bg-ink');

/** A list issue as its page lays it out: heading, theme and area, then each entry with its list and reasons. */
function IssuePreview({ entry }: PreviewProps) {
  const h = window.h!;
  const data = (entry.get('data') as ImmutableMap).toJS();
  const entries = (data.entries as IssueEntry[] | undefined) ?? [];
  return h(
    'main',
    { className: 'mx-auto max-w-5xl px-4 py-6' },
    h('h1', { className: 'text-3xl font-bold text-brand' }, `${data.year ?? ''}年第${data.number ?? ''}期红黑榜`),
    h('p', { className: 'mt-2 text-lg' }, `主题：${data.theme ?? ''}；检查片区：${data.area ?? ''}`),
    h('p', { className: 'mt-1 text-base text-muted' }, `发布日期：${data.publishedOn ?? ''}`),
    h(
      'ol',
      { className: 'mt-4 space-y-4' },
      ...entries.map((item) =>
        h(
          'li',
          { className: 'rounded border-2 border-line p-4' },
          h(
            'p',
            { className: 'font-bold' },
            h(
              'span',
              // As src/components/ListBadge.astro colours them.
              { className: `mr-2 inline-block rounded px-2 text-white ${badge(item.list)}` },
              item.list ?? '',
            ),
            `${item.restaurant ?? ''}（检查日期 ${item.inspectedOn ?? ''}）`,
          ),
          h(
            'ul',
            { className: 'mt-2 list-disc pl-6' },
            ...[...(item.reasons ?? []), ...(item.measures ?? [])].map((text) => h('li', null, text)),
          ),
          item.deadline ? h('p', { className: 'mt-1' }, `整改期限：${item.deadline}`) : null,
        ),
      ),
    ),
  );
}

/** A publicity week as its page lays it out: theme, dates, then the events by day. */
function CampaignPreview({ entry, widgetFor }: PreviewProps) {
  const h = window.h!;
  const data = (entry.get('data') as ImmutableMap).toJS();
  const events = (data.events as Record<string, string>[] | undefined) ?? [];
  return h(
    'main',
    { className: 'mx-auto max-w-5xl px-4 py-6' },
    h('h1', { className: 'text-3xl font-bold text-brand' }, `${data.year ?? ''}年食品安全宣传周`),
    h('p', { className: 'mt-2 text-lg font-bold' }, String(data.nationalTheme ?? '')),
    h('p', { className: 'mt-1 text-base text-muted' }, `${data.startDate ?? ''} 至 ${data.endDate ?? ''}`),
    h('div', { className: 'article-body mt-4 space-y-4' }, widgetFor('body')),
    h(
      'ul',
      { className: 'mt-4 space-y-2' },
      ...events.map((event) =>
        h(
          'li',
          { className: 'rounded border-2 border-line p-3' },
          h('p', { className: 'font-bold' }, `${event.date ?? ''} ${event.startTime ?? ''} ${event.title ?? ''}`),
          h('p', null, `${event.place ?? ''}（${event.category ?? ''}）`),
        ),
      ),
    ),
  );
}
