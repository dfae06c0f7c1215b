import { progressBar, type ProgressStream } from '../progress';
import { buildReport, type ArmWeights, type ReportTable } from './build-report';
import { inputFiles, readReports } from './read-events';
import { Tally, type ViewScope } from './tally';

/** What `edgeseg report` and `edgeseg dashboard` read and how. */
export interface RunReportOptions {
  paths: readonly string[];
  scope: ViewScope;
  weights: ArmWeights;
  confidence: number;
  progress?: ProgressStream;
}

/** Reads the collector output under `paths` and builds the report (one streaming pass). */
export async function runReport({
  paths,
  scope,
  weights,
  confidence,
  progress,
}: RunReportOptions): Promise<ReportTable> {
  const files = inputFiles(paths);
  if (files.length === 0) throw new Error(`no events-*.ndjson in ${paths.join(', ')}`);
  const tally = new Tally(scope);
  const bar = progress ? progressBar('edgeseg report', progress) : { update() {}, done() {} };
  const summary = await readReports(
    files,
    (r) => tally.add(r),
    (share) => bar.update(share),
  );
  bar.done();
  return buildReport(tally, summary, { weights, confidence });
}
