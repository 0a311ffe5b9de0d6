import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { alertStreamId, type DiversionBasisV1 } from '@tm/domain';
import { readStream } from '@tm/event-store';
import { dataPath } from '@tm/screening';
import { transfer } from '@tm/testing';
import { DiversionService } from '../src/screening/diversion.service';
import { submitExample, useScreeningStack } from './support';

interface AlertRow {
  alert_id: string;
  report_id: string;
  claim_id: string;
  kind: string;
  status: string;
  programs: string[];
  countries: string[];
  basis: { diversion: DiversionBasisV1 };
}

/** A report of one transfer of `hsCode` from `from` to `to` in `edtf`. */
const flow = (from: string, to: string, hsCode: string, edtf: string) => ({
  source: { publisher: 'Analyst desk', title: `${from} to ${to}, ${hsCode}, ${edtf}`, publishedOn: '2024-06-01', sourceType: 'news' },
  sourceReliability: 'C',
  claims: [
    {
      ...transfer(`${from.toLowerCase()}-${to.toLowerCase()}`, {
        supplier: { country: from as 'CN' },
        recipient: { country: to as 'RU' },
        assistanceType: 'dual-use',
        item: { description: 'radio navigation receivers', hsCode },
      }),
      date: { edtf },
    },
  ],
});

/**
 * Issue 17 part 2, end to end on real PostgreSQL and Kafka: the article's pattern (CN → BY, then BY → RU of the same
 * HS-6 code) raises exactly one possible-diversion alert citing both claims, whichever report arrives first; a
 * transfer outside the window or to a country no program targets raises none; a rebuild of the legs from the event
 * store gives the same alerts. The targeted countries come from the imported list (Putin under RUSSIA-EO14024 for RU,
 * Lukashenko under BELARUS for BY; one entry suffices here: DIVERSION_PROGRAM_MIN_ENTRIES=1).
 */
describe('screening: possible-diversion alerts (real PostgreSQL and Kafka)', () => {
  const stack = useScreeningStack(
    'tm-diversion-',
    (importDir) => {
      const rows = (file: string) => readFileSync(file, 'latin1').split('\n');
      const pick = (lines: string[]) => lines.filter((l) => /^(9760|35096),/.test(l)).join('\n') + '\n';
      writeFileSync(join(importDir, 'sdn.csv'), pick(rows(dataPath('sanctions', 'ofac-sdn-2024-05-03', 'sdn.csv'))), 'latin1');
      writeFileSync(join(importDir, 'add.csv'), pick(rows(dataPath('sanctions', 'ofac-aliases-addresses-2025-12', 'add.csv'))), 'latin1');
    },
    { DIVERSION_PROGRAM_MIN_ENTRIES: '1', DIVERSION_WINDOW_DAYS: '180' },
  );
  let pool: Pool;
  const settled = () => stack.apps.settled();
  const diversionAlerts = async () =>
    (await pool.query<AlertRow>(`SELECT * FROM alerts WHERE kind = 'possible-diversion' ORDER BY alert_id`)).rows;

  beforeAll(async () => {
    pool = stack.pool;
    await stack.importVersion('ofac-sdn', ['sdn.csv', 'add.csv'], '2024-05-03');
  }, 90_000);

  it('raises exactly one alert citing both claims, whichever arrives first, and none outside the window or the targets', async () => {
    // In order: CN → BY in January, BY → RU in March (HS 852691).
    const inOrder = [
      await submitExample(pool, flow('CN', 'BY', '852691', '2023-01')),
      await submitExample(pool, flow('BY', 'RU', '852691', '2023-03')),
    ];
    // Reversed: BY → RU reported first (HS 880730), CN → BY afterwards.
    const onwardFirst = await submitExample(pool, flow('BY', 'RU', '880730', '2023-06'));
    const firstLater = await submitExample(pool, flow('CN', 'BY', '880730', '2023-05'));
    // Not: a year after (window 180 days), to Kazakhstan (no program targets KZ), a different HS-6 code.
    await submitExample(pool, flow('BY', 'RU', '852691', '2024-03'));
    await submitExample(pool, flow('BY', 'KZ', '852691', '2023-02'));
    await submitExample(pool, flow('BY', 'RU', '850440', '2023-02'));
    await settled();

    const alerts = await diversionAlerts();
    expect(alerts).toHaveLength(2);
    const byCategory = new Map(alerts.map((a) => [a.basis.diversion.category, a]));
    for (const [category, [first, onward]] of [
      ['hs6:852691', inOrder],
      ['hs6:880730', [firstLater, onwardFirst]],
    ] as const) {
      const alert = byCategory.get(category)!;
      expect(alert).toMatchObject({
        kind: 'possible-diversion',
        status: 'open',
        report_id: onward,
        programs: ['RUSSIA-EO14024'],
        countries: ['BY', 'CN', 'RU'],
      });
      expect(alert.basis.diversion).toMatchObject({ path: 'CN → BY → RU', windowDays: 180 });
      expect(alert.basis.diversion.claims.map((c) => [c.role, c.reportId])).toEqual([
        ['first', first],
        ['onward', onward],
      ]);
      expect(alert.basis.diversion.notes.join('\n')).toMatch(
        /RU is the target of RUSSIA-EO14024 \(ofac-sdn\): 1 of the program's 1 entry countries \(100 %\); BY is not/,
      );
    }

    // A rebuild of the legs from the event store decides the same diversions: no new alert, no new event.
    expect(await stack.apps.screening.get(DiversionService).rebuild({ correlationId: 'test-rebuild' })).toEqual({ legs: 7, diversions: 2, surges: 0 });
    expect((await diversionAlerts()).map((a) => a.alert_id)).toEqual(alerts.map((a) => a.alert_id));
    for (const a of alerts) expect((await readStream(pool, alertStreamId(a.alert_id))).events.map((e) => e.type)).toEqual(['AlertRaised']);
  }, 120_000);
});
