import type { ListId, SanctionsEntry } from '../model';
import { ScreeningIndex } from './screening-index';
import { isOrdinaryWord, isStateOrganName, textTokens } from './text-scan';

type Schema = SanctionsEntry['schema'];
const entry = (
  listId: string,
  entryId: string,
  schema: Schema,
  primaryName: string,
  countries: string[] = [],
  aliases: string[] = [],
): SanctionsEntry => ({
  listId: listId as ListId,
  entryId,
  schema,
  primaryName,
  names: [{ value: primaryName, kind: 'primary' }, ...aliases.map((value) => ({ value, kind: 'aka' as const }))],
  programs: ['TEST'],
  countries,
  identifiers: [],
});

// Real list entries (OFAC SDN 2024-05-03, UN 2026-02) behind the seed article's false alarms and its true names.
const index = new ScreeningIndex([
  {
    listId: 'un',
    version: 'test',
    contentHash: 'test',
    entries: [
      entry('un', 'QDi.222', 'Person', 'NESSIM BEN ROMDHANE SAHRAOUI', ['TN'], ['Dass']),
      entry('ofac-sdn', '30968', 'Person', 'YOU, Quan', ['CN']),
      entry('ofac-sdn', '15052', 'Vessel', 'AMBER', ['IR'], ['FREEDOM']),
      entry('un', 'KPe.054', 'Organization', 'MINISTRY OF NATIONAL DEFENCE', ['KP'], ['MINISTRY OF DEFENSE']),
      entry('ofac-sdn', '23015', 'Organization', "CENTRAL BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", ['KP'], ['CENTRAL BANK']),
      entry('ofac-sdn', '35096', 'Person', 'PUTIN, Vladimir Vladimirovich', ['RU'], ['PUTIN, Vladimir']),
      entry('ofac-sdn', '9760', 'Person', 'LUKASHENKA, Alyaksandr Ryhorovich', ['BY'], ['LUKASHENKO, Alexander Grigoryevich']),
      entry('ofac-sdn', '18782', 'Organization', 'ROSOBORONEKSPORT OAO', ['RU'], ['ROSOBORONEXPORT JSC']),
      entry('ofac-sdn', '22543', 'Organization', "PRIVATE MILITARY COMPANY 'WAGNER'", ['RU'], ['WAGNER GROUP']),
      entry('ofac-sdn', '45728', 'Organization', 'GLOBE TREKKERS LLC', ['AE']),
      entry('ofac-sdn', '15431', 'Aircraft', 'EP-GOM'),
      entry('ofac-sdn', '33706', 'Vessel', 'FU YUAN YU 8678', ['CN']),
    ],
  },
]);
const found = (text: string) => index.scanText(text).map((m) => [m.entry.entryId, m.span.text]);
const ids = (text: string) => index.scanText(text).map((m) => m.entry.entryId);

describe('text scan: a single ordinary word never alerts', () => {
  it('takes "Days" for a word, not the UN alias Dass', () => {
    expect(isOrdinaryWord('Days')).toBe(true);
    expect(found('Days before the vote, officials met in the capital.')).toEqual([]);
    expect(found('He said Days later that nothing had changed.')).toEqual([]);
  });

  it('takes weekdays, months, countries and nationalities for ordinary words, a surname or a company name not', () => {
    for (const w of ['Monday', 'August', 'Russia', 'Belarusian', 'Freedom', 'Courts']) expect(isOrdinaryWord(w)).toBe(true);
    for (const w of ['Rosoboronexport', 'Lukashenko', 'Kristy']) expect(isOrdinaryWord(w)).toBe(false);
  });

  it('finds a one-word listed name that is no ordinary word, alone or with its legal form', () => {
    expect(found('Analysts say Rosoboronexport kept delivering helicopters.')).toEqual([['18782', 'Rosoboronexport']]);
    expect(found('Rosoboronexport JSC will deliver the systems.')).toEqual([['18782', 'Rosoboronexport JSC']]);
  });
});

describe('text scan: a lower-case phrase never alerts', () => {
  it('takes "you can" for words, not YOU, Quan', () => {
    expect(found('Now, you can combat internet censorship in a new way.')).toEqual([]);
    expect(found('You can sanction us all you want, and it does not matter.')).toEqual([]);
  });

  it('still finds the name written as a name', () => {
    expect(ids('The broker You Quan signed the contract.')).toEqual(['30968']);
  });
});

describe('text scan: a middle name alone never alerts', () => {
  it('takes Amber in "Kristy Amber Bryant" for part of a name, even where ships are spoken of', () => {
    expect(found('In the British Journal of Chinese Studies, Kristy Amber Bryant argued against it.')).toEqual([]);
    expect(found('The shipping analyst Kristy Amber Bryant wrote about tankers.')).toEqual([]);
  });

  it('cuts a possessive off the name', () => {
    expect(textTokens('Lukashenko’s visit').map((t) => [t.text, t.end])).toEqual([
      ['lukashenko', 10],
      ['visit', 18],
    ]);
    expect(found('Belarusian strongman Alexander Lukashenko’s impromptu visit to Beijing.')).toEqual([['9760', 'Alexander Lukashenko']]);
  });
});

describe('text scan: vessel and aircraft names need the text to speak of a ship or an aircraft', () => {
  it('does not take Amber or Freedom for the vessel without a word about ships', () => {
    expect(found('Amber was seen in the Gulf last week.')).toEqual([]);
    expect(found('Freedom of information requests show the costs.')).toEqual([]);
  });

  it('finds the vessel after "the tanker", with MV, a flag or an IMO number nearby', () => {
    expect(found('The tanker Amber left Bandar Abbas on Tuesday.')).toEqual([['15052', 'Amber']]);
    expect(ids('Satellite images show MV Freedom off the coast.')).toEqual(['15052']);
    expect(ids('Amber, a Panama-flagged ship, loaded at night.')).toEqual(['15052']);
    expect(ids('The fishing vessel Fu Yuan Yu 8678 was detained.')).toEqual(['33706']);
  });

  it('finds an aircraft registration near "aircraft", never its letters alone', () => {
    expect(found('The aircraft EP-GOM landed in Damascus.')).toEqual([['15431', 'EP-GOM']]);
    expect(found('EP-GOM landed in Damascus.')).toEqual([]);
    expect(found('The aircraft GOM landed in Damascus.')).toEqual([]);
  });
});

describe('text scan: an unqualified state organ names no listed organ', () => {
  it('recognises generic organ names', () => {
    expect(isStateOrganName('Ministry of Defense')).toBe(true);
    expect(isStateOrganName('the Ministry of Foreign Affairs')).toBe(true);
    expect(isStateOrganName('Central Bank')).toBe(true);
    expect(isStateOrganName('Central Bank of Iran')).toBe(false);
    expect(isStateOrganName('Oko Design Bureau')).toBe(false);
  });

  it("does not take the Ministry of Defense or the Central Bank for the DPRK's", () => {
    expect(found('The Ministry of Defense said the drills would continue.')).toEqual([]);
    expect(found('The Central Bank raised rates on Tuesday.')).toEqual([]);
    expect(found('The Ministry of Foreign Affairs said nothing.')).toEqual([]);
  });

  it("finds it where the text names the country: North Korea's, of North Korea", () => {
    expect(ids("North Korea's Ministry of Defense said the launch succeeded.")).toEqual(['KPe.054']);
    expect(ids('The Ministry of Defense of North Korea said the launch succeeded.')).toEqual(['KPe.054']);
  });
});

describe('text scan: real names still alert', () => {
  it.each([
    ['Xi Jinping declared a partnership with Vladimir Putin.', '35096', 'Vladimir Putin'],
    ['Belarusian President Alexander Lukashenko visited Beijing on a three-day trip.', '9760', 'Alexander Lukashenko'],
    ['Fighters of the Wagner Group were seen in Mali.', '22543', 'Wagner Group'],
    ['Globe Trekkers LLC, registered in Dubai, chartered the aircraft.', '45728', 'Globe Trekkers'],
  ])('%s', (text, entryId, span) => {
    expect(found(text)).toContainEqual([entryId, span]);
  });
});
