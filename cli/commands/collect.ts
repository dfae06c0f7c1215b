import { numberFlag, parseArgs, stringFlag } from '../args';
import { startCollector } from '../collect/server';
import { untilStopSignal } from '../stop-signal';

/** `edgeseg collect --help`. */
export const collectHelp = `edgeseg collect --port N --out DIR [--origin URL] [--host ADDR] [--max-body BYTES]

Receives the beacon's edgeseg-events/1 batches (a collector for one machine).

  --port N           port to listen on (0: any free port, printed)
  --out DIR          folder of the daily files events-YYYY-MM-DD.ndjson (UTC), append-only
  --origin URL       a site origin allowed to post (CORS); comma-separated for several;
                     without it any origin may post
  --host ADDR        address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --max-body BYTES   largest accepted request body (default 262144)

Every batch is validated (docs/events.schema.json); bad ones get a 4xx with the reason
and write nothing. Accepted reports are appended with "receivedAt" and fsynced before
the answer; a report id already on disk is skipped. Stops on SIGINT or SIGTERM.`;

/** `edgeseg collect`: runs the collector until the process is told to stop. */
export async function collect(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const args = parseArgs(argv);
  const port = numberFlag(args, 'port', Number.NaN, { min: 0, integer: true });
  if (Number.isNaN(port)) throw new Error('--port is required');
  const out = stringFlag(args, 'out');
  const origins = stringFlag(args, 'origin', '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const collector = await startCollector({
    port,
    out,
    origins,
    host: stringFlag(args, 'host', '127.0.0.1'),
    maxBody: numberFlag(args, 'max-body', 256 * 1024, { min: 1024, integer: true }),
    log,
  });
  log(
    `edgeseg collect: listening on http://${stringFlag(args, 'host', '127.0.0.1')}:${collector.port}, writing to ${out}`,
  );
  if (!origins.length) log('edgeseg collect: any origin may post (pass --origin to restrict)');
  await untilStopSignal();
  await collector.close();
  return 0;
}
