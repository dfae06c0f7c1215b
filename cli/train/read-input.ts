import { isKnownFeature } from '../../src/features/catalogue';
import { readText } from '../io';
import { readEvents, looksLikeEvent } from '../replay/read-events';
import { eventTable } from './event-table';
import { csvTable, ndjsonTable, type BadLine, type Table } from './table';
import type { TrainingSpec } from './training-spec';

/** What `train` reads: CSV, NDJSON feature rows, or NDJSON raw events. */
export type InputFormat = 'csv' | 'ndjson' | 'events';

/** The format from `--format`, else the file name (`.ndjson`/`.jsonl`, then the first line decides rows or events). */
export function detectFormat(path: string, text: string): InputFormat {
  const name = path.replace(/\.gz$/, '');
  if (!/\.(ndjson|jsonl)$/i.test(name)) return 'csv';
  const first = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length).trim();
  try {
    return looksLikeEvent(JSON.parse(first) as Record<string, unknown>) ? 'events' : 'ndjson';
  } catch {
    return 'ndjson';
  }
}

/** Reads the training input as a table, with the lines that could not be read. */
export function readInput(
  path: string,
  spec: TrainingSpec,
  options: { format?: InputFormat; delimiter?: string; skipBad: boolean; outcome?: string },
): { table: Table; bad: BadLine[]; format: InputFormat } {
  const text = readText(path);
  if (text.trim() === '') throw new Error(`${path}: the file is empty`);
  const format = options.format ?? detectFormat(path, text);
  if (format === 'csv') return { ...csvTable(text, options.delimiter), format };
  if (format === 'ndjson') return { ...ndjsonTable(text, options.skipBad), format };
  // Raw events have no columns: an outcome is a catalogue value taken at each row's time.
  const outcome = options.outcome;
  if (outcome !== undefined && !isKnownFeature(outcome))
    throw new Error(`--outcome ${outcome}: with raw events, the outcome is a catalogue feature (e.g. purchases)`);
  const { visitors, bad } = readEvents(text, options.skipBad);
  return { table: eventTable(visitors, spec, outcome !== undefined ? [outcome] : []), bad, format };
}
