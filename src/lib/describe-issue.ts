/** The parts of a zod issue we turn into words (zod/mini ships no English messages). */
export interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  expected?: string;
  values?: unknown[];
  keys?: string[];
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  origin?: string;
  message?: string;
}

/** `a.b[2].c` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : (out ? '.' : '') + String(part);
  return out;
}

/**
 * One sentence for one validation issue, naming the field and what was wrong, because
 * "Invalid input" tells a site owner nothing.
 */
export function describeIssue(issue: SchemaIssue): { path: string; message: string } {
  const path = formatPath(issue.path);
  const at = path || '(root)';
  const inclusive = issue.inclusive !== false;
  let reason: string;
  switch (issue.code) {
    case 'invalid_type':
      reason = `expected ${issue.expected ?? 'another type'}`;
      break;
    case 'invalid_value':
      reason = `must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'unrecognized_keys': {
      const keys = issue.keys ?? [];
      reason = `unknown key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`;
      break;
    }
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const unit = issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : '';
      reason = `must be ${big ? (inclusive ? 'at most' : 'less than') : inclusive ? 'at least' : 'more than'} ${big ? issue.maximum : issue.minimum}${unit}`;
      break;
    }
    case 'invalid_format':
      reason = 'has the wrong format';
      break;
    // The config checks whole numbers with multipleOf(1) (z.int() costs the script tag 0.4 KB).
    case 'not_multiple_of':
      reason = 'must be a whole number';
      break;
    default:
      reason = issue.message && issue.message !== 'Invalid input' ? issue.message : 'is invalid';
  }
  return { path, message: `${at}: ${reason}` };
}
