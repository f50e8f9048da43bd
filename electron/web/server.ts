import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core';

/**
 * The browser shell: serves the built renderer and answers the contract at POST /rpc/<channel>,
 * with push events over SSE at /events. Loopback only, random port, a per-run token. Never packaged.
 * The token is handed only to whoever started the shell, in the address it prints (`openUrl`, like
 * Jupyter); the page keeps it for the tab's session and nothing the server serves contains it.
 */
export interface WebShell {
  /** The bound origin, without the token. */
  url: string;
  /** The address to open: `url` plus `?token=…`. Print it only to the person who started the shell. */
  openUrl: string;
  /** The address the server really listens on. */
  address: AddressInfo;
  token: string;
  close(): Promise<void>;
}

export interface WebShellOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Largest accepted /rpc body in bytes (tests lower it). */
  maxBody?: number;
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
  const maxBody = opts.maxBody ?? MAX_BODY;
  const root = path.resolve(opts.rendererDir);
  const sseClients = new Set<http.ServerResponse>();
  const unsubscribe = opts.core.onEvent((name, payload) => {
    const line = `event: message\ndata: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of sseClients) res.write(line);
  });

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (e instanceof URIError && !res.headersSent) json(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '地址格式不正确' } });
      else if (!res.headersSent) json(res, 500, { ok: false, error: { code: 'INTERNAL', message: `内部错误：${(e as Error).message}` } });
      else res.end();
    });
  });

  const allowedHost = () => {
    const port = (server.address() as AddressInfo).port;
    return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  };
  // A browser always sends Origin with a POST; a page of another origin (or a sandboxed "null" one) is refused.
  const allowedOrigin = (origin: string | undefined) => [...allowedHost()].some((host) => origin === `http://${host}`);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    // Host check defeats DNS rebinding; the token defeats other local pages and cross-site posts.
    if (!allowedHost().has(req.headers.host ?? '')) return json(res, 403, forbidden('主机名不被允许'));
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return json(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '地址格式不正确' } });
    }
    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return json(res, 405, forbidden('只接受 POST'));
      if (!allowedOrigin(req.headers.origin)) return json(res, 403, forbidden('请求来源不被允许'));
      if (!sameToken(req.headers['x-lx-token'])) return json(res, 403, forbidden(NO_TOKEN));
      const body = await readBody(req, res, maxBody);
      if (body === null) return;
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
      if (!sameToken(url.searchParams.get('token') ?? undefined)) return json(res, 403, forbidden(NO_TOKEN));
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
    const content = fs.readFileSync(file);
    const headers: Record<string, string> = {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    res.writeHead(200, headers);
    res.end(content);
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}/`;
  return {
    url,
    openUrl: `${url}?token=${token}`,
    address,
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
const NO_TOKEN = '令牌缺失或无效：请用启动“两新档案”时显示的完整地址（含 ?token=）重新打开本页';

function json(res: http.ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** The body, or null once a 413 has been answered: the message is sent before the connection is closed. */
function readBody(req: http.IncomingMessage, res: http.ServerResponse, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => {
      req.removeAllListeners('data');
      req.pause();
      res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      const mb = Math.round(max / 1024 / 1024);
      res.end(JSON.stringify({ ok: false, error: { code: 'LIMIT', message: `请求过大（超过 ${mb} MB）：请拆分文件后再试` } }), () => req.destroy());
      resolve(null);
    };
    if (Number(req.headers['content-length'] ?? 0) > max) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) tooLarge();
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
