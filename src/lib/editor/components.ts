/**
 * The article components (src/components/mdx/, checked by src/lib/content/mdx.ts) as blocks of the web editor's
 * body field: staff fill a small form, the editor writes the component's MDX. Each block reads back what it wrote
 * (`pattern` + `fromBlock`), so an article can be opened and saved again unchanged.
 */
import { escapeXml } from '../rss.ts';

/** A field of a block's form (Decap widget options). */
interface BlockField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  options?: { label: string; value: string }[];
  default?: string;
  value_type?: string;
}

/** A Decap CMS editor component. */
export interface EditorComponent {
  id: string;
  label: string;
  fields: BlockField[];
  pattern: RegExp;
  fromBlock: (match: RegExpMatchArray) => Record<string, string>;
  toBlock: (data: Record<string, unknown>) => string;
  toPreview: (data: Record<string, unknown>) => string;
}

/** Text as a JSX attribute value in double quotes: `"` and `&` as character references, on one line. */
export function attribute(value: unknown): string {
  return String(value ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;');
}

/** The text of an attribute value the editor wrote. */
export function readAttribute(value: string | undefined): string {
  return (value ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/**
 * The site's table component (src/components/mdx/DataTable.astro) for a table's cells, its first row as the headings:
 * what a pasted Word or Excel table becomes. Short rows are filled with empty cells; each cell is one line of text,
 * written as a JSON string (a JavaScript string literal the content check reads, whatever quotes the cell holds).
 */
export function dataTableSource(caption: string, cells: readonly (readonly string[])[]): string {
  const clean = cells
    .map((row) => row.map((cell) => cell.replace(/\s+/g, ' ').trim()))
    .filter((row) => row.some((cell) => cell !== ''));
  const width = Math.max(0, ...clean.map((row) => row.length));
  const [headers = [], ...rows] = clean.map((row) => [...row, ...Array<string>(width - row.length).fill('')]);
  const list = (row: readonly string[]) => `[${row.map((cell) => JSON.stringify(cell)).join(', ')}]`;
  return (
    `<DataTable caption="${attribute(caption.trim())}" headers={${list(headers)}} ` +
    `rows={[${rows.map(list).join(', ')}]} />`
  );
}

/** A whole number typed in a form (0 when it is none, which the content check then refuses). */
const whole = (value: unknown) => Number.parseInt(String(value), 10) || 0;

/** A value as text in the preview's HTML. */
const html = (value: unknown) => escapeXml(String(value ?? ''));

const CALLOUT_TYPES = [
  { label: '提示', value: 'tip' },
  { label: '注意', value: 'warning' },
];

export const EDITOR_COMPONENTS: readonly EditorComponent[] = [
  {
    id: 'callout',
    label: '提示框',
    fields: [
      { name: 'type', label: '类型', widget: 'select', options: CALLOUT_TYPES, default: 'tip' },
      { name: 'title', label: '标题', widget: 'string', required: false, hint: '不填时显示“提示”或“注意”。' },
      { name: 'body', label: '内容', widget: 'text' },
    ],
    pattern: /^<Callout type="(tip|warning)"(?: title="([^"]*)")?>([^\n]*)<\/Callout>$/,
    fromBlock: (match) => ({ type: match[1]!, title: readAttribute(match[2]), body: match[3] ?? '' }),
    toBlock: (data) => {
      const title = String(data.title ?? '').trim();
      const body = String(data.body ?? '')
        .trim()
        .replace(/\s*\n\s*/g, ' ');
      const type = data.type === 'warning' ? 'warning' : 'tip';
      return `<Callout type="${type}"${title ? ` title="${attribute(title)}"` : ''}>${body}</Callout>`;
    },
    toPreview: (data) => {
      const warning = data.type === 'warning';
      const title = String(data.title ?? '').trim() || (warning ? '注意' : '提示');
      const colours = warning ? 'border-[#b3261e] bg-[#fdecea]' : 'border-brand bg-brand-tint';
      return (
        `<aside class="my-4 rounded border-l-8 p-4 ${colours}">` +
        `<p class="font-bold">${html(title)}</p><div class="mt-1">${html(data.body)}</div></aside>`
      );
    },
  },
  {
    id: 'figure',
    label: '带说明的图片',
    fields: [
      {
        name: 'src',
        label: '图片地址',
        widget: 'string',
        hint: '先上传到附件，再填写地址，如 /files/2026/photo.jpg。',
      },
      { name: 'alt', label: '图片说明（替代文字）', widget: 'string', hint: '用一句话说明图片内容。' },
      { name: 'caption', label: '图注', widget: 'string', required: false },
    ],
    pattern: /^<Figure src="([^"]*)" alt="([^"]*)"(?: caption="([^"]*)")? \/>$/,
    fromBlock: (match) => ({
      src: readAttribute(match[1]),
      alt: readAttribute(match[2]),
      caption: readAttribute(match[3]),
    }),
    toBlock: (data) =>
      `<Figure src="${attribute(data.src)}" alt="${attribute(data.alt)}"` +
      `${String(data.caption ?? '').trim() ? ` caption="${attribute(data.caption)}"` : ''} />`,
    toPreview: (data) =>
      `<figure class="my-4"><img src="${html(data.src)}" alt="${html(data.alt)}" class="h-auto max-w-full" />` +
      `<figcaption class="mt-1 text-base text-muted">${html(data.caption)}</figcaption></figure>`,
  },
  {
    id: 'download-card',
    label: '附件下载',
    fields: [
      { name: 'title', label: '附件名称', widget: 'string' },
      { name: 'file', label: '附件地址', widget: 'string', hint: 'public/files/ 下的文件，如 /files/2026/form.pdf。' },
    ],
    pattern: /^<DownloadCard title="([^"]*)" file="([^"]*)" \/>$/,
    fromBlock: (match) => ({ title: readAttribute(match[1]), file: readAttribute(match[2]) }),
    toBlock: (data) => `<DownloadCard title="${attribute(data.title)}" file="${attribute(data.file)}" />`,
    toPreview: (data) =>
      `<p class="my-4 rounded border-2 border-line p-4"><span class="block font-bold">${html(data.title)}</span>` +
      `<span class="mt-1 inline-block font-bold text-brand underline">下载 ${html(data.file)}</span></p>`,
  },
  {
    id: 'task-card',
    label: '计划任务卡片',
    fields: [
      { name: 'plan', label: '计划年份', widget: 'number', value_type: 'int', default: '2022' },
      { name: 'task', label: '任务序号', widget: 'number', value_type: 'int', hint: '第几项任务，如 5。' },
    ],
    pattern: /^<TaskCard plan=\{(\d+)\} task=\{(\d+)\} \/>$/,
    fromBlock: (match) => ({ plan: match[1]!, task: match[2]! }),
    // Only digits reach the braces: the pipeline accepts a number literal there, never an expression.
    toBlock: (data) => `<TaskCard plan={${whole(data.plan)}} task={${whole(data.task)}} />`,
    toPreview: (data) =>
      `<p class="my-4 rounded bg-brand-tint p-4 font-bold">${html(data.plan)}年计划 第 ${html(data.task)} 项任务</p>`,
  },
  {
    id: 'data-table',
    label: '带标题的表格',
    fields: [
      {
        name: 'source',
        label: '表格（按文章组件示例的写法）',
        widget: 'text',
        hint: "例如 <DataTable caption=\"表格标题\" headers={['项目', '要求']} rows={[['食盐', '不超过 5 克']]} />",
      },
    ],
    pattern: /^(<DataTable [^\n]*\/>)$/,
    fromBlock: (match) => ({ source: match[1]! }),
    toBlock: (data) => String(data.source ?? '').trim(),
    toPreview: (data) => `<pre class="my-4 whitespace-pre-wrap">${html(data.source)}</pre>`,
  },
];
