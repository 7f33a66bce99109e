/**
 * QR codes made on another thread while a build renders its pages. Astro renders on one thread; at 10,000 restaurants
 * the sticker codes cost about 5 s of it (the library tries all eight masks on each), which a worker thread does on
 * the machine's other core instead (docs/performance.md, "Door stickers").
 */
import { Worker } from 'node:worker_threads';
import { qrPath, type QrPath } from './qr.ts';

export interface QrPaths {
  /** The path of a text's code: the worker's, once made; made here when the worker was not given the text or failed. */
  get(text: string): Promise<QrPath>;
}

/**
 * Starts a worker thread (`workerFile`: qr-worker.ts) making the QR path of each text, in the order given. Each path
 * is handed over once and then forgotten here (the caller keeps it as long as it needs). If the worker cannot start or
 * fails, the codes still to come are made on this thread, so a build never depends on the worker.
 */
export function qrPathsInBackground(texts: readonly string[], workerFile: string): QrPaths {
  /** Texts the worker has still to send. */
  const coming = new Set(texts);
  const ready = new Map<string, QrPath>();
  /** The pending answer for each text a page waits for: one per text, however many ask. */
  const waiting = new Map<string, PromiseWithResolvers<QrPath>>();
  const stopWaiting = () => {
    coming.clear();
    for (const [text, pending] of waiting) pending.resolve(qrPath(text));
    waiting.clear();
  };
  const fallBack = (error: unknown) => {
    console.warn(`二维码改在主线程生成（工作线程出错：${(error as Error).message}），构建会慢一些。`);
    stopWaiting();
  };
  let worker: Worker;
  try {
    worker = new Worker(workerFile, { workerData: [...coming] });
  } catch (error) {
    fallBack(error);
    return { get: (text) => Promise.resolve(qrPath(text)) };
  }
  worker.on('message', (batch: [string, QrPath][]) => {
    for (const [text, path] of batch) {
      coming.delete(text);
      const pending = waiting.get(text);
      if (pending) {
        waiting.delete(text);
        pending.resolve(path);
        if (waiting.size === 0) worker.unref();
      } else {
        ready.set(text, path);
      }
    }
  });
  worker.on('error', fallBack);
  worker.on('exit', stopWaiting);
  // Held open only while a page waits for a code: a build may end before the thread has made them all (a build that
  // fails, say).
  worker.unref();
  return {
    get(text) {
      const path = ready.get(text);
      if (path) {
        ready.delete(text);
        return Promise.resolve(path);
      }
      if (!coming.has(text)) return Promise.resolve(qrPath(text));
      let pending = waiting.get(text);
      if (!pending) {
        pending = Promise.withResolvers<QrPath>();
        waiting.set(text, pending);
      }
      worker.ref();
      return pending.promise;
    },
  };
}
