import { numberFlag, parseArgs, stringFlag, UsageError } from '../args';
import { dialect } from '../sql/dialect';
import { reportSql } from '../sql/report-sql';

/** `edgeseg sql --help`. */
export const sqlHelp = `edgeseg sql report --dialect bigquery|spark|duckdb [--table NAME] [--views exposed|all] [--confidence C]

Prints SQL that computes edgeseg report's rows where the events already are.

  report            the rows of edgeseg report (docs/report.md) from an events table
  --dialect D       bigquery, spark or duckdb
  --table NAME      the events table, one row per report with the collector's fields
                    (default events; docs/report.md "Warehouse SQL" has its schema)
  --views SCOPE     exposed (default) or all, as in edgeseg report
  --confidence C    interval level (default 0.95)

The SQL uses only constructs each dialect documents; its numbers equal edgeseg report's
(tested with DuckDB). The sample-ratio check, guardrail p75s and Welch's value interval
stay in edgeseg report --json.`;

/** `edgeseg sql`. */
export function sql(argv: readonly string[], log: (line: string) => void): number {
  const args = parseArgs(argv);
  const [what] = args.positional;
  if (what !== 'report') throw new UsageError('say what to write: report');
  const scope = stringFlag(args, 'views', 'exposed');
  if (scope !== 'exposed' && scope !== 'all') throw new UsageError('--views must be exposed or all');
  const confidence = numberFlag(args, 'confidence', 0.95, { min: 0.5 });
  if (confidence > 0.999) throw new UsageError('--confidence must be at most 0.999');
  const table = stringFlag(args, 'table', 'events');
  if (!/^[A-Za-z_][\w.`-]*$/.test(table)) throw new UsageError('--table must be a table name');
  log(reportSql({ dialect: dialect(stringFlag(args, 'dialect')), table, scope, confidence }));
  return 0;
}
