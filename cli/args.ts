/** Parsed command-line flags: `--name value`, `--name=value`, and bare `--flag` (true). */
export interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], booleans: ReadonlySet<string> = new Set()): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else {
      const name = arg.slice(2);
      const next = argv[i + 1];
      if (!booleans.has(name) && next !== undefined && !next.startsWith('--')) {
        flags.set(name, next);
        i++;
      } else flags.set(name, true);
    }
  }
  return { positional, flags };
}

/** A usage error: printed with the command's help, exit code 2. */
export class UsageError extends Error {}

export function stringFlag(args: Args, name: string, fallback?: string): string {
  const value = args.flags.get(name);
  if (typeof value === 'string') return value;
  if (fallback !== undefined) return fallback;
  throw new UsageError(`--${name} is required`);
}

export function numberFlag(
  args: Args,
  name: string,
  fallback: number,
  { min = -Infinity, integer = false } = {},
): number {
  const value = args.flags.get(name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value === true || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new UsageError(
      `--${name} must be ${integer ? 'an integer' : 'a number'}${min > -Infinity ? ` of at least ${min}` : ''}`,
    );
  }
  return n;
}
