/**
 * The debug overlay chunk (`dist/edgeseg.overlay.mjs`), loaded only with
 * `?edgeseg_debug=1`: consent per purpose, profile summary, feature vector, distance and
 * confidence per segment, the assignment and why, each slot's decision, bundle version
 * and signature status. It refreshes after every decision.
 */
import { computeFeatures } from '../features/compute-features';
import { featureContext, pageGroupIndex } from '../features/context';
import { withheldFeatures } from '../consent/feature-purposes';
import { softmaxConfidence } from '../score/centroid';
import { createPanel, h, makeToggle, table } from '../render/shadow-panel';
import type { DebugSnapshot, PanelMount } from './panel-contract';
import { systemClock, type Clock } from '../lib/platform';
import { retentionRows } from '../render/retention-rows';

const CSS = `:host{right:12px;bottom:12px;font:12px/1.4 system-ui,sans-serif;color:#111}
.box{color:#111;font:12px/1.4 system-ui,sans-serif;background:#fff;border:1px solid #888;border-radius:6px;box-shadow:0 2px 12px #0004;max-width:440px;max-height:70vh;overflow:auto}
.toggle{display:block;width:100%;text-align:left;font:inherit;font-weight:600;padding:6px 10px;background:#1d3557;color:#fff;border:0;cursor:pointer}
.toggle:focus-visible,button:focus-visible{outline:3px solid #f4a261;outline-offset:1px}
.body{padding:4px 10px 10px}table{border-collapse:collapse;width:100%;margin-top:8px}
caption{text-align:left;font-weight:600;padding:2px 0}th,td{border-top:1px solid #ddd;padding:2px 4px;text-align:left;vertical-align:top}
th{font-weight:500;color:#333}.chosen{background:#e9f5ec}`;

const fixed = (n: number | undefined, digits = 3): string =>
  n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);

function sections(doc: Document, s: DebugSnapshot, clock: Clock): HTMLElement[] {
  const { bundle, profile, assignment: a } = s;
  const out: HTMLElement[] = [];
  out.push(
    table(
      doc,
      'Consent',
      Object.entries(s.consent).map(([k, v]) => [k, String(v)]),
    ),
  );
  out.push(
    table(doc, 'Profile', [
      ['storage', s.storage],
      ['pages / sessions / events', profile ? `${profile.pages} / ${profile.sessions} / ${profile.events}` : 'none'],
      [
        'page types',
        profile
          ? Object.entries(profile.pageTypes)
              .map(([t, v]) => `${t} ${v.n}`)
              .join(', ') || '–'
          : '–',
      ],
      [
        'tracked',
        profile
          ? Object.entries(profile.tracks)
              .map(([t, n]) => `${t} ${n}`)
              .join(', ') || '–'
          : '–',
      ],
    ]),
  );
  if (s.retention) out.push(table(doc, 'Retention', retentionRows(s.retention, profile, s.storage, clock.now())));
  if (bundle) {
    const ctx = featureContext(clock.now(), pageGroupIndex(bundle.pageGroups), withheldFeatures(s.features, s.consent));
    const x = computeFeatures(bundle.features, profile, ctx);
    // A one-hot feature spans one column per category: show them together.
    let j = 0;
    const vector = bundle.features.map((f): [string, string] => {
      const width = f.categories?.length ?? 1;
      const values = Array.from(x.subarray(j, (j += width)), (v) => fixed(v)).join(' ');
      return [f.label ?? f.name, values + (ctx.withheld?.(f.name) ? ' (withheld by consent)' : '')];
    });
    out.push(table(doc, 'Feature vector', vector));
    const ids = bundle.segments.map((seg) => seg.id);
    const d = ids.map((id) => a.distances[id] ?? Number.NaN);
    const p = d.every(Number.isFinite) ? softmaxConfidence(d, bundle.model.temperature) : [];
    const rows = bundle.segments.map((seg, i) => {
      const row = h(doc, 'tr', seg.id === a.id ? { class: 'chosen' } : null);
      row.append(
        h(doc, 'th', { scope: 'row' }, `${seg.label} (${seg.id})`),
        h(doc, 'td', null, fixed(d[i])),
        h(doc, 'td', null, fixed(p[i], 2)),
      );
      return row;
    });
    const head = h(
      doc,
      'tr',
      null,
      h(doc, 'th', null, 'segment'),
      h(doc, 'th', null, 'distance'),
      h(doc, 'th', null, 'confidence'),
    );
    out.push(
      h(
        doc,
        'table',
        null,
        h(doc, 'caption', null, 'Segments'),
        h(doc, 'thead', null, head),
        h(doc, 'tbody', null, ...rows),
      ),
    );
  }
  out.push(
    table(doc, 'Assignment', [
      ['segment', a.id === null ? 'none' : `${a.label ?? a.id} (${a.id})`],
      ['source', a.source],
      ['confidence', fixed(a.confidence, 2)],
      ['why', a.explanation],
      [
        'top features',
        a.contributions
          .slice(0, 3)
          .map((c) => c.label)
          .join(', ') || '–',
      ],
    ]),
  );
  out.push(
    table(
      doc,
      'Slots',
      s.decisions.map((d) => [
        d.slot,
        `${d.variant} — ${d.reason}${d.experiment ? ` (${d.experiment.id}: ${d.experiment.arm})` : ''}: ${d.explanation}`,
      ]),
    ),
  );
  const m = s.measurement;
  if (m) {
    out.push(
      table(doc, 'Experiments', [
        ...Object.entries(m.ledger.exposures).map(([id, e]): [string, string] => [
          id,
          `${e.arm}: ${e.views} page view${e.views === 1 ? '' : 's'}, last ${new Date(e.last).toISOString()}`,
        ]),
        [
          'this page',
          m.page.exposed.map((x) => `${x.experiment}: ${x.arm} in ${x.slots.join(', ')}`).join('; ') || '–',
        ],
        [
          'goals',
          Object.entries(m.ledger.goals)
            .map(([g, t]) => `${g} ${t.count}× (value ${t.value})`)
            .join(', ') || '–',
        ],
        ['conversions kept', String(m.ledger.conversions.length)],
      ]),
    );
  }
  out.push(
    table(doc, 'Bundle', [
      ['version', bundle ? String(bundle.version) : 'not loaded'],
      [
        'signature',
        s.signature ??
          (bundle
            ? (bundle as { signature?: unknown }).signature
              ? 'signed (not verified by this build)'
              : 'unsigned'
            : '–'),
      ],
    ]),
  );
  return out;
}

const mount: PanelMount = (doc, snapshot, _client, clock = systemClock) => {
  const { host, root } = createPanel(doc, 'edgeseg-debug', CSS);
  const body = doc.createElement('div');
  body.className = 'body';
  const box = h(doc, 'section', { class: 'box', role: 'region', 'aria-label': 'edgeseg debug' });
  box.append(makeToggle(doc, 'edgeseg debug', body, true, box), body);
  root.append(box);
  const refresh = (): void => body.replaceChildren(...sections(doc, snapshot(), clock));
  refresh();
  return { refresh, remove: () => host.remove() };
};

export default mount;
