import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { alertEntityName, alertListEntry } from '../alert-state';
import { alertState, loadAlerts, type Alert } from '../alerts-data';
import { ErrorLine, Loading, Status } from '../components/ui';
import { usePolled } from '../polling';
import { hrefOf } from '../route';
import { useAllowed } from '../session';

const STATES = ['open', 'acknowledged', 'confirmed', 'dismissed', 'superseded'];
const REVIEWS = ['acknowledged', 'confirmed', 'dismissed'] as const;

type Grouping = 'report' | 'entry';

/** Alerts grouped by report or by list entry (`listId/entryId`), in the order of their newest alert. */
function grouped(alerts: Alert[], by: Grouping): [string, Alert[]][] {
  const groups = new Map<string, Alert[]>();
  for (const alert of alerts) {
    const key = by === 'report' ? alert.reportId : `${alert.listId}/${alert.entryId}`;
    groups.set(key, [...(groups.get(key) ?? []), alert]);
  }
  return [...groups.entries()];
}

/** An alert's list entry name: a link to the entry's versions and alerts when a list holds it (not a rule's alert). */
function EntryName({ alert }: { alert: Alert }) {
  const entry = alertListEntry(alert);
  return entry ? <a href={hrefOf({ page: 'lists', ...entry })}>{alert.entryName}</a> : <>{alert.entryName}</>;
}

interface ReviewForm {
  status: (typeof REVIEWS)[number];
  reason: string;
}

/** Sends one review per selected alert (same status and reason) and waits until the processor has run each. */
async function review(alertIds: string[], form: ReviewForm): Promise<string> {
  const accepted = await Promise.all(alertIds.map((id) => post<{ commandId: string }>(`/v1/alerts/${id}/review`, form)));
  for (let attempt = 0; attempt < 40; attempt++) {
    const states = await Promise.all(
      accepted.map((a) => get<{ status: string; reason?: { code: string; message: string } }>(`/v1/commands/${a.commandId}`)),
    );
    const rejected = states.find((s) => s.status === 'rejected');
    if (rejected)
      return `a review was rejected: ${rejected.reason ? `${rejected.reason.code}: ${rejected.reason.message}` : 'no reason given'}`;
    if (states.every((s) => s.status === 'succeeded')) return `${accepted.length} alert(s) ${form.status}`;
    await new Promise((r) => setTimeout(r, 250));
  }
  return `${accepted.length} review(s) accepted; still being processed`;
}

/** The alert queue: filters, alerts grouped by report or by list entry, and review (one or many, one reason) for roles that may. */
export function AlertsPage() {
  const mayReview = useAllowed('reviewAlerts');
  const [state, setState] = useState('open');
  const [list, setList] = useState('');
  const [by, setBy] = useState<Grouping>('report');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [form, setForm] = useState<ReviewForm>({ status: 'dismissed', reason: '' });
  const [outcome, setOutcome] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const filters = `${state ? `&status=${state}` : ''}${list ? `&list=${encodeURIComponent(list)}` : ''}`;
  const alerts = usePolled(`alerts${filters}`, () => loadAlerts(filters));
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids)
      if (on) next.add(id);
      else next.delete(id);
    setSelected(next);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setOutcome('');
    try {
      setOutcome(await review([...selected], { status: form.status, reason: form.reason.trim() }));
      setSelected(new Set());
      alerts.refresh();
    } catch (e) {
      setOutcome(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const shown = alerts.data?.items ?? [];
  const groups = grouped(shown, by);
  const lists = [...new Set(shown.map((a) => a.listId))].sort();

  return (
    <div>
      <h1>Alert queue</h1>
      <form class="filters" aria-label="Alert filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          State
          <select value={state} onChange={(e) => setState((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">any</option>
            {STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          List
          <select value={list} onChange={(e) => setList((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">any</option>
            {[...new Set([...lists, list].filter(Boolean))].map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Group by
          <select value={by} onChange={(e) => setBy((e.currentTarget as HTMLSelectElement).value as Grouping)}>
            <option value="report">report</option>
            <option value="entry">list entry</option>
          </select>
        </label>
      </form>
      {mayReview && (
        <form class="review" aria-label="Review the selected alerts" onSubmit={submit}>
          <label>
            Review as
            <select
              value={form.status}
              onChange={(e) => setForm({ ...form, status: (e.currentTarget as HTMLSelectElement).value as ReviewForm['status'] })}
            >
              {REVIEWS.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label>
            Reason
            <input
              required
              maxLength={2000}
              value={form.reason}
              onInput={(e) => setForm({ ...form, reason: (e.currentTarget as HTMLInputElement).value })}
            />
          </label>
          <button type="submit" disabled={busy || selected.size === 0 || form.reason.trim() === ''}>
            Review {selected.size} selected
          </button>
          <output role="status">{outcome}</output>
        </form>
      )}
      <ErrorLine error={alerts.error} />
      {alerts.data?.more && (
        <p role="status">Showing the newest {shown.length} alerts; more match. Narrow the state or list to see older ones.</p>
      )}
      {!alerts.data ? (
        <Loading />
      ) : groups.length === 0 ? (
        <p>No alerts.</p>
      ) : (
        groups.map(([key, group]) => (
          <section
            class="alert-group"
            key={`${by} ${key}`}
            data-group={by}
            aria-label={by === 'report' ? `Alerts of report ${key}` : `Alerts of list entry ${key}`}
          >
            <h2>
              {by === 'report' ? (
                <a href={hrefOf({ page: 'report', reportId: key })}>Report {key.slice(0, 8)}</a>
              ) : (
                <>
                  <EntryName alert={group[0]!} />{' '}
                  <span class="muted">
                    ({group[0]!.listId} {group[0]!.entryId})
                  </span>
                </>
              )}{' '}
              <span class="muted">· {group.length} alert(s)</span>
              {mayReview && (
                <label class="select-all">
                  <input
                    type="checkbox"
                    checked={group.every((a) => selected.has(a.alertId))}
                    onChange={(e) =>
                      toggle(
                        group.map((a) => a.alertId),
                        (e.currentTarget as HTMLInputElement).checked,
                      )
                    }
                  />{' '}
                  select all of this {by === 'report' ? 'report' : 'entry'}
                </label>
              )}
            </h2>
            <table>
              <thead>
                <tr>
                  {mayReview && <th scope="col">Select</th>}
                  <th scope="col">State</th>
                  <th scope="col">Name in the report</th>
                  <th scope="col">{by === 'report' ? 'List entry' : 'Report'}</th>
                  <th scope="col">Programs</th>
                  <th scope="col">Score</th>
                  <th scope="col">Raised</th>
                  <th scope="col">Review</th>
                </tr>
              </thead>
              <tbody>
                {group.map((a) => (
                  <tr key={a.alertId} data-alert={a.alertId}>
                    {mayReview && (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`select the alert on ${a.queryName}`}
                          checked={selected.has(a.alertId)}
                          onChange={(e) => toggle([a.alertId], (e.currentTarget as HTMLInputElement).checked)}
                        />
                      </td>
                    )}
                    <td>
                      <Status value={alertState(a)} />
                    </td>
                    <td>
                      {/* An entity page for a party's name only (not a text's words, nor a misdeclared item's description). */}
                      {alertEntityName(a) ? <a href={hrefOf({ page: 'entity', name: a.queryName })}>{a.queryName}</a> : a.queryName}
                    </td>
                    <td>
                      {by === 'report' ? (
                        <>
                          <EntryName alert={a} />{' '}
                          <span class="muted">
                            ({a.listId} {a.entryId})
                          </span>
                        </>
                      ) : (
                        <a href={hrefOf({ page: 'report', reportId: a.reportId })}>report {a.reportId.slice(0, 8)}</a>
                      )}
                    </td>
                    <td>{a.programs.join(', ')}</td>
                    <td class="num">{a.score.toFixed(2)}</td>
                    <td>{a.raisedAt.slice(0, 19).replace('T', ' ')}</td>
                    <td>{a.review ? `${a.review.status}: ${a.review.reason ?? ''}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
    </div>
  );
}
