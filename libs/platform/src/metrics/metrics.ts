import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

export type { Counter, Gauge, Histogram } from 'prom-client';

/** Seconds buckets for end-to-end latencies (POST → visible, POST → webhook): 10 ms to 1 min. */
export const LATENCY_BUCKETS_SECONDS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * One app's Prometheus metrics (prom-client), served as text at `GET /metrics` (exposition format 0.0.4).
 * Every series carries the label `app`; process metrics (CPU, heap, event-loop lag, GC) are `tm_process_*` /
 * `tm_nodejs_*`. Each app has its own registry, so several apps in one process (tests) do not share series.
 * Metric names follow Prometheus' conventions: `tm_` prefix, base units (seconds, bytes), `_total` for counters.
 */
export class Metrics {
  readonly registry = new Registry();

  constructor(readonly app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry, prefix: 'tm_' });
  }

  /** The histogram of this name, made on first use (callers in several modules share it). */
  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return (
      (this.registry.getSingleMetric(config.name) as Histogram<L> | undefined) ?? new Histogram({ ...config, registers: [this.registry] })
    );
  }

  /** The counter of this name, made on first use. */
  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return (this.registry.getSingleMetric(config.name) as Counter<L> | undefined) ?? new Counter({ ...config, registers: [this.registry] });
  }

  /**
   * The gauge of this name, made on first use. A gauge with `collect` is computed when scraped (lags read from
   * PostgreSQL or Kafka); when `collect` fails (the database or broker away), that scrape shows no series of a
   * labelled gauge and NaN for an unlabelled one, never a stale or zero value, and the scrape itself still answers.
   */
  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    const existing = this.registry.getSingleMetric(config.name) as Gauge<L> | undefined;
    if (existing) return existing;
    const collect = config.collect;
    return new Gauge({
      ...config,
      registers: [this.registry],
      ...(collect && {
        async collect(this: Gauge<L>) {
          try {
            await collect.call(this);
          } catch {
            this.reset();
            if ((config.labelNames ?? []).length === 0) this.set(Number.NaN); // not 0: a lag of 0 would read as healthy
          }
        },
      }),
    });
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** Seconds since `isoOrDate`, or undefined when it is missing or not a time. */
export function secondsSince(isoOrDate: string | Date | undefined, now = Date.now()): number | undefined {
  if (isoOrDate === undefined) return undefined;
  const at = new Date(isoOrDate).getTime();
  return Number.isFinite(at) ? Math.max(0, (now - at) / 1000) : undefined;
}
