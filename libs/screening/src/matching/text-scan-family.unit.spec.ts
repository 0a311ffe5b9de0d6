import type { ListId, SanctionsEntry } from '../model';
import { countryQualifying } from '../report-screening/country-qualifier';
import { ScreeningIndex } from './screening-index';
import { FAMILY_ALONE_SCORE, isCommonSurname, isStateOrganName } from './text-scan';

type Schema = SanctionsEntry['schema'];
const entry = (entryId: string, schema: Schema, primaryName: string, countries: string[] = [], aliases: string[] = []): SanctionsEntry => ({
  listId: (entryId.includes('.') ? 'un' : 'ofac-sdn') as ListId,
  entryId,
  schema,
  primaryName,
  names: [{ value: primaryName, kind: 'primary' }, ...aliases.map((value) => ({ value, kind: 'aka' as const }))],
  programs: ['TEST'],
  countries,
  identifiers: [],
});

// Real entries of the bundled lists (OFAC SDN 2024-05-03 with the 2025-12 aliases, UN 2026-02).
const index = new ScreeningIndex([
  {
    listId: 'ofac-sdn',
    version: 'test',
    contentHash: 'test',
    entries: [
      entry('35096', 'Person', 'PUTIN, Vladimir Vladimirovich', ['RU'], ['PUTIN, Vladimir']),
      entry('9760', 'Person', 'LUKASHENKA, Alyaksandr Ryhorovich', ['BY'], ['LUKASHENKO, Alexander Grigoryevich']),
      entry('9797', 'Person', 'LUKASHENKA, Viktar Aliaksandravich', ['BY'], ['LUKASHENKO, Viktor Aliaksandravich']),
      entry('26665', 'Person', 'SMIRNOV, Dmitriy Konstantinovich', ['RU']),
      entry('28659', 'Organization', 'MAIN STREET 1095 PROPRIETARY LIMITED', ['AU']),
      entry('KPe.054', 'Organization', 'MINISTRY OF NATIONAL DEFENCE', ['KP'], ['MINISTRY OF DEFENSE']),
      entry('10391', 'Organization', 'ISLAMIC REVOLUTIONARY GUARD CORPS', ['IR']),
      entry('15037', 'Vessel', 'ARK III', ['IR']),
      entry('34941', 'Vessel', 'LINDA', ['IR']),
      entry('46773', 'Vessel', 'MARIA', ['RU']),
      entry('15613', 'Aircraft', 'YK-ANH'),
      entry('30968', 'Person', 'YOU, Quan', ['CN']),
      entry('24752', 'Organization', 'GOLDEN STAR CO', ['HK']),
      entry('12211', 'Person', 'KIM, Yong Chol', ['KP'], ['KIM, Young-Chol']),
      entry('37790', 'Organization', 'RT-CAPITAL LIMITED LIABILITY COMPANY', ['RU']),
      entry('29788', 'Organization', 'MINISTRY OF PETROLEUM', ['IR']),
      entry('10392', 'Organization', 'MINISTRY OF DEFENSE AND ARMED FORCES LOGISTICS', ['IR']),
    ],
  },
]);
const matches = (text: string) => index.scanText(text).map((m) => [m.entry.entryId, m.span.text, m.score]);
const ids = (text: string) =>
  index
    .scanText(text)
    .map((m) => m.entry.entryId)
    .sort();

describe('text scan: a listed family name written alone', () => {
  it('alerts with a possessive after it or a title before it, at FAMILY_ALONE_SCORE', () => {
    expect(matches("Putin's spokesman declined to comment.")).toEqual([['35096', 'Putin', FAMILY_ALONE_SCORE]]);
    expect(matches('President Putin signed it.')).toEqual([['35096', 'Putin', FAMILY_ALONE_SCORE]]);
  });

  it('never alerts a surname several listed persons bear (Lukashenko and his sons): the text cannot say which', () => {
    expect(ids('Mr. Lukashenko told reporters he would visit Beijing.')).toEqual([]);
    expect(ids("Talks with Lukashenko's government broke down.")).toEqual([]);
  });

  it('is the full-named person\'s when the text names one: "Alexander Lukashenko … Lukashenko\'s"', () => {
    expect(ids("Alexander Lukashenko arrived on Tuesday. Lukashenko's visit was short.")).toEqual(['9760']);
    expect(ids('Viktor Lukashenko spoke first. Mr. Lukashenko said little.')).toEqual(['9797']);
  });

  it('never alerts a bare surname, a common surname or a surname given to someone else', () => {
    expect(ids('Putin said on Monday that talks would go on.')).toEqual([]);
    expect(isCommonSurname('smirnov')).toBe(true);
    expect(isCommonSurname('lukashenko')).toBe(false);
    expect(ids("Mr. Smirnov's farm lost half its wheat.")).toEqual([]);
    expect(ids('Sergei Putin, a teacher, spoke. Mr. Putin said the school would reopen.')).toEqual([]);
  });

  it('never alerts a given name or a middle name alone', () => {
    expect(ids("Vladimir's brother said hello. Mr. Vladimirovich's car was late.")).toEqual([]);
    expect(ids("President Alexander's speech was short.")).toEqual([]);
  });

  it('still alerts the full name', () => {
    expect(matches('Vladimir Putin met the press.')).toEqual([['35096', 'Vladimir Putin', 1]]);
  });
});

describe('text scan: a name of ordinary words must be written in full', () => {
  it('takes "Main Street" for a street, not MAIN STREET 1095 PROPRIETARY LIMITED', () => {
    expect(ids('A man was arrested at a store on Main Street early on Thursday.')).toEqual([]);
  });

  it('still finds such a name written in full', () => {
    expect(ids('The Islamic Revolutionary Guard Corps said it had tested a missile.')).toEqual(['10391']);
    expect(ids('Shares were held by Main Street 1095 Proprietary Limited.')).toEqual(['28659']);
  });
});

describe('text scan: a state organ qualified by a country abbreviation', () => {
  it('reads DPRK, PRC, UAE before the organ and after "of"', () => {
    const at = (text: string, span: string) => countryQualifying(text, text.indexOf(span), text.indexOf(span) + span.length);
    expect(at('The DPRK Ministry of National Defence signed the order.', 'Ministry')).toBe('KP');
    expect(at("the PRC's Ministry of Commerce", 'Ministry')).toBe('CN');
    expect(at('the Central Bank of the UAE', 'Central Bank')).toBe('AE');
    expect(at('The IT Ministry said', 'Ministry')).toBeUndefined();
  });

  it("alerts the DPRK's listed ministry only where the text says it is the DPRK's", () => {
    expect(ids('The DPRK Ministry of National Defence signed the order.')).toEqual(['KPe.054']);
    expect(ids('The Ministry of Defense said the road would close.')).toEqual([]);
  });
});

describe('text scan: a roman numeral in capitals is the number of a name', () => {
  it('finds the tanker ARK III written "Ark III", not "World War II"', () => {
    expect(matches('The tanker Ark III took on fuel in a ship-to-ship transfer.')).toEqual([['15037', 'Ark III', 1]]);
    expect(ids('The ark ii was a ship of legend.')).toEqual([]);
  });
});

describe('text scan: a short legal form that is also a word', () => {
  it('takes "As" in a Title Case headline for a word, not the Norwegian AS of RT-CAPITAL LLC', () => {
    expect(ids('Golden Dawn Over The Capital As Festival Opens')).toEqual([]);
  });
});

describe('text scan: a ministry of a sector is generic', () => {
  it('recognises sector ministries, not longer or country-named ones', () => {
    expect(isStateOrganName('Ministry of Petroleum')).toBe(true);
    expect(isStateOrganName('Ministry of Mines and Energy')).toBe(true);
    expect(isStateOrganName('Oil Ministry')).toBe(true);
    expect(isStateOrganName('Ministry of Defense of Syria')).toBe(false);
    expect(isStateOrganName('Ministry of Defense and Armed Forces Logistics')).toBe(false);
  });

  it("alerts Iran's listed Ministry of Petroleum only where the text says it is Iran's", () => {
    expect(ids('The Ministry of Petroleum said output would rise.')).toEqual([]);
    expect(ids("Iran's Ministry of Petroleum said output would rise.")).toEqual(['29788']);
    expect(ids('The Ministry of Defense and Armed Forces Logistics ordered the drones.')).toEqual(['10392']);
  });
});

describe('text scan: a ship or aircraft word must speak of the name itself', () => {
  it('does not take a given name for a vessel because a boat is spoken of in the sentence', () => {
    expect(ids('The ferry was late again on Friday, Linda said.')).toEqual([]);
    expect(ids('Maria took the boat to the island every summer.')).toEqual([]);
    expect(ids('Captain Maria steered the vessel into port.')).toEqual([]);
  });

  it('finds the vessel introduced by the ship word, in apposition or by IMO number', () => {
    expect(ids('The tanker Linda was seized.')).toEqual(['34941']);
    expect(ids('Linda, an Iranian crude tanker, was seized.')).toEqual(['34941']);
    expect(ids('Maria (IMO 9187629) was seized.')).toEqual(['46773']);
    expect(ids('Flight trackers showed the plane registered YK-ANH over the sea.')).toEqual(['15613']);
  });

  it('takes "the ship Grace Maria" for another ship; keeps words the listed name holds (the tanker Lady Mariia)', () => {
    expect(ids('The ship Grace Maria docked at dawn.')).toEqual([]);
    expect(ids('The ship Maria docked at dawn.')).toEqual(['46773']);
    expect(ids('Cargo was moved onto the MV Maria at night.')).toEqual(['46773']);
  });

  it('finds a name written with a word the list files as a title or prefix between it and the ship word', () => {
    const lady = new ScreeningIndex([
      { listId: 'ofac-sdn', version: 't', contentHash: 't', entries: [entry('37089', 'Vessel', 'LADY MARIIA', ['RU'])] },
    ]);
    expect(lady.scanText('Port records show the tanker Lady Mariia left on Tuesday.').map((m) => m.entry.entryId)).toEqual(['37089']);
  });
});

describe('text scan: headlines and names written as the text writes them', () => {
  it('takes "You Can" in a Title Case or capital headline for words: an ordinary word a letter off is no hit', () => {
    expect(ids('You Can Do It: Ten Tips For Spring')).toEqual([]);
    expect(ids('YOU CAN DO IT')).toEqual([]);
    expect(ids('The court heard that You Quan had signed the order.')).toEqual(['30968']);
  });

  it('needs the legal form of a name made of ordinary words', () => {
    expect(ids('Golden Star Awards Tonight')).toEqual([]);
    expect(ids('Payments went to Golden Star Co in Hong Kong.')).toEqual(['24752']);
  });

  it('scores a person on the whole name the text writes: Kim Young Hee is not KIM Young-Chol', () => {
    expect(ids('Kim Young Hee, a student, said the exam was hard.')).toEqual([]);
    expect(ids('Kim Young Chol led the delegation.')).toEqual(['12211']);
  });
});

describe('text scan: a legal form written before a name of ordinary words', () => {
  const bank = new ScreeningIndex([
    {
      listId: 'ofac-sdn',
      version: 't',
      contentHash: 't',
      entries: [entry('1', 'Organization', 'JOINT STOCK COMPANY RUSSIAN REGIONAL DEVELOPMENT BANK', ['RU'])],
    },
  ]);
  it('counts: Joint Stock Company Russian Regional Development Bank', () => {
    expect(
      bank.scanText('Officials said Joint Stock Company Russian Regional Development Bank signed it.').map((m) => m.entry.entryId),
    ).toEqual(['1']);
  });
});
