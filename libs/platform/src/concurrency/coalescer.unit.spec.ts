import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  it('sends the first item alone at once, then everything that queued meanwhile in one batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const coalescer = new Coalescer<number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = coalescer.submit(1);
    const rest = [2, 3, 4].map((n) => coalescer.submit(n));
    await new Promise((r) => setImmediate(r));
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects every item of a failing batch and goes on with the next', async () => {
    let calls = 0;
    const coalescer = new Coalescer<string>(async () => {
      calls += 1;
      if (calls === 1) throw new Error('broker down');
    });
    await expect(coalescer.submit('a')).rejects.toThrow('broker down');
    await expect(coalescer.submit('b')).resolves.toBeUndefined();
  });

  it('lets a queued item be withdrawn before its batch starts, never after', async () => {
    const seen: string[] = [];
    let release!: () => void;
    const coalescer = new Coalescer<string>(async (items) => {
      seen.push(...items);
      if (items[0] === 'a') await new Promise<void>((r) => (release = r));
    });
    const a = coalescer.submit('a');
    const b = coalescer.submit('b');
    await new Promise((r) => setImmediate(r));
    expect(a.withdraw()).toBe(false);
    expect(b.withdraw()).toBe(true);
    release();
    await a;
    expect(seen).toEqual(['a']);
  });

  it('keeps batches within maxBatch', async () => {
    const sizes: number[] = [];
    const coalescer = new Coalescer<number>(async (items) => void sizes.push(items.length), 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => coalescer.submit(n)));
    expect(sizes).toEqual([1, 2, 2]);
  });
});
