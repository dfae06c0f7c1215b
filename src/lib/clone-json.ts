/** A deep copy of plain JSON data (profiles), so a copy handed out cannot change ours. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
