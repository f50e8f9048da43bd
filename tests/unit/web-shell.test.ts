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

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };
/** A raw request: the path is sent as given (no URL normalising), the body written in chunks when it is an array. */
function request(pathname: string, opts: { method?: string; headers?: Record<string, string>; body?: string | string[]; to?: WebShell } = {}) {
  const { address, port } = (opts.to ?? shell).address;
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request({ host: address, port, path: pathname, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    const chunks = Array.isArray(opts.body) ? opts.body : [opts.body ?? ''];
    // Written with a pause between chunks, so the server sees the size grow as a streaming client sends it.
    void (async () => {
      for (const c of chunks) {
        if (req.destroyed) return;
        req.write(c);
        await new Promise((r) => setTimeout(r, 5));
      }
      req.end();
    })();
  });
}
const origin = (to = shell) => `http://127.0.0.1:${to.address.port}`;
const rpc = (channel: string, body: string, token = shell.token, headers: Record<string, string> = {}) =>
  request(`/rpc/${channel}`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-lx-token': token, origin: origin(), ...headers } });

describe('browser shell', () => {
  it('listens on loopback only', () => {
    expect(shell.address.address).toBe('127.0.0.1');
    expect(shell.address.family).toBe('IPv4');
    expect(shell.openUrl).toBe(`http://127.0.0.1:${shell.address.port}/?token=${shell.token}`);
  });

  it('serves the page with a strict CSP and never the token: only the printed address holds it', async () => {
    for (const p of ['/', '/index.html', `/?token=${shell.token}`, '/#/orgs']) {
      const r = await request(p);
      expect(r.status).toBe(200);
      expect(r.headers['content-security-policy']).toContain("script-src 'self'");
      expect(r.body).not.toContain(shell.token);
    }
  });

  it('refuses /rpc calls from another origin or with none, even with the token', async () => {
    const before = (await must(core, 'app.info', {})).sampleCount;
    for (const o of ['http://evil.example', 'null', `http://127.0.0.1:${shell.address.port + 1}`, `https://127.0.0.1:${shell.address.port}`]) {
      const r = await rpc('demo.clear', '{}', shell.token, { origin: o });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body).error.message).toContain('来源');
    }
    const none = await request('/rpc/demo.clear', { method: 'POST', body: '{}', headers: { 'x-lx-token': shell.token } });
    expect(none.status).toBe(403);
    expect((await rpc('app.info', '{}', shell.token, { origin: `http://localhost:${shell.address.port}` })).status).toBe(200);
    expect((await must(core, 'app.info', {})).sampleCount).toBe(before);
  });

  it('answers a malformed address with 400, not 500', async () => {
    for (const p of ['/%E0%A4%A', '/rpc/%ZZ', '/assets/%']) {
      const r = await request(p, p.startsWith('/rpc/') ? { method: 'POST', body: '{}', headers: { 'x-lx-token': shell.token, origin: origin() } } : {});
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body).error.message).toContain('地址');
    }
  });

  it('answers an oversized body with the 413 message before closing the connection', async () => {
    const small = await startWebShell({ core, rendererDir: renderer, maxBody: 4096 });
    try {
      const headers = { 'content-type': 'application/json', 'x-lx-token': small.token, origin: origin(small) };
      const declared = await request('/rpc/app.info', { to: small, method: 'POST', headers, body: 'x'.repeat(10_000) });
      const streamed = await request('/rpc/app.info', { to: small, method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' }, body: Array(20).fill('y'.repeat(1000)) });
      for (const r of [declared, streamed]) {
        expect(r.status).toBe(413);
        expect(JSON.parse(r.body).error.message).toContain('请求过大');
      }
      expect((await request('/rpc/app.info', { to: small, method: 'POST', headers, body: '{}' })).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('answers the contract and validates like IPC', async () => {
    const ok = JSON.parse((await rpc('demo.load', '{}')).body);
    expect(ok).toEqual({ ok: true, data: { organizations: 300 } });
    const bad = JSON.parse((await rpc('orgs.get', '{"id":"abc"}')).body);
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('INVALID_INPUT');
  });

  it('refuses an export while the office settings hold “××”, with the code the page answers by opening 设置', async () => {
    const blank = testCore({ unfilledSettings: true });
    const own = await startWebShell({ core: blank, rendererDir: renderer });
    try {
      const call = (channel: string, body: string) =>
        request(`/rpc/${channel}`, { method: 'POST', body, to: own, headers: { 'content-type': 'application/json', 'x-lx-token': own.token, origin: origin(own) } });
      expect(JSON.parse((await call('demo.load', '{}')).body).ok).toBe(true);
      for (const [channel, body] of [
        ['export.document', '{"request":{"kind":"unbuilt"}}'],
        ['export.preview', '{"request":{"kind":"ledger","filter":{}}}'],
        ['instructors.exportRoster', '{}'],
      ]) {
        const r = JSON.parse((await call(channel, body)).body);
        expect(r.ok, channel).toBe(false);
        expect(r.error.code, channel).toBe('SETTINGS_INCOMPLETE');
        expect(r.error.message, channel).toContain('设置 → 公文设置');
      }
    } finally {
      await own.close();
      blank.close();
      fs.rmSync(blank.dir, { recursive: true, force: true });
    }
  });

  it('refuses calls without the token, from another host name, or with broken JSON', async () => {
    const before = (await must(core, 'app.info', {})).sampleCount;
    expect((await rpc('demo.clear', '{}', 'wrong-token')).status).toBe(403);
    expect((await rpc('demo.clear', '{}', shell.token, { host: 'evil.example:80' })).status).toBe(403);
    const broken = await rpc('demo.clear', '{not json');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error.message).toContain('JSON');
    expect((await request('/rpc/demo.clear', { method: 'GET', headers: { 'x-lx-token': shell.token } })).status).toBe(405);
    expect((await must(core, 'app.info', {})).sampleCount).toBe(before);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await request('/..%2f..%2fetc%2fpasswd');
    expect(r.status).toBe(403);
    expect(r.body).not.toContain('root:');
    const raw = await request('/../../../etc/passwd');
    expect(raw.body).not.toContain('root:');
  });

  it('pushes events over SSE to a client with the token', async () => {
    const url = new URL(`/events?token=${shell.token}`, `http://127.0.0.1:${shell.address.port}`);
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
