import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { alertStreamId, type AlertRaisedV1, type OwnershipBasisV1 } from '@tm/domain';
import { readStream } from '@tm/event-store';
import { dataPath } from '@tm/screening';
import { transfer } from '@tm/testing';
import { ReviewAlertHandler } from '../../processor/src/sanctions/review-alert.handler';
import { ReviewAlertCommand } from '../../processor/src/sanctions/sanctions-commands';
import { submitExample, useScreeningStack } from './support';

interface AlertRow {
  alert_id: string;
  kind: string;
  entry_id: string;
  status: string;
  superseded_reason: string | null;
  trigger: string;
  basis: { ownership: OwnershipBasisV1 } | null;
}

const CST = 'NK-abdzbEBkqyT29GyREbiURZ'; // LLC CST: 51 % Zakharov, 49 % Kalashnikov Concern, directed by Abashkin
const ZAKHAROV = 'NK-aU5ybkbRFJucf8YMwsJvDw';
const ABASHKIN = 'NK-mCEmxFfuhfdjpC8gsxH74o';

/** A report whose one transfer names `name` as the Russian recipient company. */
const naming = (name: string) => ({
  source: { publisher: 'Analyst desk', title: `Components for ${name}`, publishedOn: '2024-06-01', sourceType: 'news' },
  sourceReliability: 'C',
  // A command carries the EDTF date only; the bounds are computed when the report is decided.
  claims: [{ ...transfer('t1', { recipient: { country: 'RU', entity: { name, type: 'company' } } }), date: { edtf: '2023-02' } }],
});

/**
 * Issue 17 part 1, end to end on real PostgreSQL and Kafka: the bundled OpenSanctions cluster imported as list data
 * (its Ownership and Directorship records as relations of the listed owners), reports screened by the screening app,
 * and the ownership alert re-decided on every list version: superseded when its listed owners are delisted, reopened
 * (the same alert) when they are listed again.
 */
describe('screening: ownership and control alerts (real PostgreSQL and Kafka)', () => {
  const stack = useScreeningStack('tm-ownership-', (importDir) => {
    const lines = readFileSync(dataPath('sanctions', 'opensanctions', 'zala-kalashnikov.entities.ftm.json'), 'utf8')
      .trim()
      .split('\n');
    writeFileSync(join(importDir, 'cluster.entities.ftm.json'), lines.join('\n') + '\n');
    // The same cluster with Zakharov and Abashkin delisted (their entities gone; their holdings go with them).
    const without = lines.filter((l) => ![ZAKHAROV, ABASHKIN].includes((JSON.parse(l) as { id: string }).id));
    writeFileSync(join(importDir, 'cluster-delisted.entities.ftm.json'), without.join('\n') + '\n');
    writeFileSync(join(importDir, 'cluster-again.entities.ftm.json'), lines.join('\n') + '\n\n');
  });
  let pool: Pool;
  beforeAll(() => {
    pool = stack.pool;
  });
  const settled = () => stack.apps.settled();
  const importVersion = (file: string) => stack.importVersion('opensanctions', [file]);
  const ownershipAlerts = async (reportId: string) =>
    (await pool.query<AlertRow>(`SELECT * FROM alerts WHERE report_id = $1 AND kind = 'ownership' ORDER BY entry_id`, [reportId])).rows;

  it('alerts a party owned ≥ 50 % by listed parties with the path and share; none through ended holdings; re-decided on list updates', async () => {
    await importVersion('cluster.entities.ftm.json');
    const cst = await submitExample(pool, naming('LLC CST'));
    const sps = await submitExample(pool, naming('ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "СПС"')); // 75 % Zakharov until 2022-11-22
    await settled();

    const [alert, ...more] = await ownershipAlerts(cst);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ kind: 'ownership', entry_id: `party:${CST}`, status: 'open', trigger: 'report-submitted' });
    expect(alert!.basis!.ownership).toMatchObject({ partyId: CST, aggregatedShare: 100, threshold: 50, grounds: ['owned', 'directed'] });
    expect(alert!.basis!.ownership.holders.map((h) => h.path)).toEqual([
      expect.stringMatching(/← 51 % ← Aleksandr Vyacheslavovich Zakharov \(opensanctions NK-aU5ybkbRFJucf8YMwsJvDw: /),
      expect.stringMatching(/← 49 % ← JSC NPO IZHMASH \(opensanctions NK-nR5AXM9AVPq4pQaSPSaVam[:)]/),
      expect.stringMatching(/← directed \(Leader or official of\) ← Aleksandr Vyacheslavovich Zakharov/),
      expect.stringMatching(/← directed \(ГЕНЕРАЛЬНЫЙ ДИРЕКТОР\) ← Abashkin Konstantin/),
    ]);
    // The event in the store carries the kind and the basis: the row is what the event says.
    const raised = (await readStream(pool, alertStreamId(alert!.alert_id))).events[0]!.payload as AlertRaisedV1;
    expect(raised).toMatchObject({ kind: 'ownership', ownership: alert!.basis!.ownership });
    // The name match of the listed LLC CST itself stands beside it, a separate alert.
    expect(
      (await pool.query(`SELECT 1 FROM alerts WHERE report_id = $1 AND kind = 'name-match' AND entry_id = $2`, [cst, CST])).rowCount,
    ).toBe(1);
    expect(await ownershipAlerts(sps)).toEqual([]);

    // Reviewed like any alert (the processor's review handler, on the alert's stream).
    const review = {
      id: randomUUID(),
      type: 'ReviewAlert',
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      correlationId: 'c',
      actor: 'analyst',
    };
    await new ReviewAlertHandler(pool).execute(
      new ReviewAlertCommand(review, { alertId: alert!.alert_id, status: 'confirmed', reason: 'CST is ZALA Aero’s parent (test)' }),
    );
    expect(await ownershipAlerts(cst)).toEqual([expect.objectContaining({ status: 'confirmed' })]);

    // Zakharov (51 %, director) and Abashkin (director) delisted: 49 % and no listed director left.
    await importVersion('cluster-delisted.entities.ftm.json');
    expect(await ownershipAlerts(cst)).toEqual([
      expect.objectContaining({ alert_id: alert!.alert_id, status: 'superseded', superseded_reason: 'entry-delisted' }),
    ]);

    // Listed again: the same alert is reopened with its review, never a second one.
    await importVersion('cluster-again.entities.ftm.json');
    expect(await ownershipAlerts(cst)).toEqual([expect.objectContaining({ alert_id: alert!.alert_id, status: 'confirmed' })]);
    expect((await readStream(pool, alertStreamId(alert!.alert_id))).events.map((e) => e.type)).toEqual([
      'AlertRaised',
      'AlertReviewed',
      'AlertSuperseded',
      'AlertReopened',
    ]);
  }, 180_000);
});
