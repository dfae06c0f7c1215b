import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STUB = readFileSync(join(root, 'src/stub.js'), 'utf8').trim();
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
};

export interface Route {
  status?: number;
  type?: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

/** A static server for e2e pages: dist/ at the root, test fixtures, and per-test routes. */
export interface TestServer {
  url: string;
  /** Every request seen, in order (method and path). */
  requests: { method: string; path: string }[];
  /** Overrides or adds a route for the rest of the test. */
  route(path: string, route: Route | ((req: IncomingMessage) => Route)): void;
  reset(): void;
  close(): Promise<void>;
}

function fileRoute(path: string): Route | null {
  const mapped =
    path.startsWith('/bundles/') || path.startsWith('/pages/')
      ? join(root, 'test/fixtures', path)
      : join(root, 'dist', path);
  if (!existsSync(mapped) || !mapped.startsWith(root)) return null;
  let body: string | Buffer = readFileSync(mapped);
  if (mapped.endsWith('.html')) body = body.toString('utf8').replace('<!--EDGESEG_STUB-->', STUB);
  return { body, type: TYPES[extname(mapped)] ?? 'application/octet-stream' };
}

export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Route | ((req: IncomingMessage) => Route)>();
  const requests: TestServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ method: req.method ?? 'GET', path });
    const custom = routes.get(path);
    const route = custom ? (typeof custom === 'function' ? custom(req) : custom) : fileRoute(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(route.status ?? 200, {
      'content-type': route.type ?? 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...route.headers,
    });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, route) => routes.set(path, route),
    reset() {
      routes.clear();
      requests.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A page built from the canonical stub and script tag, for tests that vary the tag. */
export function pageWithTag(tag: string, body = '', head = ''): Route {
  return {
    body: `<!doctype html><html><head><meta charset="utf-8">${head}<script>${STUB}</script>${tag}</head><body>${body}</body></html>`,
  };
}
