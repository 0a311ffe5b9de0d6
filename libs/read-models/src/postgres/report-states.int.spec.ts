import pino from 'pino';
import type { ReportEvent } from '@tm/domain';
import { appendNewReport, diplomatic, evidence, readableEvents, source, transfer, useTestDatabase } from '@tm/testing';
import { applyReportEvent, type ReportState } from '../fold/report-state';
import { readReportView } from '../queries/report-views';
import { projectLiveEvents } from './live-projection';
import { activeProjectionVersion } from './projection-versions';
import { RebuildService } from './rebuild';

describe('report views stored without their claims (claim_states holds them), read whole', () => {
  const db = useTestDatabase();
  const reportId = 'order-1';
  // Claim ids out of alphabetical order, so that the order they are read back in is the report's, not the table's.
  const events: ReportEvent[] = [
    {
      type: 'ReportSubmitted',
      payload: {
        reportId,
        source: source('P'),
        sourceReliability: 'B',
        claims: [transfer('z9'), diplomatic('a1'), transfer('m5', { supplier: { country: 'BY' } })],
      },
    },
    { type: 'EvidenceAdded', payload: { reportId, evidence: evidence('a1', 'denies', 'O1', 2) } },
  ];
  let expected: ReportState;

  beforeAll(async () => {
    await appendNewReport(db.pool, reportId, events);
    const stored = await readableEvents(db.pool);
    expected = JSON.parse(
      JSON.stringify(
        stored.reduce<ReportState | undefined>(
          (state, e) =>
            applyReportEvent(state, {
              type: e.type,
              payload: e.payload,
              version: e.version,
              globalPosition: e.globalPosition,
              recordedAt: e.recordedAt,
            }),
          undefined,
        ),
      ),
    ) as ReportState;
    expect(await projectLiveEvents(db.pool, stored)).toBe(stored.length);
  });

  it('stores the report without its claims, with their ids in order, and reads it back equal to the fold', async () => {
    const schema = (await activeProjectionVersion(db.pool)).schemaName;
    const { rows } = await db.pool.query<{ state: Record<string, unknown>; claim_count: number }>(
      `SELECT state, claim_count FROM ${schema}.report_views WHERE report_id = $1`,
      [reportId],
    );
    expect(rows[0]!.state).not.toHaveProperty('claims');
    expect(rows[0]!.state.claimIds).toEqual(['z9', 'a1', 'm5']);
    expect(rows[0]!.claim_count).toBe(3);
    const view = await readReportView(db.pool, schema, reportId);
    expect(view).toEqual(expected);
    expect(view!.claims.map((c) => c.claimId)).toEqual(['z9', 'a1', 'm5']);
  });

  it('reads a row written while views held their claims as it is', async () => {
    const schema = (await activeProjectionVersion(db.pool)).schemaName;
    const old = { ...expected, claims: expected.claims.map((c) => ({ ...c, credibility: 1 })) };
    await db.pool.query(`UPDATE ${schema}.report_views SET state = $2 WHERE report_id = $1`, [reportId, JSON.stringify(old)]);
    expect(await readReportView(db.pool, schema, reportId)).toEqual(old);
  });

  it('a rebuild stores and reads them the same way', async () => {
    await new RebuildService(db.pool, pino({ level: 'silent' })).rebuild({ batchSize: 1 });
    const schema = (await activeProjectionVersion(db.pool)).schemaName;
    const { rows } = await db.pool.query<{ state: Record<string, unknown> }>(
      `SELECT state FROM ${schema}.report_views WHERE report_id = $1`,
      [reportId],
    );
    expect(rows[0]!.state).not.toHaveProperty('claims');
    expect(await readReportView(db.pool, schema, reportId)).toEqual(expected);
  });
});
