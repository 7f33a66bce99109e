/**
 * Rules for the MDX bodies staff write (articles, red/black list introductions, campaign introductions), checked on
 * the syntax tree that the build's own MDX parser (satteri, used by @astrojs/mdx) produces — never on lines of text,
 * so a tag split over several lines or written in an unusual way is seen exactly as the build sees it.
 *
 * MDX is code. Staff may write Markdown, the project's own components with their declared props, and a short list
 * of plain HTML elements; never script, event handlers, expressions, imports or `javascript:` URLs.
 *
 * The rules on each node are one function, {@link checkMdxTree}: `npm run check:content` runs it through
 * {@link checkMdxBody} (with the rules that need the whole site, such as whether a linked page exists), and the
 * build's own MDX compiler runs it as a satteri plugin, {@link mdxRulesPlugin} (astro.config.mjs), so that a body the
 * check never saw still cannot compile into code.
 */
import { posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineMdastPlugin, mdxToMdast, type Features, type MdastPluginDefinition } from 'satteri';
import { ContentError, type ContentProblem } from '../content-errors.ts';
import { CONTENT_FILES } from './files.ts';
import { publicPathProblem } from './public-files.ts';
import { NO_FRONT_MATTER, readContentText, splitFrontMatter } from './source.ts';
import { readFrontMatter } from './yaml.ts';

/** A prop of an article component: how its value may be written. */
type PropKind = 'text' | 'number' | 'texts' | 'table';

interface ComponentSpec {
  /** `attachment`: the prop is the address of a file under public/files/ that the component reads when built. */
  props: Record<string, { kind: PropKind; required?: boolean; choices?: readonly string[]; attachment?: true }>;
}

/**
 * The components an article may use, with their declared props (see src/components/mdx/*.astro, whose `Props` these
 * mirror; tests/unit/mdx-rules.test.ts checks that they agree). Only articles are given components when rendered.
 */
export const ARTICLE_COMPONENTS: Readonly<Record<string, ComponentSpec>> = {
  Callout: { props: { type: { kind: 'text', choices: ['tip', 'warning'] }, title: { kind: 'text' } } },
  Figure: {
    props: { src: { kind: 'text', required: true }, alt: { kind: 'text', required: true }, caption: { kind: 'text' } },
  },
  DataTable: {
    props: {
      caption: { kind: 'text', required: true },
      headers: { kind: 'texts', required: true },
      rows: { kind: 'table', required: true },
    },
  },
  DownloadCard: {
    props: { title: { kind: 'text', required: true }, file: { kind: 'text', required: true, attachment: true } },
  },
  TaskCard: { props: { plan: { kind: 'number', required: true }, task: { kind: 'number', required: true } } },
};

/** Plain HTML elements staff may write, with the attributes each may carry (besides the global ones). */
const HTML_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  abbr: [],
  b: [],
  blockquote: ['cite'],
  br: [],
  caption: [],
  code: [],
  dd: [],
  del: [],
  details: ['open'],
  dl: [],
  dt: [],
  em: [],
  figcaption: [],
  figure: [],
  h2: [],
  h3: [],
  h4: [],
  hr: [],
  i: [],
  img: ['src', 'alt', 'width', 'height'],
  kbd: [],
  li: [],
  mark: [],
  ol: ['start', 'reversed'],
  p: [],
  q: ['cite'],
  s: [],
  small: [],
  span: [],
  strong: [],
  sub: [],
  summary: [],
  sup: [],
  table: [],
  tbody: [],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  thead: [],
  time: ['datetime'],
  tr: [],
  u: [],
  ul: [],
};
const GLOBAL_ATTRIBUTES = ['title', 'lang'];

/** Elements that load or run something, each with what to do instead. */
const FORBIDDEN_ELEMENTS: Readonly<Record<string, string>> = {
  script: '不能使用 <script>：脚本会带来安全风险。需要互动功能请联系网站技术人员。',
  style: '不能使用 <style>：页面样式由网站统一设置。需要强调的文字请用 **加粗** 或 <Callout> 提示框。',
  iframe: '不能嵌入 <iframe>：它会从其他网站加载内容。请改用文字链接。',
  object: '不能使用 <object>：它会加载外部内容或插件。文件请用 <DownloadCard> 提供下载。',
  embed: '不能使用 <embed>：它会加载外部内容或插件。文件请用 <DownloadCard> 提供下载。',
  link: '不能使用 <link>：它会让页面加载其他文件。链接请用 [文字](网址) 的写法。',
  meta: '不能使用 <meta>：它会改变页面的行为（例如自动跳转）。',
  form: '不能使用 <form> 表单：本站不通过文章收集信息。需要留言请引导读者使用“纠错”页面。',
  base: '不能使用 <base>：它会改变页面上所有链接的指向。',
};

/** Attributes that hold an address. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'file', 'cite', 'action', 'formaction', 'poster', 'data', 'srcset']);

/** What the body checks need to know about the rest of the site; the compiler's plugin knows none of it. */
export interface MdxSite {
  /** Whether a site address (with trailing slash for pages) will be public when this content is published. */
  isPublicPage: (path: string) => boolean;
  /** Whether a public address such as /files/2023/notice.pdf has a file under public/ or is built. */
  fileExists: (publicPath: string) => boolean;
  /** Whether a file beside the content exists, e.g. ./images/photo.jpg next to an article. */
  localFileExists: (relativePath: string) => boolean;
  /** Whether a plan task exists: `<TaskCard plan={2022} task={5} />`. */
  taskExists: (year: number, task: number) => boolean;
  /**
   * Why a component's attachment prop (`<DownloadCard file>`) cannot be offered, or null: it must be exactly an
   * existing file under public/files/ (src/lib/content/public-files.ts, attachmentProblem).
   */
  attachmentProblem: (publicPath: string) => string | null;
}

/** What {@link checkMdxBody} needs: the site, and the components the body may use. */
export interface MdxContext extends MdxSite {
  /** Components the body may use: {@link bodyComponents} of the file. */
  components: Readonly<Record<string, ComponentSpec>>;
}

/**
 * The components a body may use, by its file: an article (content/articles/*.mdx) gets the article components; a
 * red/black list or campaign introduction, and any other MDX file, none. The pipeline and the compiler's plugin both
 * ask this.
 * @param file the file's path relative to the project, with forward slashes
 */
export function bodyComponents(file: string): Readonly<Record<string, ComponentSpec>> {
  return posix.dirname(file) === CONTENT_FILES.articles ? ARTICLE_COMPONENTS : {};
}

/**
 * The Markdown features the build compiles MDX with: astro.config.mjs gives them to satteri, and the check parses
 * with them too, so both see the same tree (GFM tables, autolinks and footnotes; smart quotes).
 */
export const MDX_FEATURES = { gfm: true, smartPunctuation: true } as const satisfies Features;

/**
 * The deepest a body's syntax tree may be. Real bodies are about ten levels deep (a list in a list, a link in bold
 * text); the compiler crashes on thousands of levels (10,000 `>` quotes), so much deeper nesting is refused.
 */
export const MAX_MDX_NESTING = 100;

/** The message for nesting deeper than {@link MAX_MDX_NESTING}. */
const TOO_DEEP =
  `嵌套层数过多（超过 ${MAX_MDX_NESTING} 层）：请检查是否多写了引用符号“>”、括号、星号、列表的缩进或标签；` +
  '正文中的引用、列表和标签只需要嵌套几层。';

/**
 * The first line (in `source`) where the text nests deeper than the MDX parser can safely recurse, checked before it
 * parses: it crashes the whole process (no error to catch) on some 10,000 brackets in an expression, or a run of
 * hundreds of thousands of `*`. Counted: brackets of any kind (even unbalanced: a generous upper bound), runs of one
 * emphasis character (`*`, `_`, `~`), and `>` quote marks opening a line. Real text stays far below the limit.
 * @returns the line, or undefined when the text is fine
 */
export function tooDeepText(source: string): number | undefined {
  let line = 1;
  let brackets = 0;
  let run = 0;
  let quotes = 0;
  let lineStart = true;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    run = (char === '*' || char === '_' || char === '~') && source[index - 1] === char ? run + 1 : 1;
    if (char === '\n') {
      line += 1;
      lineStart = true;
      quotes = 0;
      continue;
    }
    if (lineStart && char === '>') quotes += 1;
    else if (char !== ' ' && char !== '\t') lineStart = false;
    if (char === '(' || char === '[' || char === '{') brackets += 1;
    else if ((char === ')' || char === ']' || char === '}') && brackets > 0) brackets -= 1;
    if (brackets > MAX_MDX_NESTING || run > MAX_MDX_NESTING || quotes > MAX_MDX_NESTING) return line;
  }
  return undefined;
}

interface Position {
  start: { line: number };
}
/** The parts of an mdast node the rules read. */
export interface MdastNode {
  type: string;
  position?: Position;
  children?: MdastNode[];
  name?: string | null;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  value?: string;
  url?: string;
  alt?: string | null;
}

/**
 * Why an address may not be used, or null when it is fine. Allowed: http(s), mailto and tel addresses, site
 * addresses starting with a single `/`, in-page `#anchors`, and (where `allowLocal`) files beside the content
 * starting with `./`.
 */
export function unsafeUrlReason(url: string, allowLocal = false): string | null {
  // Browsers ignore tabs, newlines and leading control characters in a scheme: so must the check.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (compact === '') return '网址是空的。';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
  if (scheme) {
    if (['http', 'https', 'mailto', 'tel'].includes(scheme)) return null;
    return `不能使用“${scheme}:”开头的网址：它可能在读者的设备上运行代码或打开非网页的内容。网址只能以 https://、http://、mailto:、tel: 开头，或是本站以 / 开头的地址。`;
  }
  if (compact.startsWith('//') || compact.startsWith('\\'))
    return '网址不能以 // 开头：请写完整的 https:// 网址，或本站以一个 / 开头的地址。';
  if (compact.startsWith('/') || compact.startsWith('#')) return null;
  if (allowLocal && url.startsWith('./')) return null;
  return '网址应写成完整的 https:// 网址，或本站以 / 开头的地址（例如 /plan/2022/），不要写相对地址。';
}

/** Normalises a site address for lookup: no query or fragment, trailing slash for pages. */
function sitePath(url: string): { path: string; isFile: boolean } {
  const path = decodeURI(url.split(/[?#]/)[0]!);
  const isFile = /\.[a-z0-9]+$/i.test(path);
  return { path: isFile || path.endsWith('/') ? path : `${path}/`, isFile };
}

/** A static literal written in an attribute's `{…}`: a number, text, or a list of them. Never code. */
function parseLiteral(source: string): unknown {
  const text = source.trim();
  // Only numbers, quoted strings, brackets, commas and spaces: no names, calls, operators or template strings.
  const tokens = text.match(/\s+|-?\d+(?:\.\d+)?|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[[\],]|./g) ?? [];
  const json = tokens
    .map((token) => {
      if (/^\s+$/.test(token) || /^-?\d/.test(token) || token === '[' || token === ']' || token === ',') return token;
      if (token.startsWith('"')) return token;
      if (token.startsWith("'")) return JSON.stringify(token.slice(1, -1).replace(/\\(.)/g, '$1'));
      throw new Error(`unexpected ${token}`);
    })
    .join('');
  return JSON.parse(json);
}

function matchesKind(value: unknown, kind: PropKind): boolean {
  const texts = (item: unknown) => Array.isArray(item) && item.every((cell) => typeof cell === 'string');
  if (kind === 'number') return typeof value === 'number' && Number.isInteger(value);
  if (kind === 'texts') return texts(value);
  if (kind === 'table') return Array.isArray(value) && value.every(texts);
  return typeof value === 'string';
}

const KIND_EXAMPLES: Record<PropKind, string> = {
  text: '用引号写文字，例如 title="提示"',
  number: '写数字，例如 task={5}',
  texts: "写文字列表，例如 headers={['项目', '说明']}",
  table: "写表格的行，例如 rows={[['食盐', '不超过 5 克']]}",
};

/** Translates the MDX parser's message into what a staff member can act on. */
function syntaxMessage(message: string): string {
  if (/closing brace|expression/i.test(message))
    return 'MDX 语法错误：这里的“{”或“}”没有配对。文章中不能写 {…} 表达式；要显示花括号本身，请写成 \\{ 和 \\}。';
  if (/closing tag|end tag|matching/i.test(message))
    return 'MDX 语法错误：标签没有正确闭合。请检查 <标签> 是否有对应的 </标签>，或写成自闭合的 <标签 />。';
  if (/character|</i.test(message))
    return 'MDX 语法错误：这一行的“<”不是一个完整的标签。要显示小于号本身，请写成 \\<，或在它后面加空格。';
  return 'MDX 语法错误：这一行无法解析。请检查标签的尖括号 < >、引号和花括号 { } 是否成对。';
}

/**
 * The text of an MDX file that is compiled and checked: the body alone, after as many empty lines as the front matter
 * took, so that lines stay the file's own. The front matter never reaches the compiler.
 * @param bodyStartLine the line where the body starts in the file (src/lib/content/source.ts splitFrontMatter's)
 */
export function bodySource(body: string, bodyStartLine: number): string {
  return '\n'.repeat(bodyStartLine - 1) + body;
}

/**
 * Checks one MDX file's body, exactly as the build compiles it ({@link bodySource}).
 * @param file path relative to the project, e.g. content/articles/cold-chain.mdx
 * @param text the whole file (front matter included, so lines are the file's own)
 * @returns the body's problems; none when the file's text or front matter cannot be read, since the reader
 *   (src/lib/content/yaml.ts readFrontMatter) reports those
 */
export function checkMdxBody(file: string, text: string, context: MdxContext): ContentProblem[] {
  const read = readContentText(text, file);
  const split = read.problems.length > 0 ? undefined : splitFrontMatter(read.text, file);
  if (!split || split.problems.length > 0) return [];
  const source = bodySource(split.body, split.bodyStartLine);
  const deep = tooDeepText(source);
  if (deep !== undefined) return [{ file, line: deep, message: TOO_DEEP }];
  let tree: MdastNode;
  try {
    tree = mdxToMdast(source, { features: MDX_FEATURES }) as MdastNode;
  } catch (error) {
    // The parser's own stack: reported as the nesting it is, not as a stack trace.
    if (error instanceof RangeError) return [{ file, message: TOO_DEEP }];
    const raw = (error as Error).message;
    const line = Number(/^(\d+):\d+/.exec(raw)?.[1]);
    return [{ file, ...(line ? { line } : {}), message: syntaxMessage(raw) }];
  }
  return checkMdxTree(file, tree, context.components, context);
}

/**
 * The rules on each node of a body's syntax tree: no ESM, no expressions other than a component's literal number or
 * list props, no event handlers, only the allowed elements and the given components with their declared props, safe
 * addresses, no pictures from other sites, pictures with alt text, not nested too deep. Where `site` is given, also
 * whether linked pages, files and tasks exist.
 * @param file path relative to the project, named in problems
 * @param tree the body's mdast, as satteri parses it (with positions)
 * @param components the components the body may use ({@link bodyComponents})
 * @param site the rest of the site; absent in the compiler, which sees one file
 * @returns every problem, in document order, each with its line
 */
export function checkMdxTree(
  file: string,
  tree: MdastNode,
  components: Readonly<Record<string, ComponentSpec>>,
  site?: MdxSite,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const at = (node: MdastNode | undefined, message: string): void => {
    problems.push({ file, ...(node?.position ? { line: node.position.start.line } : {}), message });
  };

  const checkAddress = (node: MdastNode, url: string, what: string, allowLocal: boolean, image = false): void => {
    const reason = unsafeUrlReason(url, allowLocal);
    if (reason) return at(node, `${what}“${url}”：${reason}`);
    // A picture from another website would be fetched by every reader's browser: the site makes no such requests.
    if (image && /^\s*(https?:)?\/\//i.test(url))
      return at(node, `${what}“${url}”来自其他网站：请把图片保存到本站（public/files/ 或文章旁的 images/ 目录）再引用。`);
    if (!site) return;
    if (url.startsWith('./')) {
      if (!site.localFileExists(url.slice(2).split(/[?#]/)[0]!))
        at(node, `${what}“${url}”：文件不存在。图片请放在文章旁边的 images/ 目录中。`);
      return;
    }
    if (!url.startsWith('/') || url.startsWith('//')) return;
    const { path, isFile } = sitePath(url);
    if (isFile ? !site.fileExists(path) : !site.isPublicPage(path)) {
      at(
        node,
        isFile
          ? `${what}“${url}”：文件不存在：public${path}。请把文件放到 public/ 下对应的位置。`
          : `${what}“${url}”指向的页面不存在或尚未公开（草稿和定时发布的文章在发布前不能被链接）。` +
              '请检查网址，或在网站地图 /sitemap/ 中找到正确的网址。',
      );
    }
  };

  /** The rules on one node; whether its children are to be checked too. */
  const checkNode = (node: MdastNode): boolean => {
    switch (node.type) {
      case 'mdxjsEsm':
        at(
          node,
          '文章中不能使用 import 或 export：它们是程序代码。组件不需要 import，直接写 <Callout> 等即可；' +
            '图片请写成 ![图片说明](./images/文件名.jpg)。',
        );
        return false;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        at(
          node,
          '不能使用 {…} 表达式：花括号里的内容会被当作程序代码运行。要显示花括号本身，请写成 \\{ 和 \\}。',
        );
        return false;
      case 'link':
      case 'definition':
        checkAddress(node, node.url ?? '', '链接', false);
        break;
      case 'image':
        if ((node.alt ?? '').trim() === '')
          at(
            node,
            `图片“${node.url}”缺少替代文字：请在 ![ ] 的方括号里写一句话说明图片内容，供看不见图片的读者使用。`,
          );
        checkAddress(node, node.url ?? '', '图片', true, true);
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkElement(node);
        break;
    }
    return true;
  };

  const checkElement = (node: MdastNode): void => {
    const name = node.name;
    if (!name) return at(node, '不能使用空标签 <> … </>：请直接写内容。');
    const forbidden = FORBIDDEN_ELEMENTS[name.toLowerCase()];
    if (forbidden) return at(node, `文章中${forbidden}`);
    const component = components[name];
    const element = HTML_ELEMENTS[name];
    if (!component && !element) {
      const offered = Object.keys(components);
      // Its scripts are named too, so that removing the tag is not mistaken for the only problem.
      for (const attribute of node.attributes ?? []) {
        if (attribute.type === 'mdxJsxAttribute' && /^on/i.test(attribute.name ?? ''))
          at(node, `<${name}> 中不能使用 ${attribute.name} 等事件属性：它们是脚本。请删除这个属性。`);
      }
      return at(
        node,
        `不能使用 <${name}> 标签。` +
          (offered.length > 0 ? `可用的组件有 ${offered.map((item) => `<${item}>`).join('、')}；` : '') +
          `可用的 HTML 标签有 ${Object.keys(HTML_ELEMENTS).join('、')}。其余内容请用 Markdown 书写。`,
      );
    }
    const values = new Map<string, unknown>();
    const written = new Set<string>();
    for (const attribute of node.attributes ?? []) {
      if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) {
        at(node, `<${name}> 中不能使用 {...} 展开写法：它是程序代码。请逐个写出属性，例如 title="提示"。`);
        continue;
      }
      const key = attribute.name;
      written.add(key);
      if (/^on/i.test(key)) {
        at(node, `<${name}> 中不能使用 ${key} 等事件属性：它们是脚本。请删除这个属性。`);
        continue;
      }
      if (key.includes(':')) {
        at(node, `<${name}> 中不能使用 ${key}：它会让网站把内容当作代码或原样的 HTML 处理。请删除这个属性。`);
        continue;
      }
      if (key === 'style') {
        at(node, `<${name}> 中不能使用 style 属性：页面样式由网站统一设置，也可能从其他网站加载图片。请删除它。`);
        continue;
      }
      const declared = component?.props[key];
      if (!declared && !(element && (element.includes(key) || GLOBAL_ATTRIBUTES.includes(key)))) {
        const allowed = component ? Object.keys(component.props) : [...element!, ...GLOBAL_ATTRIBUTES];
        at(node, `<${name}> 没有“${key}”这个属性。可用的属性：${allowed.join('、') || '（无）'}。`);
        continue;
      }
      const raw = attribute.value;
      let value: unknown = raw ?? true;
      if (raw && typeof raw === 'object') {
        // {…}: only a component's number or list props may be written this way, and only as plain literals.
        const source = String((raw as { value?: unknown }).value ?? '');
        try {
          if (!declared || declared.kind === 'text') throw new Error('text');
          value = parseLiteral(source);
        } catch {
          at(
            node,
            `<${name}> 的 ${key} 不能写成 {${source.length > 30 ? `${source.slice(0, 30)}…` : source}}：` +
              `花括号里只能写数字或文字列表，不能写程序代码。${KIND_EXAMPLES[declared?.kind ?? 'text']}。`,
          );
          continue;
        }
      }
      if (declared && !matchesKind(value, declared.kind)) {
        at(node, `<${name}> 的 ${key} 写法不对：${KIND_EXAMPLES[declared.kind]}。`);
        continue;
      }
      if (declared?.choices && !declared.choices.includes(String(value))) {
        at(node, `<${name}> 的 ${key} 应为 ${declared.choices.join(' 或 ')}，实际填写：“${String(value)}”。`);
        continue;
      }
      values.set(key, value);
      if (declared?.attachment && typeof value === 'string') {
        // The build reads this file: exactly a file under public/files/, no query, no `..`, no built page.
        // Without the site (the compiler's plugin), at least the address's form: no `..`, query or fragment.
        const reason = site ? site.attachmentProblem(value) : publicPathProblem(value, '/files/');
        if (reason) at(node, `<${name}> 的 ${key}：${reason}`);
      } else if (URL_ATTRIBUTES.has(key) && typeof value === 'string') {
        // Files beside the content (./images/…) are only resolved for Markdown images, not in tags.
        checkAddress(node, value, key === 'href' ? '链接' : `<${name}> 的 ${key}`, false, key === 'src');
      }
    }
    for (const [key, spec] of Object.entries(component?.props ?? {})) {
      // A missing alt has its own message below.
      if (spec.required && !written.has(key) && key !== 'alt')
        at(node, `<${name}> 缺少 ${key}：${spec.kind === 'text' ? `请加上 ${key}="…"` : KIND_EXAMPLES[spec.kind]}。`);
    }
    if ((name === 'img' || name === 'Figure') && String(values.get('alt') ?? '').trim() === '')
      at(node, `<${name}> 缺少替代文字 alt：请写一句话说明图片内容，例如 alt="后厨操作台整洁有序"。`);
    const [year, task] = [values.get('plan'), values.get('task')];
    if (site && name === 'TaskCard' && typeof year === 'number' && typeof task === 'number') {
      if (!site.taskExists(year, task)) at(node, `<TaskCard>：${year} 年计划中没有第 ${task} 项任务。`);
    }
  };

  // Depth first, in document order, without recursion: a tree thousands of levels deep is refused, not a crash.
  const stack: Array<{ node: MdastNode; depth: number }> = [{ node: tree, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_MDX_NESTING) {
      at(node, TOO_DEEP);
      break;
    }
    if (!checkNode(node)) continue;
    const children = node.children ?? [];
    for (let index = children.length - 1; index >= 0; index -= 1) {
      stack.push({ node: children[index]!, depth: depth + 1 });
    }
  }
  return problems;
}

/**
 * What the build's MDX compiler (@astrojs/mdx) is given for an MDX file, read by the one reader
 * (src/lib/content/yaml.ts readFrontMatter): an empty front matter, padded with empty lines to as many lines as the
 * file's own, then the body. So no front-matter key (`layout`, say) ever reaches @astrojs/mdx, which would act on it;
 * the entries' data come from the content pipeline. Refused, with the reader's problems: a file whose text, fences
 * or front matter cannot be read, a file without front matter, and a body nesting deeper than the compiler can
 * parse without crashing ({@link tooDeepText}).
 * @param text the whole file as stored
 * @param file its path relative to the project, named in problems
 * @returns the text for the compiler, or the problems (then `code` is undefined)
 */
export function mdxCompilerInput(text: string, file: string): { code?: string; problems: ContentProblem[] } {
  const front = readFrontMatter(text, file);
  if (front.problems.length > 0) return { problems: front.problems };
  // A file with front matter has its body on line 3 or later (opening fence, closing fence).
  if (front.bodyStartLine < 3) return { problems: [{ file, line: 1, message: NO_FRONT_MATTER }] };
  const deep = tooDeepText(bodySource(front.body, front.bodyStartLine));
  if (deep !== undefined) return { problems: [{ file, line: deep, message: TOO_DEEP }] };
  return { code: `---\n${'\n'.repeat(front.bodyStartLine - 3)}---\n${front.body}`, problems: [] };
}

/**
 * The rules of {@link checkMdxTree} as a satteri mdast plugin, for the build's MDX compiler
 * (`mdx({ processor: satteri({ mdastPlugins: [mdxRulesPlugin(root)] }) })` in astro.config.mjs): a body breaking any of
 * them fails the compile with the same Chinese messages, file and line as `npm run check:content`. The components
 * allowed are the file's ({@link bodyComponents}); rules that need the whole site stay in the pipeline.
 * @param root the project folder, to name files relative to it
 */
export function mdxRulesPlugin(root: string): MdastPluginDefinition {
  return defineMdastPlugin({
    name: 'shian-content-rules',
    options: { position: true },
    before(tree, context) {
      const file = projectFile(root, context.fileURL);
      const problems = checkMdxTree(file, tree as unknown as MdastNode, bodyComponents(file));
      if (problems.length > 0) throw located(new ContentError(problems), problems);
    },
  });
}

/**
 * A file's path relative to the project, with forward slashes, from the compiler's file URL (which may carry a
 * query, e.g. `?astroRenderContent`); the absolute path for a file outside the project.
 */
export function projectFile(root: string, fileURL: URL | string | undefined): string {
  if (fileURL === undefined) return '';
  const path = (typeof fileURL === 'string' ? fileURL : fileURLToPath(fileURL)).replace(/\?.*$/, '');
  const inside = relative(root, path).split('\\').join('/');
  return inside.startsWith('../') || posix.isAbsolute(inside) ? path : inside;
}

/** An error with the first problem's line, where Vite and @astrojs/mdx look for a location. */
export function located<E extends Error>(error: E, problems: readonly ContentProblem[]): E & { line?: number; column?: number } {
  const line = problems.find((problem) => problem.line)?.line;
  return Object.assign(error, line === undefined ? {} : { line, column: 1 });
}
