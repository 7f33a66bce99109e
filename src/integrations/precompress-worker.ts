/**
 * A worker thread of {@link precompressSite}: takes the next file of the shared list until none is left, writes its
 * compressed copies, and posts back what each file gave, by index.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { precompressFile, type CompressedFile, type PrecompressJob } from './precompress.ts';

const { site, files, cache, previous, next } = workerData as PrecompressJob;
const counter = new Int32Array(next);
const done: [number, CompressedFile | null][] = [];
for (let index = Atomics.add(counter, 0, 1); index < files.length; index = Atomics.add(counter, 0, 1)) {
  try {
    done.push([index, precompressFile(site, files[index]!, cache, previous)]);
  } catch (error) {
    throw new Error(`无法压缩 ${files[index]}：${(error as Error).message}`, { cause: error });
  }
}
parentPort!.postMessage(done);
