import { get, query } from '../api';
import { ErrorLine, Loading } from '../components/ui';
import { headlineParts } from '../format';
import { usePolled } from '../polling';
import { hrefOf } from '../route';

interface Hit {
  reportId: string;
  claimId?: string;
  rank: number;
  headline: string;
}

/** Full-text search over reports and claims (`GET /v1/search`), best first, matches highlighted. */
export function SearchPage({ q }: { q: string }) {
  const path = `/v1/search${query({ q, limit: 50 })}`;
  const hits = usePolled(path, () => (q.trim() ? get<{ items: Hit[] }>(path) : Promise.resolve({ items: [] })));
  return (
    <div>
      <h1>Search: {q}</h1>
      <ErrorLine error={hits.error} />
      {!hits.data ? (
        <Loading />
      ) : hits.data.items.length === 0 ? (
        <p>Nothing matches.</p>
      ) : (
        <ol data-testid="search-hits">
          {hits.data.items.map((h) => (
            <li key={`${h.reportId}/${h.claimId ?? ''}`}>
              <a href={hrefOf({ page: 'report', reportId: h.reportId })}>
                report {h.reportId.slice(0, 8)}
                {h.claimId ? `, claim ${h.claimId}` : ''}
              </a>
              : {headlineParts(h.headline).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
