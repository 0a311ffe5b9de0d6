import { useEffect, useState } from 'preact/hooks';
import { get, query } from '../api';
import { ErrorLine, Loading, Section, Status } from '../components/ui';
import { countryName } from '../format';
import { usePolled } from '../polling';
import { hrefOf } from '../route';
import { entityKey } from './entity';

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

/** A name of the entity directory (`GET /v1/entities?q=`). */
interface DirectoryName {
  entityId: string;
  name: string;
  types: string[];
  countries: string[];
  claimCount: number;
}

/** Names offered as the user types: the directory's most mentioned first. */
const SUGGESTED = 10;
/** Names Open reads to find the one typed, and lists when the words are in several. */
const LISTED = 100;

/** The directory's names holding `words` (any case), most mentioned first. */
const namesHolding = (words: string, limit: number) =>
  get<{ items: DirectoryName[] }>(`/v1/entities${query({ q: words, limit })}`).then((page) => page.items);

/**
 * A name or part of one: the directory's names holding it are offered as the user types (a list of links, and the
 * input's suggestions); Open opens the name typed when the directory holds it, or the one name holding the words,
 * else lists those that do.
 */
function EntityBox() {
  const [name, setName] = useState('');
  const [found, setFound] = useState<{ words: string; names: DirectoryName[] } | undefined>(undefined);
  const [message, setMessage] = useState('');
  const words = name.trim();
  useEffect(() => {
    if (words.length < 2) {
      setFound(undefined);
      return;
    }
    let current = true;
    // Asked once typing pauses, not on every key.
    const timer = setTimeout(() => {
      namesHolding(words, SUGGESTED).then(
        (names) => current && setFound({ words, names }),
        () => current && setFound(undefined),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [words]);
  const open = (entity: string) => {
    location.hash = hrefOf({ page: 'entity', name: entity });
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!words) return;
    setMessage('');
    try {
      // The names offered, unless more may hold the words (the one typed may be among those not offered).
      const names = found?.words === words && found.names.length < SUGGESTED ? found.names : await namesHolding(words, LISTED);
      setFound({ words, names });
      const exact = names.find((n) => entityKey(n.name) === entityKey(words));
      if (exact) open(exact.name);
      else if (names.length === 1) open(names[0]!.name);
      else if (names.length === 0) setMessage(`No name in the reports holds “${words}”.`);
      else setMessage(`${names.length === LISTED ? `${LISTED} or more` : names.length} names hold “${words}”: choose one below.`);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const shown = found && found.words === words ? found.names : [];
  return (
    <>
      <form role="search" aria-label="Open an entity" onSubmit={(e) => void submit(e)}>
        <label>
          Name of a person, company or body (or part of one)
          <input
            value={name}
            list="entity-names"
            autoComplete="off"
            maxLength={200}
            onInput={(e) => (setName((e.currentTarget as HTMLInputElement).value), setMessage(''))}
          />
        </label>
        <datalist id="entity-names">
          {shown.map((n) => (
            <option key={n.entityId + n.name} value={n.name} />
          ))}
        </datalist>
        <button type="submit">Open</button>
      </form>
      <p role="status">{message}</p>
      {shown.length > 0 && (
        <ul class="suggestions" data-testid="entity-suggestions" aria-label={`Names holding “${words}”`}>
          {shown.map((n) => (
            <li key={n.entityId + n.name}>
              <a href={hrefOf({ page: 'entity', name: n.name })}>{n.name}</a>{' '}
              <span class="muted">
                ({[...n.types, ...n.countries].join(', ')}; {n.claimCount} claim(s))
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Countries the latest reports name (links to their pages), the latest reports, and a way to an entity page. */
export function HomePage() {
  const reports = usePolled('reports', () => get<{ items: ReportSummary[] }>('/v1/reports?limit=100'));
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
        <EntityBox />
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
