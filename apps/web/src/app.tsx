import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, onPosition, storeKey } from './api';
import { AlertsPage } from './pages/alerts';
import { CountryPage } from './pages/country';
import { EntityPage } from './pages/entity';
import { HomePage } from './pages/home';
import { ListsPage } from './pages/lists';
import { ReportPage } from './pages/report';
import { SearchPage } from './pages/search';
import { hrefOf, parseRoute, type Route } from './route';
import { MeContext, type Me } from './session';
import { useSessionKey } from './session-key';

/** Asks for the API key once per browser session (see session-key.ts) and checks it with `GET /v1/me`. */
function KeyForm({ onMe, error }: { onMe: (me: Me) => void; error?: string }) {
  const [key, setKey] = useState('');
  const [message, setMessage] = useState(error ?? '');
  const submit = async (event: Event) => {
    event.preventDefault();
    storeKey(key.trim());
    try {
      onMe(await get<Me>('/v1/me'));
    } catch (e) {
      storeKey(null);
      setMessage(
        e instanceof ApiError && e.status === 401
          ? 'This key is not accepted (unknown, expired or revoked).'
          : String(e instanceof Error ? e.message : e),
      );
    }
  };
  return (
    <main class="key-form">
      <h1>Transfer Monitor</h1>
      <form onSubmit={submit}>
        <label>
          API key
          <input
            type="password"
            name="apiKey"
            autoComplete="off"
            required
            value={key}
            onInput={(e) => setKey((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">Open the dashboard</button>
        <p class="muted">
          Kept for this browser session only, in this tab and passed on to the dashboard's new tabs. Locally: the key in
          .local/dev/bootstrap-admin-key.
        </p>
        {message && (
          <p class="error" role="alert">
            {message}
          </p>
        )}
      </form>
    </main>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'country':
      return <CountryPage country={route.country} />;
    case 'report':
      return <ReportPage reportId={route.reportId} />;
    case 'alerts':
      return <AlertsPage />;
    case 'entity':
      // Keyed by name: another entity's page starts afresh (its claims' cursor, the merge form and its outcome were the last one's).
      return <EntityPage key={route.name} name={route.name} />;
    case 'lists':
      return <ListsPage />;
    case 'search':
      return <SearchPage q={route.q} />;
    default:
      return <HomePage />;
  }
}

/** The dashboard: key gate, navigation, the page of the URL's hash, and the global position the data reflects. */
export function App() {
  const { me, checking, entered, forget } = useSessionKey();
  const [route, setRoute] = useState<Route>(parseRoute(location.hash));
  const [position, setPosition] = useState<number | null>(null);
  const [country, setCountry] = useState('');
  const [words, setWords] = useState('');

  useEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  useEffect(() => onPosition(setPosition), []);

  if (!me) return checking ? <p>Checking the key…</p> : <KeyForm onMe={entered} />;
  return (
    <MeContext.Provider value={me}>
      <header>
        <nav aria-label="Main">
          <a href={hrefOf({ page: 'home' })}>Home</a>
          <a href={hrefOf({ page: 'alerts' })}>Alerts</a>
          <a href={hrefOf({ page: 'lists' })}>Sanctions lists</a>
          <form
            class="inline"
            role="search"
            aria-label="Open a country"
            onSubmit={(e) => {
              e.preventDefault();
              if (/^[A-Za-z]{2}$/.test(country)) location.hash = hrefOf({ page: 'country', country: country.toUpperCase() });
            }}
          >
            <label>
              Country{' '}
              <input
                size={3}
                maxLength={2}
                placeholder="CN"
                value={country}
                onInput={(e) => setCountry((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
            <button type="submit">Open</button>
          </form>
          <form
            class="inline"
            role="search"
            aria-label="Search reports and claims"
            onSubmit={(e) => {
              e.preventDefault();
              if (words.trim()) location.hash = hrefOf({ page: 'search', q: words.trim() });
            }}
          >
            <label>
              Search{' '}
              <input
                type="search"
                maxLength={200}
                placeholder="drones"
                value={words}
                onInput={(e) => setWords((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
            <button type="submit">Search</button>
          </form>
        </nav>
        <p class="session">
          <span data-testid="position">{position === null ? 'position …' : `reflects global position ${position}`}</span> · {me.name} (
          {me.role}){' '}
          <button type="button" onClick={forget}>
            Forget key
          </button>
        </p>
      </header>
      <main>
        <Page route={route} />
      </main>
    </MeContext.Provider>
  );
}
