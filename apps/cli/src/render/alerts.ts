import { renderTable } from './table';
import { visibleControls } from './visible';

/** An alert as `GET /v1/alerts` lists it; read defensively (only the fields shown here are relied upon). */
export interface AlertView {
  alertId?: string;
  id?: string;
  kind?: string;
  basis?: {
    ownership?: { aggregatedShare?: number; grounds?: string[]; holders?: Array<{ path?: string }> };
    diversion?: {
      path?: string;
      category?: string;
      claims?: Array<{ role?: string; reportId?: string; claimId?: string }>;
      pairs?: number;
      firstLegs?: number;
      onwardLegs?: number;
      notes?: string[];
    };
    surge?: {
      country?: string;
      window?: { from?: string; to?: string };
      claims?: Array<{ reportId?: string; claimId?: string; from?: string; date?: { edtf?: string } }>;
      notes?: string[];
    };
    frontCompany?: { notes?: string[] };
    misdeclared?: { notes?: string[] };
  };
  status?: string;
  listId?: string;
  score?: number;
  reportId?: string;
  matchedName?: string;
  queryName?: string;
  mention?: string;
  entry?: { entryId?: string; primaryName?: string; programs?: string[] };
  entryId?: string;
  entryName?: string;
  primaryName?: string;
  programs?: string[];
  raisedAt?: string;
  createdAt?: string;
  [key: string]: unknown;
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/**
 * Alerts as a table: their kind, who in which report matched which list entry, how strongly, and the review status;
 * then, for each ownership alert, its aggregated share and the path to every listed holder, and for each possible
 * diversion, its route (path and category), the claims it rests on (first legs, then onward legs) and every figure; for a CHPL tier 1–2 surge, the country, the
 * window, every figure and every claim of the window; for a front company, what the party shares with
 * which listed entry; for misdeclared goods, the declaration and what says military.
 */
export function renderAlerts(alerts: AlertView[], title = 'Alerts'): string {
  if (alerts.length === 0) return `${title}: none\n`;
  const rows = alerts.map((a) => [
    text(a.alertId ?? a.id).slice(0, 8),
    text(a.kind ?? 'name-match'),
    text(a.status),
    text(a.queryName ?? a.mention ?? a.matchedName),
    `${text(a.entryName ?? a.entry?.primaryName ?? a.primaryName)}\n${text(a.listId)} ${text(a.entry?.entryId ?? a.entryId)}`,
    (a.entry?.programs ?? a.programs ?? []).join(', '),
    typeof a.score === 'number' ? a.score.toFixed(2) : '',
    text(a.reportId).slice(0, 8),
    text(a.raisedAt ?? a.createdAt).slice(0, 19),
  ]);
  const table = renderTable(
    ['alert', 'kind', 'status', 'name in report', 'list entry', 'programs', 'score', 'report', 'raised'],
    rows,
    [10, 12, 11, 28, 34, 22, 7, 10, 21],
  );
  return `${title} (${alerts.length})\n${table}\n${visibleControls(alerts.map(explainBasis).join(''))}`;
}

/** The lines explaining an alert that is not a name match (its basis); empty for a name match. */
function explainBasis(a: AlertView): string {
  const d = a.basis?.diversion;
  if (d) {
    const cited = (role: string) =>
      (d.claims ?? [])
        .filter((c) => c.role === role)
        .map((c) => `${text(c.reportId).slice(0, 8)}/${text(c.claimId)}`)
        .join(', ');
    // A route of many claims: how many pairs, and how many legs when not all are cited.
    const shown = (d.claims ?? []).length;
    const all = (d.firstLegs ?? 0) + (d.onwardLegs ?? 0);
    const counts =
      d.pairs && d.pairs > 1
        ? ` (${d.pairs} pairs${all > shown ? `; ${shown} of ${all} claims cited: ${d.firstLegs} first, ${d.onwardLegs} onward` : ''})`
        : '';
    const head = `${text(a.alertId ?? a.id).slice(0, 8)} possible diversion ${text(d.path)} of ${text(d.category)}: ${cited('first')} then ${cited('onward')}${counts}`;
    return `${head}\n${(d.notes ?? []).map((n) => `  ${n}\n`).join('')}`;
  }
  const s = a.basis?.surge;
  if (s) {
    const head = `${text(a.alertId ?? a.id).slice(0, 8)} possible diversion: CHPL tier 1–2 surge into ${text(s.country)} in ${text(s.window?.from)}..${text(s.window?.to)}`;
    const claims = (s.claims ?? []).map(
      (c) => `  claim ${text(c.reportId).slice(0, 8)}/${text(c.claimId)}: ${text(c.from)} → ${text(s.country)}, ${text(c.date?.edtf)}\n`,
    );
    return `${head}\n${(s.notes ?? []).map((n) => `  ${n}\n`).join('')}${claims.join('')}`;
  }
  const f = a.basis?.frontCompany ?? a.basis?.misdeclared;
  if (f) {
    const head = `${text(a.alertId ?? a.id).slice(0, 8)} ${a.basis?.frontCompany ? 'front company' : 'misdeclared goods'}: ${text(a.queryName)}`;
    return `${head}\n${(f.notes ?? []).map((n) => `  ${n}\n`).join('')}`;
  }
  const o = a.basis?.ownership;
  if (!o) return '';
  const head = `${text(a.alertId ?? a.id).slice(0, 8)} ${text(a.queryName)}: ${(o.grounds ?? []).join(', ')}; listed owners hold ${text(o.aggregatedShare)} % together`;
  return `${head}\n${(o.holders ?? []).map((h) => `  ${text(h.path)}\n`).join('')}`;
}
