import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { alertStreamId, foldAlert } from '@tm/domain';
import { readStream } from '@tm/event-store';
import { dataPath } from '@tm/screening';
import { alertStateOfRow, type AlertStateRow } from '../src/screening/alert-writer.service';
import { ReviewAlertHandler } from '../../processor/src/sanctions/review-alert.handler';
import { ReviewAlertCommand } from '../../processor/src/sanctions/sanctions-commands';
import { submitExample, useScreeningStack } from './support';

interface AlertRow {
  alert_id: string;
  report_id: string;
  entry_id: string;
  list_version: string;
  status: string;
  review_status: string | null;
  superseded_reason: string | null;
  trigger: string;
}

const PUTIN = '35096';
const LUKASHENKO = '9760';

/** A report whose one claim names Putin as a party (a new report id each call). */
const putinReport = (title: string) => ({
  source: { publisher: 'TASS', title, publishedOn: '2024-06-01', sourceType: 'news' },
  sourceReliability: 'C',
  claims: [
    {
      kind: 'diplomatic-event',
      claimId: 'talks',
      eventType: 'meeting',
      cameoCode: '040',
      participants: [
        { country: 'RU', role: 'host', entity: { name: 'Vladimir Putin', type: 'person' } },
        { country: 'CN', role: 'visitor' },
      ],
      credibility: 3,
    },
  ],
});

/**
 * Issue 14 item 1: an entry designated, delisted, then designated again. Every stored report naming it must end with
 * exactly one alert in force for it: the superseded one reopened (its stream keeps the history), or one raised anew
 * for a report posted while the entry was off the list; never two.
 */
describe('screening: a re-designation reopens what the delisting superseded (real PostgreSQL and Kafka)', () => {
  // Two entries of the 2024-05-03 SDN file: Putin and Lukashenko; the version between them lists Lukashenko only.
  const stack = useScreeningStack('tm-redesignation-', (importDir) => {
    const lines = readFileSync(dataPath('sanctions', 'ofac-sdn-2024-05-03', 'sdn.csv'), 'latin1').split('\n');
    const line = (id: string) => lines.find((l) => l.startsWith(`${id},`))!;
    for (const [folder, ids] of [
      ['with-putin', [LUKASHENKO, PUTIN]],
      ['without-putin', [LUKASHENKO]],
    ] as const) {
      mkdirSync(join(importDir, folder));
      writeFileSync(join(importDir, folder, 'sdn.csv'), ids.map(line).join('\n') + '\n', 'latin1');
    }
  });
  let pool: Pool;
  beforeAll(() => {
    pool = stack.pool;
  });

  const alertsOf = async (reportId: string) =>
    (
      await pool.query<AlertRow>('SELECT * FROM alerts WHERE report_id = $1 AND entry_id = $2 ORDER BY raised_at, alert_id', [
        reportId,
        PUTIN,
      ])
    ).rows;
  const settled = () => stack.apps.settled();
  const importVersion = (folder: string, version: string) => stack.importVersion('ofac-sdn', [folder], version);

  it('designated, delisted, designated again: one alert in force per report naming the entry, never two', async () => {
    await importVersion('with-putin', '2024-01-01');
    const early = await submitExample(pool, putinReport('Talks in Moscow'));
    const reviewed = await submitExample(pool, putinReport('Talks in Moscow, reviewed'));
    await settled();
    expect(await alertsOf(early)).toEqual([expect.objectContaining({ status: 'open', trigger: 'report-submitted' })]);
    const [confirmed] = await alertsOf(reviewed);
    const review = {
      id: randomUUID(),
      type: 'ReviewAlert',
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      correlationId: 'c',
      actor: 'analyst',
    };
    await new ReviewAlertHandler(pool).execute(
      new ReviewAlertCommand(review, { alertId: confirmed!.alert_id, status: 'confirmed', reason: 'the president (test)' }),
    );

    await importVersion('without-putin', '2024-02-01');
    expect(await alertsOf(early)).toEqual([expect.objectContaining({ status: 'superseded', superseded_reason: 'entry-delisted' })]);
    expect(await alertsOf(reviewed)).toEqual([expect.objectContaining({ status: 'superseded', review_status: 'confirmed' })]);
    const whileOff = await submitExample(pool, putinReport('Talks in Moscow, while delisted'));
    await settled();
    expect(await alertsOf(whileOff)).toEqual([]);

    await importVersion('with-putin', '2024-03-01');
    const [reopened, ...more] = await alertsOf(early);
    expect(more).toEqual([]);
    expect(reopened).toMatchObject({ status: 'open', superseded_reason: null, list_version: '2024-03-01' });
    const history = await readStream(pool, alertStreamId(reopened!.alert_id));
    expect(history.events.map((e) => e.type)).toEqual(['AlertRaised', 'AlertSuperseded', 'AlertReopened']);
    expect(history.events[2]!.payload).toMatchObject({
      alertId: reopened!.alert_id,
      trigger: 'list-updated',
      listVersion: '2024-03-01',
      lifts: 'entry-delisted',
    });
    // The analyst's review holds again with the alert.
    expect(await alertsOf(reviewed)).toEqual([
      expect.objectContaining({ alert_id: confirmed!.alert_id, status: 'confirmed', review_status: 'confirmed' }),
    ]);
    expect(await alertsOf(whileOff)).toEqual([expect.objectContaining({ status: 'open', trigger: 'list-updated' })]);

    // Screening the reports again (a redelivery, a later amendment of other entries) changes nothing.
    await importVersion('without-putin', '2024-04-01');
    await importVersion('with-putin', '2024-05-01');
    for (const reportId of [early, reviewed, whileOff]) {
      const rows = await alertsOf(reportId);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.status).not.toBe('superseded');
    }
    expect((await readStream(pool, alertStreamId(reopened!.alert_id))).events.map((e) => e.type)).toEqual([
      'AlertRaised',
      'AlertSuperseded',
      'AlertReopened',
      'AlertSuperseded',
      'AlertReopened',
    ]);

    // Each alert's row holds its stream's fold at the stream's version: what the writer decides on.
    const { rows } = await pool.query<AlertStateRow & { alert_id: string }>(
      'SELECT alert_id, status, review_status, superseded_reason, version FROM alerts',
    );
    for (const row of rows) {
      const stream = await readStream(pool, alertStreamId(row.alert_id));
      expect([row.version, alertStateOfRow(row)]).toEqual([stream.version, foldAlert(stream.events)]);
    }
  }, 120_000);
});
