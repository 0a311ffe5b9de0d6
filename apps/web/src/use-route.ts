import { useEffect, useState } from 'preact/hooks';
import { parseRoute, type Route } from './route';

/** The route of the URL's hash, as it changes (a page reads the parts the app shell does not pass it: a claim, a list entry). */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}
