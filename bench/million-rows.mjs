// The generated training input of the million-row benches: 1,000,000 rows × 6 features
// (columns a–f) around 8 centres, from a fixed linear congruential sequence, so every run
// and every machine trains on the same bytes.
import { createWriteStream, writeFileSync } from 'node:fs';

/** Writes the CSV (about 36 MB) to `path`. */
export async function writeMillionRows(path) {
  const out = createWriteStream(path);
  out.write('a,b,c,d,e,f\n');
  let s = 12345;
  const random = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 1_000_000; i++) {
    const c = i % 8;
    const row = Array.from(
      { length: 6 },
      (_, j) => ((c >> (j % 3)) & 1) * 4 + j * 0.5 + (random() + random() + random() - 1.5),
    ).map((v) => v.toFixed(3));
    if (!out.write(row.join(',') + '\n')) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve) => out.end(resolve));
}

/** The training spec for it: six traits, z-scaled. */
export function writeMillionSpec(path) {
  writeFileSync(
    path,
    JSON.stringify({ features: ['a', 'b', 'c', 'd', 'e', 'f'].map((c) => ({ name: `trait.${c}`, column: c })) }),
  );
}
