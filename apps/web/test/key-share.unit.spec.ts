import { keySharing, type KeyChannel, type KeyMessage, type KeySharing, type KeyStore } from '../src/key-share';

/** Tabs of one origin: a channel each on one bus, which delivers a message to every other tab's channel, later (as BroadcastChannel does). */
function bus() {
  const channels = new Set<KeyChannel>();
  return (): KeyChannel => {
    const channel: KeyChannel = {
      onmessage: null,
      postMessage: (message: KeyMessage) => {
        for (const other of channels)
          if (other !== channel) setTimeout(() => other.onmessage?.({ data: JSON.parse(JSON.stringify(message)) as unknown }), 1);
      },
      close: () => channels.delete(channel),
    };
    channels.add(channel);
    return channel;
  };
}

/** A tab: its own session storage, its sharing, and what the other tabs made it do. */
function tab(channel: KeyChannel | null, key: string | null = null) {
  let held = key;
  const store: KeyStore = { get: () => held, set: (k) => (held = k) };
  const seen = { taken: [] as string[], forgotten: 0 };
  const sharing: KeySharing = keySharing(store, channel, {
    taken: (k) => seen.taken.push(k),
    forgotten: () => seen.forgotten++,
  });
  return { sharing, seen, key: () => held };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the API key across the tabs of the browser session (issue: a new tab asked for the key again)', () => {
  it('a new tab asks the open tabs and keeps the key one of them answers; no prompt', async () => {
    const open = bus();
    const first = tab(open(), 'tm_key_A');
    const second = tab(open());
    expect(await second.sharing.ask(200)).toBe('tm_key_A');
    expect(second.key()).toBe('tm_key_A');
    expect(second.seen.taken).toEqual([]); // the answer to its own ask, not a key entered elsewhere
    expect(first.key()).toBe('tm_key_A');
  });

  it('answers null when no open tab holds a key (the key form is shown), or without BroadcastChannel', async () => {
    const open = bus();
    const lone = tab(open());
    const other = tab(open());
    const started = Date.now();
    expect(await lone.sharing.ask(60)).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    expect(lone.key()).toBeNull();
    expect(other.key()).toBeNull();
    expect(await tab(null).sharing.ask(60)).toBeNull();
  });

  it('a key entered in one tab reaches the tabs still asking for one, not a tab holding its own', async () => {
    const open = bus();
    const waiting = tab(open());
    const holding = tab(open(), 'tm_viewer');
    const entering = tab(open(), 'tm_admin'); // the key form stored it and GET /v1/me accepted it
    entering.sharing.announce();
    await settled();
    expect(waiting.key()).toBe('tm_admin');
    expect(waiting.seen.taken).toEqual(['tm_admin']);
    expect(holding.key()).toBe('tm_viewer');
    expect(holding.seen.taken).toEqual([]);
  });

  it('"Forget key" forgets it in every open tab', async () => {
    const open = bus();
    const tabs = [tab(open(), 'tm_key_A'), tab(open(), 'tm_key_A'), tab(open(), 'tm_key_A')];
    tabs[1].sharing.forget();
    await settled();
    expect(tabs.map((t) => t.key())).toEqual([null, null, null]);
    expect(tabs.map((t) => t.seen.forgotten)).toEqual([1, 0, 1]);
    // None answers a new tab any more.
    expect(await tab(open()).sharing.ask(60)).toBeNull();
  });

  it('a closed tab answers nothing; messages that are not the protocol are ignored', async () => {
    const open = bus();
    const closing = tab(open(), 'tm_key_A');
    closing.sharing.close();
    expect(await tab(open()).sharing.ask(60)).toBeNull();
    const channel = open();
    const listening = tab(channel);
    channel.onmessage?.({ data: { kind: 'key', key: 42 } });
    channel.onmessage?.({ data: 'forget' });
    channel.onmessage?.({ data: null });
    expect(listening.key()).toBeNull();
    expect(listening.seen).toEqual({ taken: [], forgotten: 0 });
  });
});
