import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Pool } from 'pg';
import { createPgPool } from '@tm/database';
import {
  checkReportCommand,
  decide,
  initialReportState,
  REPORT_STREAM_TYPE,
  reportStreamId,
  SubmitReportDto,
  type ReportCommand,
} from '@tm/domain';
import { appendToStream, inTransaction, readStream } from '@tm/event-store';
import { activeProjectionVersion, ProjectionRuleError, projectLiveEvent, readReportView } from '@tm/read-models';
import { createTestDatabase, type TestDatabase } from '@tm/testing';
import { answer, json, nearly, submitBody } from './report-bodies';

/**
 * The property of accepted-is-stored.unit.spec.ts through real PostgreSQL: generated bodies the API accepts are
 * stored in the event store and projected into the read models without a refusal (no dead letter), the report view
 * reading back as sent; events stored before the report schema refused them (a year-0 publication, a bare 12345
 * dated 1970) are refused by the projection, not written.
 */
describe('accepted reports are projected into PostgreSQL as sent (generated bodies)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let schema: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPgPool(database.url, 2);
    schema = (await activeProjectionVersion(pool)).schemaName;
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  async function store(reportId: string, payload: unknown) {
    const [event] = decide({ type: 'SubmitReport', payload } as ReportCommand, initialReportState);
    await inTransaction(pool, (client) => appendToStream(client, reportStreamId(reportId), REPORT_STREAM_TYPE, 'no-stream', [event]));
    return (await readStream(pool, reportStreamId(reportId))).events[0];
  }

  it('stores and projects every accepted body; its report view reads back as sent', async () => {
    const bodies = fc.sample(nearly(submitBody), { numRuns: 1500, seed: 13 });
    let accepted = 0;
    for (const body of bodies) {
      const result = await answer(SubmitReportDto, body);
      if (!('dto' in result)) continue;
      accepted += 1;
      const dto = result.dto;
      const reportId = randomUUID();
      const payload = json({
        reportId,
        source: dto.source,
        sourceReliability: dto.sourceReliability,
        ...(dto.text ? { text: dto.text } : {}),
        claims: dto.claims,
      });
      expect(checkReportCommand('SubmitReport', payload)).toEqual([]);
      await projectLiveEvent(pool, await store(reportId, payload));
      const { rows } = await pool.query<{ published_on: string | null }>(
        `SELECT published_on::text FROM ${schema}.report_views WHERE report_id = $1`,
        [reportId],
      );
      const view = (await readReportView(pool, schema, reportId))!;
      const sent = json(body) as { source: { publishedOn: string }; claims: { claimId: string }[] };
      expect(rows).toHaveLength(1);
      expect(view.source).toEqual(sent.source);
      expect(rows[0].published_on).toBe(/^\d{4}-\d{2}-\d{2}$/.test(sent.source.publishedOn) ? sent.source.publishedOn : null);
      expect(view.claims.map((c) => c.claim.claimId)).toEqual(sent.claims.map((c) => c.claimId));
    }
    expect(accepted).toBeGreaterThan(100);
  }, 600_000);

  it('refuses events stored before the schema refused them (year 0, a bare 12345), writing nothing', async () => {
    const source = { publisher: 'P', title: 'T', publishedOn: '2023-02-23', sourceType: 'news' };
    const claim = {
      kind: 'diplomatic-event',
      claimId: 'd1',
      eventType: 'visit',
      participants: [{ country: 'BY', role: 'visitor' }],
      credibility: 2,
    };
    const yearZero = randomUUID();
    const unixTime = randomUUID();
    const legacy = [
      [yearZero, { reportId: yearZero, source: { ...source, publishedOn: '0000-01-01' }, sourceReliability: 'B', claims: [claim] }],
      [
        unixTime,
        {
          reportId: unixTime,
          source,
          sourceReliability: 'B',
          claims: [{ ...claim, cameoCode: '042', date: { edtf: '12345', earliest: '1970-01-01', latest: '1970-01-01', precision: 'day' } }],
        },
      ],
    ] as const;
    for (const [reportId, payload] of legacy) {
      // Appended as the processor did before the bounds (decide would now refuse them).
      await inTransaction(pool, (client) =>
        appendToStream(client, reportStreamId(reportId), REPORT_STREAM_TYPE, 'no-stream', [
          { type: 'ReportSubmitted', schemaVersion: 1, payload },
        ]),
      );
      const [event] = (await readStream(pool, reportStreamId(reportId))).events;
      await expect(projectLiveEvent(pool, event)).rejects.toThrow(ProjectionRuleError);
      expect((await pool.query(`SELECT 1 FROM ${schema}.report_views WHERE report_id = $1`, [reportId])).rowCount).toBe(0);
    }
  });
});
