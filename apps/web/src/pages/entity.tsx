import { get, query } from '../api';
import { alertState, loadAlerts } from '../alerts-data';
import { ErrorLine, Loading, Section, Status } from '../components/ui';
import { usePolled } from '../polling';
import { hrefOf } from '../route';

interface DirectoryEntity {
  key: string;
  name: string;
  types: string[];
  aliases: string[];
  countries: string[];
  claimCount: number;
  reportCount: number;
  reportIds: string[];
}

/** The directory key of a name (as the entity directory normalises it): NFKC, trimmed, single spaces, lower case. */
function entityKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** One named party: its directory entry (countries, reports), the list entries it was matched to and its alerts. */
export function EntityPage({ name }: { name: string }) {
  const key = entityKey(name);
  const path = `/v1/entities${query({ q: name, limit: 50 })}`;
  const directory = usePolled(path, () => get<{ items: DirectoryEntity[] }>(path));
  const alerts = usePolled(`entity-alerts:${key}`, async () => (await loadAlerts()).filter((a) => entityKey(a.queryName) === key));
  const entry = directory.data?.items.find((e) => e.key === key) ?? directory.data?.items[0];
  const entries = new Map((alerts.data ?? []).map((a) => [`${a.listId}/${a.entryId}`, a]));
  return (
    <div>
      <h1>{entry?.name ?? name}</h1>
      <ErrorLine error={directory.error ?? alerts.error} />
      {!directory.data ? (
        <Loading />
      ) : !entry ? (
        <p>No report names “{name}”.</p>
      ) : (
        <Section title="In the reports" id="mentions">
          <dl>
            <dt>Type</dt>
            <dd>{entry.types.join(', ')}</dd>
            <dt>Acting for</dt>
            <dd>
              {entry.countries.map((c, i) => (
                <span key={c}>
                  {i > 0 && ', '}
                  <a href={hrefOf({ page: 'country', country: c })}>{c}</a>
                </span>
              ))}
            </dd>
            {entry.aliases.length > 0 && (
              <>
                <dt>Also written</dt>
                <dd>{entry.aliases.join('; ')}</dd>
              </>
            )}
            <dt>Mentioned</dt>
            <dd>
              {entry.claimCount} claim(s) in {entry.reportCount} report(s):{' '}
              {entry.reportIds.map((id, i) => (
                <a key={id} href={hrefOf({ page: 'report', reportId: id })}>
                  {i > 0 && ' '}report {id.slice(0, 8)}
                </a>
              ))}
            </dd>
          </dl>
        </Section>
      )}
      <Section title="Sanctions list entries matched" id="entries">
        {!alerts.data ? (
          <Loading />
        ) : entries.size === 0 ? (
          <p>No alert matched this name to a list entry.</p>
        ) : (
          <ul>
            {[...entries.values()].map((a) => (
              <li key={`${a.listId}/${a.entryId}`}>
                {a.entryName} — <a href={hrefOf({ page: 'lists' })}>{a.listId}</a> entry {a.entryId} ({a.programs.join(', ')}; {a.countries.join(', ')})
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Alerts" id="entity-alerts">
        {alerts.data && (
          <ul>
            {alerts.data.map((a) => (
              <li key={a.alertId}>
                <Status value={alertState(a)} /> {a.listId} {a.entryName}, score {a.score.toFixed(2)}, in <a href={hrefOf({ page: 'report', reportId: a.reportId })}>report {a.reportId.slice(0, 8)}</a> ({a.location})
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
