import { useEffect, useRef, useState } from 'preact/hooks';
import { get, storedKey, storeKey } from './api';
import { KEY_CHANNEL, keySharing, type KeyChannel, type KeySharing } from './key-share';
import type { Me } from './session';

/** This tab's BroadcastChannel to the other tabs of the origin, or null in a browser without one. */
function tabsChannel(): KeyChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(KEY_CHANNEL);
  const adapter: KeyChannel = {
    postMessage: (message) => channel.postMessage(message),
    onmessage: null,
    close: () => channel.close(),
  };
  channel.onmessage = (event) => adapter.onmessage?.(event);
  return adapter;
}

/** The session's key as the app shell uses it. */
export interface SessionKey {
  /** Who the key is (`GET /v1/me`), null while none is held or checked. */
  me: Me | null;
  /** True while the tab looks for a key (its own, or an open tab's) and checks it. */
  checking: boolean;
  /** The key form's key was accepted: the tabs still asking for one take it too. */
  entered: (me: Me) => void;
  /** "Forget key": in every open tab. */
  forget: () => void;
}

/**
 * The key for the browser session: this tab's (sessionStorage), else one an open tab of the dashboard gives (see
 * `key-share.ts`), checked with `GET /v1/me`; a key entered or forgotten in another tab is taken or forgotten here.
 */
export function useSessionKey(): SessionKey {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  const sharing = useRef<KeySharing | null>(null);
  useEffect(() => {
    let live = true;
    const check = () =>
      get<Me>('/v1/me').then(
        (who) => live && setMe(who),
        () => storeKey(null),
      );
    const shared = keySharing({ get: storedKey, set: storeKey }, tabsChannel(), {
      taken: () => void check(),
      forgotten: () => live && setMe(null),
    });
    sharing.current = shared;
    (async () => {
      if (storedKey() === null) await shared.ask();
      if (storedKey() !== null) await check();
    })().finally(() => live && setChecking(false));
    return () => {
      live = false;
      shared.close();
    };
  }, []);
  return {
    me,
    checking,
    entered: (who) => {
      sharing.current?.announce();
      setMe(who);
    },
    forget: () => {
      sharing.current?.forget();
      setMe(null);
    },
  };
}
