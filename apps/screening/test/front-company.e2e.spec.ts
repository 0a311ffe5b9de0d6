import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { alertStreamId, type AlertRaisedV1, type FrontCompanyBasisV1, type MisdeclaredGoodsBasisV1, type ReportCommand } from '@tm/domain';
import { readStream } from '@tm/event-store';
import { dataPath } from '@tm/screening';
import { transfer } from '@tm/testing';
import { runReportCommand, submitExample, useScreeningStack } from './support';

interface AlertRow {
  alert_id: string;
  kind: string;
  entry_id: string;
  location: string;
  status: string;
  superseded_reason: string | null;
  score: number;
  basis: { frontCompany?: FrontCompanyBasisV1; misdeclared?: MisdeclaredGoodsBasisV1 } | null;
}

/** Three rows of OFAC's SDN (2024-05-03) with their addresses and aliases (2025-12): organisation ids in remarks. */
const VOLGA = '16806'; // OOO VOLGA GROUP: Tax ID No. 7718989383 (Russia); Begovaya St., Dom 3, Str. 1, Moscow 12528
const TRANSOIL = '16807'; // OOO TRANSOIL: Petrogradskaya Nab 18 A, Saint Petersburg
const OFAC_ROWS = [VOLGA, TRANSOIL, '16862'];

const report = (claims: unknown[]) => ({
  source: { publisher: 'Analyst desk', title: 'Belarusian intermediaries', publishedOn: '2024-06-01', sourceType: 'news' },
  sourceReliability: 'C',
  claims,
});
/** A transfer whose Belarusian intermediary is `entity`. */
const via = (claimId: string, entity: Record<string, unknown>) => ({
  ...transfer(claimId, { intermediaries: [{ country: 'BY', entity: { type: 'company', ...entity } as never }] }),
  date: { edtf: '2023-02' },
});

/**
 * Issue 17 part 3, end to end on real PostgreSQL and Kafka: OFAC rows imported as list data (identifiers from the
 * remarks, addresses from add.csv), reports screened by the screening app: front companies (a shared identifier, a
 * shared address, a close name in another country — and an exact name in another country raising the name alert
 * only), re-decided on list versions (superseded by a delisting, the same alert reopened by a re-listing, the others
 * left as they are: no new event); misdeclared goods (the article's Su-27 parts under civil-aviation papers),
 * superseded when an amendment drops the declaration.
 */
describe('screening: front-company and misdeclared-goods alerts (real PostgreSQL and Kafka)', () => {
  const stack = useScreeningStack('tm-front-', (importDir) => {
    const pick = (file: string, rows: string[]) =>
      readFileSync(file, 'latin1')
        .split('\n')
        .filter((l) => rows.includes(l.split(',')[0]!))
        .join('\n') + '\n';
    for (const [folder, rows] of [
      ['all', OFAC_ROWS],
      ['delisted', OFAC_ROWS.filter((r) => r !== VOLGA)],
      ['again', OFAC_ROWS],
    ] as const) {
      mkdirSync(join(importDir, folder));
      writeFileSync(join(importDir, folder, 'sdn.csv'), pick(dataPath('sanctions', 'ofac-sdn-2024-05-03', 'sdn.csv'), [...rows]), 'latin1');
      for (const f of ['add.csv', 'alt.csv'])
        writeFileSync(join(importDir, folder, f), pick(dataPath('sanctions', 'ofac-aliases-addresses-2025-12', f), [...rows]), 'latin1');
    }
  });
  let pool: Pool;
  beforeAll(() => {
    pool = stack.pool;
  });

  const importVersion = (folder: string, version: string) =>
    stack.importVersion('ofac-sdn', [join(folder, 'sdn.csv'), join(folder, 'add.csv'), join(folder, 'alt.csv')], version);
  const alerts = async (reportId: string, kind: string) =>
    (await pool.query<AlertRow>(`SELECT * FROM alerts WHERE report_id = $1 AND kind = $2 ORDER BY entry_id, location`, [reportId, kind]))
      .rows;
  const events = async (alertId: string) => (await readStream(pool, alertStreamId(alertId))).events.map((e) => e.type);

  it('alerts a shared identifier, a shared address and a close name in another country; one alert, never two, for an exact name', async () => {
    await importVersion('all', '2024-05-03');
    const byId = await submitExample(pool, report([via('t1', { name: 'Belvneshtorg Trade LLC', identifiers: { inn: '77-18989383' } })]));
    const byAddress = await submitExample(
      pool,
      report([via('t1', { name: 'Baltic Fuel Logistics', address: 'Russia, Saint Petersburg, Petrogradskaya nab. 18 A' })]),
    );
    const byName = await submitExample(pool, report([via('t1', { name: 'OOO VOLHA GROUP' })]));
    const exact = await submitExample(pool, report([via('t1', { name: 'OOO TRANSOIL' })]));
    const unrelated = await submitExample(pool, report([via('t1', { name: 'Minsk Tractor Works', identifiers: { unp: '100010078' } })]));
    await stack.apps.settled();

    const [id, ...moreId] = await alerts(byId, 'front-company');
    expect(moreId).toEqual([]);
    expect(id).toMatchObject({ entry_id: VOLGA, location: 'claims[t1].intermediaries[0].entity', status: 'open', score: 1 });
    expect(id!.basis!.frontCompany).toMatchObject({
      partyCountry: 'BY',
      entryName: 'OOO VOLGA GROUP',
      entryCountries: ['RU'],
      otherCountry: true,
      shared: [{ kind: 'identifier', value: '7718989383', partyScheme: 'inn', listScheme: 'Tax ID No.' }],
    });
    expect(id!.basis!.frontCompany!.programs).toContain('RUSSIA-EO14024');
    // The event in the store carries the kind and the basis: the row is what the event says.
    const raised = (await readStream(pool, alertStreamId(id!.alert_id))).events[0]!.payload as AlertRaisedV1;
    expect(raised).toMatchObject({ kind: 'front-company', frontCompany: id!.basis!.frontCompany });

    expect((await alerts(byAddress, 'front-company')).map((a) => [a.entry_id, a.basis!.frontCompany!.shared])).toEqual([
      [
        TRANSOIL,
        [
          {
            kind: 'address',
            partyAddress: 'Russia, Saint Petersburg, Petrogradskaya nab. 18 A',
            listAddress: 'Petrogradskaya Nab 18 A, Saint Petersburg, Russia',
          },
        ],
      ],
    ]);
    // "Volha" is the Belarusian "Volga": 0.889 before the other-country factor, 0.845 after it — no name alert, a front-company one.
    const [close] = await alerts(byName, 'front-company');
    expect(close!.basis!.frontCompany!.shared).toEqual([
      { kind: 'close-name', score: expect.closeTo(0.8445, 3), scoreBeforeCountry: expect.closeTo(0.8889, 3) },
    ]);
    expect(await alerts(byName, 'name-match')).toEqual([]);
    // The listed name in another country scores 0.95 after the factor: the name alert, and no front-company alert beside it.
    expect((await alerts(exact, 'name-match')).map((a) => a.entry_id)).toEqual([TRANSOIL]);
    expect(await alerts(exact, 'front-company')).toEqual([]);
    expect(await alerts(unrelated, 'front-company')).toEqual([]);

    // OOO VOLGA GROUP delisted: its front-company alerts are superseded; the others are left as they are.
    await importVersion('delisted', '2024-06-01');
    expect(await alerts(byId, 'front-company')).toEqual([
      expect.objectContaining({ alert_id: id!.alert_id, status: 'superseded', superseded_reason: 'entry-delisted' }),
    ]);
    expect(await alerts(byName, 'front-company')).toEqual([expect.objectContaining({ status: 'superseded' })]);
    expect((await alerts(byAddress, 'front-company'))[0]).toMatchObject({ status: 'open' });

    // Listed again: every stored report decided again gives the same alerts — the same one reopened, no other event.
    await importVersion('again', '2024-07-01');
    expect(await alerts(byId, 'front-company')).toEqual([expect.objectContaining({ alert_id: id!.alert_id, status: 'open' })]);
    expect(await events(id!.alert_id)).toEqual(['AlertRaised', 'AlertSuperseded', 'AlertReopened']);
    expect(await events((await alerts(byAddress, 'front-company'))[0]!.alert_id)).toEqual(['AlertRaised']);
    expect(await alerts(exact, 'front-company')).toEqual([]);
  }, 240_000);

  it("alerts the article's Su-27 parts declared as civil-aviation spares; an amendment dropping the declaration supersedes it", async () => {
    const su27 = {
      ...transfer('t1', {
        supplier: { country: 'CN' },
        recipient: { country: 'BY' },
        assistanceType: 'dual-use',
        item: {
          description: 'spare parts for Su-27 fighter aircraft',
          designation: 'Su-27',
          sipriCategory: 'Aircraft',
          euMilitaryListCategory: 'ML10',
          declaredAs: 'civil-aviation',
        },
      }),
      date: { edtf: '2023' },
    };
    const civil = {
      ...transfer('t2', { assistanceType: 'economic', item: { description: 'tractor parts', hsCode: '870899', declaredAs: 'civilian' } }),
      date: { edtf: '2023' },
    };
    const reportId = await submitExample(pool, report([su27, civil]));
    await stack.apps.settled();
    const [alert, ...more] = await alerts(reportId, 'misdeclared-goods');
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ entry_id: 'misdeclared:t1', location: 'claims[t1].item', status: 'open' });
    expect(alert!.basis!.misdeclared).toMatchObject({ declaredAs: 'civil-aviation', signals: ['eu-military-list:ML10', 'sipri:Aircraft'] });

    const { declaredAs: _dropped, ...item } = su27.item;
    await runReportCommand(pool, {
      type: 'AmendClaim',
      payload: { reportId, claim: { ...su27, item }, reason: 'papers not seen' },
    } as ReportCommand);
    await stack.apps.settled();
    expect(await alerts(reportId, 'misdeclared-goods')).toEqual([
      expect.objectContaining({ status: 'superseded', superseded_reason: 'report-amended' }),
    ]);
  }, 120_000);
});
