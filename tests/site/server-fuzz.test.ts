/**
 * `npm start`'s server (scripts/static-server.ts) under hostile requests (tests/helpers/hostile-requests.ts), sent
 * over raw TCP to a copy of the built fixture site that has a secret folder beside it and symlinks pointing out of
 * it: the server never crashes, never answers 5xx, never leaks the secret, never redirects off the site, and refuses
 * every method but GET and HEAD with 405. Then the stricter answers this server gives (400, 404, 405).
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/static-server.ts';
import { SECURITY_HEADERS } from '../../src/config/http-headers.ts';
import {
  HOSTILE_REQUESTS,
  hostileProblems,
  makeHostileRoot,
  runHostileRequests,
  sendRaw,
  type HostileRoot,
  type HostileRun,
} from '../helpers/hostile-requests.ts';
import { builtSite } from '../helpers/site.ts';

let folder: HostileRoot;
let server: Server;
let port: number;
let run: HostileRun;

beforeAll(async () => {
  folder = await makeHostileRoot(builtSite('fixture').dist);
  const started = await startStaticServer(folder.root);
  server = started.server;
  port = Number(new URL(started.url).port);
  run = await runHostileRequests('127.0.0.1', port);
});

afterAll(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  await folder?.cleanup();
});

/** The result of the request of that name. */
function result(name: string) {
  const found = run.results.find((entry) => entry.request.name === name);
  if (!found) throw new Error(`no hostile request named “${name}”`);
  return found;
}

describe('the static server under hostile requests', () => {
  it('sends at least 200 of them', () => {
    expect(HOSTILE_REQUESTS.length).toBeGreaterThanOrEqual(200);
    expect(run.results).toHaveLength(HOSTILE_REQUESTS.length);
  });

  it('stays up, answers no 5xx, leaks nothing, redirects only on the site, sends its headers on every answer', () => {
    const problems = hostileProblems(run, { forbidden: folder.forbidden, requireHeaders: SECURITY_HEADERS });
    expect(problems).toEqual([]);
  });

  it('answers every request it was sent, except those whose client hung up', () => {
    const unanswered = run.results.filter((entry) => !entry.request.abandon && entry.status === null);
    expect(unanswered.map((entry) => `${entry.request.name} (${entry.error ?? 'no status line'})`)).toEqual([]);
  });

  it('refuses malformed percent-encoding, NUL bytes and climbing above the root with 400', () => {
    for (const name of [
      'encoding /%E0%A4%A.html',
      'encoding /a%ZZb.css',
      'encoding /%',
      'encoding /%00',
      'encoding /%c0',
      'traversal /%c0%ae%c0%ae/dist-secret/secret.txt',
      'traversal /..%2fdist-secret%2fsecret.txt',
      'traversal /%2e%2e%5cdist-secret%5csecret.txt',
      'request line: GET //[',
    ]) {
      expect(result(name).status, name).toBe(400);
    }
  });

  it('answers symlinks, wherever they point, with the 404 page', () => {
    for (const entry of run.results.filter((candidate) => candidate.request.name.startsWith('symlink GET'))) {
      expect(entry.status, entry.request.name).toBe(404);
      expect(entry.body.toString('utf8'), entry.request.name).toContain('<html');
    }
  });

  it('redirects a directory asked for without its slash to the same path on the same site', () => {
    expect(result('redirect /plan (Host: evil)').headers.location).toBe('/plan/');
    expect(result('redirect //plan').headers.location).toBe('/plan/');
    expect(result('absolute http://evil.example/plan').headers.location).toBe('/plan/');
    expect(result('redirect with X-Forwarded-Host').headers.location).toBe('/plan/');
    expect(result('redirect /.//evil%2Eexample%2Ecom').status).toBe(404);
  });

  it('refuses every method but GET and HEAD with 405 and says which it allows', async () => {
    for (const entry of run.results.filter((candidate) => candidate.request.expect === 'method')) {
      expect(entry.headers.allow, entry.request.name).toBe('GET, HEAD');
    }
    expect(result('method CONNECT').status).toBe(405);
  });

  it('still serves a page after everything', async () => {
    const home = await sendRaw('127.0.0.1', port, {
      name: 'home',
      raw: 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    });
    expect(home.status).toBe(200);
    expect(home.body.toString('utf8')).toContain('<!DOCTYPE html>');
  });
});
