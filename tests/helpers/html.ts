/**
 * A small reader for the built HTML: start tags with their attributes, script contents and ids.
 * Astro's output is machine-written and checked by tests/site/html-validate.test.ts, so a
 * tokenizer that skips comments and raw-text elements is enough; no DOM is needed.
 */

export interface Tag {
  /** Lower-case element name. */
  name: string;
  /** Attribute values with character references decoded; a bare attribute has the value ''. */
  attrs: Record<string, string>;
  /** Offset of the tag's `<` in the source. */
  start: number;
  /** Offset just after the tag's `>`. */
  end: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references that appear in attribute values and text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

const TAG = /<([a-zA-Z][^\s/>]*)((?:\s+[^\s"'=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const ATTR = /([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

/** Every start tag in document order, skipping comments and the contents of script, style, textarea and title. */
export function startTags(html: string): Tag[] {
  const tags: Tag[] = [];
  let index = 0;
  while (index < html.length) {
    const next = html.indexOf('<', index);
    if (next === -1) break;
    if (html.startsWith('<!--', next)) {
      const close = html.indexOf('-->', next + 4);
      index = close === -1 ? html.length : close + 3;
      continue;
    }
    TAG.lastIndex = next;
    const match = TAG.exec(html);
    if (!match) {
      index = next + 1;
      continue;
    }
    const name = match[1]!.toLowerCase();
    const attrs: Record<string, string> = {};
    for (const attr of match[2]!.matchAll(ATTR)) {
      const key = attr[1]!.toLowerCase();
      if (!(key in attrs)) attrs[key] = decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? '');
    }
    tags.push({ name, attrs, start: next, end: TAG.lastIndex });
    index = TAG.lastIndex;
    if (RAW_TEXT.has(name)) {
      const close = html.toLowerCase().indexOf(`</${name}`, index);
      index = close === -1 ? html.length : close;
    }
  }
  return tags;
}

/** The source between an element's start tag and its matching end tag (same-name nesting is counted). */
export function innerHtml(html: string, tag: Tag): string {
  const open = new RegExp(`<${tag.name}[\\s>/]`, 'gi');
  const close = new RegExp(`</${tag.name}\\s*>`, 'gi');
  let depth = 1;
  let position = tag.end;
  while (depth > 0) {
    close.lastIndex = position;
    const end = close.exec(html);
    if (!end) return html.slice(tag.end);
    open.lastIndex = position;
    const nested = open.exec(html);
    if (nested && nested.index < end.index && !RAW_TEXT.has(tag.name)) {
      depth += 1;
      position = nested.index + 1;
    } else {
      depth -= 1;
      if (depth === 0) return html.slice(tag.end, end.index);
      position = end.index + 1;
    }
  }
  return '';
}

/** The first element matching a predicate, with its inner HTML. */
export function findElement(html: string, test: (tag: Tag) => boolean): { tag: Tag; inner: string } | undefined {
  const tag = startTags(html).find(test);
  return tag && { tag, inner: innerHtml(html, tag) };
}

/** Visible-ish text of an HTML fragment: tags, comments and scripts removed, references decoded, spaces collapsed. */
export function textOf(fragment: string): string {
  return decodeEntities(
    fragment
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every <script> element with its attributes and its inline source ('' for an external script). */
export function scripts(html: string): Array<{ attrs: Record<string, string>; source: string }> {
  return startTags(html)
    .filter((tag) => tag.name === 'script')
    .map((tag) => ({ attrs: tag.attrs, source: innerHtml(html, tag) }));
}

/** Every id declared on the page. */
export function ids(html: string): Set<string> {
  return new Set(startTags(html).flatMap((tag) => (tag.attrs.id !== undefined ? [tag.attrs.id] : [])));
}
