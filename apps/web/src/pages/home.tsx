import { useState } from 'preact/hooks';
import { get } from '../api';
import { ErrorLine, Loading, Section, Status } from '../components/ui';
import { countryName } from '../format';
import { usePolled } from '../polling';
import { hrefOf } from '../route';

interface ReportSummary {
  reportId: string;
  publisher: string;
  title: string;
  publishedOn: string;
  sourceReliability: string;
  status: string;
  claimCount: number;
  countries: string[];
}

/** Countries the latest reports name (links to their pages), the latest reports, and a way to an entity page. */
export function HomePage() {
  const reports = usePolled('reports', () => get<{ items: ReportSummary[] }>('/v1/reports?limit=100'));
  const [name, setName] = useState('');
  const countries = [...new Set((reports.data?.items ?? []).flatMap((r) => r.countries))].sort();
  return (
    <div>
      <h1>Transfer Monitor</h1>
      <ErrorLine error={reports.error} />
      <Section title="Countries" id="countries">
        {!reports.data ? (
          <Loading />
        ) : countries.length === 0 ? (
          <p>No reports yet: post some (e.g. `npm run example`).</p>
        ) : (
          <ul class="chips">
            {countries.map((c) => (
              <li key={c}>
                <a href={hrefOf({ page: 'country', country: c })}>
                  {c} <span class="muted">{countryName(c)}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Entity" id="entity-search">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) location.hash = hrefOf({ page: 'entity', name: name.trim() });
          }}
        >
          <label>
            Name of a person, company or body
            <input value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button type="submit">Open</button>
        </form>
      </Section>
      <Section title="Latest reports" id="reports">
        {reports.data && (
          <table>
            <thead>
              <tr>
                <th scope="col">Published</th>
                <th scope="col">Source</th>
                <th scope="col">Reliability</th>
                <th scope="col">Claims</th>
                <th scope="col">Countries</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {reports.data.items.map((r) => (
                <tr key={r.reportId}>
                  <td>{r.publishedOn}</td>
                  <td>
                    <a href={hrefOf({ page: 'report', reportId: r.reportId })}>{r.title}</a> <span class="muted">{r.publisher}</span>
                  </td>
                  <td>{r.sourceReliability}</td>
                  <td class="num">{r.claimCount}</td>
                  <td>{r.countries.join(', ')}</td>
                  <td>
                    <Status value={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
