/**
 * The web editor's server, mounted at /admin/ by the dev server under `npm run edit`: Decap CMS's local proxy
 * (decap-server, which reads the working copy) behind a guard that owns every write. Before anything is written,
 * the guard checks the paths (src/lib/editor/paths.ts) and runs the content pipeline on the content as it would be
 * after the save (problemsIntroducedBy); a save that would break the site is refused with the pipeline's own Chinese
 * messages, and a good one is written file by file atomically. The import page (/admin/import/) is served here too.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import express, { type Request, type Response } from 'express';
import { writeFileAtomic } from '../atomic-file.ts';
import { problemsIntroducedBy } from '../content/check-change.ts';
import { formatProblem } from '../content-errors.ts';
import { siteNow } from '../dates.ts';
import { importRouter } from './import-page.ts';
import { keepHeaderComments, unwritableReason } from './paths.ts';

/** decap-server's middlewares (a CommonJS bundle without named exports Node can detect, and without types). */
const { registerLocalFs } = createRequire(import.meta.url)('decap-server/dist/middlewares.js') as {
  registerLocalFs: (app: express.Express, options: { logLevel?: string }) => Promise<void>;
};

/** The largest request the editor accepts: a few pictures or one attachment (sent as base64). */
const BODY_LIMIT = '30mb';

interface DataFile {
  path: string;
  raw: string;
  newPath?: string;
}
interface Asset {
  path: string;
  content: string;
  encoding: BufferEncoding;
}

/** A refused save: the message Decap shows, and the list the editor page shows in full. */
function refuse(response: Response, problems: string[]): void {
  const numbered = problems.map((problem, index) => `${index + 1}. ${problem}`);
  response
    .status(422)
    .json({ error: [`没有保存：共 ${problems.length} 处问题，请修改后再保存。`, ...numbered].join('\n'), problems });
}

/**
 * Why a change may not be made: paths the editor may not write, else the content problems it would add; empty when
 * it may.
 */
function objections(root: string, changes: ReadonlyMap<string, string | Uint8Array | null>): string[] {
  const refused = [...changes.keys()].map(unwritableReason).filter((reason): reason is string => reason !== null);
  if (refused.length > 0) return refused;
  return problemsIntroducedBy(root, changes, { now: siteNow() }).map(formatProblem);
}

/** Checks a set of changes, writes them if they are right; answers the editor either way. */
function commit(root: string, response: Response, changes: Map<string, string | Uint8Array | null>, reply: object) {
  const refused = objections(root, changes);
  if (refused.length > 0) return refuse(response, refused);
  // Pictures and attachments first: a kill between two files then leaves an unused file, never a broken page.
  const ordered = [...changes].sort(([, a], [, b]) => Number(typeof a === 'string') - Number(typeof b === 'string'));
  for (const [path, value] of ordered) {
    if (value !== null) writeFileAtomic(join(root, path), value);
  }
  response.json(reply);
}

/** The guard on Decap's API: every action that writes is handled here; reading actions go on to decap-server. */
function guard(root: string) {
  return (request: Request, response: Response, next: () => void) => {
    const { action, params = {} } = (request.body ?? {}) as { action?: string; params?: Record<string, unknown> };
    const read = (path: string) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : null);
    switch (action) {
      case 'persistEntry': {
        const entry = params.entry as DataFile | undefined;
        const dataFiles = (params.dataFiles as DataFile[] | undefined) ?? (entry ? [entry] : []);
        const assets = (params.assets as Asset[] | undefined) ?? [];
        // Renaming would change a published address.
        const renamed = dataFiles.filter((file) => file.newPath && file.newPath !== file.path);
        if (renamed.length > 0)
          return refuse(
            response,
            renamed.map((file) => `不能改文件名（${file.path}）：网址发布后不要修改。`),
          );
        const changes = new Map<string, string | Uint8Array | null>();
        for (const asset of assets) changes.set(asset.path, Buffer.from(asset.content, asset.encoding));
        for (const file of dataFiles) changes.set(file.path, keepHeaderComments(read(file.path), file.raw));
        return commit(root, response, changes, { message: 'entry persisted' });
      }
      case 'persistMedia': {
        const asset = params.asset as Asset;
        const reason = unwritableReason(asset?.path);
        if (reason) return refuse(response, [reason]);
        // decap-server writes the one file and answers with it as Decap expects.
        return next();
      }
      case 'deleteFile':
      case 'deleteFiles': {
        const paths = action === 'deleteFile' ? [params.path as string] : ((params.paths as string[]) ?? []);
        const refused = objections(root, new Map(paths.map((path) => [path, null])));
        if (refused.length > 0) return refuse(response, refused);
        return next();
      }
      case 'info':
      case 'entriesByFolder':
      case 'entriesByFiles':
      case 'getEntry':
      case 'getMedia':
      case 'getMediaFile':
      case 'getDeployPreview':
        return next();
      default:
        // The editorial workflow and anything unknown: this setup saves straight into the working copy.
        return response.status(422).json({ error: `编辑器不支持这个操作（${String(action)}）。` });
    }
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

/**
 * The editor's server for the project at `root`: answers /admin/api/ (Decap's API) and /admin/import/, for the dev
 * server bound to 127.0.0.1 (it has no login, like decap-server itself).
 */
export async function editorServer(root: string): Promise<DevMiddleware> {
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
  app.use(express.json({ limit: BODY_LIMIT }));
  app.post('/api/v1', guard(root));
  app.use('/import', importRouter(root));
  // decap-server reads the repository folder from the environment.
  process.env.GIT_REPO_DIRECTORY = root;
  await registerLocalFs(app, { logLevel: 'warn' });
  // Anything unexpected is told in Chinese, never as a stack trace (Express's own handler shows one in development).
  app.use((error: unknown, _request: Request, response: Response, _next: () => void) => {
    console.error(error);
    response.status(500).json({
      error: '编辑后台出错，没有保存。请关闭后重新运行 npm run edit；问题仍在时，把终端里的信息发给技术人员。',
    });
  });
  const site = express();
  site.use('/admin', app);
  return (request, response, next) => {
    if (/^\/admin\/(api|import)\//.test(request.url ?? ''))
      site(request as express.Request, response as express.Response, next);
    else next();
  };
}
