/** The SQL dialects `edgeseg sql` writes. */
export const DIALECTS = ['bigquery', 'spark', 'duckdb'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** What differs between the dialects, and only that: everything else is SQL all three document. */
export interface DialectParts {
  /** The double-precision type for CAST. */
  float: string;
  /** A FROM-clause item that turns the array column `column` of `table` into one row per element named `alias`. */
  unnest(table: string, column: string, alias: string): string;
  /** A quoted column name (the caller has refused names holding a quote). */
  quote(name: string): string;
  /** True when the string `expr` matches the regular expression `pattern` as a whole (RE2 / Java syntax both read). */
  fullMatch(expr: string, pattern: string): string;
}

export const DIALECT_PARTS: Record<Dialect, DialectParts> = {
  // BigQuery: "UNNEST operator" in the FROM clause (correlated join), FLOAT64, backquoted
  // identifiers, REGEXP_CONTAINS (RE2) with anchors.
  bigquery: {
    float: 'FLOAT64',
    unnest: (t, c, a) => `${t} CROSS JOIN UNNEST(${t}.${c}) AS ${a}`,
    quote: (name) => `\`${name}\``,
    fullMatch: (expr, pattern) => `REGEXP_CONTAINS(${expr}, r'^${pattern}$')`,
  },
  // Spark SQL: "LATERAL VIEW" with the explode generator, DOUBLE, backquoted identifiers,
  // the RLIKE predicate (Java regular expressions) with anchors.
  spark: {
    float: 'DOUBLE',
    unnest: (t, c, a) => `${t} LATERAL VIEW explode(${t}.${c}) ${a}_view AS ${a}`,
    quote: (name) => `\`${name}\``,
    fullMatch: (expr, pattern) => `${expr} RLIKE '^${pattern}$'`,
  },
  // DuckDB: UNNEST as a table function in a lateral join, DOUBLE, double-quoted identifiers,
  // regexp_full_match (RE2).
  duckdb: {
    float: 'DOUBLE',
    unnest: (t, c, a) => `${t} CROSS JOIN UNNEST(${t}.${c}) AS ${a}_view(${a})`,
    quote: (name) => `"${name}"`,
    fullMatch: (expr, pattern) => `regexp_full_match(${expr}, '${pattern}')`,
  },
};

/** `name` if it is a dialect, otherwise an error naming them. */
export function dialect(name: string): Dialect {
  if ((DIALECTS as readonly string[]).includes(name)) return name as Dialect;
  throw new Error(`--dialect must be one of ${DIALECTS.join(', ')}`);
}
