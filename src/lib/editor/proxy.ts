/**
 * The web editor's server, mounted at /admin/ by the dev server under `npm run edit`: Decap CMS's local proxy
 * (decap-server, which only reads the working copy here) behind a guard that owns every write. Every action that
 * writes or deletes — a save, an upload, a deletion — is answered here and never reaches decap-server: its paths are
 * checked (src/lib/editor/paths.ts: which files the editor may write), then the change goes to the one writer
 * (src/lib/content/write-change.ts), which checks it inside a queue with the content pipeline on the content as it
 * would be after it (problemsIntroducedBy) and writes it atomically only if it adds no problem. A refused change is
 * answered with the pipeline's own Chinese messages. The import page (/admin/import/) and the renumbering page
 * (/admin/renumber/, src/lib/editor/renumber.ts) are served here too.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import express, { type Request, type Response } from 'express';
import { commitChange, currentText, type ContentChange } from '../content/write-change.ts';
import { siteNow } from '../dates.ts';
import { importRouter } from './import-page.ts';
import { DraftStore } from './drafts.ts';
import { editorDataDir, editorMode, requestUser, type EditorMode } from './mode.ts';
import { keepHeaderComments, unwritableReason } from './paths.ts';
import { Publisher } from './publisher.ts';
import { renumberPages } from './renumber.ts';
import { reviewPages } from './review-pages.ts';
import { versionGuard, type VersionGuard } from './save-guard.ts';
import { submitChange, workflowApi, type FlowContext } from './workflow.ts';
import { prepareUploads } from './upload-server.ts';
import { megabytes, UPLOAD_LIMITS } from './uploads.ts';

/** decap-server's middlewares (a CommonJS bundle without named exports Node can detect, and without types). */
const { registerLocalFs } = createRequire(import.meta.url)('decap-server/dist/middlewares.js') as {
  registerLocalFs: (app: express.Express, options: { logLevel?: string }) => Promise<void>;
};

/**
 * The largest request the editor accepts: a save sends its new pictures and attachments with it, as base64 (4 bytes
 * for 3), so room for three files at the upload limit. The browser refuses a larger file before sending it.
 */
const BODY_LIMIT = Math.ceil((UPLOAD_LIMITS.maxBytes * 3 * 4) / 3) + 1024 * 1024;

/** Refuses a request over {@link BODY_LIMIT}, in Chinese, with its size and the limit, and closes the connection. */
function tooLarge(response: Response, length: number): void {
  const problem =
    `这次保存连同上传的文件共 ${megabytes(length)}，超过了一次保存的上限 ${megabytes(BODY_LIMIT)}，没有保存。` +
    `每个文件不能超过 ${megabytes(UPLOAD_LIMITS.maxBytes)}；文件较多时请分几次上传、保存。`;
  response.setHeader('Connection', 'close');
  response.status(413).json({ error: problem, problems: [problem] });
}

/** A text file Decap saves: its path and text, and a new path when renamed. */
interface DataFile {
  path: string;
  raw: string;
  newPath?: string;
}
/** A picture or attachment Decap saves, as base64. */
interface Asset {
  path: string;
  content: string;
  encoding: 'base64';
}

/** A refused change: the message Decap shows, and the list the editor page shows in full. */
function refuse(response: Response, problems: string[]): void {
  const numbered = problems.map((problem, index) => `${index + 1}. ${problem}`);
  response
    .status(422)
    .json({ error: [`没有保存：共 ${problems.length} 处问题，请修改后再保存。`, ...numbered].join('\n'), problems });
}

/** A request Decap would never send: what was expected, in Chinese. */
function malformed(response: Response, action: string, expected: string): void {
  response.status(400).json({ error: `编辑器的请求（${action}）不完整：应包含${expected}，没有保存任何内容。` });
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isDataFile = (value: unknown): value is DataFile =>
  typeof value === 'object' &&
  value !== null &&
  isText((value as DataFile).path) &&
  isText((value as DataFile).raw) &&
  ((value as DataFile).newPath === undefined || isText((value as DataFile).newPath));
const isAsset = (value: unknown): value is Asset =>
  typeof value === 'object' &&
  value !== null &&
  isText((value as Asset).path) &&
  isText((value as Asset).content) &&
  (value as Asset).encoding === 'base64';

/** Paths the editor may not write, in its own words (src/lib/editor/paths.ts). */
function unwritable(paths: readonly string[]): string[] {
  return paths.map(unwritableReason).filter((reason): reason is string => reason !== null);
}

/**
 * Proposes a change to the one writer; answers with `reply` when it is written, with its problems when refused. A
 * save with a version check (`versions`) is refused with 409 when its base is stale (src/lib/editor/save-guard.ts).
 */
async function propose(
  root: string,
  response: Response,
  change: () => ContentChange,
  reply: object,
  versions?: VersionGuard,
): Promise<void> {
  const result = await commitChange(root, change, { now: siteNow(), precondition: versions?.precondition });
  if (!result.ok) return versions?.answered(response) ? undefined : refuse(response, result.problems);
  response.json(versions ? { ...reply, versions: versions.written() } : reply);
}

/** Decap's answer to an upload, as decap-server gives it: the file's hash, its bytes in base64, its path and name. */
function mediaFile(path: string, bytes: Buffer) {
  return {
    id: createHash('sha256').update(bytes).digest('hex'),
    content: bytes.toString('base64'),
    encoding: 'base64',
    path,
    name: basename(path),
  };
}

/** Answers one write of Decap's API (a save, an upload, a deletion); nothing of it reaches decap-server. */
async function write(
  { root, store }: FlowContext,
  action: string,
  params: Record<string, unknown>,
  response: Response,
) {
  switch (action) {
    case 'persistEntry': {
      const entry = params.entry;
      const dataFiles = params.dataFiles ?? (entry ? [entry] : []);
      const assets = params.assets ?? [];
      if (!Array.isArray(dataFiles) || !dataFiles.every(isDataFile) || !Array.isArray(assets) || !assets.every(isAsset))
        return malformed(response, action, '要保存的文件（路径和内容）');
      // Renaming would change a published address.
      const renamed = dataFiles.filter((file) => file.newPath && file.newPath !== file.path);
      if (renamed.length > 0)
        return refuse(
          response,
          renamed.map((file) => `不能改文件名（${file.path}）：网址发布后不要修改。`),
        );
      const refused = unwritable([...assets, ...dataFiles].map((file) => file.path));
      if (refused.length > 0) return refuse(response, refused);
      const uploads = await prepareUploads(assets);
      if (!uploads.ok) return refuse(response, uploads.problems);
      const versions = versionGuard(root, store, params.baseVersions, dataFiles, null);
      return propose(
        root,
        response,
        () =>
          new Map<string, string | Uint8Array | null>([
            ...uploads.assets.map((asset) => [asset.path, Buffer.from(asset.content, 'base64')] as const),
            ...dataFiles.map(
              (file) => [file.path, keepHeaderComments(currentText(root, file.path), file.raw)] as const,
            ),
          ]),
        { message: 'entry persisted' },
        versions,
      );
    }
    case 'persistMedia': {
      const asset = params.asset;
      if (!isAsset(asset)) return malformed(response, action, '要上传的文件（路径和 base64 内容）');
      const uploads = await prepareUploads([asset]);
      if (!uploads.ok) return refuse(response, uploads.problems);
      const refused = unwritable([asset.path]);
      if (refused.length > 0) return refuse(response, refused);
      const bytes = Buffer.from(uploads.assets[0]!.content, 'base64');
      return propose(root, response, () => new Map([[asset.path, bytes]]), mediaFile(asset.path, bytes));
    }
    case 'deleteFile':
    case 'deleteFiles': {
      const paths = action === 'deleteFile' ? [params.path] : params.paths;
      if (!Array.isArray(paths) || paths.length === 0 || !paths.every(isText))
        return malformed(response, action, '要删除的文件路径');
      const refused = unwritable(paths);
      if (refused.length > 0) return refuse(response, refused);
      const message = action === 'deleteFile' ? `deleted file ${paths[0]}` : `deleted files ${paths.join(', ')}`;
      return propose(root, response, () => new Map(paths.map((path) => [path, null])), { message });
    }
  }
}

/** Decap's actions that only read: decap-server answers them. */
const READING = new Set([
  'info',
  'entriesByFolder',
  'entriesByFiles',
  'getEntry',
  'getMedia',
  'getMediaFile',
  'getDeployPreview',
]);
/** Decap's actions that write or delete: answered by {@link write}. */
const WRITING = new Set(['persistEntry', 'persistMedia', 'deleteFile', 'deleteFiles']);

/** The guard on Decap's API: every action that writes is answered here; reading actions go on to decap-server. */
function guard(flow: FlowContext) {
  return (request: Request, response: Response, next: (error?: unknown) => void) => {
    const { action, params = {} } = (request.body ?? {}) as { action?: unknown; params?: Record<string, unknown> };
    if (typeof action === 'string' && READING.has(action)) return next();
    if (typeof action === 'string' && WRITING.has(action)) {
      if (typeof params !== 'object' || params === null) return malformed(response, action, '参数');
      write(flow, action, params, response).catch(next);
      return;
    }
    // The editorial workflow and anything unknown: this setup saves straight into the working copy.
    response.status(422).json({ error: `编辑器不支持这个操作（${String(action)}）。` });
  };
}

/** Whether a request's Origin (when the browser sends one) is this server; an unreadable one (`null`) is not. */
function sameSite(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** A middleware of the dev server (connect): handles its own addresses, passes on the rest. */
export type DevMiddleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/** How the editor's server runs (the defaults are the environment's: src/lib/editor/mode.ts). */
export interface EditorServerOptions {
  mode?: EditorMode;
  /** Publishes after an approval (server mode); by default the pipeline, or none with SHIAN_EDITOR_PUBLISH=0. */
  publisher?: Publisher;
}

/** The addresses the editor's server answers under /admin/ (the rest is Decap's page and bundle). */
const EDITOR_PATHS = /^\/admin\/(api|import|review|changes|history|compare|renumber)(\/|$)/;

/**
 * The editor's server for the project at `root`: answers /admin/api/ (Decap's API), /admin/import/, /admin/renumber/
 * and the review, history and comparison pages. Local mode (`npm run edit`): the dev server bound to 127.0.0.1, no
 * login, saves go straight into content/. Server mode: every request must carry a signed-in member (set by the sign-in
 * gate with setRequestUser), and saves are drafts that a 审核 approves (src/lib/editor/workflow.ts).
 */
export async function editorServer(root: string, options: EditorServerOptions = {}): Promise<DevMiddleware> {
  const mode = options.mode ?? editorMode() ?? 'local';
  const flow: FlowContext = {
    root,
    store: new DraftStore(editorDataDir(root)),
    publisher: options.publisher ?? Publisher.fromEnv(root),
  };
  const user = (request: Request) => (mode === 'server' ? requestUser(request) : null);
  const app = express();
  app.disable('x-powered-by');
  // No login, so no request from another site: a page elsewhere could otherwise post a form to this one.
  app.use((request, response, next) => {
    if (request.method !== 'GET' && !sameSite(request.headers.origin, request.headers.host)) {
      response.status(403).json({ error: '只接受本机编辑后台发出的请求。' });
      return;
    }
    next();
  });
  if (mode === 'server') {
    // The sign-in gate runs before this server; a request that reaches it without a member is refused, whatever it is.
    app.use((request, response, next) => {
      if (requestUser(request)) return next();
      response.status(401).json({ error: '没有登录或登录已过期，请重新登录编辑后台后再操作。' });
    });
  }
  // A request too large is refused by its length, before its body is read: the JSON reader would read it all first.
  app.use((request, response, next) => {
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > BODY_LIMIT) return tooLarge(response, length);
    next();
  });
  app.use(express.json({ limit: BODY_LIMIT }));
  if (mode === 'server') app.post('/api/v1', workflowApi(flow, user));
  app.post('/api/v1', guard(flow));
  app.use(reviewPages(flow, { mode, user }));
  app.use(renumberPages(flow, { mode, user }));
  // In the service an import is a draft like any other change: a 审核 approves it (src/lib/editor/workflow.ts).
  app.use(
    '/import',
    importRouter(
      root,
      mode === 'server' ? (request, change, note) => submitChange(flow, user(request)!, change, note) : undefined,
    ),
  );
  // decap-server reads the repository folder from the environment.
  process.env.GIT_REPO_DIRECTORY = root;
  await registerLocalFs(app, { logLevel: 'warn' });
  // Anything unexpected is told in Chinese, never as a stack trace (Express's own handler shows one in development).
  app.use((error: unknown, _request: Request, response: Response, _next: () => void) => {
    const { type, length } = (error ?? {}) as { type?: string; length?: number };
    if (type === 'entity.too.large') return tooLarge(response, length ?? 0);
    console.error(error);
    response.status(500).json({
      error: '编辑后台出错，没有保存。请关闭后重新运行 npm run edit；问题仍在时，把终端里的信息发给技术人员。',
    });
  });
  const site = express();
  site.use('/admin', app);
  return (request, response, next) => {
    if (EDITOR_PATHS.test(request.url ?? '')) site(request as express.Request, response as express.Response, next);
    else next();
  };
}
