import { get } from '../api';
import { ErrorLine, Loading } from '../components/ui';
import { usePolled } from '../polling';

interface SanctionsList {
  listId: string;
  version?: string;
  source?: string;
  entries: number;
  lastCounts?: Record<string, number>;
  importedAt?: string;
  lastFailure?: Record<string, string>;
}

/** The sanctions lists: the version in force, entries, the last delta and the last failed import. */
export function ListsPage() {
  const lists = usePolled('lists', () => get<{ items: SanctionsList[] }>('/v1/sanctions-lists'));
  return (
    <div>
      <h1>Sanctions lists</h1>
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
                <td>{l.lastCounts ? Object.entries(l.lastCounts).map(([k, v]) => `${k} ${v}`).join(', ') : ''}</td>
                <td>{l.importedAt?.slice(0, 19).replace('T', ' ') ?? ''}</td>
                <td>{l.lastFailure ? `${l.lastFailure.code ?? ''} ${l.lastFailure.reason ?? ''}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
