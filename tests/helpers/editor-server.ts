/**
 * The web editor's server (src/lib/editor/proxy.ts) on a copy of the fixture site's content, driven with real HTTP
 * requests as Decap CMS sends them, without a dev server or a browser; and the editor family of the bad-content
 * corpus: changes the editor must refuse, each also written straight to the files (the same bytes, as someone with
 * write access to content/ would leave them) for `check:content` and the build to refuse alike.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { editorServer, type EditorServerOptions } from '../../src/lib/editor/proxy.ts';
import { ARTICLE_HEAD, type BadCase } from './bad-content.ts';
import { FIXTURE_SITE } from './build.ts';

/** One request to Decap's API: an action and its parameters. */
export interface EditorRequest {
  action: string;
  params: Record<string, unknown>;
}

/** The editor's server, listening on 127.0.0.1. */
export interface EditorServer {
  url: string;
  /** POSTs one request to /admin/api/v1, as the editor page does (JSON, no Origin unless given). */
  post(request: EditorRequest, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** A copy of the fixture site's content/ and public/ in the system's temporary folder; removed by `remove`. */
export function fixtureContentCopy(prefix = 'editor-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const folder of ['content', 'public'])
    cpSync(join(FIXTURE_SITE, folder), join(dir, folder), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the editor's server for the project at `root` on a free port of 127.0.0.1.
 * @param before run on each request before the editor sees it (the workflow tests set the signed-in member there)
 */
export async function startEditorServer(
  root: string,
  options: EditorServerOptions = {},
  before: (request: IncomingMessage) => void = () => {},
): Promise<EditorServer> {
  const middleware = await editorServer(root, options);
  const server = createServer((request, response) => {
    before(request);
    // One connection per request. The tests run the content check in this same thread between requests; on a busy
    // machine that blocks the event loop past the server's keep-alive timeout (5 s), and the server then closes the
    // idle connection just as fetch reuses it: the next request fails with ECONNRESET.
    response.setHeader('Connection', 'close');
    middleware(request, response, () => {
      response.statusCode = 404;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    post: (request, headers = {}) =>
      fetch(`${url}/admin/api/v1`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(request),
      }),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The commit options Decap sends with every write (decap-server's schema requires them). */
const commit = (message: string) => ({ commitMessage: message });

/** Decap's upload of one file (a picture or attachment from the media library), as Decap CMS 3 sends it. */
export const persistMedia = (path: string, content: string | Uint8Array): EditorRequest => ({
  action: 'persistMedia',
  params: {
    branch: 'main',
    asset: {
      path,
      content: typeof content === 'string' ? base64(content) : Buffer.from(content).toString('base64'),
      encoding: 'base64',
    },
    options: commit(`Upload “${path}”`),
  },
});

/** Decap's save of one entry's file (an article, a list), without pictures. */
export const persistEntry = (path: string, raw: string): EditorRequest => ({
  action: 'persistEntry',
  params: {
    branch: 'main',
    dataFiles: [{ path, raw, slug: 'x' }],
    assets: [],
    options: { commitMessage: `Update “${path}”`, useWorkflow: false, status: 'draft' },
  },
});

/** Decap's deletion of one file, or of several at once. */
export const deleteFile = (path: string): EditorRequest => ({
  action: 'deleteFile',
  params: { branch: 'main', path, options: commit(`Delete “${path}”`) },
});
export const deleteFiles = (paths: string[]): EditorRequest => ({
  action: 'deleteFiles',
  params: { branch: 'main', paths, options: commit(`Delete ${paths.length} files`) },
});

/**
 * Makes in the files what the request would make if nothing checked it: the same bytes written or the same files
 * deleted. Only for requests with plain paths inside the copy.
 */
export function applyOnDisk(dir: string, request: EditorRequest): void {
  const write = (path: string, bytes: Uint8Array | string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  };
  const params = request.params as {
    asset?: { path: string; content: string };
    dataFiles?: Array<{ path: string; raw: string }>;
    assets?: Array<{ path: string; content: string }>;
    path?: string;
    paths?: string[];
  };
  switch (request.action) {
    case 'persistMedia':
      return write(params.asset!.path, Buffer.from(params.asset!.content, 'base64'));
    case 'persistEntry':
      for (const asset of params.assets ?? []) write(asset.path, Buffer.from(asset.content, 'base64'));
      for (const file of params.dataFiles ?? []) write(file.path, file.raw);
      return;
    case 'deleteFile':
    case 'deleteFiles':
      for (const path of params.paths ?? [params.path!]) rmSync(join(dir, path), { force: true });
      return;
    default:
      throw new Error(`applyOnDisk: ${request.action}`);
  }
}

const FOLLOW_UPS = 'content/redblack/follow-ups.yaml';
/** A file of the fixture site, as it is. */
const fixtureText = (file: string) => readFileSync(join(FIXTURE_SITE, file), 'utf8');

/** A change the editor must refuse, and what `check:content` reports once the same bytes are in the files. */
export interface EditorCase {
  /** Short English name, unique. */
  name: string;
  /** The request Decap would send. */
  request: EditorRequest;
  /** The file `check:content` names. */
  file: string;
  /** The line it names; absent for a file that is gone. */
  line?: number;
  /** A part of the Chinese message. */
  message: string;
}

/**
 * The editor family of the corpus: each request is refused by the editor's endpoints, and the same change made in the
 * files is refused by `check:content` (and, for those with a line, by the build: see {@link EDITOR_BAD_CONTENT}).
 */
export const EDITOR_CASES: EditorCase[] = [
  {
    name: 'media-overwrites-towns-with-broken-yaml',
    // Decap's media endpoint took any path the editor may write, and decap-server wrote it unchecked.
    request: persistMedia('content/towns.yaml', "- id: '120114001'\n  name: 杨村街道\n  kind: [street\n"),
    file: 'content/towns.yaml',
    line: 3,
    message: '方括号“[”没有配对',
  },
  {
    name: 'media-writes-article-with-export',
    request: persistMedia(
      'content/articles/editor-media-export.mdx',
      `${ARTICLE_HEAD}\nexport const stolen = globalThis.process?.env;\n\n正文。\n`,
    ),
    file: 'content/articles/editor-media-export.mdx',
    line: 12,
    message: '不能使用 import 或 export',
  },
  {
    name: 'entry-with-layout-key',
    // A key the form does not show: @astrojs/mdx would import it as the page's layout, running its code.
    request: persistEntry(
      'content/articles/editor-layout.mdx',
      ARTICLE_HEAD.replace('draft: false\n', "draft: false\nlayout: 'data:text/javascript,process.exit(7)'\n") +
        '\n正文。\n',
    ),
    file: 'content/articles/editor-layout.mdx',
    line: 10,
    message: '不认识的字段“layout”',
  },
  {
    name: 'media-replaces-cover-with-html',
    request: persistMedia('content/articles/images/test-cover.png', '<script>alert(1)</script>'),
    file: 'content/articles/science-cold-storage.mdx',
    line: 10,
    message: '文件不是有效的 PNG、JPEG 或 WebP 图片',
  },
  {
    name: 'entry-re-inspections-with-tab-indent',
    // Decap sends the whole list: the file as it is, with one entry added, indented with a Tab.
    request: persistEntry(FOLLOW_UPS, `${fixtureText(FOLLOW_UPS)}\n- id: editor-tab\n\tissue: '2025-01'\n`),
    file: FOLLOW_UPS,
    line: fixtureText(FOLLOW_UPS).split('\n').length + 2,
    message: '用了制表符（Tab）缩进',
  },
  {
    name: 'delete-picture-an-article-uses',
    request: deleteFile('content/articles/images/test-cover.png'),
    file: 'content/articles/science-cold-storage.mdx',
    line: 10,
    message: '图片不存在：content/articles/images/test-cover.png',
  },
  {
    name: 'delete-attachment-an-article-uses',
    request: deleteFiles(['public/files/2025/test-form.pdf']),
    file: 'content/articles/campaign-2025-notice.mdx',
    line: 11,
    message: '文件不存在：public/files/2025/test-form.pdf',
  },
  {
    name: 'delete-files-including-towns',
    request: deleteFiles(['public/files/2025/test-attachment.pdf', 'content/towns.yaml']),
    file: 'content/towns.yaml',
    message: '文件不存在',
  },
];

/** The editor cases with a line, as bad-content cases: the same bytes in the files, for check:content and the build. */
export const EDITOR_BAD_CONTENT: BadCase[] = EDITOR_CASES.filter((editorCase) => editorCase.line !== undefined).map(
  (editorCase) => ({
    name: `editor-${editorCase.name}`,
    file: editorCase.file,
    line: editorCase.line!,
    message: editorCase.message,
    apply: (dir) => applyOnDisk(dir, editorCase.request),
  }),
);
