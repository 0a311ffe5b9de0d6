import { get, query } from '../api';
import { ErrorLine, Loading } from '../components/ui';
import { headlineParts } from '../format';
import { usePolled } from '../polling';
import { hrefOf } from '../route';

interface Hit {
  reportId: string;
  claimId?: string;
  rank: number;
  title: string;
  headline: string;
}

/**
 * Full-text search over reports and claims (`GET /v1/search`), best first, matches highlighted: each hit is its
 * report's title, a link to the report (a claim hit: to that claim on the report page), and the matched words in the
 * text analysts wrote.
 */
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
        <ol data-testid="search-hits" class="hits">
          {hits.data.items.map((h) => (
            <li key={`${h.reportId}/${h.claimId ?? ''}`} data-report={h.reportId} data-claim={h.claimId}>
              <a href={hrefOf({ page: 'report', reportId: h.reportId, ...(h.claimId ? { claimId: h.claimId } : {}) })}>
                {h.title || `report ${h.reportId.slice(0, 8)}`}
                {h.claimId ? `, claim ${h.claimId}` : ''}
              </a>
              <br />
              <span class="headline">{headlineParts(h.headline).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
