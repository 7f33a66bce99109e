/**
 * A worker thread of qrPathsInBackground (qr-pool.ts): makes the QR path of each text it is given, in order, and posts
 * them back in small batches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { qrPath, type QrPath } from './qr.ts';

/** Codes per message: few enough that the first pages need not wait, enough that messages cost nothing. */
const BATCH = 32;

let batch: [string, QrPath][] = [];
for (const text of workerData as string[]) {
  batch.push([text, qrPath(text)]);
  if (batch.length === BATCH) {
    parentPort!.postMessage(batch);
    batch = [];
  }
}
parentPort!.postMessage(batch);
