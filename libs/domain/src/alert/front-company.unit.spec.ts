import fc from 'fast-check';
import { addressKey, decideFrontCompany, identifierKey, type FrontCompanyEntry, type FrontCompanyParty } from './front-company';

const entry: FrontCompanyEntry = {
  listId: 'ofac-sdn',
  entryId: '31234',
  name: 'JSC RADIOAVIONIKA',
  countries: ['RU'],
  programs: ['RUSSIA-EO14024'],
  identifiers: [
    { type: 'Tax ID No.', value: '7826001547' },
    { type: 'Registration Number', value: '1027810225374' },
  ],
  addresses: ['ul. Troitskaya 4, Saint Petersburg 190005, Russia'],
};
const party = (p: Partial<FrontCompanyParty> = {}): FrontCompanyParty => ({ name: 'Avia Trade Minsk LLC', country: 'BY', ...p });
const T = 0.85;

describe('front-company rule', () => {
  it('compares identifiers by letters and digits only, and not short or digitless values', () => {
    expect(identifierKey(' 78-26 001/547 ')).toBe('7826001547');
    expect(identifierKey('N/A')).toBeUndefined();
    expect(identifierKey('12345')).toBeUndefined();
    expect(identifierKey('UBCDEF')).toBeUndefined();
  });

  it('compares addresses as sorted words without diacritics, and not a city and country alone', () => {
    expect(addressKey('ul. Troitskaya 4, Saint Petersburg 190005, Russia')).toBe(
      addressKey('RUSSIA, SAINT-PETERSBURG 190005, UL TROITSKAYA 4'),
    );
    expect(addressKey('Zürich 8022, Zweierstrasse 35')).toBe(addressKey('zweierstrasse 35 zurich 8022'));
    expect(addressKey('Moscow, Russia')).toBeUndefined();
    expect(addressKey('Minsk 5')).toBeUndefined();
  });

  it('alerts a party sharing an identifier, naming both schemes, in another country', () => {
    const d = decideFrontCompany(party({ identifiers: { unp: '192000001', inn: '78 2600 1547' } }), entry, undefined, T);
    expect(d.action).toBe('alert');
    if (d.action !== 'alert') return;
    expect(d.basis.shared).toEqual([{ kind: 'identifier', value: '7826001547', partyScheme: 'inn', listScheme: 'Tax ID No.' }]);
    expect(d.basis.otherCountry).toBe(true);
    expect(d.basis.notes.join(' ')).toMatch(/share the identifier 7826001547.*party is in BY, the listed entry in RU/);
  });

  it('alerts a shared address in the same country too, and says so', () => {
    const d = decideFrontCompany(
      party({ country: 'RU', address: 'Saint Petersburg 190005, Troitskaya ul. 4, Russia' }),
      entry,
      undefined,
      T,
    );
    expect(d.action === 'alert' && d.basis.shared[0]).toMatchObject({ kind: 'address', listAddress: entry.addresses[0] });
    expect(d.action === 'alert' && d.basis.otherCountry).toBe(false);
  });

  it('a close name in another country alerts only when the country factor took it below the threshold', () => {
    // 0.87 before the factor 0.95 → 0.8265 after: the name path raised nothing, the front-company rule does.
    const below = decideFrontCompany(party(), entry, { score: 0.8265, countryFactor: 0.95 }, T);
    expect(below.action === 'alert' && below.basis.shared).toEqual([{ kind: 'close-name', score: 0.8265, scoreBeforeCountry: 0.87 }]);
    // 0.95 after the factor: a name-match alert exists; no second alert on the name alone.
    expect(decideFrontCompany(party(), entry, { score: 0.95, countryFactor: 0.95 }, T)).toEqual({ action: 'none', why: 'name-alert' });
    // Below the threshold even before the factor: not close.
    expect(decideFrontCompany(party(), entry, { score: 0.76, countryFactor: 0.95 }, T)).toEqual({ action: 'none', why: 'nothing-shared' });
    // Same country (no factor): the name path decides.
    expect(decideFrontCompany(party({ country: 'RU' }), entry, { score: 0.84, countryFactor: 1 }, T).action).toBe('none');
  });

  it('a name alert plus a shared identifier is a front-company alert on the identifier', () => {
    const d = decideFrontCompany(party({ identifiers: { inn: '7826001547' } }), entry, { score: 0.95, countryFactor: 0.95 }, T);
    expect(d.action === 'alert' && d.basis.shared.map((s) => s.kind)).toEqual(['identifier']);
  });

  it('fast-check: alerted iff an identifier or address key is shared or the name is close only before the factor; order never matters', () => {
    const ids = fc.constantFrom('7826001547', '1027810225374', '192000001', 'N/A', '12-34-56-78');
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('inn', 'ogrn', 'unp', 'imo'), ids, { maxKeys: 4 }),
        fc.array(ids, { maxLength: 4 }),
        fc.option(fc.constantFrom('ul. Troitskaya 4, Saint Petersburg 190005', 'Pr. Pobeditelei 7, Minsk 220004'), { nil: undefined }),
        fc.array(fc.constantFrom('SAINT PETERSBURG 190005, TROITSKAYA 4, UL', 'Lenina 5, Minsk 220030'), { maxLength: 2 }),
        fc.option(fc.record({ score: fc.double({ min: 0.5, max: 1, noNaN: true }), countryFactor: fc.constantFrom(1, 0.95) }), {
          nil: undefined,
        }),
        fc.constantFrom('BY', 'RU'),
        (pIds, eIds, address, eAddresses, name, country) => {
          const e: FrontCompanyEntry = { ...entry, identifiers: eIds.map((value) => ({ type: 't', value })), addresses: eAddresses };
          const p = party({ identifiers: pIds, ...(address ? { address } : {}), country });
          const d = decideFrontCompany(p, e, name, T);
          const keys = new Set(eIds.map(identifierKey).filter(Boolean));
          const sharedId = Object.values(pIds).some((v) => identifierKey(v) && keys.has(identifierKey(v)));
          const sharedAddress = !!address && !!addressKey(address) && eAddresses.some((a) => addressKey(a) === addressKey(address));
          const close =
            !!name && country !== 'RU' && name.countryFactor < 1 && name.score < T && name.score / name.countryFactor >= T - 1e-9;
          expect(d.action === 'alert').toBe(sharedId || sharedAddress || close);
          const shuffled = decideFrontCompany(
            { ...p, identifiers: Object.fromEntries(Object.entries(pIds).reverse()) },
            { ...e, identifiers: [...e.identifiers].reverse(), addresses: [...e.addresses].reverse() },
            name,
            T,
          );
          expect(shuffled).toEqual(d);
        },
      ),
    );
  });
});
