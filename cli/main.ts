import { UsageError } from './args';
import { train, trainHelp } from './commands/train';
import { keygen, keygenHelp } from './commands/keygen';
import { sign, signHelp } from './commands/sign';
import { verify, verifyHelp } from './commands/verify';
import { replay, replayHelp } from './commands/replay';
import { importModel, importHelp } from './commands/import';
import { inspect, inspectHelp } from './commands/inspect';
import { collect, collectHelp } from './commands/collect';
import { privacy, privacyHelp } from './commands/privacy';

import { cliVersion } from './version';

export { exitOnSignals } from './signals';
import { report, reportHelp } from './commands/report';
import { sql, sqlHelp } from './commands/sql';
import { dashboard, dashboardHelp } from './commands/dashboard';

type Command = {
  run: (argv: readonly string[], log: (line: string) => void) => number | Promise<number>;
  help: string;
};

const COMMANDS: Record<string, Command> = {
  train: { run: train, help: trainHelp },
  keygen: { run: keygen, help: keygenHelp },
  sign: { run: sign, help: signHelp },
  verify: { run: verify, help: verifyHelp },
  inspect: { run: inspect, help: inspectHelp },
  import: { run: importModel, help: importHelp },
  replay: { run: replay, help: replayHelp },
  privacy: { run: privacy, help: privacyHelp },
  collect: { run: collect, help: collectHelp },
  report: { run: report, help: reportHelp },
  sql: { run: sql, help: sqlHelp },
  dashboard: { run: dashboard, help: dashboardHelp },
};

const USAGE = `edgeseg <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.help.split('\n\n')[1]?.split('\n')[0] ?? ''}`)
  .join('\n')}

Run "edgeseg <command> --help" for a command's options, "edgeseg --version" for the version.`;

/** Where a usage error points: one line, not the whole help. */
const seeHelp = (name: string) => ` (see "edgeseg ${name} --help")`;

/** Runs the CLI; resolves to the process exit code. Errors are printed, never thrown. */
export async function main(argv: readonly string[], out = console.log, err = console.error): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version') {
    out(`edgeseg ${cliVersion()}`);
    return 0;
  }
  if (!name || name === '--help' || name === 'help') {
    out(USAGE);
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    err(`edgeseg: unknown command "${name}" (see "edgeseg --help")`);
    return 2;
  }
  if (rest.includes('--help')) {
    out(command.help);
    return 0;
  }
  const unknown = unknownOptions(rest, command.help);
  if (unknown.length > 0) {
    err(`edgeseg ${name}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}${seeHelp(name)}`);
    return 2;
  }
  try {
    return await command.run(rest, out);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`edgeseg ${name}: ${error.message}${seeHelp(name)}`);
      return 2;
    }
    err(`edgeseg ${name}: ${(error as Error).message}`);
    return 1;
  }
}

/**
 * Options not in the command's help text. Each help lists every option the command
 * reads, so a typo (`--out` for `--out-dir`) fails loudly instead of being ignored.
 */
function unknownOptions(argv: readonly string[], help: string): string[] {
  const known = new Set(Array.from(help.matchAll(/--([a-z][a-z0-9-]*)/g), (m) => m[1]));
  return argv
    .filter((arg) => arg.startsWith('--') && !known.has(arg.slice(2).split('=')[0]))
    .map((arg) => arg.split('=')[0] as string);
}

/** The collector, for hosts that run it in-process (the demo's server). */
export { startCollector } from './collect/server';

/** The dashboard server, for hosts that run it in-process (the demo's server). */
export { startDashboard } from './commands/dashboard';

/** The seeded generator of `train --seed`, for the demo's traffic simulator (demo/simulate-plan.mjs). */
export { seededRandom } from './train/random';
