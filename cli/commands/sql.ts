import { numberFlag, parseArgs, stringFlag, UsageError } from '../args';
import { readJson } from '../io';
import { dialect } from '../sql/dialect';
import { featuresSql } from '../sql/features-sql';
import { reportSql } from '../sql/report-sql';
import { checkTrainingSpec } from '../train/training-spec';

/** `edgeseg sql --help`. */
export const sqlHelp = `edgeseg sql report --dialect bigquery|spark|duckdb [--table NAME] [--views exposed|all] [--confidence C]
edgeseg sql features --dialect bigquery|spark|duckdb --spec SPEC.json [--table NAME]

Prints SQL that computes edgeseg's numbers where the events already are.

  report            the rows of edgeseg report (docs/report.md) from an events table
  features          a training spec's raw feature values from a raw events table: one row
                    per session (page counts and dwell per page group, ...) or, with
                    "rows": "visitors", per visitor (recency, frequency, monetary value),
                    with the spec's column names, to train on with the same spec
  --dialect D       bigquery, spark or duckdb
  --table NAME      report: the collector's reports, one row per report (default events;
                    docs/report.md "Warehouse SQL"); features: raw events, one row per
                    event (default events; docs/cli.md "edgeseg sql features")
  --spec FILE       features: the training spec (as for edgeseg train)
  --views SCOPE     report: exposed (default) or all, as in edgeseg report
  --confidence C    report: interval level (default 0.95)

The SQL uses only constructs each dialect documents; its numbers equal edgeseg report's
and edgeseg train's (tested with DuckDB). The sample-ratio check, guardrail p75s and
Welch's value interval stay in edgeseg report --json.`;

/** `edgeseg sql`. */
export function sql(argv: readonly string[], log: (line: string) => void): number {
  const args = parseArgs(argv);
  const [what] = args.positional;
  if (what !== 'report' && what !== 'features') throw new UsageError('say what to write: report or features');
  const table = stringFlag(args, 'table', 'events');
  if (!/^[A-Za-z_][\w.`-]*$/.test(table)) throw new UsageError('--table must be a table name');
  const d = dialect(stringFlag(args, 'dialect'));
  if (what === 'features') {
    const specPath = stringFlag(args, 'spec');
    log(featuresSql({ dialect: d, table, spec: checkTrainingSpec(readJson<unknown>(specPath), specPath) }));
    return 0;
  }
  const scope = stringFlag(args, 'views', 'exposed');
  if (scope !== 'exposed' && scope !== 'all') throw new UsageError('--views must be exposed or all');
  const confidence = numberFlag(args, 'confidence', 0.95, { min: 0.5 });
  if (confidence > 0.999) throw new UsageError('--confidence must be at most 0.999');
  log(reportSql({ dialect: d, table, scope, confidence }));
  return 0;
}
