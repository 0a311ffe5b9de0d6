import type { Environment } from '@tm/platform';

/** Names of the topics every app shares; each has a dead-letter topic (`…dlt`) for poison messages. */
export interface TopicNames {
  /** Commands from the API to the processor, keyed by aggregate id. */
  commands: string;
  commandsDeadLetter: string;
  /** Stored events published by the outbox relay in global order, keyed by stream id. */
  events: string;
  eventsDeadLetter: string;
}

export function topicNames(prefix: string): TopicNames {
  return {
    commands: `${prefix}commands`,
    commandsDeadLetter: `${prefix}commands.dlt`,
    events: `${prefix}events`,
    eventsDeadLetter: `${prefix}events.dlt`,
  };
}

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
  configEntries?: { name: string; value: string }[];
}

/** Partition counts and retention of every topic, from configuration. */
export function topicSpecs(
  env: Pick<Environment, 'KAFKA_TOPIC_PREFIX' | 'KAFKA_COMMAND_PARTITIONS' | 'KAFKA_EVENT_PARTITIONS' | 'KAFKA_REPLICATION_FACTOR'>,
): TopicSpec[] {
  const names = topicNames(env.KAFKA_TOPIC_PREFIX);
  const replicationFactor = env.KAFKA_REPLICATION_FACTOR;
  // Room for the largest command the API accepts (its body limit) with headers.
  const large = { name: 'max.message.bytes', value: String(8 * 1024 * 1024) };
  // Dead letters are kept for 30 days: long enough for an operator to inspect and replay them.
  const deadLetterRetention = [{ name: 'retention.ms', value: String(30 * 24 * 3600 * 1000) }, large];
  return [
    { topic: names.commands, numPartitions: env.KAFKA_COMMAND_PARTITIONS, replicationFactor, configEntries: [large] },
    { topic: names.commandsDeadLetter, numPartitions: 1, replicationFactor, configEntries: deadLetterRetention },
    { topic: names.events, numPartitions: env.KAFKA_EVENT_PARTITIONS, replicationFactor, configEntries: [large] },
    { topic: names.eventsDeadLetter, numPartitions: 1, replicationFactor, configEntries: deadLetterRetention },
  ];
}
