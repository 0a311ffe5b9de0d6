import { freePort } from './free-port';

describe('freePort', () => {
  it('never hands out the same port twice in a process, asked one after another or all at once', async () => {
    // 3,000 random picks among the 12,768 ports below the ephemeral range would repeat one about 350 times.
    const oneByOne: number[] = [];
    for (let i = 0; i < 1_000; i++) oneByOne.push(await freePort());
    const atOnce = await Promise.all(Array.from({ length: 2_000 }, () => freePort()));
    const all = [...oneByOne, ...atOnce];
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((p) => p >= 1024 && p <= 65_535)).toBe(true);
  });
});
