import { Metrics, secondsSince } from './metrics';

describe('Metrics', () => {
  const lines = async (metrics: Metrics, name: string) =>
    (await metrics.scrape()).body.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));

  it('labels every series with the app and shares a metric made twice', async () => {
    const metrics = new Metrics('projector');
    metrics.counter({ name: 'tm_things_total', help: 'things' }).inc();
    metrics.counter({ name: 'tm_things_total', help: 'things' }).inc(2);
    expect(await lines(metrics, 'tm_things_total')).toEqual(['tm_things_total{app="projector"} 3']);
    expect((await metrics.scrape()).contentType).toMatch(/^text\/plain/);
  });

  it('shows NaN for an unlabelled gauge and no series for a labelled one when collect fails, and still answers', async () => {
    const metrics = new Metrics('outbox-relay');
    let fail = false;
    metrics.gauge({
      name: 'tm_lag',
      help: 'lag',
      collect() {
        if (fail) throw new Error('database away');
        this.set(4);
      },
    });
    metrics.gauge({
      name: 'tm_lag_by_partition',
      help: 'lag',
      labelNames: ['partition'],
      collect() {
        if (fail) throw new Error('broker away');
        this.set({ partition: '0' }, 2);
      },
    });
    expect(await lines(metrics, 'tm_lag')).toEqual(['tm_lag{app="outbox-relay"} 4']);
    expect(await lines(metrics, 'tm_lag_by_partition')).toEqual(['tm_lag_by_partition{partition="0",app="outbox-relay"} 2']);
    fail = true;
    expect(await lines(metrics, 'tm_lag')).toEqual(['tm_lag{app="outbox-relay"} Nan']);
    expect(await lines(metrics, 'tm_lag_by_partition')).toEqual([]);
  });

  it('secondsSince reads ISO times and refuses what is not one', () => {
    expect(secondsSince('2026-12-06T00:00:01.500Z', Date.parse('2026-12-06T00:00:03Z'))).toBe(1.5);
    expect(secondsSince(undefined)).toBeUndefined();
    expect(secondsSince('not a time')).toBeUndefined();
  });
});
