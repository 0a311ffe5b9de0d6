import { readFileSync } from 'node:fs';
import { dataPath } from '../data-path';
import { parseOfacCsv } from './ofac-csv';
import { identifiersFromRemarks } from './ofac-remarks';

describe('OFAC remarks: organisation identifiers (front companies)', () => {
  it('reads type, value and country, and nothing from other remarks', () => {
    expect(
      identifiersFromRemarks(
        'Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201; Tax ID No. 7718989383 (Russia); Registration Number 1147746803049 (Russia).',
      ),
    ).toEqual([
      { type: 'Tax ID No.', value: '7718989383', country: 'Russia' },
      { type: 'Registration Number', value: '1147746803049', country: 'Russia' },
    ]);
    expect(identifiersFromRemarks('Tax ID No. AABA 670850 Y.')).toEqual([{ type: 'Tax ID No.', value: 'AABA 670850 Y' }]);
    expect(identifiersFromRemarks('DOB 1950; POB Moscow')).toEqual([]);
  });

  it('finds 7,454 identifiers on 4,488 entries of the 2024-05-03 SDN (README), and addresses from add.csv', () => {
    const sdn = readFileSync(dataPath('sanctions', 'ofac-sdn-2024-05-03', 'sdn.csv'));
    const { entries } = parseOfacCsv({ primary: sdn }, { version: '2024-05-03' });
    const found = entries.map((e) => identifiersFromRemarks(e.remarks)).filter((ids) => ids.length);
    expect([found.length, found.flat().length]).toEqual([4488, 7454]);
    const withAddresses = parseOfacCsv(
      { primary: sdn, add: readFileSync(dataPath('sanctions', 'ofac-aliases-addresses-2025-12', 'add.csv')) },
      { version: '2024-05-03' },
    ).entries.find((e) => e.entryId === '16807');
    expect(withAddresses?.addresses).toEqual([
      'Petrogradskaya Nab 18 A, Saint Petersburg, Russia',
      '31/1 Mayakovskogo, Saint Petersburg 191014, Russia',
    ]);
  });
});
