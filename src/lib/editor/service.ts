/**
 * The editor service's settings (server mode: `npm run editor:serve`, deploy/shian-wuqing-editor.service), read from
 * the environment (the unit's EnvironmentFile, /etc/shian-wuqing/editor.env):
 * - SHIAN_EDITOR_ORIGIN: the address staff open, as the browser sees it behind nginx (`https://<编辑后台域名>`); the
 *   gate accepts changes only from this origin, and the dev server answers only to its host name;
 * - SHIAN_EDITOR_DATA: the folder of accounts and drafts (src/lib/editor/mode.ts);
 * - SHIAN_EDITOR_PORT: the loopback port nginx forwards to (4330).
 */
import { signInGate, type Gate } from './auth.ts';
import { editorDataDir, editorMode } from './mode.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** The loopback port of the editor service unless SHIAN_EDITOR_PORT says otherwise. */
export const DEFAULT_SERVICE_PORT = 4330;

/** A setting of the service that cannot work, in Chinese. */
export class ServiceConfigError extends Error {}

/**
 * The editor's public origin from SHIAN_EDITOR_ORIGIN, normalised (`https://host[:port]`); null when unset.
 * @throws ServiceConfigError when it is not a plain http(s) origin
 */
export function serviceOrigin(env: Env = process.env): string | null {
  const value = env.SHIAN_EDITOR_ORIGIN?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ServiceConfigError(
      `SHIAN_EDITOR_ORIGIN 应为编辑后台的网址，例如 https://bianji.example.gov.cn，收到“${value}”。`,
    );
  }
  if (!/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username)
    throw new ServiceConfigError(
      `SHIAN_EDITOR_ORIGIN 只写协议和域名（可带端口），例如 https://bianji.example.gov.cn，收到“${value}”。`,
    );
  return url.origin;
}

/**
 * The host names the editor's dev server answers to (Vite refuses others, against DNS rebinding): the service
 * origin's, in server mode; Vite's defaults (localhost, 127.0.0.1) otherwise.
 */
export function serviceAllowedHosts(env: Env = process.env): string[] {
  if (editorMode(env) !== 'server') return [];
  const origin = serviceOrigin(env);
  return origin ? [new URL(origin).hostname] : [];
}

/** The sign-in gate of the editor service for the project at `root`, set up from the environment. */
export function serviceGate(root: string, env: Env = process.env): Gate {
  return signInGate({ dataDir: editorDataDir(root, env), origin: serviceOrigin(env) });
}
