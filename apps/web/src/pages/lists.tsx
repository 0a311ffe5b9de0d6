import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { get, query } from '../api';
import { ErrorLine, Loading, Section } from '../components/ui';
import { usePolled } from '../polling';
import { hrefOf } from '../route';
import { useRoute } from '../use-route';

interface SanctionsList {
  listId: string;
  version?: string;
  source?: string;
  entries: number;
  lastCounts?: Record<string, number>;
  importedAt?: string;
  lastFailure?: Record<string, string>;
}

/** An entry in force as `GET /v1/sanctions-lists/{listId}/entries` answers it. */
interface ListEntry {
  listId: string;
  entryId: string;
  schema: string;
  primaryName: string;
  programs: string[];
  countries: string[];
  changedIn: string;
}

/** An entry as a list version lists it (the fields the page shows). */
interface ListedEntry {
  primaryName?: string;
  schema?: string;
  names?: { value: string; kind: string }[];
  programs?: string[];
  countries?: string[];
  listedOn?: string;
  remarks?: string;
}

/** One entry: every version it had and the alerts it raised (`GET /v1/sanctions-lists/{listId}/entries/{entryId}`). */
interface EntryHistory {
  current?: ListedEntry | null;
  versions: { change: string; listVersion: string; entry?: ListedEntry }[];
  alerts: { alertId: string; status: string; reportId: string; claimId?: string; score: number; raisedAt?: string }[];
}

/** An alert of an entry: a link to the claim (or report) it was raised on. */
function EntryAlertLink({ alert: a }: { alert: EntryHistory['alerts'][number] }) {
  return (
    <a href={hrefOf({ page: 'report', reportId: a.reportId, ...(a.claimId ? { claimId: a.claimId } : {}) })}>
      {a.status} alert in report {a.reportId.slice(0, 8)}
      {a.claimId ? `, claim ${a.claimId}` : ''}
    </a>
  );
}

/**
 * One list entry (`#/lists/<listId>/<entryId>`): its names as listed (in force, or last listed once delisted), every
 * version it had and the alerts it raised, each a link to its claim.
 */
function EntryView({ listId, entryId }: { listId: string; entryId: string }) {
  const path = `/v1/sanctions-lists/${encodeURIComponent(listId)}/entries/${encodeURIComponent(entryId)}`;
  const history = usePolled(path, () => get<EntryHistory>(path));
  const h = history.data;
  const listed = h?.current ?? [...(h?.versions ?? [])].reverse().find((v) => v.entry)?.entry;
  return (
    <Section title={`${listId} entry ${entryId}${listed?.primaryName ? `: ${listed.primaryName}` : ''}`} id="list-entry">
      <ErrorLine error={history.error} />
      {!h ? (
        history.error ? null : (
          <Loading />
        )
      ) : (
        <>
          <dl data-testid="list-entry">
            <dt>In force</dt>
            <dd>{h.current ? 'yes' : 'no (delisted)'}</dd>
            {listed?.schema && (
              <>
                <dt>Kind</dt>
                <dd>{listed.schema}</dd>
              </>
            )}
            {listed?.names && listed.names.length > 0 && (
              <>
                <dt>Names</dt>
                <dd>{listed.names.map((n) => `${n.value}${n.kind === 'primary' ? '' : ` (${n.kind})`}`).join('; ')}</dd>
              </>
            )}
            <dt>Programs</dt>
            <dd>{listed?.programs?.join(', ') ?? ''}</dd>
            <dt>Countries</dt>
            <dd>{listed?.countries?.join(', ') ?? ''}</dd>
            {listed?.remarks && (
              <>
                <dt>Remarks</dt>
                <dd>{listed.remarks}</dd>
              </>
            )}
            <dt>Versions</dt>
            <dd>{h.versions.map((v) => `${v.change} ${v.listVersion}`).join(', ')}</dd>
            <dt>Alerts</dt>
            <dd>
              {h.alerts.length === 0
                ? 'none'
                : h.alerts.map((a, i) => (
                    <Fragment key={a.alertId}>
                      {i > 0 && ', '}
                      <EntryAlertLink alert={a} />
                    </Fragment>
                  ))}
            </dd>
          </dl>
          <p>
            <a href={hrefOf({ page: 'lists' })}>All lists</a>
          </p>
        </>
      )}
    </Section>
  );
}

/**
 * A list's entries in force whose names hold the words asked (a page of 50, forward and back), each with its versions
 * and alerts on demand.
 */
function EntrySearch({ listIds }: { listIds: string[] }) {
  const [listId, setListId] = useState(listIds[0] ?? 'ofac-sdn');
  const [words, setWords] = useState('');
  const [asked, setAsked] = useState('');
  // The cursors of the pages after the first, as followed: the last is this page's, and going back drops it (the API's
  // cursors go forward only).
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const [open, setOpen] = useState<{ key: string; history?: EntryHistory; error?: string } | undefined>(undefined);
  const path = `/v1/sanctions-lists/${encodeURIComponent(listId)}/entries${query({ q: asked, cursor, limit: 50 })}`;
  const entries = usePolled(path, () => get<{ items: ListEntry[]; nextCursor: string | null }>(path));
  const show = async (e: ListEntry) => {
    const key = `${e.listId}/${e.entryId}`;
    setOpen({ key });
    try {
      setOpen({
        key,
        history: await get<EntryHistory>(`/v1/sanctions-lists/${encodeURIComponent(e.listId)}/entries/${encodeURIComponent(e.entryId)}`),
      });
    } catch (error) {
      setOpen({ key, error: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <Section title="Entries in force" id="list-entries">
      <form
        class="filters"
        aria-label="Search a list's entries"
        onSubmit={(ev) => (ev.preventDefault(), setCursors([]), setAsked(words.trim()))}
      >
        <label>
          List
          <select value={listId} onChange={(ev) => (setCursors([]), setListId((ev.currentTarget as HTMLSelectElement).value))}>
            {listIds.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Name contains
          <input maxLength={200} value={words} onInput={(ev) => setWords((ev.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit">Find entries</button>
      </form>
      <ErrorLine error={entries.error} />
      {!entries.data ? (
        <Loading />
      ) : entries.data.items.length === 0 ? (
        <p>No entry in force matches.</p>
      ) : (
        <table data-testid="list-entries-table">
          <thead>
            <tr>
              <th scope="col">Entry</th>
              <th scope="col">Name</th>
              <th scope="col">Programs</th>
              <th scope="col">Countries</th>
              <th scope="col">Changed in</th>
            </tr>
          </thead>
          <tbody>
            {entries.data.items.map((e) => (
              <Fragment key={`${e.listId}/${e.entryId}`}>
                <tr>
                  <th scope="row">
                    <button
                      type="button"
                      class="inline"
                      aria-expanded={open?.key === `${e.listId}/${e.entryId}`}
                      onClick={() => void show(e)}
                    >
                      {e.entryId}
                    </button>
                  </th>
                  <td>
                    <a href={hrefOf({ page: 'lists', listId: e.listId, entryId: e.entryId })}>{e.primaryName}</a>
                  </td>
                  <td>{e.programs.join(', ')}</td>
                  <td>{e.countries.join(', ')}</td>
                  <td>{e.changedIn}</td>
                </tr>
                {open?.key === `${e.listId}/${e.entryId}` && (
                  <tr>
                    <td colSpan={5} data-testid="entry-history">
                      {open.error ??
                        (!open.history
                          ? 'Loading…'
                          : `${open.history.versions.map((v) => `${v.change} ${v.listVersion}`).join(', ')}; ${open.history.alerts.length} alert(s)`)}
                      {open.history?.alerts.map((a) => (
                        <span key={a.alertId}>
                          {' '}
                          <EntryAlertLink alert={a} />
                        </span>
                      ))}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {/* Kept while the next page loads (and Next not disabled then), so the focus stays on the button pressed. */}
      {(cursors.length > 0 || entries.data?.nextCursor) && (
        <p>
          <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous entries
          </button>{' '}
          <button
            type="button"
            disabled={entries.data !== undefined && !entries.data.nextCursor}
            // The page's cursor once: a second click before the next page loads (a double click) would keep it twice,
            // and Previous would then come back to the same page.
            onClick={() => {
              const next = entries.data?.nextCursor;
              if (next) setCursors((followed) => (followed.at(-1) === next ? followed : [...followed, next]));
            }}
          >
            Next entries
          </button>
        </p>
      )}
    </Section>
  );
}

/**
 * The sanctions lists: the version in force, entries, the last delta and the last failed import; a search of a list's
 * entries; at `#/lists/<listId>/<entryId>`, that entry first.
 */
export function ListsPage() {
  const lists = usePolled('lists', () => get<{ items: SanctionsList[] }>('/v1/sanctions-lists'));
  const route = useRoute();
  return (
    <div>
      <h1>Sanctions lists</h1>
      {route.page === 'lists' && route.listId && route.entryId && (
        <EntryView key={`${route.listId}/${route.entryId}`} listId={route.listId} entryId={route.entryId} />
      )}
      <ErrorLine error={lists.error} />
      {!lists.data ? (
        <Loading />
      ) : (
        <table data-testid="lists-table">
          <thead>
            <tr>
              <th scope="col">List</th>
              <th scope="col">Version in force</th>
              <th scope="col">Entries</th>
              <th scope="col">Last delta</th>
              <th scope="col">Imported</th>
              <th scope="col">Last failure</th>
            </tr>
          </thead>
          <tbody>
            {lists.data.items.map((l) => (
              <tr key={l.listId}>
                <th scope="row">{l.listId}</th>
                <td>{l.version ?? 'not imported'}</td>
                <td class="num">{l.entries}</td>
                <td>
                  {l.lastCounts
                    ? Object.entries(l.lastCounts)
                        .map(([k, v]) => `${k} ${v}`)
                        .join(', ')
                    : ''}
                </td>
                <td>{l.importedAt?.slice(0, 19).replace('T', ' ') ?? ''}</td>
                <td>{l.lastFailure ? `${l.lastFailure.code ?? ''} ${l.lastFailure.reason ?? ''}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {lists.data && <EntrySearch listIds={lists.data.items.filter((l) => l.version).map((l) => l.listId)} />}
    </div>
  );
}
