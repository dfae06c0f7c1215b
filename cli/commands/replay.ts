import { dirname, join } from 'node:path';
import { parseArgs, numberFlag, stringFlag, UsageError } from '../args';
import { readBundleFile } from '../bundle-file';
import { readText, writeAtomic } from '../io';
import { readEvents } from '../replay/read-events';
import { finalSegments, replayVisitors } from '../replay/replay-visitors';
import { runCaseFiles } from '../replay/run-cases';
import engine from '../../src/chunks/engine';

/** `edgeseg replay --help`. */
export const replayHelp = `edgeseg replay --events EVENTS.ndjson --bundle BUNDLE.json [options]
edgeseg replay --cases DIR [--bundles DIR]

Replays events through the SDK's own reducer and scorer: each visitor's segment over time.

  --events FILE          NDJSON, one event a line: {"visitor":"v1","kind":"page",
                         "name":"page_view","t":1700000000000,"props":{"pageType":"product"}}
  --bundle FILE          the bundle to score with
  --session-timeout MIN  minutes without events that end a session (default 30)
  --all                  one line per event (default: only when the segment changes)
  --out FILE             write the timeline as NDJSON (default: print a table)
  --skip-bad             skip malformed event lines instead of failing
  --cases DIR            run the spec cases (test/cases/*.json): exit 1 on any mismatch
  --bundles DIR          bundles the cases name (default: DIR/../fixtures/bundles)`;

function cases(dir: string, bundles: string, log: (line: string) => void): number {
  const outcomes = runCaseFiles(dir, bundles);
  let failed = 0;
  for (const o of outcomes) {
    log(`${o.problems.length === 0 ? 'ok  ' : 'FAIL'} ${o.file}${o.description ? `: ${o.description}` : ''}`);
    for (const p of o.problems) log(`       ${p}`);
    if (o.problems.length > 0) failed++;
  }
  log(`${outcomes.length - failed} of ${outcomes.length} cases pass`);
  if (failed > 0) throw new Error(`${failed} spec case${failed > 1 ? 's' : ''} failed`);
  return 0;
}

/** One line of the timeline table; the header goes through it too, so columns line up. */
const row = (visitor: string, time: string, event: string, segment: string, confidence: string) =>
  `${visitor.padEnd(14)} ${time.padEnd(24)}  ${event.padEnd(22)}   ${segment.padEnd(14)} ${confidence}`;

/** `edgeseg replay`: visitors' segments over time, or the spec cases with `--cases`. */
export function replay(argv: readonly string[], log: (line: string) => void): number {
  const args = parseArgs(argv, new Set(['all', 'skip-bad']));
  const casesDir = args.flags.get('cases');
  if (typeof casesDir === 'string')
    return cases(
      casesDir,
      stringFlag(args, 'bundles', join(dirname(casesDir.replace(/\/+$/, '')), 'fixtures', 'bundles')),
      log,
    );
  if (casesDir === true) throw new UsageError('--cases needs a directory');
  const eventsPath = stringFlag(args, 'events');
  const bundlePath = stringFlag(args, 'bundle');
  const prepared = engine.prepareBundle(JSON.stringify(readBundleFile(bundlePath).raw));
  if (!prepared.ok) throw new Error(`${bundlePath}: ${prepared.error.message}`);
  const skipBad = args.flags.get('skip-bad') === true;
  const { visitors, bad } = readEvents(readText(eventsPath), skipBad);
  if (bad.length > 0 && !skipBad)
    throw new Error(`${eventsPath}: line ${bad[0]?.line}: ${bad[0]?.reason}; --skip-bad to skip such lines`);
  if (visitors.size === 0) throw new Error(`${eventsPath}: no events`);
  const timeline = replayVisitors(visitors, prepared.prepared, {
    sessionTimeout: numberFlag(args, 'session-timeout', 30, { min: 0 }) * 60_000,
    changesOnly: args.flags.get('all') !== true,
  });
  const out = args.flags.get('out');
  if (typeof out === 'string') {
    writeAtomic(out, timeline.map((p) => JSON.stringify(p)).join('\n') + '\n');
    log(`wrote ${timeline.length} timeline points for ${visitors.size} visitors to ${out}`);
  } else {
    log(row('visitor', 'time', 'event', 'segment', 'confidence'));
    for (const p of timeline)
      log(row(p.visitor, new Date(p.t).toISOString(), p.event, p.segment ?? '(unassigned)', p.confidence.toFixed(2)));
  }
  const finals = [...finalSegments(timeline)].map(([s, n]) => `${s ?? '(unassigned)'} ${n}`).join(', ');
  log(
    `${visitors.size} visitors${bad.length > 0 ? ` (${bad.length} bad lines skipped)` : ''}; final segments: ${finals}`,
  );
  return 0;
}
