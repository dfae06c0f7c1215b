// "Where am I?": the segments on a 2-D map and the visitor's own position, computed in
// this page from the public bundle and segment().distances. Nothing is sent anywhere.
import { el } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 320;
const H = 200;

const dot = (a, b) => a.reduce((s, v, i) => s + v * b[i], 0);
const sub = (a, b) => a.map((v, i) => v - b[i]);

/** Solves A x = b (small, dense) by Gaussian elimination with partial pivoting. */
function solve(A, b) {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    if (Math.abs(M[c][c]) < 1e-12) return null;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => row[n] / row[i]);
}

/** The two main axes of the centroids (power iteration on their covariance). */
function axes(centroids) {
  const d = centroids[0].length;
  const mean = Array.from({ length: d }, (_, j) => centroids.reduce((s, c) => s + c[j], 0) / centroids.length);
  const centred = centroids.map((c) => sub(c, mean));
  const cov = (v) => centred.reduce((acc, c) => acc.map((x, j) => x + dot(c, v) * c[j]), new Array(d).fill(0));
  const found = [];
  for (let a = 0; a < 2; a++) {
    let v = Array.from({ length: d }, (_, j) => Math.cos(j + a));
    for (let it = 0; it < 100; it++) {
      v = cov(v);
      for (const f of found)
        v = sub(
          v,
          f.map((x) => x * dot(v, f)),
        );
      const norm = Math.hypot(...v) || 1;
      v = v.map((x) => x / norm);
    }
    found.push(v);
  }
  return { mean, found };
}

/**
 * The visitor's point from their distances to the centroids: the one point of the
 * centroids' own span at those distances (what lies outside it adds to every distance alike).
 */
export function locate(centroids, distances) {
  const [c0, ...rest] = centroids;
  const basis = rest.map((c) => sub(c, c0));
  const gram = basis.map((b) => basis.map((e) => dot(b, e)));
  const rhs = rest.map(
    (c, j) => (dot(c, c) - dot(c0, c0) - distances[j + 1] ** 2 + distances[0] ** 2) / 2 - dot(c0, basis[j]),
  );
  const a = solve(gram, rhs);
  if (!a) return null;
  return c0.map((v, i) => v + basis.reduce((s, b, j) => s + a[j] * b[i], 0));
}

/**
 * @param {HTMLElement} box
 * @param {any} es the edgeseg client
 * @param {{ model: { centroids: number[][] }, segments: { id: string, label: string }[] }} bundle
 */
export function mountMap(box, es, bundle) {
  const centroids = bundle.model.centroids;
  const { mean, found } = axes(centroids);
  const project = (x) => found.map((axis) => dot(sub(x, mean), axis));
  const points = centroids.map(project);
  const span = Math.max(...points.flat().map(Math.abs), 1) * 1.3;
  const toScreen = ([x, y]) => [W / 2 + (x / span) * (W / 2), H / 2 - (y / span) * (H / 2)];
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'The shop’s segments on a map, and where you are');
  const shape = (tag, attrs, text) => {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text) node.textContent = text;
    svg.append(node);
    return node;
  };
  shape('rect', { x: 0, y: 0, width: W, height: H, fill: '#fafafa', stroke: '#ddd' });
  bundle.segments.forEach((s, i) => {
    const [x, y] = toScreen(points[i]);
    shape('circle', { cx: x, cy: y, r: 6, fill: '#1f3a5f' });
    // Labels on the right half read leftwards, so none runs off the map.
    const right = x > W / 2;
    shape(
      'text',
      { x: right ? x - 9 : x + 9, y: y + 4, 'font-size': 11, fill: '#1f3a5f', 'text-anchor': right ? 'end' : 'start' },
      s.label,
    );
  });
  const you = shape('circle', {
    id: 'you',
    cx: W / 2,
    cy: H / 2,
    r: 7,
    fill: '#e76f51',
    stroke: '#fff',
    'stroke-width': 2,
  });
  const youLabel = shape(
    'text',
    { x: W / 2, y: H / 2, 'font-size': 11, 'font-weight': 'bold', fill: '#e76f51' },
    'You',
  );
  const caption = el('p', { id: 'map-caption', class: 'note' });
  box.append(el('h3', null, 'Where am I?'), svg, caption);

  return {
    /** Moves "You" to the visitor's current position. */
    update(assignment) {
      const distances = bundle.segments.map((s) => assignment.distances?.[s.id]);
      const known = distances.every((d) => typeof d === 'number');
      const point = known ? locate(centroids, distances) : null;
      you.style.display = youLabel.style.display = point ? '' : 'none';
      if (!point) {
        caption.textContent =
          'Not on the map yet: with personalization on, your position appears here and moves as you browse.';
        return;
      }
      const [x, y] = toScreen(project(point)).map((v, i) => Math.min(Math.max(v, 8), (i ? H : W) - 8));
      you.setAttribute('cx', String(x));
      you.setAttribute('cy', String(y));
      youLabel.setAttribute('x', String(x + 10));
      youLabel.setAttribute('y', String(y - 10));
      svg.dataset.youX = x.toFixed(1);
      svg.dataset.youY = y.toFixed(1);
      caption.textContent = `Closest to “${assignment.label ?? 'no segment'}”. Computed in this page from your distances to each segment; nothing is sent.`;
    },
  };
}
