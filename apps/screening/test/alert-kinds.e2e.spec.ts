import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath } from '@tm/screening';
import { transfer } from '@tm/testing';
import { alertKindsOf } from '../src/screening/screening.handler';
import { submitExample, useScreeningStack } from './support';

/** A report whose dated transfer names `name` as the Russian recipient company (ownership: LLC CST is 100 % held). */
const naming = (name: string) => ({
  source: { publisher: 'Analyst desk', title: `Components for ${name}`, publishedOn: '2024-06-01', sourceType: 'news' },
  sourceReliability: 'C',
  claims: [{ ...transfer('t1', { recipient: { country: 'RU', entity: { name, type: 'company' } } }), date: { edtf: '2023-02' } }],
});

/**
 * `SCREENING_ALERT_KINDS` (README, configuration): the screening app decides only the kinds listed. With `name-match`
 * alone, the report naming LLC CST (listed itself, and owned by listed parties) raises its name match and no ownership
 * alert, and no transfer leg is kept for the diversion rule.
 */
describe('screening: only the alert kinds of SCREENING_ALERT_KINDS are decided (real PostgreSQL and Kafka)', () => {
  const stack = useScreeningStack(
    'tm-alert-kinds-',
    (importDir) =>
      writeFileSync(
        join(importDir, 'cluster.entities.ftm.json'),
        readFileSync(dataPath('sanctions', 'opensanctions', 'zala-kalashnikov.entities.ftm.json'), 'utf8'),
      ),
    { SCREENING_ALERT_KINDS: 'name-match' },
  );

  it('raises the name match and nothing of the kinds left out', async () => {
    await stack.importVersion('opensanctions', ['cluster.entities.ftm.json']);
    const reportId = await submitExample(stack.pool, naming('LLC CST'));
    await stack.apps.settled();
    const { rows } = await stack.pool.query<{ kind: string }>('SELECT kind FROM alerts WHERE report_id = $1', [reportId]);
    expect(rows.map((r) => r.kind)).toEqual(['name-match']);
    expect((await stack.pool.query('SELECT 1 FROM diversion_legs')).rowCount).toBe(0);
  }, 120_000);

  it('refuses a word that is no alert kind, naming it', () => {
    expect(() => alertKindsOf(['name-match', 'ownershp'])).toThrow(/"ownershp" is no alert kind \(one of name-match, ownership/);
  });
});
