import { frontCompanyEntry, type FrontCompanySource } from './screen-front-company';

const company: FrontCompanySource = {
  listId: 'ofac-sdn',
  entryId: '1',
  schema: 'Organization',
  primaryName: 'OOO ROMASHKA',
  countries: ['RU'],
  programs: ['RUSSIA-EO14024'],
};

describe('frontCompanyEntry: a listed entry as the front-company index holds it', () => {
  it('keeps a company with identifiers (the list’s, then those in remarks, as type and value) or addresses', () => {
    const entry = frontCompanyEntry(
      {
        ...company,
        identifiers: [{ type: 'Registration Number', value: '1027700000000', country: 'RU' } as { type: string; value: string }],
        remarks: 'Tax ID No. 7826001547 (Russia).',
      },
      '2024-01-01',
    );
    expect(entry).toEqual({
      listId: 'ofac-sdn',
      entryId: '1',
      name: 'OOO ROMASHKA',
      countries: ['RU'],
      programs: ['RUSSIA-EO14024'],
      identifiers: [
        { type: 'Registration Number', value: '1027700000000' },
        { type: 'Tax ID No.', value: '7826001547' },
      ],
      addresses: [],
      listVersion: '2024-01-01',
    });
    expect(frontCompanyEntry({ ...company, addresses: ['1 Main St, Moscow'] }, '')?.addresses).toEqual(['1 Main St, Moscow']);
  });

  it('leaves out persons and entries with nothing a front company could share', () => {
    expect(frontCompanyEntry({ ...company, schema: 'Person', addresses: ['1 Main St, Moscow'] }, '')).toBeUndefined();
    expect(frontCompanyEntry({ ...company, identifiers: [], addresses: [], remarks: 'Linked To: X.' }, '')).toBeUndefined();
  });
});
