/**
 * `npm run bench:server`: a bounded load test of `npm start`'s server on the built site in dist/ (run `npm run build`
 * first). The server runs in a process of its own, on 127.0.0.1 only; this process sends a fixed number of requests
 * (20,000 by default) over a fixed number of keep-alive connections (50), in turn for the home page, a task page and
 * Pagefind's WebAssembly, checks every answer (status 200, the whole body) and prints requests per second and
 * latency percentiles. Not part of `npm test`: a timed test would fail on a busy machine.
 *
 *   npm run bench:server -- --requests 20000 --connections 50
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const DIST = 'dist';
/** Give up after this long whatever happens: the run is bounded in time as well as in requests. */
const DEADLINE_MS = 10 * 60 * 1000;

/** One address to load and the size its body must have. */
interface Target {
  path: string;
  bytes: number;
}

/** The three addresses, from the built site: home, the first task page of a plan, Pagefind's WebAssembly file. */
function targets(dist: string): Target[] {
  const files = readdirSync(dist, { recursive: true }) as string[];
  const task = files.find((file) => /^plan\/\d{4}\/tasks\/1\/index\.html$/.test(file));
  const wasm = files.find((file) => /^pagefind\/wasm\.[^/]+\.pagefind$/.test(file));
  if (!task || !wasm) throw new Error('dist/ 中没有任务页或 Pagefind 的 WebAssembly 文件：请先运行 npm run build。');
  const size = (file: string) => statSync(join(dist, file)).size;
  return [
    { path: '/', bytes: size('index.html') },
    { path: `/${task.replace(/index\.html$/, '')}`, bytes: size(task) },
    { path: `/${wasm}`, bytes: size(wasm) },
  ];
}

/** Starts `node scripts/serve.ts` on a free loopback port and resolves with its address once it prints it. */
function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['scripts/serve.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) resolve({ url: match[0], stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`服务器进程退出（退出码 ${code}）：${output}`)));
  });
}

/** One request; resolves with its latency in milliseconds, or an error message. */
function request(agent: Agent, url: string, target: Target): Promise<{ ms: number } | { error: string }> {
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    const call = get(`${url}${target.path}`, { agent }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (response.statusCode !== 200) resolve({ error: `${target.path}: 状态 ${response.statusCode}` });
        else if (bytes !== target.bytes) resolve({ error: `${target.path}: 收到 ${bytes} 字节，应为 ${target.bytes}` });
        else resolve({ ms });
      });
      response.on('error', (error) => resolve({ error: `${target.path}: ${error.message}` }));
    });
    call.on('error', (error) => resolve({ error: `${target.path}: ${error.message}` }));
  });
}

/** The value below which `fraction` of the sorted values lie. */
function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

/** Sends `total` requests over `connections` keep-alive connections, the targets in turn. */
async function load(url: string, list: Target[], total: number, connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const deadline = Date.now() + DEADLINE_MS;
  const started = process.hrtime.bigint();
  async function worker(): Promise<void> {
    while (next < total && Date.now() < deadline) {
      const target = list[next % list.length]!;
      next += 1;
      const result = await request(agent, url, target);
      if ('ms' in result) latencies.push(result.ms);
      else errors.push(result.error);
    }
  }
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { latencies: latencies.sort((a, b) => a - b), errors, seconds, sent: next };
}

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '20000' }, connections: { type: 'string', default: '50' } },
});
const total = Number(values.requests);
const connections = Number(values.connections);
if (!Number.isInteger(total) || total < 1 || !Number.isInteger(connections) || connections < 1) {
  console.error('--requests 和 --connections 应为正整数。');
  process.exit(1);
}
if (!existsSync(join(DIST, 'index.html'))) {
  console.error('没有找到构建结果 dist/：请先运行 npm run build。');
  process.exit(1);
}
const list = targets(DIST);
const server = await startServer();
try {
  // One round first, so that a broken server fails fast and the file cache is warm.
  await load(server.url, list, list.length, 1);
  const { latencies, errors, seconds, sent } = await load(server.url, list, total, connections);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`服务器压力测试 / server load test: ${server.url}`);
  console.log(`  地址 / addresses: ${list.map((target) => `${target.path} (${target.bytes} B)`).join(', ')}`);
  console.log(
    `  请求 / requests: ${sent}，并发连接 / connections: ${connections}，用时 / time: ${seconds.toFixed(1)} s`,
  );
  console.log(`  每秒请求 / req/s: ${Math.round(latencies.length / seconds)}`);
  console.log(
    `  延迟 / latency: p50 ${ms(percentile(latencies, 0.5))}, p99 ${ms(percentile(latencies, 0.99))}, ` +
      `max ${ms(latencies.at(-1) ?? NaN)}`,
  );
  console.log(`  错误 / errors: ${errors.length}${errors.length ? `（例如 ${errors.slice(0, 3).join('；')}）` : ''}`);
  if (errors.length > 0 || sent < total) process.exitCode = 1;
} finally {
  server.stop();
}
