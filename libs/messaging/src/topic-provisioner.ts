import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { Environment } from '@tm/platform';
import { topicSpecs, type TopicSpec } from './topics';

/**
 * Creates each missing topic with its configured partition count (broker auto-creation is off).
 * An existing topic with fewer partitions than configured is grown; one with more is left alone
 * (Kafka cannot shrink a topic), which keeps the call idempotent.
 */
export async function ensureTopics(admin: Admin, specs: TopicSpec[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.topic));
  if (missing.length > 0) {
    try {
      await admin.createTopics({ topics: missing, waitForLeaders: true });
    } catch (error) {
      // kafkajs waits out LEADER_NOT_AVAILABLE only; a broker that has just created a topic may also answer
      // UNKNOWN_TOPIC_OR_PARTITION for a moment (seen with several apps provisioning one fresh broker at once).
      if ((error as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
      await waitForLeaders(
        admin,
        missing.map((s) => s.topic),
      );
    }
  }
  const present = specs.filter((s) => existing.has(s.topic));
  if (present.length === 0) return;
  const metadata = await admin.fetchTopicMetadata({ topics: present.map((s) => s.topic) });
  const grow = metadata.topics
    .map((t) => ({ topic: t.name, have: t.partitions.length, want: present.find((s) => s.topic === t.name)!.numPartitions }))
    .filter((t) => t.have < t.want)
    .map((t) => ({ topic: t.topic, count: t.want }));
  if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow });
}

/** How long `waitForLeaders` waits for a topic just created to have a leader on every partition. */
const LEADERS_TIMEOUT_MS = 30_000;

/** Resolves once every partition of `topics` has a leader; throws the last error after `LEADERS_TIMEOUT_MS`. */
async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      if (found.length === topics.length && found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      if (Date.now() > deadline) throw new Error(`topics without leaders after ${LEADERS_TIMEOUT_MS} ms: ${topics.join(', ')}`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Creates every topic of the product from configuration (used by `npm start` before the apps start). */
export async function createTopics(
  env: Pick<
    Environment,
    'KAFKA_BROKERS' | 'KAFKA_TOPIC_PREFIX' | 'KAFKA_COMMAND_PARTITIONS' | 'KAFKA_EVENT_PARTITIONS' | 'KAFKA_REPLICATION_FACTOR'
  >,
): Promise<void> {
  const admin = new Kafka({ clientId: 'topic-provisioner', brokers: [...env.KAFKA_BROKERS], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await ensureTopics(admin, topicSpecs(env));
  } finally {
    await admin.disconnect();
  }
}
