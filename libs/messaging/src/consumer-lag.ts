import type { Kafka } from 'kafkajs';
import type { Metrics } from '@tm/platform';

interface WatchedGroup {
  kafka: Kafka;
  groupId: string;
  topic: string;
}

const watchedByRegistry = new WeakMap<Metrics, Map<string, WatchedGroup>>();

/**
 * Per partition, the messages a consumer group has not committed yet: the log end offset minus the group's committed
 * offset (minus the log start offset when the group has committed nothing there).
 * @returns one row per partition of `topic`.
 */
export async function consumerLag(kafka: Kafka, groupId: string, topic: string): Promise<{ partition: number; lag: number }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
    const committedOf = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return ends.map((end) => {
      const done = committedOf.get(end.partition) ?? -1;
      return { partition: end.partition, lag: Math.max(0, Number(end.high) - (done >= 0 ? done : Number(end.low))) };
    });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Exposes `tm_consumer_lag_messages{group,topic,partition}` for this consumer group, read from the broker when the
 * metrics are scraped (one admin connection per scrape: no state to keep, nothing left open at shutdown).
 */
export function watchConsumerLag(metrics: Metrics, kafka: Kafka, groupId: string, topic: string): void {
  let watched = watchedByRegistry.get(metrics);
  if (!watched) {
    const groups = new Map<string, WatchedGroup>();
    watched = groups;
    watchedByRegistry.set(metrics, groups);
    metrics.gauge({
      name: 'tm_consumer_lag_messages',
      help: "Messages of the partition the consumer group has not committed yet (log end offset minus the group's committed offset)",
      labelNames: ['group', 'topic', 'partition'],
      async collect() {
        const lags = await Promise.all(
          [...groups.values()].map(async (g) => ({ g, rows: await consumerLag(g.kafka, g.groupId, g.topic) })),
        );
        this.reset();
        for (const { g, rows } of lags)
          for (const row of rows) this.set({ group: g.groupId, topic: g.topic, partition: String(row.partition) }, row.lag);
      },
    });
  }
  watched.set(`${groupId}\u0000${topic}`, { kafka, groupId, topic });
}
