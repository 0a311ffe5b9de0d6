import type { Admin } from 'kafkajs';

/** Messages of `topic` the consumer group `groupId` has not committed yet, summed over partitions (0 when caught up). */
export async function consumerLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const ends = await admin.fetchTopicOffsets(topic);
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return ends.reduce((sum, p) => {
    const c = committed?.partitions.find((x) => x.partition === p.partition);
    return sum + Math.max(0, Number(p.offset) - Math.max(0, Number(c?.offset ?? 0)));
  }, 0);
}
