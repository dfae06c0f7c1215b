// The UCI Online Retail data (data/online_retail.csv.gz, shipped with the repo) as
// edgeseg commerce events, one stream per customer. Shared by the replay test and
// bench/collect.mjs.
import { dataFile, readDataText } from '../scripts/data-files.mjs';

/** Where the file is: the repo's data/ (or `EDGESEG_DATA_DIR`); throws when it is missing. */
export function retailPath() {
  return dataFile('online_retail.csv');
}

/** Splits one CSV line; descriptions may be quoted and hold commas. */
function cells(line) {
  if (!line.includes('"')) return line.split(',');
  const out = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') ((cell += '"'), i++);
      else quoted = !quoted;
    } else if (ch === ',' && !quoted) (out.push(cell), (cell = ''));
    else cell += ch;
  }
  out.push(cell);
  return out;
}

/**
 * Invoice lines with a customer (from a .csv.gz or a .csv): `{ invoice, quantity, price, t, customer }`, `t` the
 * invoice time read as UTC epoch ms (the file has no zone). Lines without a customer
 * cannot be replayed per visitor and are skipped.
 * @returns {{ invoice: string, quantity: number, price: number, t: number, customer: string }[]}
 */
export function readRetailRows(path) {
  const text = readDataText(path);
  const rows = [];
  for (const line of text.split('\n').slice(1)) {
    if (!line) continue;
    const [invoice, , , quantity, date, price, customer] = cells(line);
    if (!customer) continue;
    rows.push({
      invoice,
      quantity: Number(quantity),
      price: Number(price),
      t: Date.parse(`${date.replace(' ', 'T')}Z`),
      customer: customer.replace(/\.0$/, ''),
    });
  }
  return rows;
}

/**
 * Each customer's invoices as events, in time order: an invoice is one `purchase`
 * (`value` = Σ quantity × unit price, `currency` GBP, `items` lines); a cancellation
 * (`InvoiceNo` starting with `C`, negative quantities) is one `refund` of the amount it
 * takes back. Ids are the invoice numbers, so a replay can dedupe.
 * @returns {Map<string, import('../src/types/event').EdgesegEvent[]>}
 */
export function retailEvents(rows) {
  const invoices = new Map();
  for (const row of rows) {
    let inv = invoices.get(row.invoice);
    if (!inv) invoices.set(row.invoice, (inv = { customer: row.customer, t: row.t, value: 0, items: 0 }));
    inv.value += row.quantity * row.price;
    inv.items += 1;
  }
  const visitors = new Map();
  for (const [invoice, inv] of invoices) {
    const refund = invoice.startsWith('C');
    const event = {
      id: invoice,
      kind: 'track',
      name: refund ? 'refund' : 'purchase',
      t: inv.t,
      props: { value: refund ? -inv.value : inv.value, currency: 'GBP', items: inv.items },
    };
    let list = visitors.get(inv.customer);
    if (!list) visitors.set(inv.customer, (list = []));
    list.push(event);
  }
  for (const list of visitors.values()) list.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : 1));
  return visitors;
}
