/**
 * Web server configuration made from the one definition of the site's headers (src/config/http-headers.ts):
 * the generated parts of deploy/nginx.conf (`npm run deploy:config` writes them) and the `_headers` file for static
 * hosts that every build writes to dist/ (src/integrations/headers-file.ts). Tests check both against the module.
 */
import { CACHE_CONTROL, SECURITY_HEADERS } from '../config/http-headers.ts';
import { DEFAULT_TYPE, FILE_TYPES, PRECOMPRESSED_EXTENSIONS } from './file-types.ts';

/**
 * cacheControlFor(path, status) as ordered rules, first match wins, for servers that match addresses with regular
 * expressions (nginx's map): an error status (400 and up) first, then these rules on the address. Tests check them
 * against cacheControlFor on every file of a built site and on real nginx answers: change both together.
 */
export const CACHE_RULES: ReadonlyArray<{ pattern: string; value: string }> = [
  { pattern: '^/_astro/', value: CACHE_CONTROL.immutable },
  { pattern: '(/|\\.html)$', value: CACHE_CONTROL.html },
];
/** The policy when no rule matches. */
export const DEFAULT_CACHE = CACHE_CONTROL.other;
/** The policy of an error answer (status 400 and up), whatever the address. */
export const ERROR_CACHE = CACHE_CONTROL.error;

/** The Cache-Control the rules give an answer (what nginx's maps compute). */
export function cacheControlByRules(path: string, status = 200): string {
  if (status >= 400) return ERROR_CACHE;
  return CACHE_RULES.find((rule) => new RegExp(rule.pattern).test(path))?.value ?? DEFAULT_CACHE;
}

/** A header value as an nginx string. nginx has no escape for “$” (a variable) in strings: such values are refused. */
export function nginxString(value: string): string {
  if (/["\\$\p{Cc}]/u.test(value)) {
    throw new Error(`响应头的值不能写进 nginx 配置（含有 "、\\、$ 或控制字符）：${value}`);
  }
  return `"${value}"`;
}

/** A regular expression as an nginx map key (nginx's parser changes a backslash before t, r, n, a quote or itself). */
function nginxRegex(pattern: string, caseless = false): string {
  if (/["\p{Cc}]|\\[trn"'\\]/u.test(pattern)) throw new Error(`正则表达式不能写进 nginx 配置：${pattern}`);
  return `"~${caseless ? '*' : ''}${pattern}"`;
}

/** Extensions as one regular expression alternative: html|css|js … */
const alternatives = (extensions: readonly string[]) => extensions.join('|');

/** The extensions the build precompresses, grouped by media type (js and mjs share one location). */
function precompressedByType(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const extension of PRECOMPRESSED_EXTENSIONS) {
    const { type } = FILE_TYPES[extension]!;
    groups.set(type, [...(groups.get(type) ?? []), extension]);
  }
  return groups;
}

/**
 * The generated parts of deploy/nginx.conf, by the name their markers carry:
 * - `maps` (http context): which encodings the browser accepts, the address without “.br”, the Cache-Control of an
 *   answer (cacheControlFor as CACHE_RULES), and the Content-Encoding and Vary of a Brotli copy sent in its place;
 * - `types`: every kind of file in the site (src/lib/file-types.ts) and which are text;
 * - `headers`: the response headers of src/config/http-headers.ts, on every answer;
 * - `precompressed`: for each kind of file the build precompresses, a location that sends the .br copy to browsers
 *   that accept Brotli, with the type of the file itself (gzip_static sends the .gz copy to the others).
 */
export function nginxRegions(): Record<string, string> {
  const compressed = alternatives(PRECOMPRESSED_EXTENSIONS);
  const maps = [
    '# ".br" when the browser accepts Brotli (and not with q=0).',
    'map $http_accept_encoding $shian_br {',
    '    default "";',
    `    ${nginxRegex('(^|[\\s,])br\\s*;\\s*q\\s*=\\s*0(\\.0*)?\\s*(,|$)', true)} "";`,
    `    ${nginxRegex('(^|[\\s,])br\\s*(;|,|$)', true)} ".br";`,
    '}',
    '',
    '# The address of the file itself when its Brotli copy is sent in its place (/index.html.br → /index.html).',
    'map $uri $shian_path {',
    '    default $uri;',
    `    ${nginxRegex(`^(?<shian_file>.+\\.(${compressed}))\\.br$`)} $shian_file;`,
    '}',
    '',
    '# Cache-Control by status and address, as cacheControlFor() in src/config/http-headers.ts.',
    'map $status $shian_cache_control {',
    '    default $shian_cache_by_path;',
    `    ${nginxRegex('^[45]')} ${nginxString(ERROR_CACHE)};`,
    '}',
    'map $shian_path $shian_cache_by_path {',
    `    default ${nginxString(DEFAULT_CACHE)};`,
    ...CACHE_RULES.map((rule) => `    ${nginxRegex(rule.pattern)} ${nginxString(rule.value)};`),
    '}',
    '',
    '# A Brotli copy sent in place of its file says so (empty values: the header is not sent).',
    'map $uri $shian_content_encoding {',
    '    default "";',
    `    ${nginxRegex(`\\.(${compressed})\\.br$`)} "br";`,
    '}',
    'map $uri $shian_vary {',
    '    default "";',
    `    ${nginxRegex(`\\.(${compressed})\\.br$`)} "Accept-Encoding";`,
    '}',
  ];

  const types = [
    'types {',
    ...Object.entries(
      Object.entries(FILE_TYPES).reduce<Record<string, string[]>>((byType, [extension, { type }]) => {
        (byType[type] ??= []).push(extension);
        return byType;
      }, {}),
    ).map(([type, extensions]) => `    ${type} ${extensions.join(' ')};`),
    '}',
    `default_type ${DEFAULT_TYPE};`,
    'charset utf-8;',
    `charset_types ${[
      ...new Set(
        Object.values(FILE_TYPES)
          .filter((kind) => kind.text && kind.type !== 'text/html')
          .map((kind) => kind.type),
      ),
    ].join(' ')};`,
  ];

  const headers = [
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `add_header ${name} ${nginxString(value)} always;`),
    'add_header Cache-Control $shian_cache_control always;',
    'add_header Content-Encoding $shian_content_encoding always;',
    'add_header Vary $shian_vary always;',
  ];

  const precompressed = [
    '# The precompressed copies are not addresses of the site.',
    `location ~ \\.(${compressed})\\.(br|gz)$ {`,
    '    return 404;',
    '}',
    ...[...precompressedByType()].flatMap(([type, extensions]) => [
      `location ~ \\.(${alternatives(extensions)})$ {`,
      '    types { }',
      `    default_type ${type};`,
      '    try_files $uri$shian_br $uri =404;',
      '}',
    ]),
  ];

  return {
    maps: maps.join('\n'),
    types: types.join('\n'),
    headers: headers.join('\n'),
    precompressed: precompressed.join('\n'),
  };
}

const REGION = /^([ \t]*)# BEGIN generated: ([\w-]+)[^\n]*\n[\s\S]*?^[ \t]*# END generated: \2[^\n]*$/gm;

/**
 * Rewrites the generated parts of an nginx configuration: every block between a `# BEGIN generated: <name>` line and
 * its `# END generated: <name>` line gets the current text, indented like the BEGIN line. The rest is kept as it is.
 */
export function applyNginxRegions(config: string, regions: Record<string, string> = nginxRegions()): string {
  const seen = new Set<string>();
  const updated = config.replace(REGION, (whole, indent: string, name: string) => {
    const text = regions[name];
    if (text === undefined) throw new Error(`nginx 配置中有未知的生成段“${name}”。`);
    seen.add(name);
    const lines = whole.split('\n');
    const body = text.split('\n').map((line) => (line ? `${indent}${line}` : line));
    return [lines[0], ...body, lines.at(-1)].join('\n');
  });
  const missing = Object.keys(regions).filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw new Error(`nginx 配置缺少生成段：${missing.map((name) => `# BEGIN generated: ${name}`).join('、')}。`);
  }
  return updated;
}

/** Cloudflare Pages' limits for `_headers` (Netlify reads the same format). */
export const HEADERS_FILE_LIMITS = { rules: 100, lineLength: 2000 };

/** One `_headers` rule: an address pattern (one `*` at most) and the headers for it. */
export interface HeaderRule {
  pattern: string;
  headers: Record<string, string>;
}

/** Files that are not served as themselves on a static host: precompressed copies, and `_headers` itself. */
function servedFile(file: string): boolean {
  return file !== '_headers' && !/\.(gz|br)$/.test(file);
}

/**
 * The `_headers` rules for a built site (its files as paths relative to dist/, with “/”). Every address gets the
 * security headers from one `/*` rule, and exactly one Cache-Control: hosts join the values of a header that several
 * matching rules set, so the cache rules never overlap (a site test checks this on a built site).
 */
export function headerRules(files: readonly string[]): HeaderRule[] {
  const cache = (value: string) => ({ 'Cache-Control': value });
  const rules: HeaderRule[] = [
    { pattern: '/*', headers: { ...SECURITY_HEADERS } },
    { pattern: '/_astro/*', headers: cache(CACHE_CONTROL.immutable) },
    { pattern: '/', headers: cache(CACHE_CONTROL.html) },
    { pattern: '/*/', headers: cache(CACHE_CONTROL.html) },
    { pattern: '/*.html', headers: cache(CACHE_CONTROL.html) },
  ];
  const served = files.filter(servedFile);
  const others = served.filter((file) => !file.startsWith('_astro/') && !file.endsWith('.html'));
  const folderHasPages = new Set(
    served.filter((file) => file.endsWith('.html') && file.includes('/')).map((file) => file.split('/')[0]),
  );
  const patterns = new Set<string>();
  for (const file of others) {
    const slash = file.indexOf('/');
    const name = file.slice(file.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    if (slash < 0 || dot <= 0) patterns.add(`/${file}`);
    else if (!folderHasPages.has(file.slice(0, slash))) patterns.add(`/${file.slice(0, slash)}/*`);
    else patterns.add(`/${file.slice(0, slash)}/*${name.slice(dot)}`);
  }
  for (const pattern of [...patterns].sort()) rules.push({ pattern, headers: cache(DEFAULT_CACHE) });
  return rules;
}

/** Renders rules in the `_headers` format (a pattern line, then indented `Name: value` lines). */
export function renderHeadersFile(rules: readonly HeaderRule[]): string {
  if (rules.length > HEADERS_FILE_LIMITS.rules) {
    throw new Error(`_headers 有 ${rules.length} 条规则，超过静态托管平台的上限 ${HEADERS_FILE_LIMITS.rules} 条。`);
  }
  const lines = [
    '# Response headers for static hosts that read _headers (Cloudflare Pages, Netlify).',
    '# Written by every build from src/config/http-headers.ts; nginx uses deploy/nginx.conf instead.',
  ];
  for (const rule of rules) {
    lines.push(rule.pattern, ...Object.entries(rule.headers).map(([name, value]) => `  ${name}: ${value}`));
  }
  const long = lines.find((line) => line.length > HEADERS_FILE_LIMITS.lineLength);
  if (long) throw new Error(`_headers 的一行超过 ${HEADERS_FILE_LIMITS.lineLength} 个字符：${long.slice(0, 80)}…`);
  return `${lines.join('\n')}\n`;
}

/** Whether a `_headers` pattern matches an address: `*` matches any characters, “/” included. */
export function headerPatternMatches(pattern: string, path: string): boolean {
  const [before, after] = pattern.split('*') as [string, string | undefined];
  if (after === undefined) return path === before;
  return path.length >= before.length + after.length && path.startsWith(before) && path.endsWith(after);
}
