/**
 * The API key for the browser session, across tabs: each tab keeps it in its own sessionStorage (never localStorage:
 * it must die with the browser session), and the open tabs of the dashboard's origin pass it on over a
 * BroadcastChannel: a new tab asks, a tab holding the key answers; a key entered in one tab reaches the tabs still
 * asking for one; "Forget key" forgets it in every tab. So the key is entered once while any tab of the dashboard is
 * open. Pure (the storage and the channel are given): unit-tested without a browser.
 */

/** Where a tab keeps its key (sessionStorage in the page). */
export interface KeyStore {
  get(): string | null;
  set(key: string | null): void;
}

/** What the tabs say to each other: the key itself only in answer to an ask, or when it was just entered. */
export type KeyMessage = { kind: 'ask' } | { kind: 'key'; key: string } | { kind: 'forget' };

/** The part of a BroadcastChannel used here. */
export interface KeyChannel {
  postMessage(message: KeyMessage): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

/** The channel's name: tabs of one origin only (BroadcastChannel never crosses origins). */
export const KEY_CHANNEL = 'tm.apiKey';

/** How long a new tab waits for an open tab's answer before it asks for the key. */
export const ASK_WAIT_MS = 500;

export interface KeySharing {
  /** Asks the open tabs for the key: the first answer (kept in this tab), or null when none came within `waitMs`. */
  ask(waitMs?: number): Promise<string | null>;
  /** Tells the open tabs the key this tab now holds (just entered): those without one take it. */
  announce(): void;
  /** Forgets the key here and in every open tab. */
  forget(): void;
  close(): void;
}

const isMessage = (data: unknown): data is KeyMessage =>
  typeof data === 'object' &&
  data !== null &&
  ((data as KeyMessage).kind === 'ask' ||
    (data as KeyMessage).kind === 'forget' ||
    ((data as KeyMessage).kind === 'key' && typeof (data as { key?: unknown }).key === 'string'));

/**
 * Shares the key of `store` with the other tabs on `channel` (none: nothing is shared, `ask` answers null at once).
 * `taken` is called when another tab's key was taken while this tab had none (not for the answer to `ask`),
 * `forgotten` when another tab forgot the key (this tab's is gone too).
 */
export function keySharing(
  store: KeyStore,
  channel: KeyChannel | null,
  events: { taken: (key: string) => void; forgotten: () => void },
): KeySharing {
  let answered: ((key: string) => void) | null = null;
  if (channel)
    channel.onmessage = ({ data }) => {
      if (!isMessage(data)) return;
      if (data.kind === 'ask') {
        const key = store.get();
        if (key !== null) channel.postMessage({ kind: 'key', key });
      } else if (data.kind === 'key') {
        if (answered) answered(data.key);
        else if (store.get() === null) {
          store.set(data.key);
          events.taken(data.key);
        }
      } else {
        store.set(null);
        events.forgotten();
      }
    };
  return {
    ask: (waitMs = ASK_WAIT_MS) =>
      new Promise<string | null>((resolve) => {
        if (!channel) return resolve(null);
        const timer = setTimeout(() => {
          answered = null;
          resolve(null);
        }, waitMs);
        answered = (key) => {
          clearTimeout(timer);
          answered = null;
          store.set(key);
          resolve(key);
        };
        channel.postMessage({ kind: 'ask' });
      }),
    announce: () => {
      const key = store.get();
      if (channel && key !== null) channel.postMessage({ kind: 'key', key });
    },
    forget: () => {
      store.set(null);
      channel?.postMessage({ kind: 'forget' });
    },
    close: () => {
      if (channel) {
        channel.onmessage = null;
        channel.close();
      }
    },
  };
}
