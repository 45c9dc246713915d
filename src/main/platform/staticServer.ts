// A folder served on a loopback port, as the app's protocol serves the renderer: the
// browser host (npm run web, the e2e tests, the benchmark) and the benchmark's own pages
// use this one server. Files outside the folder are not served; every response carries
// the headers given (the app's CSP, no-store…).
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve } from 'node:path';
import { withPolicyMeta } from '../security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface StaticServerOptions {
  /** The folder served; `/` is its index.html. */
  root: string;
  /** 0: any free port (the origin says which). */
  port: number;
  /** Sent with every file. */
  headers?: Record<string, string>;
  /** The Content-Security-Policy, asked at each request (it may name a sync server set
   *  meanwhile); an HTML page's <meta> policy is made the same. */
  policy?: () => string;
  /** Paths answered with this HTML rather than a file (an empty page, say). */
  pages?: Record<string, string>;
}

export interface StaticServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

export async function serveStatic({ root, port, headers = {}, policy, pages = {} }: StaticServerOptions): Promise<StaticServer> {
  const folder = resolve(root);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const page = pages[path];
    if (page !== undefined) {
      response.writeHead(200, { 'Content-Type': MIME['.html'] }).end(page);
      return;
    }
    const file = resolve(folder, `.${path === '/' ? '/index.html' : path}`);
    const inside = file.startsWith(folder + '/');
    const found = inside && (await stat(file).catch(() => null))?.isFile();
    if (!found) {
      response.writeHead(404).end();
      return;
    }
    const current = policy?.();
    response.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      ...headers,
      ...(current ? { 'Content-Security-Policy': current } : {}),
    });
    const bytes = await readFile(file);
    response.end(current && extname(file) === '.html' ? withPolicyMeta(bytes.toString('utf8'), current) : bytes);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((done) => server.close(() => done())) };
}
