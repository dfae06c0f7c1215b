// The README's npm code block, type-checked by `npm run typecheck` against the public
// types; test/unit/readme.test.ts checks the README shows exactly the lines between the
// markers (with `edgeseg` for the package).
import { createClient } from '../../src/index';

export async function quickStart(): Promise<string> {
  // readme:start
  const edgeseg = createClient();
  edgeseg.init({ bundle: '/segments/bundle.json' });
  const cta = await edgeseg.personalize('cta', { shopper: 'Compare lamps', default: 'Shop now' });
  // readme:end
  return cta;
}
