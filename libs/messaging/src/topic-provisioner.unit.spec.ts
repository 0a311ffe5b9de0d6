import type { Admin } from 'kafkajs';
import { ensureTopics } from './topic-provisioner';

/**
 * The race a real broker shows only now and then (several apps provisioning one fresh broker): `createTopics` fails
 * with UNKNOWN_TOPIC_OR_PARTITION while the topic it created gets its leaders. A stub admin plays it on demand; the
 * provisioning itself is tested against a real broker in kafka.int.
 */
describe('ensureTopics', () => {
  const spec = { topic: 't.events', numPartitions: 2, replicationFactor: 1 };
  const protocolError = (type: string) => Object.assign(new Error(type), { type });
  const stubAdmin = (createError: Error, metadataAnswers: Array<Array<{ leader: number }>>) => {
    let calls = 0;
    const admin = {
      listTopics: () => Promise.resolve([]),
      createTopics: () => Promise.reject(createError),
      fetchTopicMetadata: () => {
        const partitions = metadataAnswers[Math.min(calls++, metadataAnswers.length - 1)]!;
        return Promise.resolve({ topics: [{ name: spec.topic, partitions }] });
      },
    };
    return { admin: admin as unknown as Admin, metadataCalls: () => calls };
  };

  it('waits for the leaders of a topic the broker calls unknown just after creating it', async () => {
    const { admin, metadataCalls } = stubAdmin(protocolError('UNKNOWN_TOPIC_OR_PARTITION'), [
      [],
      [{ leader: -1 }, { leader: 1 }],
      [{ leader: 1 }, { leader: 1 }],
    ]);
    await expect(ensureTopics(admin, [spec])).resolves.toBeUndefined();
    expect(metadataCalls()).toBe(3);
  });

  it('passes any other error on', async () => {
    const { admin, metadataCalls } = stubAdmin(protocolError('TOPIC_AUTHORIZATION_FAILED'), [[{ leader: 1 }]]);
    await expect(ensureTopics(admin, [spec])).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED');
    expect(metadataCalls()).toBe(0);
  });
});
