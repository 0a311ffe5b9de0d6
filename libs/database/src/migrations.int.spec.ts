import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '@tm/testing';
import { runMigrations } from './migrations';

describe('migrations on a real PostgreSQL', () => {
  const db = useTestDatabase();

  it('are already applied, so running them again applies nothing', async () => {
    await expect(runMigrations(db.url)).resolves.toEqual([]);
  });

  it('create an event store that writes and reads back an event', async () => {
    const eventId = randomUUID();
    await db.pool.query(`INSERT INTO streams (stream_id, stream_type, version) VALUES ('report-1', 'report', 1)`);
    await db.pool.query(
      `INSERT INTO events (event_id, stream_id, stream_type, version, event_type, schema_version, payload) VALUES ($1, 'report-1', 'report', 1, 'ReportSubmitted', 1, $2)`,
      [eventId, { title: 'Calling for Peace in Ukraine' }],
    );
    const { rows } = await db.pool.query(
      `SELECT event_id, payload, transaction_id::text AS xid, global_position FROM events WHERE stream_id = 'report-1'`,
    );
    expect(rows).toEqual([
      { event_id: eventId, payload: { title: 'Calling for Peace in Ukraine' }, xid: expect.stringMatching(/^\d+$/), global_position: '1' },
    ]);
  });

  it('refuses to change or delete a stored event', async () => {
    await expect(db.pool.query(`UPDATE events SET event_type = 'Tampered'`)).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`DELETE FROM events`)).rejects.toThrow(/append-only/);
  });

  it('refuses a second event with the same stream version', async () => {
    await expect(
      db.pool.query(
        `INSERT INTO events (event_id, stream_id, stream_type, version, event_type, schema_version, payload) VALUES ($1, 'report-1', 'report', 1, 'ReportSubmitted', 1, '{}')`,
        [randomUUID()],
      ),
    ).rejects.toThrow(/duplicate key/);
  });
});
