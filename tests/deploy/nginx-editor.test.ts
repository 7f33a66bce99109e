/**
 * deploy/nginx-editor.conf in Debian's nginx, in front of a stand-in for the editor service: HTTPS only (plain http
 * sends the browser to https), the host name and scheme passed on (the service checks both), WebSocket upgrades passed
 * through, an oversized upload refused by nginx before it reaches the service, and the headers that keep the editor
 * out of search engines and on HTTPS. Run with `npm run test:deploy` (needs Debian's nginx and openssl).
 */
import { execFileSync } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build.ts';
import { freePort } from '../helpers/ports.ts';
import { replaceOnce, startNginxWith, type NginxServer } from './nginx-server.ts';

const HOST = 'editor.shian-wuqing.invalid';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bytes: number;
}
/** What the stand-in service received. */
const seen: Seen[] = [];
let upstream: Server;
let nginx: NginxServer;
/** The plain-http port (the redirect server). */
let httpPort: number;

beforeAll(async () => {
  upstream = createServer((request, response) => {
    let bytes = 0;
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, headers: request.headers, bytes });
      response.end('service');
    });
  });
  upstream.on('upgrade', (request, socket) => {
    seen.push({ method: request.method!, url: request.url!, headers: request.headers, bytes: 0 });
    socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamPort = (upstream.address() as { port: number }).port;
  httpPort = await freePort();
  nginx = await startNginxWith(
    ROOT,
    (port, folder) => {
      let config = readFileSync(join(ROOT, 'deploy/nginx-editor.conf'), 'utf8');
      config = replaceOnce(config, /^ {4}listen 80;\n {4}listen \[::\]:80;\n/m, `    listen 127.0.0.1:${httpPort};\n`);
      config = replaceOnce(
        config,
        /^ {4}listen 443 ssl http2;\n {4}listen \[::\]:443 ssl http2;\n/m,
        `    listen 127.0.0.1:${port} ssl http2;\n`,
      );
      config = replaceOnce(config, '/etc/shian-wuqing/tls/editor.crt', join(folder, 'editor.crt'));
      config = replaceOnce(config, '/etc/shian-wuqing/tls/editor.key', join(folder, 'editor.key'));
      config = replaceOnce(config, /^ {4}access_log \S+;$/m, `    access_log ${join(folder, 'access.log')};`);
      config = replaceOnce(config, /^ {4}error_log \S+;$/m, `    error_log ${join(folder, 'error.log')} notice;`);
      return replaceOnce(config, 'proxy_pass http://127.0.0.1:4330;', `proxy_pass http://127.0.0.1:${upstreamPort};`);
    },
    (folder) => {
      // A self-signed certificate, as docs/deploy.md makes one for a trial.
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          `/CN=${HOST}`,
          '-keyout',
          join(folder, 'editor.key'),
          '-out',
          join(folder, 'editor.crt'),
        ],
        { stdio: 'ignore' },
      );
    },
  );
});

afterAll(async () => {
  await nginx?.stop();
  await new Promise((resolve) => upstream?.close(resolve));
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTPS request to nginx for the editor's host name (the test certificate is self-signed). */
function https(path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const request = httpsRequest(
      {
        host: '127.0.0.1',
        port: nginx.port,
        servername: HOST,
        rejectUnauthorized: false,
        path,
        method: options.method ?? 'GET',
        headers: { Host: HOST, ...options.headers },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('nginx with deploy/nginx-editor.conf', () => {
  it('passes nginx -t', () => {
    expect(nginx.configTest).toContain('test is successful');
  });

  it('sends plain http to https, on the same host and address', async () => {
    const answer = await new Promise<Answer>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port: httpPort, path: '/admin/?x=1', headers: { Host: HOST } }, (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: '' }));
      })
        .on('error', reject)
        .end();
    });
    expect(answer.status).toBe(301);
    expect(answer.headers.location).toBe(`https://${HOST}/admin/?x=1`);
    expect(seen.some((request) => request.url === '/admin/?x=1')).toBe(false);
  });

  it('passes requests on with the host name and scheme the browser used, and its own headers', async () => {
    const answer = await https('/admin/login/');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('service');
    const request = seen.find((candidate) => candidate.url === '/admin/login/')!;
    expect(request.headers.host).toBe(HOST);
    expect(request.headers['x-forwarded-proto']).toBe('https');
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(answer.headers['x-robots-tag']).toBe('noindex, nofollow');
  });

  it('passes WebSocket upgrades through', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpsRequest({
        host: '127.0.0.1',
        port: nginx.port,
        servername: HOST,
        rejectUnauthorized: false,
        path: '/live',
        headers: {
          Host: HOST,
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
          'Sec-WebSocket-Version': '13',
        },
      });
      request.on('upgrade', (response, socket) => {
        socket.destroy();
        resolve(response.statusCode!);
      });
      request.on('response', (response) => resolve(response.statusCode!));
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(101);
    const request = seen.find((candidate) => candidate.url === '/live')!;
    expect(request.headers.upgrade).toBe('websocket');
    expect(request.headers.connection).toBe('upgrade');
  });

  it('refuses an upload over 40 MB itself, before the service reads any of it', async () => {
    const big = Buffer.alloc(41 * 1024 * 1024, 1);
    const answer = await https('/admin/api/v1/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(big.length) },
      body: big,
    }).catch((error: NodeJS.ErrnoException) => {
      // nginx may close the connection while the body is still being sent; then the answer is lost, not accepted.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return { status: 413, headers: {}, body: '' };
      throw error;
    });
    expect(answer.status).toBe(413);
    expect(seen.some((request) => request.url === '/admin/api/v1/')).toBe(false);
  });
});
