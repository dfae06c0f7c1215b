import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { EVENTS_FORMAT, EventsPayloadSchema } from './payload-schema';

/** Options of {@link startCollector}. */
export interface CollectorOptions {
  port: number;
  /** Folder of the daily NDJSON files. */
  out: string;
  host?: string;
  /** Origins allowed to post (CORS); empty: any origin. */
  origins?: readonly string[];
  /** Largest accepted body in bytes. Default 256 KiB. */
  maxBody?: number;
  /** The clock, for the daily file names and `receivedAt` (tests inject one). */
  now?: () => number;
  log?: (line: string) => void;
}

/** A running collector. */
export interface Collector {
  server: Server;
  /** The port it listens on (the one asked for, or the one given for 0). */
  port: number;
  close(): Promise<void>;
}

/** The daily file a report received at `t` goes to: `events-YYYY-MM-DD.ndjson` (UTC). */
export const dailyFile = (t: number): string => `events-${new Date(t).toISOString().slice(0, 10)}.ndjson`;

/** Ids already written: read from every daily file in `dir` at start, so a resent report is never written twice. */
function readSeen(dir: string): Set<string> {
  const seen = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => /^events-\d{4}-\d{2}-\d{2}\.ndjson$/.test(f))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line) continue;
      try {
        seen.add((JSON.parse(line) as { id: string }).id);
      } catch {
        /* a torn last line (crash mid-write) is not an accepted report: it was never acknowledged */
      }
    }
  }
  return seen;
}

/**
 * `edgeseg collect`: a small HTTP endpoint for one machine. It validates each batch with
 * the payload schema, appends the new reports (one JSON object a line, `receivedAt`
 * added) to the day's NDJSON file and fsyncs before answering, so an acknowledged batch
 * is on disk. Reports already written (same id) are skipped. Bad input gets a 4xx with
 * the reason and writes nothing.
 */
export function startCollector(o: CollectorOptions): Promise<Collector> {
  const now = o.now ?? Date.now;
  const maxBody = o.maxBody ?? 256 * 1024;
  const origins = new Set(o.origins ?? []);
  mkdirSync(o.out, { recursive: true });
  const seen = readSeen(o.out);

  const send = (res: ServerResponse, status: number, body: object): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  function cors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (!origin) return true;
    if (origins.size && !origins.has(origin)) return false;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'origin');
    return true;
  }

  function append(text: string): { accepted: number; duplicates: number } | { status: number; error: string } {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { status: 400, error: 'the body is not JSON' };
    }
    const format = (json as { format?: unknown } | null)?.format;
    if (format !== EVENTS_FORMAT)
      return {
        status: 422,
        error: `unsupported format ${JSON.stringify(format)}: this collector reads ${EVENTS_FORMAT}`,
      };
    const parsed = EventsPayloadSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { status: 422, error: `invalid batch at ${issue?.path.join('.') || '(root)'}: ${issue?.message}` };
    }
    const t = now();
    const receivedAt = new Date(t).toISOString();
    const fresh = parsed.data.events.filter(
      (r, i, all) => !seen.has(r.id) && all.findIndex((x) => x.id === r.id) === i,
    );
    if (fresh.length) {
      const lines = fresh.map((r) => JSON.stringify({ ...r, receivedAt })).join('\n') + '\n';
      const fd = openSync(join(o.out, dailyFile(t)), 'a');
      try {
        writeSync(fd, lines);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      for (const r of fresh) seen.add(r.id);
    }
    return { accepted: fresh.length, duplicates: parsed.data.events.length - fresh.length };
  }

  const server = createServer((req, res) => {
    if (!cors(req, res)) return send(res, 403, { error: 'origin not allowed' });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '86400',
      });
      return res.end();
    }
    if (req.method === 'GET' && req.url === '/health') return send(res, 200, { ok: true });
    if (req.method !== 'POST') return send(res, 405, { error: 'POST a batch' });
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
    if (type !== 'text/plain' && type !== 'application/json')
      return send(res, 415, { error: 'content-type must be text/plain or application/json' });
    if (Number(req.headers['content-length'] ?? 0) > maxBody)
      return send(res, 413, { error: `the body is over ${maxBody} bytes` });
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) return send(res, 413, { error: `the body is over ${maxBody} bytes` });
      try {
        const result = append(Buffer.concat(chunks).toString('utf8'));
        if ('status' in result) {
          o.log?.(`rejected (${result.status}): ${result.error}`);
          return send(res, result.status, { error: result.error });
        }
        send(res, 200, result);
      } catch (error) {
        // The disk failed: nothing was acknowledged, the beacon retries.
        send(res, 503, { error: (error as Error).message });
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '127.0.0.1', () => {
      const address = server.address();
      resolve({
        server,
        port: typeof address === 'object' && address ? address.port : o.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
