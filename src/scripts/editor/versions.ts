/**
 * Nothing lost, on the editor page: version tokens and local backups.
 *
 * Version tokens: the page remembers the version of every file it loads (decap-server gives each file's SHA-256 as
 * its `id`) and of every draft (the editor service's `version`), and sends them with each save (`baseVersions`,
 * `draftVersion`); the server refuses a save whose base is stale with 409 (src/lib/editor/save-guard.ts). The
 * server's answer to a good save carries the new versions.
 *
 * Local backups: Decap keeps a copy of the form in the browser (IndexedDB, `backup.<collection>[.<slug>]`) and, on
 * opening the entry again, asks whether to restore it — even when it is exactly what was saved, and for a new entry
 * long after that entry was saved (the empty new-article form offering a "local backup"). Decap reads the backup just
 * before asking: the read is watched here, and the question is asked only when the backup differs from the text last
 * loaded from or saved to the server for that entry; otherwise it is answered “no” (Decap then deletes the copy).
 */
import { EDITOR_API } from '../../lib/editor/cms-config.ts';

/** Versions the page loaded, by file path. */
const fileVersions = new Map<string, string>();
/** Versions of drafts the page loaded (`collection/slug`), `none` when the entry had no draft. */
const draftVersions = new Map<string, string>();
/** The text of each entry as the server last gave or took it, by Decap's backup key. */
const serverText = new Map<string, string>();
/** Decap's backup key of each entry's file, by path, from the editor's configuration. */
let backupKeyOfPath: (path: string) => string | null = () => null;
/** Decap's backups as last read from IndexedDB, by key. */
const backupsRead = new Map<string, string>();
let lastBackupKey: string | null = null;

/** What the server answered to one action of the page. */
export type AnswerListener = (action: string, params: Record<string, unknown>, body: unknown) => void;
/** Listeners for good answers (the workflow notices: src/scripts/editor/workflow-ui.ts). */
const answerListeners: AnswerListener[] = [];

/** Calls `listener` with every good answer of the editor's API (a draft loaded, an entry published …). */
export function onAnswer(listener: AnswerListener): void {
  answerListeners.push(listener);
}

interface LoadedFile {
  data?: string;
  file?: { path?: string; id?: string };
}

const urlOf = (input: RequestInfo | URL) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/** Decap's backup key of an entry: `backup.<collection>.<slug>`, or `backup.<collection>` for a new one. */
const backupKey = (collection: unknown, slug?: unknown) =>
  `backup.${String(collection)}${slug ? `.${String(slug)}` : ''}`;

/** Learns versions and texts from one answer of the server. */
function learn(action: string, params: Record<string, unknown>, body: unknown): void {
  const files: LoadedFile[] =
    action === 'entriesByFolder' || action === 'entriesByFiles'
      ? ((body as LoadedFile[]) ?? [])
      : action === 'getEntry'
        ? [body as LoadedFile]
        : [];
  for (const loaded of files) {
    const path = loaded?.file?.path;
    if (!path || typeof loaded.file?.id !== 'string') continue;
    fileVersions.set(path, loaded.file.id);
    const key = backupKeyOfPath(path);
    if (key && typeof loaded.data === 'string') serverText.set(key, loaded.data);
  }
  const id = typeof params.id === 'string' ? params.id : `${String(params.collection)}/${String(params.slug)}`;
  if (action === 'unpublishedEntry' && body && typeof body === 'object') {
    const draft = body as Record<string, unknown>;
    if (typeof draft.version === 'string') draftVersions.set(id, draft.version);
  }
  if (action === 'unpublishedEntryDataFile' && typeof (body as { data?: unknown })?.data === 'string')
    serverText.set(backupKey(params.collection, params.slug), (body as { data: string }).data);
  if (action === 'publishUnpublishedEntry' || action === 'deleteUnpublishedEntry') draftVersions.set(id, 'none');
}

/** Adds the page's version tokens to a save; remembers what it saves. */
function withTokens(params: Record<string, unknown>): Record<string, unknown> {
  const dataFiles = (params.dataFiles as Array<{ path: string; raw: string; slug?: string }> | undefined) ?? [];
  const options = (params.options ?? {}) as Record<string, unknown>;
  const bases = Object.fromEntries(
    dataFiles.filter((file) => fileVersions.has(file.path)).map((file) => [file.path, fileVersions.get(file.path)]),
  );
  const key = `${String(options.collectionName)}/${String(dataFiles[0]?.slug)}`;
  return {
    ...params,
    baseVersions: bases,
    ...(draftVersions.has(key) ? { draftVersion: draftVersions.get(key) } : {}),
  };
}

/** After a good save: the new versions, and the saved text as what a backup is compared with. */
function saved(params: Record<string, unknown>, body: Record<string, unknown>): void {
  const dataFiles = (params.dataFiles as Array<{ path: string; raw: string; slug?: string }> | undefined) ?? [];
  const options = (params.options ?? {}) as Record<string, unknown>;
  for (const [path, version] of Object.entries((body.versions as Record<string, string> | undefined) ?? {}))
    fileVersions.set(path, version);
  const first = dataFiles[0];
  if (!first) return;
  if (typeof body.draftVersion === 'string')
    draftVersions.set(`${String(options.collectionName)}/${String(first.slug)}`, body.draftVersion);
  serverText.set(backupKey(options.collectionName, first.slug), first.raw);
  // A new entry's backup has no slug: once saved, the entry it holds is on the server.
  if (options.newEntry) serverText.set(backupKey(options.collectionName), first.raw);
}

/** The collections of the editor's configuration, as far as file paths go. */
interface Collections {
  collections?: Array<{
    name: string;
    folder?: string;
    extension?: string;
    files?: Array<{ name: string; file: string }>;
  }>;
}

/**
 * Wraps the page's fetch for the editor's API: tokens on saves, versions and texts from answers; and keeps Decap
 * from offering a local backup that is what the server has.
 * @param config the editor's configuration (src/lib/editor/cms-config.ts), to name each file's entry
 */
export function installVersionTokens(config: Collections): void {
  backupKeyOfPath = (path) => {
    for (const collection of config.collections ?? []) {
      const file = collection.files?.find((candidate) => candidate.file === path);
      if (file) return backupKey(collection.name, file.name);
      const prefix = `${collection.folder}/`;
      if (collection.folder && path.startsWith(prefix) && path.endsWith(`.${collection.extension}`))
        return backupKey(collection.name, path.slice(prefix.length, -(String(collection.extension).length + 1)));
    }
    return null;
  };
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    if (!urlOf(input).endsWith(EDITOR_API) || typeof init?.body !== 'string') return original(input, init);
    let request: { action?: string; params?: Record<string, unknown> };
    try {
      request = JSON.parse(init.body) as typeof request;
    } catch {
      return original(input, init);
    }
    const action = String(request.action);
    const params = request.params ?? {};
    const sent = action === 'persistEntry' ? withTokens(params) : params;
    const response = await original(
      input,
      action === 'persistEntry' ? { ...init, body: JSON.stringify({ ...request, params: sent }) } : init,
    );
    if (action === 'unpublishedEntry' && response.status === 404) {
      draftVersions.set(
        typeof params.id === 'string' ? params.id : `${String(params.collection)}/${String(params.slug)}`,
        'none',
      );
    }
    if (!response.ok) return response;
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as unknown;
    if (action === 'persistEntry' && body && typeof body === 'object') saved(sent, body as Record<string, unknown>);
    learn(action, params, body);
    for (const listener of answerListeners) listener(action, params, body);
    return response;
  };
  watchBackups();
}

/** The text Decap would restore from a backup it read, and the key it read. */
function watchBackups(): void {
  // Decap's backups live in localforage's IndexedDB store; a read is seen as it completes, just before Decap asks.
  const get = IDBObjectStore.prototype.get;
  IDBObjectStore.prototype.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    const request = get.call(this, query);
    if (typeof query === 'string' && query.startsWith('backup.')) {
      request.addEventListener('success', () => {
        lastBackupKey = query;
        const raw = (request.result as { raw?: unknown } | undefined)?.raw;
        if (typeof raw === 'string') backupsRead.set(query, raw);
      });
    }
    return request;
  };
  const confirm = window.confirm.bind(window);
  window.confirm = (message?: string) => {
    const key = lastBackupKey;
    if (key && backupsRead.has(key) && isBackupQuestion(message)) {
      const known = serverText.get(key);
      // Only a backup that differs from what the server has is worth offering.
      if (known !== undefined && sameText(known, backupsRead.get(key)!)) return false;
    }
    return confirm(message);
  };
}

/** Decap's question about a local backup (its zh_Hans wording mentions the backup). */
const isBackupQuestion = (message: string | undefined) => typeof message === 'string' && /备份/.test(message);

/** Two texts of an entry that differ only in the whitespace the formats add. */
const sameText = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
