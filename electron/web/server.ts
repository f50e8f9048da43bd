import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core';

/**
 * The browser shell: serves the built renderer and answers the contract at POST /rpc/<channel>,
 * with push events over SSE at /events. Loopback only, random port, a per-run token. Never packaged.
 */
export interface WebShell {
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface WebShellOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  token?: string;
}

const MAX_BODY = 210 * 1024 * 1024;
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export async function startWebShell(opts: WebShellOptions): Promise<WebShell> {
  const token = opts.token ?? crypto.randomBytes(24).toString('hex');
  const root = path.resolve(opts.rendererDir);
  const sseClients = new Set<http.ServerResponse>();
  const unsubscribe = opts.core.onEvent((name, payload) => {
    const line = `event: message\ndata: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of sseClients) res.write(line);
  });

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) json(res, 500, { ok: false, error: { code: 'INTERNAL', message: `内部错误：${(e as Error).message}` } });
      else res.end();
    });
  });

  const allowedHost = () => {
    const port = (server.address() as AddressInfo).port;
    return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    // Host check defeats DNS rebinding; the token defeats other local pages and cross-site posts.
    if (!allowedHost().has(req.headers.host ?? '')) return json(res, 403, forbidden('主机名不被允许'));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return json(res, 405, forbidden('只接受 POST'));
      if (!sameToken(req.headers['x-lx-token'])) return json(res, 403, forbidden('令牌无效，请刷新页面'));
      const body = await readBody(req);
      if (body === null) return json(res, 413, { ok: false, error: { code: 'LIMIT', message: '请求过大（超过 200 MB）' } });
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return json(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '请求内容不是合法的 JSON' } });
      }
      const channel = decodeURIComponent(url.pathname.slice('/rpc/'.length));
      return json(res, 200, await opts.core.invoke(channel, input));
    }
    if (url.pathname === '/events') {
      if (!sameToken(url.searchParams.get('token') ?? undefined)) return json(res, 403, forbidden('令牌无效'));
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, forbidden('不支持的请求'));
    return serveStatic(url.pathname, res);
  }

  function sameToken(given: string | string[] | undefined): boolean {
    if (typeof given !== 'string' || given.length !== token.length) return false;
    return crypto.timingSafeEqual(Buffer.from(given), Buffer.from(token));
  }

  function serveStatic(pathname: string, res: http.ServerResponse) {
    const rel = decodeURIComponent(pathname).replace(/^\/+/, '');
    let file = path.resolve(root, rel || 'index.html');
    if (!file.startsWith(root + path.sep) && file !== root) return json(res, 403, forbidden('路径不被允许'));
    // History-mode routes fall back to index.html.
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('界面尚未构建：请先运行 npm run build:renderer');
    }
    let content: Buffer | string = fs.readFileSync(file);
    const headers: Record<string, string> = {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    if (file.endsWith('index.html')) {
      content = content.toString('utf8').replace('</head>', `<meta name="lx-token" content="${token}"><meta name="lx-shell" content="web"></head>`);
    }
    res.writeHead(200, headers);
    res.end(content);
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const r of sseClients) r.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const forbidden = (message: string) => ({ ok: false, error: { code: 'FORBIDDEN', message } });

function json(res: http.ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
