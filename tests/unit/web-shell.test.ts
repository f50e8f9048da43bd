import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { must, tempDir, testCore } from '../helpers/core';

let core: ReturnType<typeof testCore>;
let shell: WebShell;
let renderer: string;

beforeAll(async () => {
  core = testCore();
  renderer = tempDir('lx-renderer-');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
  shell = await startWebShell({ core, rendererDir: renderer });
});
afterAll(async () => {
  await shell.close();
  core.close();
  fs.rmSync(core.dir, { recursive: true, force: true });
  fs.rmSync(renderer, { recursive: true, force: true });
});

function request(pathname: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const url = new URL(pathname, shell.url);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
const rpc = (channel: string, body: string, token = shell.token, host?: string) =>
  request(`/rpc/${channel}`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-lx-token': token, ...(host ? { host } : {}) } });

describe('browser shell', () => {
  it('listens on loopback only', () => {
    expect(new URL(shell.url).hostname).toBe('127.0.0.1');
  });

  it('serves the page with a strict CSP and the per-run token', async () => {
    const r = await request('/');
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.body).toContain(`<meta name="lx-token" content="${shell.token}">`);
  });

  it('answers the contract and validates like IPC', async () => {
    const ok = JSON.parse((await rpc('demo.load', '{}')).body);
    expect(ok).toEqual({ ok: true, data: { organizations: 300 } });
    const bad = JSON.parse((await rpc('orgs.get', '{"id":"abc"}')).body);
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('INVALID_INPUT');
  });

  it('refuses calls without the token, from another host name, or with broken JSON', async () => {
    const before = (await must(core, 'app.info', {})).sampleCount;
    expect((await rpc('demo.clear', '{}', 'wrong-token')).status).toBe(403);
    expect((await rpc('demo.clear', '{}', shell.token, 'evil.example:80')).status).toBe(403);
    const broken = await rpc('demo.clear', '{not json');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error.message).toContain('JSON');
    expect((await request('/rpc/demo.clear', { method: 'GET', headers: { 'x-lx-token': shell.token } })).status).toBe(405);
    expect((await must(core, 'app.info', {})).sampleCount).toBe(before);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await request('/..%2f..%2fetc%2fpasswd');
    expect(r.body).not.toContain('root:');
  });

  it('pushes events over SSE to a client with the token', async () => {
    const url = new URL(`/events?token=${shell.token}`, shell.url);
    const got = await new Promise<string>((resolve, reject) => {
      const req = http.get(url, (res) => {
        let buf = '';
        res.on('data', (c) => {
          buf += c;
          if (buf.includes('data.changed')) {
            req.destroy();
            resolve(buf);
          }
        });
        // Once connected, cause a change.
        setTimeout(() => void core.invoke('demo.clear', {}), 50);
      });
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
    });
    expect(got).toContain('"entity":"organization"');
  });
});
